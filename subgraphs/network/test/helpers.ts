import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { rows, type Database } from '@dxhub/kit';
import { createTestSubgraph, type TestSubgraph } from '@dxhub/kit/testing';
import { networkSubgraph } from '../src/index.js';
import { seedStandardNetwork } from '../src/testing.js';

/** The hub's reference data: the steering repository's shared folder, beside this checkout. */
export const REFERENCE_DIR = path.resolve(
  fileURLToPath(new URL('../../../..', import.meta.url)),
  'shared/data/vn-admin',
);

export const reference = (name: string): string => path.join(REFERENCE_DIR, name);

/** True when the reference lists are present; prints why the tests that need them skip otherwise. */
export function referenceDataAvailable(): boolean {
  const present =
    fs.existsSync(reference('units-2024.json')) && fs.existsSync(reference('units-2025.json'));
  if (!present)
    console.log(
      `network tests: reference data not found in ${REFERENCE_DIR}; tests that import the official lists are skipped`,
    );
  return present;
}

/** Starts the network subgraph on a fresh database holding the standard test network. */
export async function startNetwork(): Promise<TestSubgraph> {
  return createTestSubgraph(networkSubgraph, async (db) => {
    await seedStandardNetwork(db.database);
  });
}

/** Writes `content` to a fresh temporary file and returns its path. */
export function tempFile(name: string, content: string | Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dxhub-network-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

/** Every organisation version with its parent's code, in a stable order, to compare directories. */
export async function directorySnapshot(database: Database): Promise<string[]> {
  const found = rows<Record<string, string | null>>(
    await database.db.execute(sql`
      select o.code, o.name, o.name_en, o.kind, o.level, o.unit_type, p.code as parent_code,
             o.valid_from::text as valid_from, o.valid_to::text as valid_to
      from network.organizations o left join network.organizations p on p.id = o.parent_id
      order by o.code, o.valid_from`),
  );
  return found.map((row) => JSON.stringify(row));
}

/** Units valid on `day`, counted by level. */
export async function countsByLevel(
  database: Database,
  day: string,
): Promise<Record<string, number>> {
  const found = rows<{ level: string; total: number | string }>(
    await database.db.execute(sql`
      select level, count(*) as total from network.org_tree
      where valid_from <= ${day}::date and (valid_to is null or valid_to >= ${day}::date)
      group by level`),
  );
  return Object.fromEntries(found.map((row) => [row.level, Number(row.total)]));
}
