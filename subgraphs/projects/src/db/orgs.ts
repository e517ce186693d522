import { orgTree, parseUuidArray, type Db, type OrgLevel, anyOf } from '@dxhub/kit';
import { and, isNull, gte, lte, or } from 'drizzle-orm';

/** A unit of `network.org_tree`, the one table of another subgraph this subgraph reads. */
export interface OrgRecord {
  id: string;
  code: string;
  level: OrgLevel;
  ancestorIds: string[];
  validFrom: string;
  /** Last day the unit is valid, inclusive; null while it is current. */
  validTo: string | null;
}

const columns = {
  id: orgTree.id,
  code: orgTree.code,
  level: orgTree.level,
  ancestorIds: orgTree.ancestorIds,
  validFrom: orgTree.validFrom,
  validTo: orgTree.validTo,
};

function toRecord(
  row: { ancestorIds: string[] | string } & Omit<OrgRecord, 'ancestorIds'>,
): OrgRecord {
  return { ...row, ancestorIds: parseUuidArray(row.ancestorIds) };
}

/** Units by id, whatever their validity, because projects outlive reorganisations. */
export async function findOrgsById(db: Db, ids: readonly string[]): Promise<OrgRecord[]> {
  const found = await db.select(columns).from(orgTree).where(anyOf(orgTree.id, ids));
  return found.map(toRecord);
}

/** Units by code as of `day`; codes are unique on any one day. */
export async function findOrgsByCode(
  db: Db,
  codes: readonly string[],
  day: string,
): Promise<OrgRecord[]> {
  const found = await db
    .select(columns)
    .from(orgTree)
    .where(
      and(
        anyOf(orgTree.code, codes),
        lte(orgTree.validFrom, day),
        or(isNull(orgTree.validTo), gte(orgTree.validTo, day)),
      ),
    );
  return found.map(toRecord);
}

/** Checks whether the unit exists on `day`. */
export function isValidOn(org: OrgRecord, day: string): boolean {
  return org.validFrom <= day && (org.validTo === null || org.validTo >= day);
}
