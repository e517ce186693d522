// Writes shared by the units and the central-bodies imports. Every function runs inside the
// import's transaction; org_tree follows through the triggers on organizations.
import { sql } from 'drizzle-orm';
import { rows, type Db } from '@dxhub/kit';
import { organizations } from '../db/schema.js';
import { uuidArray } from '../db/sql.js';
import type { OrgKind, OrgLevel, OrgSource } from '../model.js';
import { searchKey, shortSearchKey } from '../search-key.js';

/** Summary of one import, as the CLI prints it. */
export interface ImportReport {
  kind: 'UNITS' | 'AGENCIES';
  /** Base name of the imported file. */
  file: string;
  format: 'json' | 'csv';
  /** Date the list takes effect; changed units close the day before. */
  effective: string;
  /** Records read from the file. */
  records: number;
  /** Units left as they were. */
  continued: number;
  /** New unit versions opened. */
  opened: number;
  /** Unit versions closed. */
  closed: number;
  /** Versions corrected in place (English name, or an agency's end date). */
  updated: number;
  /** Succession links added from the mapping. */
  links: number;
  /** False when the directory already matched the file and nothing was written. */
  changed: boolean;
  durationMs: number;
}

/** A version to insert; the id is chosen by the caller so children can point at it. */
export interface NewVersion {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  kind: OrgKind;
  level: OrgLevel;
  unitType: string | null;
  parentId: string | null;
  validFrom: string;
  validTo: string | null;
  source: OrgSource;
}

/**
 * Key of the transaction-scoped advisory lock imports take, so two imports on one PostgreSQL
 * run one after the other and each sees the other's result.
 */
const IMPORT_LOCK_KEY = 7_304_211_910;

/** Rows per INSERT statement: keeps each statement well below PostgreSQL's 65,535 parameters. */
const INSERT_CHUNK = 1000;

export async function lockImports(tx: Db): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${IMPORT_LOCK_KEY})`);
}

/** Returns the effective date of the latest import of a kind that changed the directory, or null. */
export async function latestImportDate(tx: Db, kind: ImportReport['kind']): Promise<string | null> {
  const [row] = rows<{ latest: string | null }>(
    await tx.execute(
      sql`select max(effective)::text as latest from network.imports where kind = ${kind}`,
    ),
  );
  return row?.latest ?? null;
}

/**
 * Inserts versions in the given order, which must put parents before their children: the
 * org_tree trigger reads each parent's ancestors.
 */
export async function insertVersions(tx: Db, versions: NewVersion[]): Promise<void> {
  for (let start = 0; start < versions.length; start += INSERT_CHUNK) {
    const chunk = versions.slice(start, start + INSERT_CHUNK).map((version) => ({
      ...version,
      searchKey: searchKey(version.name),
      searchKeyShort: shortSearchKey(version.name),
    }));
    await tx.insert(organizations).values(chunk);
  }
}

/** Closes versions: `validTo` is their last valid day. */
export async function closeVersions(tx: Db, ids: string[], validTo: string): Promise<void> {
  if (ids.length === 0) return;
  await tx.execute(sql`
    update network.organizations set valid_to = ${validTo}, updated_at = now()
    where id = any(${uuidArray(ids)})`);
}

export async function recordImport(
  tx: Db,
  report: Omit<ImportReport, 'changed' | 'durationMs' | 'records' | 'updated'>,
  sha256: string,
): Promise<void> {
  await tx.execute(sql`
    insert into network.imports (kind, effective, file_name, sha256, format, continued, opened, closed, links)
    values (${report.kind}, ${report.effective}, ${report.file}, ${sha256}, ${report.format},
            ${report.continued}, ${report.opened}, ${report.closed}, ${report.links})`);
}
