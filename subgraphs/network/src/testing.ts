// Test helpers for other packages: `@dxhub/network/testing`.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { migrateSubgraph, parseUuidArray, rows, type Database, type OrgLevel } from '@dxhub/kit';
import { STANDARD_ORGS, type SeededOrg } from '@dxhub/kit/testing';
import { UNKNOWN_START_DATE, type OrgKind, type OrgSource } from './model.js';
import { seedCentralBodies } from './import/agencies.js';
import { insertVersions, type NewVersion } from './import/writes.js';
import { textArray } from './db/sql.js';
import { today } from './dates.js';
import { networkSubgraph } from './server.js';

/** Real names of the units of the kit's standard test network that the central-bodies list lacks. */
const LOCAL_UNITS: Record<
  string,
  { name: string; nameEn: string | null; unitType: string | null; source: OrgSource }
> = {
  '01': {
    name: 'Thành phố Hà Nội',
    nameEn: 'Ha Noi',
    unitType: 'Thành phố Trung ương',
    source: 'UNITS_IMPORT',
  },
  '001': { name: 'Quận Ba Đình', nameEn: null, unitType: 'Quận', source: 'UNITS_IMPORT' },
  '00001': { name: 'Phường Phúc Xá', nameEn: null, unitType: 'Phường', source: 'UNITS_IMPORT' },
  '79': {
    name: 'Thành phố Hồ Chí Minh',
    nameEn: 'Ho Chi Minh City',
    unitType: 'Thành phố Trung ương',
    source: 'UNITS_IMPORT',
  },
  '760': { name: 'Quận 1', nameEn: null, unitType: 'Quận', source: 'UNITS_IMPORT' },
  '26734': { name: 'Phường Tân Định', nameEn: null, unitType: 'Phường', source: 'UNITS_IMPORT' },
  '0100109106': {
    name: 'Tập đoàn Công nghiệp - Viễn thông Quân đội',
    nameEn: 'Viettel Group',
    unitType: null,
    source: 'DIRECTORY',
  },
};

async function currentUnits(database: Database, codes: string[]): Promise<Map<string, SeededOrg>> {
  const found = rows<{
    id: string;
    code: string;
    level: OrgLevel;
    kind: string;
    ancestor_ids: string[] | string;
  }>(
    await database.db.execute(sql`
      select id, code, level, kind, ancestor_ids from network.org_tree
      where code = any(${textArray(codes)}) and valid_from <= ${today()}::date
        and (valid_to is null or valid_to >= ${today()}::date)`),
  );
  return new Map(
    found.map((row) => [
      row.code,
      {
        id: row.id,
        code: row.code,
        level: row.level,
        kind: row.kind,
        ancestorIds: parseUuidArray(row.ancestor_ids),
      },
    ]),
  );
}

/**
 * Creates the kit's standard test network (`STANDARD_ORGS`: same codes, levels and parents)
 * in the network subgraph's own tables, and so in org_tree, with the units' real names. Runs
 * the network migrations and the central-bodies seed first, so it works before or after the
 * subgraph starts, and adds only what is missing. Returns the units valid today by code, like
 * the kit's `seedOrgTree`, which it replaces in tests that run the network subgraph.
 */
export async function seedStandardNetwork(database: Database): Promise<Map<string, SeededOrg>> {
  await migrateSubgraph(networkSubgraph, database);
  await seedCentralBodies(database);

  const codes = STANDARD_ORGS.map((org) => org.code);
  const existing = await currentUnits(database, codes);
  const ids = new Map([...existing].map(([code, org]) => [code, org.id]));
  const missing: NewVersion[] = [];
  for (const org of STANDARD_ORGS) {
    if (ids.has(org.code)) continue;
    const local = LOCAL_UNITS[org.code];
    if (!local)
      throw new TypeError(`seedStandardNetwork: no name is known for standard unit ${org.code}`);
    const id = randomUUID();
    ids.set(org.code, id);
    missing.push({
      id,
      code: org.code,
      name: local.name,
      nameEn: local.nameEn,
      kind: org.kind as OrgKind,
      level: org.level,
      unitType: local.unitType,
      parentId: org.parentCode ? (ids.get(org.parentCode) ?? null) : null,
      validFrom: org.validFrom ?? UNKNOWN_START_DATE,
      validTo: org.validTo ?? null,
      source: local.source,
    });
  }
  if (missing.length > 0) await database.db.transaction((tx) => insertVersions(tx, missing));
  return currentUnits(database, codes);
}
