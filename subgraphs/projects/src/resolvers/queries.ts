import { toConnection, type Connection, type PagePosition } from '@dxhub/kit';
import { and, eq, sql } from 'drizzle-orm';
import {
  fetchProjectPages,
  type PageRequest,
  type TotalsRow,
  type UnitPage,
} from '../db/project-queries.js';
import { projects, type ProjectRow } from '../db/schema.js';
import { PLATFORMS } from '../domain/classifiers.js';
import { PROJECT_STATUSES } from '../domain/workflow.js';
import { notFound } from '../errors.js';
import {
  pageRequest,
  projectConditions,
  projectListScope,
  totalsConditions,
  type PageArgs,
  type TotalsFilterInput,
} from './conditions.js';
import { exactlyOneInput, lookupCodeInput, uuidInput } from './inputs.js';
import { lookUpOrg } from './org-refs.js';
import { jurisdictionOf } from '../loaders.js';
import type { Context } from './context.js';

/** Builds a connection from a page of ids, loading the rows through the per-request loader. */
async function connectionOf(
  ctx: Context,
  page: UnitPage | null,
  request: PageRequest,
  position: PagePosition,
): Promise<Connection<ProjectRow>> {
  const loaded = page ? await ctx.loaders.projectById.loadMany(page.ids) : [];
  const found = loaded.filter((row): row is ProjectRow => row !== null && !(row instanceof Error));
  return toConnection(
    found,
    request.size,
    page?.totalCount ?? 0,
    (row) => [row.code, row.id],
    position,
  );
}

export async function project(
  _: unknown,
  args: { id?: string | null; code?: string | null },
  ctx: Context,
) {
  exactlyOneInput(ctx.locale, ['id', 'code'], [args.id, args.code]);
  // exactlyOneInput counts an empty string as given, so these checks must as well.
  if (args.id !== undefined && args.id !== null) {
    const found = await ctx.loaders.projectById.load(uuidInput(ctx.locale, 'id', args.id));
    if (!found) throw notFound(ctx.locale, 'Project', args.id);
    return found;
  }
  const code = lookupCodeInput(ctx.locale, 'code', args.code!);
  const scope = await jurisdictionOf(ctx, projects.ownerOrgId);
  const [found] = await ctx.db
    .select()
    .from(projects)
    .where(and(eq(projects.code, code), scope));
  if (!found) throw notFound(ctx.locale, 'Project', code);
  ctx.loaders.projectById.prime(found.id, found);
  return found;
}

export async function projectList(_: unknown, args: PageArgs, ctx: Context) {
  const conditions = await projectConditions(ctx, args.filter, args.updatedSince);
  const listScope = projectListScope('projects', null, 'OWNED_OR_BELOW', conditions);
  const request = pageRequest(ctx.locale, 'OWNED_OR_BELOW', conditions, args, listScope);
  const scope = await jurisdictionOf(ctx, sql.raw('p.owner_org_id'));
  const [page] = await fetchProjectPages(ctx.db, scope, null, request);
  return connectionOf(ctx, page ?? null, request, { after: args.after, scope: listScope });
}

/** `Organization.projects` and `Organization.contractedProjects`, batched across organisations. */
export function organizationProjects(relation: 'OWNED' | 'CONTRACTED') {
  return async (
    organization: { id: string },
    args: PageArgs & { includeSubunits?: boolean | null },
    ctx: Context,
  ) => {
    const unitId = uuidInput(ctx.locale, 'id', organization.id);
    const conditions = await projectConditions(ctx, args.filter, args.updatedSince);
    const effective =
      relation === 'OWNED' && args.includeSubunits !== false
        ? 'OWNED_OR_BELOW'
        : relation === 'OWNED'
          ? 'OWNED'
          : 'CONTRACTED';
    const list = relation === 'OWNED' ? 'Organization.projects' : 'Organization.contractedProjects';
    const listScope = projectListScope(list, unitId, effective, conditions);
    const request = pageRequest(ctx.locale, effective, conditions, args, listScope);
    const page = await ctx.loaders.projectPages(request).load(unitId);
    return connectionOf(ctx, page, request, { after: args.after, scope: listScope });
  };
}

/** The `ProjectTotals` object: totals rows of one unit sorted into their groups. */
export interface ProjectTotalsResult {
  unit: { id: string };
  all: Omit<TotalsRow, 'unitId'>;
  byPlatform: TotalsRow[];
  byStatus: TotalsRow[];
  byYear: TotalsRow[];
  byPlatformStatusYear: TotalsRow[];
}

const platformOrder = (row: TotalsRow) => PLATFORMS.indexOf(row.platform!);
const statusOrder = (row: TotalsRow) => PROJECT_STATUSES.indexOf(row.status!);

function groupTotals(unitId: string, totals: TotalsRow[]): ProjectTotalsResult {
  const set = (row: TotalsRow) =>
    [row.platform !== null, row.status !== null, row.year !== null].join();
  const of = (platform: boolean, status: boolean, year: boolean) =>
    totals.filter((row) => set(row) === [platform, status, year].join());
  const all = of(false, false, false)[0];
  return {
    unit: { id: unitId },
    all: all ?? {
      platform: null,
      status: null,
      year: null,
      projectCount: 0,
      budget: 0n,
      spentToDate: 0n,
    },
    byPlatform: of(true, false, false).sort((a, b) => platformOrder(a) - platformOrder(b)),
    byStatus: of(false, true, false).sort((a, b) => statusOrder(a) - statusOrder(b)),
    byYear: of(false, false, true).sort((a, b) => a.year! - b.year!),
    byPlatformStatusYear: of(true, true, true).sort(
      (a, b) =>
        platformOrder(a) - platformOrder(b) || statusOrder(a) - statusOrder(b) || a.year! - b.year!,
    ),
  };
}

async function totalsOf(
  ctx: Context,
  unitId: string,
  filter: TotalsFilterInput | null | undefined,
) {
  const conditions = totalsConditions(ctx.locale, filter);
  const rows = await ctx.loaders.projectTotals(conditions).load(unitId);
  return groupTotals(unitId, rows);
}

export async function projectTotals(
  _: unknown,
  args: { unitId?: string | null; unitCode?: string | null; filter?: TotalsFilterInput | null },
  ctx: Context,
) {
  exactlyOneInput(ctx.locale, ['unitId', 'unitCode'], [args.unitId, args.unitCode]);
  const unit = await lookUpOrg(
    ctx,
    { id: args.unitId, code: args.unitCode },
    { id: 'unitId', code: 'unitCode' },
  );
  return totalsOf(ctx, unit!.id, args.filter);
}

export async function organizationProjectTotals(
  organization: { id: string },
  args: { filter?: TotalsFilterInput | null },
  ctx: Context,
) {
  return totalsOf(ctx, uuidInput(ctx.locale, 'id', organization.id), args.filter);
}
