// Reads of `network.org_tree`, the one table of another subgraph this subgraph may read.
import { orgTree, vietnamDate, type Db, anyOf } from '@dxhub/kit';
import { and, desc, eq, gte, isNull, lte, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { badInput, forbidden, notFound } from '../errors.js';
import type { Context } from '../context.js';
import { isUuid } from '../validation.js';

export interface OrgRow {
  id: string;
  code: string;
  parentId: string | null;
  ancestorIds: string[];
  level: string;
  kind: string;
  validFrom: string;
  validTo: string | null;
}

/** Kind of a body's dedicated IT / digital-transformation unit in the org tree. */
export const IT_UNIT_KIND = 'IT_UNIT';

/**
 * Kinds of the bodies whose IT units the 2025 targets count: ministries, ministerial-level
 * agencies, government agencies and provinces.
 */
export const TARGET_BODY_KINDS = [
  'MINISTRY',
  'MINISTERIAL_AGENCY',
  'GOVERNMENT_AGENCY',
  'PROVINCE',
] as const;

/** An organisation named by id or by code, as GraphQL `OrganizationRef` sends it. */
export interface OrganizationRef {
  id?: string | null;
  code?: string | null;
}

/** A closed range of days; a unit matches when it was valid on at least one of them. */
export interface DayRange {
  from: string;
  to: string;
}

export function onDay(day: string): DayRange {
  return { from: day, to: day };
}

export function today(): string {
  return vietnamDate();
}

/**
 * Every day up to today: resolves a code to its latest version, current or not, for records
 * that may concern a unit since merged away.
 */
export function untilToday(): DayRange {
  return { from: '0001-01-01', to: today() };
}

/** Returns the days of a calendar year. */
export function yearRange(year: number): DayRange {
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/** SQL condition: the unit in `orgTree` overlaps the range. */
function validDuring(range: DayRange): SQL {
  return and(
    lte(orgTree.validFrom, range.to),
    or(isNull(orgTree.validTo), gte(orgTree.validTo, range.from)),
  ) as SQL;
}

function toOrgRow(row: typeof orgTree.$inferSelect): OrgRow {
  return { ...row, ancestorIds: parseArray(row.ancestorIds) };
}

function parseArray(value: string[] | string): string[] {
  if (Array.isArray(value)) return value;
  const inner = value.replace(/^\{|\}$/g, '');
  return inner ? inner.split(',') : [];
}

/** Loads org-tree rows by id; ids without a row are left out. */
export async function loadOrgsById(db: Db, ids: readonly string[]): Promise<OrgRow[]> {
  if (ids.length === 0) return [];
  const found = await db.select().from(orgTree).where(anyOf(orgTree.id, ids));
  return found.map(toOrgRow);
}

/**
 * Loads, for each code, the unit with that code valid during the range. When several versions
 * overlap it, because a unit was re-established mid-range, the latest one wins.
 */
export async function loadOrgsByCode(
  db: Db,
  codes: readonly string[],
  range: DayRange,
): Promise<Map<string, OrgRow>> {
  const byCode = new Map<string, OrgRow>();
  if (codes.length === 0) return byCode;
  const found = await db
    .select()
    .from(orgTree)
    .where(and(anyOf(orgTree.code, codes), validDuring(range)))
    .orderBy(orgTree.code, desc(orgTree.validFrom));
  for (const row of found) if (!byCode.has(row.code)) byCode.set(row.code, toOrgRow(row));
  return byCode;
}

export function isValidDuring(org: OrgRow, range: DayRange): boolean {
  return org.validFrom <= range.to && (org.validTo === null || org.validTo >= range.from);
}

function describeRange(range: DayRange): string {
  return range.from === range.to ? range.from : `${range.from}..${range.to}`;
}

/**
 * Checks the shape of an `OrganizationRef` (exactly one of id and code, a well-formed id) and
 * returns its id or code, or throws BAD_USER_INPUT naming the field.
 */
export function checkOrgRef(
  ctx: Context,
  ref: OrganizationRef,
  field: string,
): { id: string } | { code: string } {
  const hasId = ref.id !== null && ref.id !== undefined;
  const hasCode = ref.code !== null && ref.code !== undefined;
  if (hasId === hasCode) {
    throw badInput(ctx.locale, field, {
      en: 'give exactly one of id and code',
      vi: 'hãy cung cấp đúng một trong hai trường id hoặc code',
    });
  }
  if (hasId) {
    if (!isUuid(ref.id as string)) {
      throw badInput(
        ctx.locale,
        `${field}.id`,
        {
          en: `"${ref.id}" is not an organisation id (a UUID)`,
          vi: `"${ref.id}" không phải mã định danh đơn vị (UUID)`,
        },
        ref.id,
      );
    }
    return { id: (ref.id as string).toLowerCase() };
  }
  const code = (ref.code as string).trim();
  if (code === '') {
    throw badInput(
      ctx.locale,
      `${field}.code`,
      { en: 'the code is empty', vi: 'mã đơn vị đang để trống' },
      ref.code,
    );
  }
  return { code };
}

/**
 * Resolves an `OrganizationRef` to the unit valid during `range`, or throws BAD_USER_INPUT
 * (malformed) or NOT_FOUND (no such unit in that period).
 */
export async function resolveOrgRef(
  ctx: Context,
  ref: OrganizationRef,
  field: string,
  range: DayRange,
): Promise<OrgRow> {
  const checked = checkOrgRef(ctx, ref, field);
  let org: OrgRow | undefined;
  if ('id' in checked) {
    org = (await ctx.loaders.orgById.load(checked.id)) ?? undefined;
  } else {
    org = (await loadOrgsByCode(ctx.db, [checked.code], range)).get(checked.code);
  }
  if (!org || !isValidDuring(org, range)) {
    const name = 'id' in checked ? checked.id : checked.code;
    throw notFound(ctx.locale, 'Organization', `${name} (${describeRange(range)})`);
  }
  return org;
}

/** Throws FORBIDDEN unless the caller's jurisdiction covers the organisation. */
export async function requireCovers(
  ctx: Context,
  org: OrgRow,
  action: { en: string; vi: string },
): Promise<void> {
  if (ctx.caller && (await ctx.caller.covers(org))) return;
  throw forbidden(ctx.locale, {
    en: `${ctx.caller?.orgCode ?? 'the caller'} may not ${action.en} of ${org.code}, which is outside its jurisdiction`,
    vi: `${ctx.caller?.orgCode ?? 'bên gọi'} không được ${action.vi} của ${org.code} vì đơn vị này nằm ngoài phạm vi quản lý`,
  });
}

/** SQL condition: the organisation column is `unitId` or a unit under it. */
export function underUnit(column: SQLWrapper, unitId: string): SQL {
  return sql`${column} in (select t.id from network.org_tree t where t.id = ${unitId}::uuid or t.ancestor_ids @> array[${unitId}::uuid])`;
}

/** Children of a unit of a given kind valid during the range. */
export async function loadChildrenOfKind(
  db: Db,
  parentIds: readonly string[],
  kind: string,
  range: DayRange,
): Promise<OrgRow[]> {
  if (parentIds.length === 0) return [];
  const found = await db
    .select()
    .from(orgTree)
    .where(and(anyOf(orgTree.parentId, parentIds), eq(orgTree.kind, kind), validDuring(range)))
    .orderBy(desc(orgTree.validFrom));
  return found.map(toOrgRow);
}
