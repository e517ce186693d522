import {
  decodeCursor,
  isTimestampText,
  toConnection,
  type Connection,
  type CursorKey,
  type Db,
  type Locale,
  type PagePosition,
  anyOf,
} from '@dxhub/kit';
import { and, asc, desc, eq, gte, inArray, sql, type SQL } from 'drizzle-orm';
import { validate as isUuid } from 'uuid';
import type { IndicatorType } from '../domain/indicators.js';
import { invalidField } from '../errors.js';
import { incidentIndicators, incidents, indicators, type IndicatorRow } from './schema.js';
import { incidentVisibleTo } from './visibility.js';

/** An indicator as an incident lists it, with the time it was added to that incident. */
export interface LinkedIndicator extends IndicatorRow {
  incidentId: string;
  addedAt: Date;
}

interface IndicatorCursor {
  createdAt: string;
  id: string;
}

/** Incidents linked to the indicator row under the outer query that the viewer may read. */
function visibleLinks(viewerOrgId: string | null): SQL {
  return sql`select 1 from ${incidentIndicators} link join ${incidents} on ${incidents.id} = link.incident_id
    where link.indicator_id = ${indicators.id} and ${incidentVisibleTo(viewerOrgId)}`;
}

/**
 * Returns the condition "some incident the viewer may read reports this indicator", so an
 * indicator known only from hidden incidents does not exist for the viewer.
 */
export function indicatorVisibleTo(viewerOrgId: string | null): SQL {
  return sql`exists (${visibleLinks(viewerOrgId)})`;
}

/** Returns the condition "at least `minimum` incidents the viewer may read report this indicator". */
export function reportedByAtLeast(viewerOrgId: string | null, minimum: number): SQL {
  return sql`(select count(*) from (${visibleLinks(viewerOrgId)}) counted) >= ${minimum}`;
}

export function indicatorCursorKey(row: Pick<IndicatorRow, 'createdAt' | 'id'>): CursorKey {
  return [row.createdAt.toISOString(), row.id];
}

/**
 * Decodes an indicator cursor, or throws BAD_USER_INPUT naming `after`. `scope` is the list's
 * `cursorScope`, and a cursor of another list or query is rejected.
 */
export function parseIndicatorCursor(
  after: string | null | undefined,
  locale: Locale,
  scope: string,
): IndicatorCursor | null {
  if (!after) return null;
  const [createdAt, id] = decodeCursor(after, locale, scope);
  if (
    typeof createdAt === 'string' &&
    isTimestampText(createdAt) &&
    typeof id === 'string' &&
    isUuid(id)
  ) {
    return { createdAt, id };
  }
  throw invalidField(locale, 'after', 'INVALID_CURSOR', {
    en: `cursor "${after}" is not a cursor of an indicator list; pass pageInfo.endCursor from the previous page`,
    vi: `con trỏ "${after}" không thuộc danh sách dấu hiệu xâm phạm; hãy dùng pageInfo.endCursor của trang trước`,
  });
}

/** Lists indicators matching `where`, newest first: one statement for the page, one for the count. */
export async function pageIndicators(
  db: Db,
  where: SQL[],
  size: number,
  cursor: IndicatorCursor | null,
  position: PagePosition,
): Promise<Connection<IndicatorRow>> {
  const after = cursor
    ? sql`(${indicators.createdAt}, ${indicators.id}) < (${cursor.createdAt}::timestamptz, ${cursor.id}::uuid)`
    : undefined;
  const [fetched, counted] = await Promise.all([
    db
      .select()
      .from(indicators)
      .where(and(...where, after))
      .orderBy(desc(indicators.createdAt), desc(indicators.id))
      .limit(size + 1),
    db
      .select({ count: sql<number>`count(*)::int` })
      .from(indicators)
      .where(and(...where)),
  ]);
  return toConnection(fetched, size, Number(counted[0]?.count ?? 0), indicatorCursorKey, position);
}

/** Loads the indicators of many incidents, oldest link first. */
export async function indicatorsOfIncidents(
  db: Db,
  incidentIds: readonly string[],
): Promise<LinkedIndicator[]> {
  const found = await db
    .select({
      id: indicators.id,
      type: indicators.type,
      value: indicators.value,
      createdAt: indicators.createdAt,
      updatedAt: indicators.updatedAt,
      incidentId: incidentIndicators.incidentId,
      addedAt: incidentIndicators.addedAt,
    })
    .from(incidentIndicators)
    .innerJoin(indicators, eq(indicators.id, incidentIndicators.indicatorId))
    .where(anyOf(incidentIndicators.incidentId, incidentIds))
    .orderBy(asc(incidentIndicators.addedAt), asc(indicators.type), asc(indicators.value));
  return found;
}

/**
 * Creates the indicators that do not exist yet and marks the others as reported again, in one
 * statement. `values` must not repeat a (type, value) pair, which PostgreSQL rejects in one
 * `on conflict do update`.
 */
export async function upsertIndicators(
  db: Db,
  values: readonly { type: IndicatorType; value: string }[],
  at: Date,
): Promise<IndicatorRow[]> {
  if (values.length === 0) return [];
  return db
    .insert(indicators)
    .values(values.map((v) => ({ type: v.type, value: v.value, createdAt: at, updatedAt: at })))
    .onConflictDoUpdate({ target: [indicators.type, indicators.value], set: { updatedAt: at } })
    .returning();
}

/** Links indicators to an incident; returns the ids that were not linked before. */
export async function linkIndicators(
  db: Db,
  incidentId: string,
  indicatorIds: readonly string[],
  at: Date,
): Promise<string[]> {
  if (indicatorIds.length === 0) return [];
  const linked = await db
    .insert(incidentIndicators)
    .values(indicatorIds.map((indicatorId) => ({ incidentId, indicatorId, addedAt: at })))
    .onConflictDoNothing()
    .returning({ indicatorId: incidentIndicators.indicatorId });
  return linked.map((row) => row.indicatorId);
}

/** Conditions of an indicators(...) query besides visibility. */
export function indicatorConditions(
  type: IndicatorType | null | undefined,
  values: string[] | null,
  updatedSince: Date | null | undefined,
): SQL[] {
  const conditions: SQL[] = [];
  if (type) conditions.push(eq(indicators.type, type));
  if (values) conditions.push(inArray(indicators.value, values));
  if (updatedSince) conditions.push(gte(indicators.updatedAt, updatedSince));
  return conditions;
}
