import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database.js';
import type { OrgLevel } from '../db/org-tree.js';

export interface OrgSeed {
  code: string;
  level: OrgLevel;
  kind: string;
  parentCode?: string;
  validFrom?: string;
  validTo?: string | null;
}

export interface SeededOrg {
  id: string;
  code: string;
  level: OrgLevel;
  kind: string;
  ancestorIds: string[];
}

/**
 * A small network for subgraph tests: the coordinating agency under its ministry, a second
 * ministry, two provinces each with a district and a commune, and an enterprise. Codes are the
 * real ones of these units.
 */
export const STANDARD_ORGS: OrgSeed[] = [
  { code: 'bo-khoa-hoc-va-cong-nghe', level: 'CENTRAL', kind: 'MINISTRY' },
  {
    code: 'cuc-chuyen-doi-so-quoc-gia',
    level: 'CENTRAL',
    kind: 'AGENCY_UNIT',
    parentCode: 'bo-khoa-hoc-va-cong-nghe',
  },
  { code: 'bo-tai-chinh', level: 'CENTRAL', kind: 'MINISTRY' },
  { code: '01', level: 'PROVINCE', kind: 'PROVINCE' },
  { code: '001', level: 'DISTRICT', kind: 'DISTRICT', parentCode: '01' },
  { code: '00001', level: 'COMMUNE', kind: 'COMMUNE', parentCode: '001' },
  { code: '79', level: 'PROVINCE', kind: 'PROVINCE' },
  { code: '760', level: 'DISTRICT', kind: 'DISTRICT', parentCode: '79' },
  { code: '26734', level: 'COMMUNE', kind: 'COMMUNE', parentCode: '760' },
  { code: '0100109106', level: 'ENTERPRISE', kind: 'ENTERPRISE' },
];

const ORG_TREE_DDL = `
  create schema if not exists network;
  create table if not exists network.org_tree (
    id uuid primary key,
    code text not null,
    parent_id uuid,
    ancestor_ids uuid[] not null,
    level text not null,
    kind text not null,
    valid_from date not null,
    valid_to date
  );
`;

/**
 * Writes organisations straight into `network.org_tree` (creating the table when the network
 * subgraph's migrations have not run), for tests of the other subgraphs. Parents must come
 * before their children. Returns the seeded units by code.
 */
export async function seedOrgTree(
  database: Database,
  orgs: OrgSeed[] = STANDARD_ORGS,
): Promise<Map<string, SeededOrg>> {
  await database.exec(ORG_TREE_DDL);
  const byCode = new Map<string, SeededOrg>();
  for (const org of orgs) {
    const parent = org.parentCode ? byCode.get(org.parentCode) : undefined;
    if (org.parentCode && !parent)
      throw new TypeError(`seedOrgTree: parent ${org.parentCode} of ${org.code} must come first`);
    const seeded: SeededOrg = {
      id: randomUUID(),
      code: org.code,
      level: org.level,
      kind: org.kind,
      ancestorIds: parent ? [...parent.ancestorIds, parent.id] : [],
    };
    const ancestors = `{${seeded.ancestorIds.join(',')}}`;
    await database.exec(
      `insert into network.org_tree (id, code, parent_id, ancestor_ids, level, kind, valid_from, valid_to)
       values ('${seeded.id}', '${org.code.replace(/'/g, "''")}', ${parent ? `'${parent.id}'` : 'null'},
               '${ancestors}', '${org.level}', '${org.kind.replace(/'/g, "''")}',
               '${org.validFrom ?? '2000-01-01'}', ${org.validTo ? `'${org.validTo}'` : 'null'})`,
    );
    byCode.set(org.code, seeded);
  }
  return byCode;
}
