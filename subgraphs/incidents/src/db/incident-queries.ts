import {
  decodeCursor,
  isTimestampText,
  rows,
  toConnection,
  type Connection,
  type CursorKey,
  type Db,
  type Locale,
  type PagePosition,
} from '@dxhub/kit';
import { and, desc, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { validate as isUuid } from 'uuid';
import type { IncidentCategory, IncidentSeverity, IncidentStatus } from '../domain/taxonomy.js';
import type { TlpMarking } from '../domain/tlp.js';
import { invalidField } from '../errors.js';
import {
  affectedOrganizations,
  incidentIndicators,
  incidents,
  type IncidentRow,
} from './schema.js';

export interface IncidentFilter {
  status?: IncidentStatus[] | null;
  category?: IncidentCategory[] | null;
  severity?: IncidentSeverity[] | null;
  tlp?: TlpMarking[] | null;
  reportedFrom?: Date | null;
  reportedBefore?: Date | null;
}

export type IncidentRelation = 'REPORTED' | 'AFFECTED' | 'HANDLED';

/** A position in the newest-first order of incidents. */
interface IncidentCursor {
  reportedAt: string;
  id: string;
}

/** Counts of incidents by category, severity and status. */
export interface IncidentStatistics {
  total: number;
  byCategory: { category: IncidentCategory; count: number }[];
  bySeverity: { severity: IncidentSeverity; count: number }[];
  byStatus: { status: IncidentStatus; count: number }[];
}

/** The ids on one page of a per-parent list, and the count over all pages. */
export interface IdPage {
  ids: string[];
  totalCount: number;
}

export function incidentCursorKey(row: Pick<IncidentRow, 'reportedAt' | 'id'>): CursorKey {
  return [row.reportedAt.toISOString(), row.id];
}

/**
 * Returns an IncidentFilter as `cursorScope` parts. Each list of values is sorted, because
 * its order does not change the rows, while an absent list stays null.
 */
export function incidentFilterScope(filter: IncidentFilter | null | undefined): unknown[] {
  const sorted = (values: string[] | null | undefined) => (values ? [...values].sort() : null);
  return [
    sorted(filter?.status),
    sorted(filter?.category),
    sorted(filter?.severity),
    sorted(filter?.tlp),
    filter?.reportedFrom ?? null,
    filter?.reportedBefore ?? null,
  ];
}

/**
 * Decodes an incident cursor, or throws BAD_USER_INPUT naming `after`. `scope` is the list's
 * `cursorScope`, and a cursor of another list or query is rejected.
 */
export function parseIncidentCursor(
  after: string | null | undefined,
  locale: Locale,
  scope: string,
): IncidentCursor | null {
  if (!after) return null;
  const [reportedAt, id] = decodeCursor(after, locale, scope);
  if (
    typeof reportedAt === 'string' &&
    isTimestampText(reportedAt) &&
    typeof id === 'string' &&
    isUuid(id)
  ) {
    return { reportedAt, id };
  }
  throw invalidField(locale, 'after', 'INVALID_CURSOR', {
    en: `cursor "${after}" is not a cursor of an incident list; pass pageInfo.endCursor from the previous page`,
    vi: `con trỏ "${after}" không thuộc danh sách sự cố; hãy dùng pageInfo.endCursor của trang trước`,
  });
}

function afterCursor(cursor: IncidentCursor | null): SQL | undefined {
  if (!cursor) return undefined;
  return sql`(${incidents.reportedAt}, ${incidents.id}) < (${cursor.reportedAt}::timestamptz, ${cursor.id}::uuid)`;
}

/** Returns the conditions of an IncidentFilter and `updatedSince`, to AND with the visibility rule. */
export function filterConditions(
  filter: IncidentFilter | null | undefined,
  updatedSince: Date | null | undefined,
): SQL[] {
  const conditions: SQL[] = [];
  if (filter?.status) conditions.push(inArray(incidents.status, filter.status));
  if (filter?.category) conditions.push(inArray(incidents.category, filter.category));
  if (filter?.severity) conditions.push(inArray(incidents.severity, filter.severity));
  if (filter?.tlp) conditions.push(inArray(incidents.tlp, filter.tlp));
  if (filter?.reportedFrom) conditions.push(gte(incidents.reportedAt, filter.reportedFrom));
  if (filter?.reportedBefore) conditions.push(lt(incidents.reportedAt, filter.reportedBefore));
  if (updatedSince) conditions.push(gte(incidents.updatedAt, updatedSince));
  return conditions;
}

function allOf(conditions: SQL[]): SQL {
  return conditions.length === 0
    ? sql`true`
    : sql.join(
        conditions.map((c) => sql`(${c})`),
        sql` and `,
      );
}

/** Lists incidents matching `where`, newest report first: one statement for the page, one for the count. */
export async function pageIncidents(
  db: Db,
  where: SQL[],
  size: number,
  cursor: IncidentCursor | null,
  position: PagePosition,
): Promise<Connection<IncidentRow>> {
  const [fetched, counted] = await Promise.all([
    db
      .select()
      .from(incidents)
      .where(and(...where, afterCursor(cursor)))
      .orderBy(desc(incidents.reportedAt), desc(incidents.id))
      .limit(size + 1),
    db
      .select({ count: sql<number>`count(*)::int` })
      .from(incidents)
      .where(and(...where)),
  ]);
  return toConnection(fetched, size, Number(counted[0]?.count ?? 0), incidentCursorKey, position);
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Lists the parents of a batched query as rows `parent(key text, id uuid)`: the key as the loader
 * gave it, and the same key as a uuid (null when it is not one, such as the whole network's
 * key). Membership conditions compare against the uuid column, so PostgreSQL casts each key
 * once instead of once per row it tests.
 */
function parentRows(keys: readonly string[]): SQL {
  if (keys.length === 0) return sql`unnest(array[]::text[], array[]::uuid[]) as parent(key, id)`;
  const texts = sql.join(
    keys.map((key) => sql`${key}`),
    sql`, `,
  );
  const ids = sql.join(
    keys.map((key) => (UUID_PATTERN.test(key) ? sql`${key}` : sql`null`)),
    sql`, `,
  );
  return sql`unnest(array[${texts}]::text[], array[${ids}]::uuid[]) as parent(key, id)`;
}

/** The parent id inside batched queries, as `uuid`. */
export const PARENT = sql`parent.id`;

/**
 * Pages the incidents of many parents in one statement: for each key, the incidents where
 * `membership` (written against {@link PARENT}) and `where` hold, newest first, and their
 * count. Each parent's matching incidents are found once, for the count and the page
 * together. The rows themselves are loaded afterwards by id.
 */
export async function pageIncidentIdsPerParent(
  db: Db,
  keys: readonly string[],
  membership: SQL,
  where: SQL[],
  size: number,
  cursor: IncidentCursor | null,
): Promise<Map<string, IdPage>> {
  const matching = allOf([membership, ...where]);
  const onPage = cursor ? (afterCursor(cursor) as SQL) : sql`true`;
  // The ids are joined into one string: uuids contain no comma, and a plain string reads the same
  // from postgres.js and PGlite.
  const result = rows<{ key: string; total: number; ids: string | null }>(
    await db.execute(sql`
      select parent.key, matched.total, array_to_string(matched.ids[1:${size + 1}], ',') as ids
      from ${parentRows(keys)}
      cross join lateral (
        select count(*)::int as total,
          array_agg(${incidents.id} order by ${incidents.reportedAt} desc, ${incidents.id} desc)
            filter (where ${onPage}) as ids
        from ${incidents} where ${matching}
      ) matched`),
  );
  const pages = new Map<string, IdPage>(keys.map((key) => [key, { ids: [], totalCount: 0 }]));
  for (const row of result) {
    const page = pages.get(row.key);
    if (!page) continue;
    page.totalCount = Number(row.total);
    page.ids = row.ids ? row.ids.split(',') : [];
  }
  return pages;
}

/**
 * Counts incidents by category, severity and status for many parents in one statement,
 * with grouping sets; `membership` is written against {@link PARENT}.
 */
export async function statisticsPerParent(
  db: Db,
  keys: readonly string[],
  membership: SQL,
  where: SQL[],
): Promise<Map<string, IncidentStatistics>> {
  const result = rows<{
    key: string;
    category: IncidentCategory | null;
    severity: IncidentSeverity | null;
    status: IncidentStatus | null;
    set_id: number;
    count: number;
  }>(
    await db.execute(sql`
      select parent.key, ${incidents.category} as category, ${incidents.severity} as severity,
        ${incidents.status} as status,
        grouping(${incidents.category}, ${incidents.severity}, ${incidents.status})::int as set_id,
        count(${incidents.id})::int as count
      from ${parentRows(keys)}
      join ${incidents} on ${allOf([membership, ...where])}
      group by grouping sets (
        (parent.key, ${incidents.category}), (parent.key, ${incidents.severity}),
        (parent.key, ${incidents.status}), (parent.key))
      order by parent.key, count desc, category, severity, status`),
  );
  const stats = new Map<string, IncidentStatistics>(
    keys.map((key) => [key, { total: 0, byCategory: [], bySeverity: [], byStatus: [] }]),
  );
  // grouping() sets one bit per column left out of the set, the first argument highest:
  // 0b011 grouped by category, 0b101 by severity, 0b110 by status, 0b111 the total.
  for (const row of result) {
    const entry = stats.get(row.key);
    if (!entry) continue;
    const count = Number(row.count);
    const setId = Number(row.set_id);
    if (setId === 0b011 && row.category) entry.byCategory.push({ category: row.category, count });
    else if (setId === 0b101 && row.severity)
      entry.bySeverity.push({ severity: row.severity, count });
    else if (setId === 0b110 && row.status) entry.byStatus.push({ status: row.status, count });
    else if (setId === 0b111) entry.total = count;
  }
  return stats;
}

/** Org-tree ids of a unit and, with `includeSubunits`, every unit below it. */
function unitsOf(unit: SQL, includeSubunits: boolean): SQL {
  if (!includeSubunits) return sql`(select ${unit})`;
  // Two branches rather than `id = unit or ancestor_ids @> ...`, so the second can use the GIN
  // index on ancestor_ids when the subtree is small.
  return sql`(select ${unit} union all
    select tree.id from network.org_tree tree where tree.ancestor_ids @> array[${unit}])`;
}

/**
 * Membership of an incident in an organisation's list, for {@link pageIncidentIdsPerParent}.
 * The relations are one `id in (... union all ...)` rather than conditions joined by `or`.
 * PostgreSQL turns the single `in` into a semi-join that starts from the organisation's units
 * and the reporter, handler and affected-unit indexes. With `or`, it tested every incident.
 * At 1,000 incidents, EXPLAIN ANALYZE for a province gave 11.2 ms with `or` and 6.5 ms with
 * the semi-join (tuning log in bench/README.md).
 */
export function organisationMembership(
  relations: readonly IncidentRelation[],
  includeSubunits: boolean,
): SQL {
  const units = unitsOf(PARENT, includeSubunits);
  const parts = [...new Set(relations)].map((relation) => {
    switch (relation) {
      case 'REPORTED':
        return sql`select reported.id from ${incidents} reported where reported.reporter_org_id in ${units}`;
      case 'HANDLED':
        return sql`select handled.id from ${incidents} handled where handled.handling_team_id in ${units}`;
      case 'AFFECTED':
        return sql`select affected.incident_id from ${affectedOrganizations} affected where affected.org_id in ${units}`;
    }
  });
  if (parts.length === 0) return sql`false`;
  return sql`${incidents.id} in (${sql.join(parts, sql` union all `)})`;
}

/** Membership of an incident in an indicator's list, for {@link pageIncidentIdsPerParent}. */
export const indicatorMembership = sql`exists (select 1 from ${incidentIndicators} link
  where link.incident_id = ${incidents.id} and link.indicator_id = ${PARENT})`;
