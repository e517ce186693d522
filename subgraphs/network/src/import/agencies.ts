// `dxhub import agencies FILE` and the start-up seed of the central bodies.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { rows, type Database, type Db, type Logger } from '@dxhub/kit';
import { addDays, isIsoDate, today } from '../dates.js';
import { UNKNOWN_START_DATE, type OrgKind } from '../model.js';
import { importError } from './errors.js';
import { applyMapping, readMapping, type MappingRow } from './mapping.js';
import { cleanText, parseJsonArray, readSourceFile } from './source-file.js';
import {
  closeVersions,
  insertVersions,
  latestImportDate,
  lockImports,
  recordImport,
  type ImportReport,
  type NewVersion,
} from './writes.js';

/** The central bodies the product ships, with the coordinating agency. */
export const SHIPPED_AGENCIES_FILE = fileURLToPath(
  new URL('../../data/agencies.json', import.meta.url),
);
/** Successions between the shipped central bodies on 2025-03-01. */
export const SHIPPED_SUCCESSIONS_FILE = fileURLToPath(
  new URL('../../data/agencies-successions.csv', import.meta.url),
);

export interface ImportAgenciesOptions {
  /** Date from which changed names, kinds or parents apply; today when unset. */
  effective?: string | undefined;
  mapping?: string | undefined;
  logger?: Logger | undefined;
}

/** One central body of the list; a body that moved appears once per period. */
interface AgencyRecord {
  row: number;
  code: string;
  name: string;
  nameEn: string | null;
  kind: OrgKind;
  parentCode: string | null;
  validFrom: string;
  validTo: string | null;
}

/** Central-level version, whether stored or planned in this run. */
interface CentralVersion {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  kind: string;
  parentId: string | null;
  validFrom: string;
  validTo: string | null;
}

const KINDS: Record<string, OrgKind> = {
  ministry: 'MINISTRY',
  'ministerial-agency': 'MINISTERIAL_AGENCY',
  'government-agency': 'GOVERNMENT_AGENCY',
  'agency-unit': 'AGENCY_UNIT',
};

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Imports a list of central bodies (`{code, name, nameEn, kind, validFrom?, validTo?,
 * parentCode?}`, kinds `ministry`, `ministerial-agency`, `government-agency` and `agency-unit`
 * for a body under one of them) in one transaction. Each record is compared with the latest
 * stored version of its code within its period. An unchanged version continues, and a changed
 * end date or English name is corrected in place. A changed name, kind or parent closes the
 * version the day before `effective` and opens a new one. A record starting while an open
 * version runs closes that version the day before. Bodies missing from the file stay as they are.
 */
export async function importAgencies(
  database: Database,
  file: string,
  options: ImportAgenciesOptions = {},
): Promise<ImportReport> {
  return runAgencyImport(database, file, { ...options, mode: 'sync' });
}

/**
 * Adds the shipped central bodies and their successions to the directory where they are
 * missing. It never changes a stored version, so an operator's later import is kept, and a
 * second run writes nothing. Runs at every start.
 */
export async function seedCentralBodies(
  database: Database,
  options: { logger?: Logger } = {},
): Promise<ImportReport> {
  return runAgencyImport(database, SHIPPED_AGENCIES_FILE, {
    mapping: SHIPPED_SUCCESSIONS_FILE,
    logger: options.logger,
    mode: 'seed',
  });
}

async function runAgencyImport(
  database: Database,
  file: string,
  options: ImportAgenciesOptions & { mode: 'sync' | 'seed' },
): Promise<ImportReport> {
  const started = performance.now();
  const effective = options.effective ?? today();
  if (!isIsoDate(effective)) {
    throw importError(
      'EFFECTIVE_DATE_INVALID',
      `effective date "${effective}" is not a YYYY-MM-DD calendar date`,
      `ngày hiệu lực "${effective}" không phải ngày dạng YYYY-MM-DD`,
    );
  }
  const source = readSourceFile(file);
  const records = readAgencies(parseJsonArray(source));
  const mapping: MappingRow[] = options.mapping ? readMapping(options.mapping) : [];

  const report = await database.db.transaction(async (tx) => {
    await lockImports(tx);
    if (options.mode === 'sync') {
      const latest = await latestImportDate(tx, 'AGENCIES');
      if (latest && effective < latest) {
        throw importError(
          'LIST_OUTDATED',
          `the list is dated ${effective}, before the latest agencies import of ${latest}; import lists in date order`,
          `danh mục có hiệu lực ${effective}, trước lần nhập gần nhất (${latest}); hãy nhập các danh mục theo thứ tự thời gian`,
        );
      }
    }

    const plan = new AgencyPlan(await centralVersions(tx), effective, options.mode);
    for (const record of records) plan.apply(record);
    await plan.write(tx);
    const links = await applyMapping(tx, mapping, {
      lenient: options.mode === 'seed',
      logger: options.logger,
    });

    const result = {
      kind: 'AGENCIES' as const,
      file: source.name,
      format: source.format,
      effective,
      records: records.length,
      continued: plan.continued,
      opened: plan.inserts.length,
      closed: plan.closes.length,
      updated: plan.updates.length,
      links,
    };
    const changed = result.opened + result.closed + result.updated + result.links > 0;
    if (changed && options.mode === 'sync') await recordImport(tx, result, source.sha256);
    return { ...result, changed };
  });

  const done = { ...report, durationMs: Math.round(performance.now() - started) };
  if (done.changed)
    options.logger?.info({ import: done, path: source.path }, 'central bodies import finished');
  return done;
}

function readAgencies(items: Record<string, unknown>[]): AgencyRecord[] {
  const records = items.map((item, index): AgencyRecord => {
    const row = index + 1;
    const code = cleanText(item.code);
    const rawKind = cleanText(item.kind);
    const kind = KINDS[rawKind];
    const validFrom = cleanText(item.validFrom) || UNKNOWN_START_DATE;
    const validTo = cleanText(item.validTo) || null;
    const parentCode = cleanText(item.parentCode) || null;
    const name = cleanText(item.name);

    if (!SLUG.test(code)) {
      throw importError(
        'FIELD_INVALID',
        `code "${code}" must be a lower-case slug such as bo-tai-chinh`,
        `mã "${code}" phải viết thường, nối bằng dấu gạch ngang, ví dụ bo-tai-chinh`,
        row,
      );
    }
    if (!name)
      throw importError(
        'FIELD_MISSING',
        `the name of ${code} is empty`,
        `tên của ${code} bị để trống`,
        row,
      );
    if (!kind) {
      const allowed = Object.keys(KINDS).join(', ');
      throw importError(
        'FIELD_INVALID',
        `kind "${rawKind}" of ${code} is not one of ${allowed}`,
        `loại "${rawKind}" của ${code} không thuộc ${allowed}`,
        row,
      );
    }
    for (const [field, value] of [
      ['validFrom', validFrom],
      ['validTo', validTo],
    ] as const) {
      if (value !== null && !isIsoDate(value)) {
        throw importError(
          'FIELD_INVALID',
          `${field} "${value}" is not a YYYY-MM-DD date`,
          `${field} "${value}" không phải ngày dạng YYYY-MM-DD`,
          row,
        );
      }
    }
    if (validTo !== null && validTo < validFrom) {
      throw importError(
        'FIELD_INVALID',
        `validTo ${validTo} is before validFrom ${validFrom}`,
        `validTo ${validTo} trước validFrom ${validFrom}`,
        row,
      );
    }
    if ((kind === 'AGENCY_UNIT') !== (parentCode !== null)) {
      throw importError(
        'FIELD_INVALID',
        kind === 'AGENCY_UNIT'
          ? `agency unit ${code} needs a parentCode`
          : `${rawKind} ${code} must have no parentCode`,
        kind === 'AGENCY_UNIT'
          ? `đơn vị ${code} thuộc bộ cần parentCode`
          : `${code} (${rawKind}) không được có parentCode`,
        row,
      );
    }
    return {
      row,
      code,
      name,
      nameEn: cleanText(item.nameEn) || null,
      kind,
      parentCode,
      validFrom,
      validTo,
    };
  });
  // Bodies without a parent first, so every parent is planned before the units under it.
  return [...records.filter((r) => !r.parentCode), ...records.filter((r) => r.parentCode)];
}

async function centralVersions(tx: Db): Promise<CentralVersion[]> {
  const found = rows<{
    id: string;
    code: string;
    name: string;
    name_en: string | null;
    kind: string;
    parent_id: string | null;
    valid_from: string;
    valid_to: string | null;
  }>(
    await tx.execute(sql`
      select id, code, name, name_en, kind, parent_id, valid_from::text as valid_from, valid_to::text as valid_to
      from network.organizations where level = 'CENTRAL'`),
  );
  return found.map((row) => ({
    id: row.id,
    code: row.code,
    name: row.name,
    nameEn: row.name_en,
    kind: row.kind,
    parentId: row.parent_id,
    validFrom: row.valid_from,
    validTo: row.valid_to,
  }));
}

function overlaps(
  a: { validFrom: string; validTo: string | null },
  b: { validFrom: string; validTo: string | null },
): boolean {
  return a.validFrom <= (b.validTo ?? '9999-12-31') && b.validFrom <= (a.validTo ?? '9999-12-31');
}

/** The changes an agencies list makes, planned in memory before any write. */
class AgencyPlan {
  continued = 0;
  readonly inserts: NewVersion[] = [];
  readonly closes: { id: string; validTo: string }[] = [];
  readonly updates: { id: string; nameEn: string | null; validTo: string | null }[] = [];

  constructor(
    private readonly versions: CentralVersion[],
    private readonly effective: string,
    private readonly mode: 'sync' | 'seed',
  ) {}

  /**
   * Plans one record against the versions of its code that overlap its period. When the latest
   * of them starts no earlier than the record, it is the record's own version or the one an
   * earlier import opened when the body changed, and the record is compared with it.
   */
  apply(record: AgencyRecord): void {
    const overlapping = this.versions.filter((v) => v.code === record.code && overlaps(v, record));
    if (this.mode === 'seed') {
      if (overlapping.length > 0) this.continued += 1;
      else this.open(record, record.validFrom);
      return;
    }
    if (overlapping.length === 0) {
      this.open(record, record.validFrom);
      return;
    }

    const latest = overlapping.reduce((a, b) => (a.validFrom > b.validFrom ? a : b));
    if (latest.validFrom < record.validFrom) {
      this.openReplacing(record, overlapping);
      return;
    }
    const parentId = this.parentOf(record, latest.validFrom);
    if (
      latest.name !== record.name ||
      latest.kind !== record.kind ||
      latest.parentId !== parentId
    ) {
      this.reopen(record, latest);
      return;
    }
    if (latest.nameEn === record.nameEn && latest.validTo === record.validTo) {
      this.continued += 1;
      return;
    }
    const later = this.versions.find(
      (v) =>
        v.code === record.code &&
        v.validFrom > latest.validFrom &&
        overlaps(v, { validFrom: latest.validFrom, validTo: record.validTo }),
    );
    if (later) throw this.overlapError(record, later);
    latest.nameEn = record.nameEn;
    latest.validTo = record.validTo;
    this.updates.push({ id: latest.id, nameEn: record.nameEn, validTo: record.validTo });
  }

  /** Opens a version that starts later than the open one of its code, which closes the day before. */
  private openReplacing(record: AgencyRecord, others: CentralVersion[]): void {
    const [only] = others;
    if (
      others.length > 1 ||
      (only && (only.validTo !== null || only.validFrom >= record.validFrom))
    ) {
      throw this.overlapError(record, only!);
    }
    if (only) this.close(only, addDays(record.validFrom, -1));
    this.open(record, record.validFrom);
  }

  /** Replaces a version whose name, kind or parent changed from the effective date on. */
  private reopen(record: AgencyRecord, match: CentralVersion): void {
    if (
      match.validFrom >= this.effective ||
      (match.validTo !== null && match.validTo < this.effective)
    ) {
      throw importError(
        'UNIT_OPENED_SAME_DAY',
        `${record.code} changed, but its version from ${match.validFrom} to ${match.validTo ?? 'now'} does not span the effective date ${this.effective}; give the changed body its own validFrom`,
        `${record.code} đã thay đổi nhưng phiên bản từ ${match.validFrom} đến ${match.validTo ?? 'nay'} không bao gồm ngày hiệu lực ${this.effective}; hãy ghi validFrom riêng cho đơn vị đã thay đổi`,
        record.row,
      );
    }
    this.close(match, addDays(this.effective, -1));
    this.open(record, this.effective);
  }

  private open(record: AgencyRecord, validFrom: string): void {
    const version: NewVersion = {
      id: randomUUID(),
      code: record.code,
      name: record.name,
      nameEn: record.nameEn,
      kind: record.kind,
      level: 'CENTRAL',
      unitType: null,
      parentId: this.parentOf(record, validFrom),
      validFrom,
      validTo: record.validTo,
      source: 'AGENCIES',
    };
    this.inserts.push(version);
    this.versions.push({ ...version });
  }

  private close(version: CentralVersion, validTo: string): void {
    version.validTo = validTo;
    this.closes.push({ id: version.id, validTo });
  }

  /** The parent's version valid over the whole period, from `validFrom` to the record's end. */
  private parentOf(record: AgencyRecord, validFrom: string): string | null {
    if (!record.parentCode) return null;
    const period = { validFrom, validTo: record.validTo };
    const parent = this.versions.find(
      (v) =>
        v.code === record.parentCode &&
        v.validFrom <= validFrom &&
        (v.validTo === null || (period.validTo !== null && period.validTo <= v.validTo)),
    );
    if (!parent) {
      throw importError(
        'PARENT_UNKNOWN',
        `parent ${record.parentCode} of ${record.code} is not a central body valid from ${validFrom} to ${record.validTo ?? 'now'}`,
        `cấp trên ${record.parentCode} của ${record.code} không phải cơ quan trung ương có hiệu lực từ ${validFrom} đến ${record.validTo ?? 'nay'}`,
        record.row,
      );
    }
    return parent.id;
  }

  private overlapError(record: AgencyRecord, other: CentralVersion) {
    return importError(
      'PERIOD_OVERLAP',
      `${record.code} from ${record.validFrom} to ${record.validTo ?? 'now'} overlaps its version from ${other.validFrom} to ${other.validTo ?? 'now'}`,
      `${record.code} từ ${record.validFrom} đến ${record.validTo ?? 'nay'} trùng thời gian với phiên bản từ ${other.validFrom} đến ${other.validTo ?? 'nay'}`,
      record.row,
    );
  }

  /** Closes and corrects first, so no insert meets a period that is about to end. */
  async write(tx: Db): Promise<void> {
    for (const { id, validTo } of this.closes) await closeVersions(tx, [id], validTo);
    for (const update of this.updates) {
      await tx.execute(sql`
        update network.organizations set name_en = ${update.nameEn}, valid_to = ${update.validTo}, updated_at = now()
        where id = ${update.id}`);
    }
    await insertVersions(tx, this.inserts);
  }
}
