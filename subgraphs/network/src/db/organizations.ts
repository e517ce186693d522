// Data access for organisations: rows by id, and keyset pages of ids for every list.
import { eq, sql, type SQL } from 'drizzle-orm';
import { rows, type Db } from '@dxhub/kit';
import type { OrgKind, OrgLevel, OrgSource } from '../model.js';
import { escapeLike } from '../search-key.js';
import { organizations, orgTree } from './schema.js';
import { isUuid, uuidArray } from './sql.js';

/** An organisation version with its ancestors from org_tree (root first, itself excluded). */
export interface OrgRow {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  kind: OrgKind;
  level: OrgLevel;
  unitType: string | null;
  parentId: string | null;
  ancestorIds: string[];
  validFrom: string;
  validTo: string | null;
  source: OrgSource;
  searchKey: string;
  itUnitDecisionNumber: string | null;
  itUnitDecisionDate: string | null;
  platformAccessGrantedOn: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const orgColumns = {
  id: organizations.id,
  code: organizations.code,
  name: organizations.name,
  nameEn: organizations.nameEn,
  kind: organizations.kind,
  level: organizations.level,
  unitType: organizations.unitType,
  parentId: organizations.parentId,
  ancestorIds: orgTree.ancestorIds,
  validFrom: organizations.validFrom,
  validTo: organizations.validTo,
  source: organizations.source,
  searchKey: organizations.searchKey,
  itUnitDecisionNumber: organizations.itUnitDecisionNumber,
  itUnitDecisionDate: organizations.itUnitDecisionDate,
  platformAccessGrantedOn: organizations.platformAccessGrantedOn,
  createdAt: organizations.createdAt,
  updatedAt: organizations.updatedAt,
};

/** Selects organisation rows matching a condition on `organizations` and `org_tree`. */
export async function selectOrganizations(db: Db, where: SQL): Promise<OrgRow[]> {
  return db
    .select(orgColumns)
    .from(organizations)
    .innerJoin(orgTree, eq(orgTree.id, organizations.id))
    .where(where);
}

export async function organizationsByIds(db: Db, ids: readonly string[]): Promise<OrgRow[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return [];
  return selectOrganizations(db, sql`${organizations.id} = any(${uuidArray(valid)})`);
}

/** Builds a condition true for rows of `alias` valid on `day`. */
export function validOn(alias: string, day: string): SQL {
  const from = sql.raw(`${alias}.valid_from`);
  const to = sql.raw(`${alias}.valid_to`);
  return sql`(${from} <= ${day}::date and (${to} is null or ${to} >= ${day}::date))`;
}

/** Builds a scalar subquery for the id of the unit carrying `code` on `day`. */
export function idOfCode(code: string, day: string): SQL {
  return sql`(select c.id from network.organizations c where c.code = ${code} and ${validOn('c', day)} limit 1)`;
}

export async function organizationByCode(
  db: Db,
  code: string,
  day: string,
): Promise<OrgRow | null> {
  const [row] = await selectOrganizations(
    db,
    sql`${organizations.code} = ${code} and ${organizations.validFrom} <= ${day}::date
        and (${organizations.validTo} is null or ${organizations.validTo} >= ${day}::date)`,
  );
  return row ?? null;
}

/** Filters of an organisation list; `search` is already a search key. */
export interface OrgListFilter {
  asOf: string;
  level?: OrgLevel | null | undefined;
  kind?: OrgKind | null | undefined;
  searchKey?: string | null | undefined;
  parentCode?: string | null | undefined;
  ancestorCode?: string | null | undefined;
  /** ISO timestamp; a string so the filter can key a loader. */
  updatedSince?: string | null | undefined;
}

/** Lists a page query serves: one list, or one list per parent or per ancestor. */
export type OrgGrouping = { by: 'none' } | { by: 'parent' | 'ancestor'; ids: readonly string[] };

/** Position of a row in a list: its sort key, which the cursor carries. */
export interface OrgPageEntry {
  groupId: string;
  id: string;
  rank: number;
  key: string;
}

/** The rank `rankOf` gives each level when there is no search. */
const LEVEL_RANK: Record<OrgLevel, number> = {
  CENTRAL: 0,
  PROVINCE: 1,
  DISTRICT: 2,
  COMMUNE: 3,
  COMMUNITY: 4,
  ENTERPRISE: 5,
};

/**
 * Orders a list: first by how a name matches the search (0 exact, with or without its
 * unit-type prefix; 1 starting with the text; 2 containing it), then by level from the centre
 * down, as `match * 10 + level`. Without a search only the level counts.
 */
function rankOf(searchKey: string | null | undefined): SQL {
  // The same expression as the index organizations_list_order_idx (schema.ts).
  const level = sql`(case o.level when 'CENTRAL' then 0 when 'PROVINCE' then 1 when 'DISTRICT' then 2
                       when 'COMMUNE' then 3 when 'COMMUNITY' then 4 else 5 end)`;
  if (!searchKey) return level;
  const prefix = `${escapeLike(searchKey)}%`;
  return sql`(case when o.search_key = ${searchKey} or o.search_key_short = ${searchKey} then 0
                   when o.search_key like ${prefix} or o.search_key_short like ${prefix} then 10
                   else 20 end + ${level})`;
}

function conditions(filter: OrgListFilter, grouping: OrgGrouping): SQL[] {
  const where: SQL[] = [validOn('o', filter.asOf)];
  if (filter.level) where.push(sql`o.level = ${filter.level}`);
  if (filter.kind) where.push(sql`o.kind = ${filter.kind}`);
  if (filter.updatedSince) where.push(sql`o.updated_at >= ${filter.updatedSince}::timestamptz`);
  if (filter.searchKey) {
    // A name matches when its key contains the text. The short key is a suffix of the key
    // (`shortSearchKey`), so prefix tests on either key find nothing more. Spelled out beside
    // the containment test, they cost a second trigram index scan per statement (pgbench, one
    // client, a count of "ha noi" on the 2024 units: 0.86 ms with them, 0.49 ms without).
    where.push(sql`o.search_key like ${`%${escapeLike(filter.searchKey)}%`}`);
  }
  if (filter.parentCode) where.push(sql`o.parent_id = ${idOfCode(filter.parentCode, filter.asOf)}`);
  if (filter.ancestorCode)
    where.push(sql`t.ancestor_ids @> array[${idOfCode(filter.ancestorCode, filter.asOf)}]`);
  if (grouping.by === 'parent') where.push(sql`o.parent_id = any(${uuidArray(grouping.ids)})`);
  if (grouping.by === 'ancestor') {
    where.push(
      sql`t.ancestor_ids && ${uuidArray(grouping.ids)}`,
      sql`g.group_id = any(${uuidArray(grouping.ids)})`,
    );
  }
  return where;
}

/**
 * Names the rows a list reads. The org tree is joined only when an ancestor is filtered on or grouped
 * by: joining it for every list made counting the 10,000 communes join them all to the tree
 * (EXPLAIN ANALYZE of that count: 3.7 ms with the join, 1.3 ms without).
 */
function fromClause(filter: OrgListFilter, grouping: OrgGrouping): SQL {
  if (grouping.by === 'ancestor') {
    return sql`network.organizations o join network.org_tree t on t.id = o.id
      cross join lateral unnest(t.ancestor_ids) as g(group_id)`;
  }
  if (filter.ancestorCode)
    return sql`network.organizations o join network.org_tree t on t.id = o.id`;
  return sql`network.organizations o`;
}

function groupColumn(grouping: OrgGrouping): SQL {
  if (grouping.by === 'parent') return sql`o.parent_id`;
  if (grouping.by === 'ancestor') return sql`g.group_id`;
  return sql`null::uuid`;
}

/**
 * Builds the query of {@link pageOrganizationEntries}: up to `size + 1` entries per group after the
 * cursor, in rank, name and id order. With `withTotal` (one list only) each entry also carries
 * the number of rows the list has before the cursor is applied. Exported so tests can EXPLAIN it.
 */
export function organizationPageQuery(
  filter: OrgListFilter,
  grouping: OrgGrouping,
  size: number,
  after: [number, string, string] | null,
  withTotal = false,
): SQL {
  const where = conditions(filter, grouping);
  if (grouping.by === 'none') {
    const rank = rankOf(filter.searchKey);
    if (withTotal) {
      // The count is a window over the matching rows before the cursor filters them, so the
      // list and its total come from one scan of the indexes.
      const cursor = after
        ? sql`where (x.rank, x.key, x.id) > (${after[0]}::int, ${after[1]}::text, ${after[2]}::uuid)`
        : sql``;
      return sql`
        select null::uuid as group_id, id, rank, key, total from (
          select o.id, ${rank} as rank, o.search_key as key, count(*) over () as total
          from ${fromClause(filter, grouping)}
          where ${sql.join(where, sql` and `)}
        ) x ${cursor}
        order by 3, 4, 2
        limit ${size + 1}`;
    }
    // One list needs no numbering per group: `order by ... limit` lets PostgreSQL keep only the
    // first entries (a top-N sort) instead of sorting and numbering every matching row
    // (EXPLAIN ANALYZE of the first page of 500 among 10,000 communes: 13.5 ms before, 4.1 ms).
    const cursor = after
      ? [
          sql`(${rank}, o.search_key, o.id) > (${after[0]}::int, ${after[1]}::text, ${after[2]}::uuid)`,
        ]
      : [];
    // With one level and no search every row has the same rank. Saying so lets PostgreSQL seek
    // to that level in organizations_list_order_idx instead of walking past the levels before it.
    const sameRank =
      filter.level && !filter.searchKey ? [sql`${rank} = ${LEVEL_RANK[filter.level]}`] : [];
    return sql`
      select null::uuid as group_id, o.id, ${rank} as rank, o.search_key as key
      from ${fromClause(filter, grouping)}
      where ${sql.join([...where, ...sameRank, ...cursor], sql` and `)}
      order by 3, 4, 2
      limit ${size + 1}`;
  }
  const cursor = after
    ? sql`where (x.rank, x.key, x.id) > (${after[0]}::int, ${after[1]}::text, ${after[2]}::uuid)`
    : sql``;
  return sql`
    select group_id, id, rank, key from (
      select x.*, row_number() over (partition by x.group_id order by x.rank, x.key, x.id) as position
      from (
        select ${groupColumn(grouping)} as group_id, o.id, ${rankOf(filter.searchKey)} as rank, o.search_key as key
        from ${fromClause(filter, grouping)}
        where ${sql.join(where, sql` and `)}
      ) x ${cursor}
    ) y
    where position <= ${size + 1}
    order by group_id, position`;
}

interface EntryRow {
  group_id: string | null;
  id: string;
  rank: number;
  key: string;
  total?: number | string;
}

function toEntry(row: EntryRow): OrgPageEntry {
  return { groupId: row.group_id ?? '', id: row.id, rank: Number(row.rank), key: row.key };
}

/** Reads one page of each list. The extra entry past `size` shows whether a next page exists. */
export async function pageOrganizationEntries(
  db: Db,
  filter: OrgListFilter,
  grouping: OrgGrouping,
  size: number,
  after: [number, string, string] | null,
): Promise<OrgPageEntry[]> {
  const found = rows<EntryRow>(
    await db.execute(organizationPageQuery(filter, grouping, size, after)),
  );
  return found.map(toEntry);
}

/**
 * Reads one page of a single list with the list's total in the same statement, for a search,
 * whose matches are few enough to count and sort in full. An empty page after a cursor carries
 * no total, so only then does a count query follow.
 */
export async function pageOrganizationEntriesWithTotal(
  db: Db,
  filter: OrgListFilter,
  size: number,
  after: [number, string, string] | null,
): Promise<{ entries: OrgPageEntry[]; total: number }> {
  const found = rows<EntryRow>(
    await db.execute(organizationPageQuery(filter, { by: 'none' }, size, after, true)),
  );
  if (found.length > 0) return { entries: found.map(toEntry), total: Number(found[0]!.total) };
  const total = after ? ((await countOrganizations(db, filter, { by: 'none' })).get('') ?? 0) : 0;
  return { entries: [], total };
}

/** Counts the rows of each list, keyed by group id ('' for an ungrouped list). */
export async function countOrganizations(
  db: Db,
  filter: OrgListFilter,
  grouping: OrgGrouping,
): Promise<Map<string, number>> {
  const found = rows<{ group_id: string | null; total: number | string }>(
    await db.execute(sql`
      select ${groupColumn(grouping)} as group_id, count(*) as total
      from ${fromClause(filter, grouping)}
      where ${sql.join(conditions(filter, grouping), sql` and `)}
      group by 1`),
  );
  return new Map(found.map((row) => [row.group_id ?? '', Number(row.total)]));
}

/** Succession links touching the given versions. */
export async function linksOf(
  db: Db,
  ids: readonly string[],
): Promise<{ predecessorId: string; successorId: string }[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return [];
  const found = rows<{ predecessor_id: string; successor_id: string }>(
    await db.execute(sql`
      select predecessor_id, successor_id from network.organization_links
      where predecessor_id = any(${uuidArray(valid)}) or successor_id = any(${uuidArray(valid)})`),
  );
  return found.map((row) => ({ predecessorId: row.predecessor_id, successorId: row.successor_id }));
}
