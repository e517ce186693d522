// Data access for steering committees and their members.
import { and, asc, gte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@dxhub/kit';
import { inUnit } from './people.js';
import { steeringCommitteeMembers, steeringCommittees } from './schema.js';
import { createdMs, isUuid, uuidArray } from './sql.js';

export type CommitteeRow = typeof steeringCommittees.$inferSelect;
export type CommitteeMemberRow = typeof steeringCommitteeMembers.$inferSelect;

export async function committeesByIds(db: Db, ids: readonly string[]): Promise<CommitteeRow[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return [];
  return db
    .select()
    .from(steeringCommittees)
    .where(sql`${steeringCommittees.id} = any(${uuidArray(valid)})`);
}

/** Reads the open committee of each organisation. */
export async function openCommitteesByOrganizations(
  db: Db,
  orgIds: readonly string[],
): Promise<CommitteeRow[]> {
  return db
    .select()
    .from(steeringCommittees)
    .where(
      sql`${steeringCommittees.organizationId} = any(${uuidArray(orgIds.filter(isUuid))}) and ${steeringCommittees.validTo} is null`,
    );
}

export async function committeeMembersByCommittees(
  db: Db,
  committeeIds: readonly string[],
): Promise<CommitteeMemberRow[]> {
  return db
    .select()
    .from(steeringCommitteeMembers)
    .where(
      sql`${steeringCommitteeMembers.committeeId} = any(${uuidArray(committeeIds.filter(isUuid))})`,
    )
    .orderBy(asc(steeringCommitteeMembers.validFrom), asc(steeringCommitteeMembers.id));
}

export async function committeeMembersByIds(
  db: Db,
  ids: readonly string[],
): Promise<CommitteeMemberRow[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return [];
  return db
    .select()
    .from(steeringCommitteeMembers)
    .where(sql`${steeringCommitteeMembers.id} = any(${uuidArray(valid)})`);
}

export interface CommitteeListFilter {
  organizationCode?: string | null;
  includeDescendants?: boolean | null;
  day: string;
  updatedSince?: Date | null;
}

/** Reads a page of committees in creation order after `after` (created at, id), and the list's total. */
export async function pageCommittees(
  db: Db,
  filter: CommitteeListFilter,
  size: number,
  after: [string, string] | null,
): Promise<{ rows: CommitteeRow[]; total: number }> {
  const where: SQL[] = [];
  if (filter.organizationCode) {
    where.push(
      inUnit(
        steeringCommittees.organizationId,
        filter.organizationCode,
        filter.day,
        Boolean(filter.includeDescendants),
      ),
    );
  }
  if (filter.updatedSince) where.push(gte(steeringCommittees.updatedAt, filter.updatedSince));
  const page = after
    ? [
        ...where,
        sql`(${createdMs(steeringCommittees.createdAt)}, ${steeringCommittees.id}) > (${after[0]}::timestamptz, ${after[1]}::uuid)`,
      ]
    : where;
  const found = await db
    .select()
    .from(steeringCommittees)
    .where(and(...page))
    .orderBy(asc(createdMs(steeringCommittees.createdAt)), asc(steeringCommittees.id))
    .limit(size + 1);
  const [count] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(steeringCommittees)
    .where(and(...where));
  return { rows: found, total: Number(count?.total ?? 0) };
}
