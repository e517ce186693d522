import { rows, type Db } from '@dxhub/kit';
import { sql, type SQL } from 'drizzle-orm';
import type { DeliveryMode, FundingSource, Platform } from '../domain/classifiers.js';
import type { ProjectStatus } from '../domain/workflow.js';

/**
 * A project filter with every code already resolved to an id and every text normalised. All
 * conditions must hold; each list is an any-of.
 */
export interface ProjectConditions {
  underUnitId?: string;
  contractorId?: string;
  statuses?: ProjectStatus[];
  platforms?: Platform[];
  deliveryModes?: DeliveryMode[];
  fundingSources?: FundingSource[];
  years?: number[];
  hasOverdueMilestones?: boolean;
  /** Search words, already folded by `foldForSearch`. */
  searchWords?: string[];
  /** ISO instant. */
  updatedSince?: string;
  /** Today in Asia/Ho_Chi_Minh, for overdue milestones. */
  today: string;
}

/** Relation between each unit of a batched page request and the projects it lists. */
export type UnitRelation = 'OWNED_OR_BELOW' | 'OWNED' | 'CONTRACTED';

export interface PageRequest {
  relation: UnitRelation;
  conditions: ProjectConditions;
  size: number;
  /**
   * Position after which the page starts: the last code and id seen. Codes sort byte-wise
   * (collation "C"), so the order is the same on every server whatever its locale.
   */
  after: { code: string; id: string } | null;
}

/** One unit's page: project ids in order, with the number of matches on all pages. */
export interface UnitPage {
  unitId: string;
  ids: string[];
  totalCount: number;
}

/** Key used for a request that lists projects without a unit. */
export const ALL_UNITS = '*';

function anyOf(column: SQL, values: readonly (string | number)[]): SQL {
  return sql`${column} in (${sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  )})`;
}

/** Renders the SQL conditions on projects aliased `p`. */
export function conditionsSql(conditions: ProjectConditions): SQL {
  const parts: SQL[] = [sql`true`];
  if (conditions.underUnitId) {
    parts.push(
      sql`p.owner_org_id in (select t.id from network.org_tree t where t.id = ${conditions.underUnitId}::uuid or t.ancestor_ids @> array[${conditions.underUnitId}::uuid])`,
    );
  }
  if (conditions.contractorId)
    parts.push(sql`p.contractor_org_id = ${conditions.contractorId}::uuid`);
  if (conditions.statuses) parts.push(anyOf(sql`p.status`, conditions.statuses));
  if (conditions.platforms) parts.push(anyOf(sql`p.platform`, conditions.platforms));
  if (conditions.deliveryModes) parts.push(anyOf(sql`p.delivery_mode`, conditions.deliveryModes));
  if (conditions.fundingSources)
    parts.push(anyOf(sql`p.funding_source`, conditions.fundingSources));
  if (conditions.years) {
    parts.push(anyOf(sql`extract(year from p.planned_start_on)::int`, conditions.years));
  }
  if (conditions.hasOverdueMilestones !== undefined) {
    const overdue = sql`exists (select 1 from projects.milestones m where m.project_id = p.id and m.completed_on is null and m.due_on < ${conditions.today}::date)`;
    parts.push(conditions.hasOverdueMilestones ? overdue : sql`not ${overdue}`);
  }
  for (const word of conditions.searchWords ?? []) {
    parts.push(sql`strpos(p.search_text, ${word}) > 0`);
  }
  if (conditions.updatedSince)
    parts.push(sql`p.updated_at >= ${conditions.updatedSince}::timestamptz`);
  return sql.join(parts, sql` and `);
}

/** Units as a one-column relation `u(unit_id)`; a single null unit when listing without one. */
function unitsRelation(unitIds: readonly string[] | null): SQL {
  if (unitIds === null) return sql`(select null::uuid as unit_id) u`;
  // The ids were checked to be UUIDs, so the array literal needs no escaping.
  return sql`(select unnest(${`{${unitIds.join(',')}}`}::uuid[]) as unit_id) u`;
}

// NOTE: "below a unit" follows `ancestor_ids` of the org tree. A project owned by a unit
// version that a reorganisation closed rolls up under that version's ancestors only, because
// the org tree records no successor to follow.
function unitSql(relation: UnitRelation, unitIds: readonly string[] | null): SQL {
  if (unitIds === null) return sql`true`;
  if (relation === 'OWNED') return sql`p.owner_org_id = u.unit_id`;
  if (relation === 'CONTRACTED') return sql`p.contractor_org_id = u.unit_id`;
  return sql`p.owner_org_id in (select t.id from network.org_tree t where t.id = u.unit_id or t.ancestor_ids @> array[u.unit_id])`;
}

/**
 * Fetches one page of project ids for each unit (or for the whole jurisdiction when `unitIds`
 * is null) in two statements whatever the number of units: one for the page rows, one for the
 * counts. `scope` is the caller's jurisdiction condition on `p.owner_org_id`.
 */
export async function fetchProjectPages(
  db: Db,
  scope: SQL,
  unitIds: readonly string[] | null,
  request: PageRequest,
): Promise<UnitPage[]> {
  const units = unitsRelation(unitIds);
  const where = sql`${unitSql(request.relation, unitIds)} and ${scope} and ${conditionsSql(request.conditions)}`;
  const cursor = request.after
    ? sql`(p.code collate "C", p.id) > (${request.after.code}, ${request.after.id}::uuid)`
    : sql`true`;

  const pageRows = rows<{ unit_id: string | null; id: string }>(
    await db.execute(sql`
      select u.unit_id::text as unit_id, page.id::text as id
      from ${units}
      cross join lateral (
        select p.id, p.code collate "C" as code from projects.projects p
        where ${where} and ${cursor}
        order by p.code collate "C", p.id
        limit ${request.size + 1}
      ) page
      order by u.unit_id, page.code, page.id`),
  );
  const countRows = rows<{ unit_id: string | null; total: number | string }>(
    await db.execute(sql`
      select u.unit_id::text as unit_id,
        (select count(*) from projects.projects p where ${where})::int as total
      from ${units}`),
  );

  const pages = new Map<string, UnitPage>();
  for (const row of countRows) {
    const unitId = row.unit_id ?? ALL_UNITS;
    pages.set(unitId, { unitId, ids: [], totalCount: Number(row.total) });
  }
  for (const row of pageRows) pages.get(row.unit_id ?? ALL_UNITS)?.ids.push(row.id);
  return [...pages.values()];
}

/** Totals of one group; the grouping fields not in the group are null. */
export interface TotalsRow {
  unitId: string;
  platform: Platform | null;
  status: ProjectStatus | null;
  year: number | null;
  projectCount: number;
  /** Sums in đồng; bigint so amounts above 2^53 stay exact. */
  budget: bigint;
  spentToDate: bigint;
}

/**
 * Sums budgets and spending of the projects owned by each unit or below it, grouped by
 * platform, status, year, all three together, and not at all, in one statement. PostgreSQL
 * sums bigint into numeric; the sums travel as text and become bigint without passing
 * through a JS number.
 */
export async function fetchProjectTotals(
  db: Db,
  scope: SQL,
  unitIds: readonly string[],
  conditions: ProjectConditions,
): Promise<TotalsRow[]> {
  const found = rows<{
    unit_id: string;
    platform: Platform | null;
    status: ProjectStatus | null;
    year: number | string | null;
    project_count: number | string;
    budget: string;
    spent: string;
  }>(
    await db.execute(sql`
      select u.unit_id::text as unit_id, p.platform, p.status, p.year,
        count(*)::int as project_count,
        -- TODO: a sum above 2^63 - 1 is returned as is, outside the 64-bit range VND promises.
        sum(p.budget)::text as budget,
        sum(p.spent_to_date)::text as spent
      from ${unitsRelation(unitIds)}
      cross join lateral (
        select p.platform, p.status, extract(year from p.planned_start_on)::int as year,
          p.budget, p.spent_to_date
        from projects.projects p
        where ${unitSql('OWNED_OR_BELOW', unitIds)} and ${scope} and ${conditionsSql(conditions)}
      ) p
      group by grouping sets (
        (u.unit_id, p.platform, p.status, p.year),
        (u.unit_id, p.platform),
        (u.unit_id, p.status),
        (u.unit_id, p.year),
        (u.unit_id)
      )`),
  );
  return found.map((row) => ({
    unitId: row.unit_id,
    platform: row.platform,
    status: row.status,
    year: row.year === null ? null : Number(row.year),
    projectCount: Number(row.project_count),
    budget: BigInt(row.budget),
    spentToDate: BigInt(row.spent),
  }));
}
