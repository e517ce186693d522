// Data access for people and memberships.
import { and, asc, desc, gte, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Db } from '@dxhub/kit';
import { ROLE_OF_CATEGORY, type MembershipCategory, type NetworkRole } from '../model.js';
import { escapeLike } from '../search-key.js';
import { idOfCode } from './organizations.js';
import { memberships, people, steeringCommitteeMembers } from './schema.js';
import { createdMs, isUuid, uuidArray } from './sql.js';

export type PersonRow = typeof people.$inferSelect;
export type MembershipRow = typeof memberships.$inferSelect;

/** Builds a condition true for rows of a table with `valid_from`/`valid_to` valid on `day`. */
export function validOnColumns(
  table: { validFrom: SQLWrapper; validTo: SQLWrapper },
  day: string,
): SQL {
  return sql`(${table.validFrom} <= ${day}::date and (${table.validTo} is null or ${table.validTo} >= ${day}::date))`;
}

/** Builds a condition true when `column` is the unit with `code` on `day`, or (with `below`) a unit under it. */
export function inUnit(column: SQLWrapper, code: string, day: string, below: boolean): SQL {
  const unit = idOfCode(code, day);
  if (!below) return sql`${column} = ${unit}`;
  return sql`${column} in (select t.id from network.org_tree t where t.id = ${unit} or t.ancestor_ids @> array[${unit}])`;
}

export async function peopleByIds(db: Db, ids: readonly string[]): Promise<PersonRow[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return [];
  return db
    .select()
    .from(people)
    .where(sql`${people.id} = any(${uuidArray(valid)})`);
}

export async function peopleByOrganizations(
  db: Db,
  orgIds: readonly string[],
): Promise<PersonRow[]> {
  return db
    .select()
    .from(people)
    .where(sql`${people.organizationId} = any(${uuidArray(orgIds.filter(isUuid))})`)
    .orderBy(asc(people.nameKey), asc(people.id));
}

export interface PersonListFilter {
  organizationCode?: string | null;
  includeDescendants?: boolean | null;
  role?: NetworkRole | null;
  nameKey?: string | null;
  asOf?: string | null;
  /** Day organisation codes and roles are resolved on. */
  day: string;
  updatedSince?: Date | null;
}

function personConditions(filter: PersonListFilter): SQL[] {
  const where: SQL[] = [];
  if (filter.organizationCode) {
    where.push(
      inUnit(
        people.organizationId,
        filter.organizationCode,
        filter.day,
        Boolean(filter.includeDescendants),
      ),
    );
  }
  if (filter.asOf) where.push(validOnColumns(people, filter.asOf));
  if (filter.updatedSince) where.push(gte(people.updatedAt, filter.updatedSince));
  if (filter.nameKey) where.push(sql`${people.nameKey} like ${`%${escapeLike(filter.nameKey)}%`}`);
  if (filter.role === 'STEERING_COMMITTEE_MEMBER') {
    where.push(sql`exists (select 1 from network.steering_committee_members s
      where s.person_id = ${people.id} and ${validOnColumns({ validFrom: sql`s.valid_from`, validTo: sql`s.valid_to` }, filter.day)})`);
  } else if (filter.role) {
    const categories = Object.entries(ROLE_OF_CATEGORY)
      .filter(([, role]) => role === filter.role)
      .map(([category]) => category);
    where.push(sql`exists (select 1 from network.memberships m
      where m.person_id = ${people.id} and m.category in (${sql.join(
        categories.map((c) => sql`${c}`),
        sql`, `,
      )})
        and ${validOnColumns({ validFrom: sql`m.valid_from`, validTo: sql`m.valid_to` }, filter.day)})`);
  }
  return where;
}

/** Reads a page of people in name order after `after` (name key, id), and the list's total. */
export async function pagePeople(
  db: Db,
  filter: PersonListFilter,
  size: number,
  after: [string, string] | null,
): Promise<{ rows: PersonRow[]; total: number }> {
  const where = personConditions(filter);
  const page = after
    ? [...where, sql`(${people.nameKey}, ${people.id}) > (${after[0]}::text, ${after[1]}::uuid)`]
    : where;
  const found = await db
    .select()
    .from(people)
    .where(and(...page))
    .orderBy(asc(people.nameKey), asc(people.id))
    .limit(size + 1);
  const [count] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(people)
    .where(and(...where));
  return { rows: found, total: Number(count?.total ?? 0) };
}

export async function membershipsByIds(db: Db, ids: readonly string[]): Promise<MembershipRow[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return [];
  return db
    .select()
    .from(memberships)
    .where(sql`${memberships.id} = any(${uuidArray(valid)})`);
}

export async function membershipsByColumn(
  db: Db,
  column: 'organizationId' | 'personId',
  ids: readonly string[],
): Promise<MembershipRow[]> {
  return db
    .select()
    .from(memberships)
    .where(sql`${memberships[column]} = any(${uuidArray(ids.filter(isUuid))})`)
    .orderBy(asc(memberships.validFrom), asc(memberships.id));
}

export interface MembershipListFilter {
  organizationCode?: string | null;
  includeDescendants?: boolean | null;
  category?: MembershipCategory | null;
  asOf?: string | null;
  day: string;
  updatedSince?: Date | null;
}

/** Reads a page of memberships, newest first after `after` (created at, id), and the list's total. */
export async function pageMemberships(
  db: Db,
  filter: MembershipListFilter,
  size: number,
  after: [string, string] | null,
): Promise<{ rows: MembershipRow[]; total: number }> {
  const where: SQL[] = [];
  if (filter.organizationCode) {
    where.push(
      inUnit(
        memberships.organizationId,
        filter.organizationCode,
        filter.day,
        Boolean(filter.includeDescendants),
      ),
    );
  }
  if (filter.category) where.push(sql`${memberships.category} = ${filter.category}`);
  if (filter.asOf) where.push(validOnColumns(memberships, filter.asOf));
  if (filter.updatedSince) where.push(gte(memberships.updatedAt, filter.updatedSince));
  const page = after
    ? [
        ...where,
        sql`(${createdMs(memberships.createdAt)}, ${memberships.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`,
      ]
    : where;
  const found = await db
    .select()
    .from(memberships)
    .where(and(...page))
    .orderBy(desc(createdMs(memberships.createdAt)), desc(memberships.id))
    .limit(size + 1);
  const [count] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(memberships)
    .where(and(...where));
  return { rows: found, total: Number(count?.total ?? 0) };
}

export async function committeeMembersByPersons(db: Db, personIds: readonly string[]) {
  return db
    .select()
    .from(steeringCommitteeMembers)
    .where(sql`${steeringCommitteeMembers.personId} = any(${uuidArray(personIds.filter(isUuid))})`);
}
