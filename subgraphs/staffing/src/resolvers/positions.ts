// Positions (vị trí việc làm) and the assignments of people to them.
import { DxError, cursorScope } from '@dxhub/kit';
import { and, eq, type SQL } from 'drizzle-orm';
import type { Context } from '../context.js';
import { assignments, positions } from '../db/schema.js';
import {
  onDay,
  requireCovers,
  resolveOrgRef,
  underUnit,
  untilToday,
  type OrganizationRef,
} from '../data/orgs.js';
import {
  changedSince,
  connectionOf,
  fetchPage,
  readPage,
  refScopePart,
  type PageArgs,
} from '../data/pagination.js';
import {
  closeAssignment,
  heldOn,
  insertAssignment,
  insertPosition,
  listAssignments,
  updatePosition as writePosition,
  type AssignmentRow,
  type PositionRow,
} from '../data/positions.js';
import { notFound, postgresError, violatedConstraint } from '../errors.js';
import { checkDateOrder, checkId, checkOptionalText, checkText } from '../validation.js';
import { coversOrgId, jurisdiction, organizationRef, personRef, sinceKey } from './shared.js';

export interface PositionInput {
  organization: OrganizationRef;
  title: string;
  jobTitleStandard?: string | null;
  dxRole: boolean;
}

export interface PositionChanges {
  title?: string | null;
  jobTitleStandard?: string | null;
  dxRole?: boolean | null;
}

/** Loads a position within the caller's jurisdiction, or throws NOT_FOUND (also for one outside it). */
async function visiblePosition(ctx: Context, field: string, id: string): Promise<PositionRow> {
  const position = await ctx.loaders.positionById.load(checkId(ctx.locale, field, id));
  if (!position || !(await coversOrgId(ctx, position.orgId)))
    throw notFound(ctx.locale, 'Position', id);
  return position;
}

async function visibleAssignment(ctx: Context, id: string): Promise<AssignmentRow> {
  const assignment = await ctx.loaders.assignmentById.load(checkId(ctx.locale, 'id', id));
  if (!assignment || !(await coversOrgId(ctx, assignment.orgId)))
    throw notFound(ctx.locale, 'Assignment', id);
  return assignment;
}

async function createPosition(
  _: unknown,
  { input }: { input: PositionInput },
  ctx: Context,
): Promise<PositionRow> {
  const title = checkText(ctx.locale, 'input.title', input.title);
  const jobTitleStandard = checkOptionalText(
    ctx.locale,
    'input.jobTitleStandard',
    input.jobTitleStandard,
  );
  // Positions of units since merged away may still be recorded, for the years they existed.
  const org = await resolveOrgRef(ctx, input.organization, 'input.organization', untilToday());
  await requireCovers(ctx, org, { en: 'create positions', vi: 'tạo vị trí việc làm' });
  const row = await insertPosition(ctx.db, {
    orgId: org.id,
    title,
    jobTitleStandard,
    dxRole: input.dxRole,
  });
  ctx.audit.note('MUTATION', [row.id]);
  return row;
}

async function updatePosition(
  _: unknown,
  { id, input }: { id: string; input: PositionChanges },
  ctx: Context,
): Promise<PositionRow> {
  const position = await visiblePosition(ctx, 'id', id);
  const changes: Partial<Pick<PositionRow, 'title' | 'jobTitleStandard' | 'dxRole'>> = {};
  if (input.title !== undefined && input.title !== null)
    changes.title = checkText(ctx.locale, 'input.title', input.title);
  if (input.jobTitleStandard !== undefined) {
    changes.jobTitleStandard = checkOptionalText(
      ctx.locale,
      'input.jobTitleStandard',
      input.jobTitleStandard,
    );
  }
  if (input.dxRole !== undefined && input.dxRole !== null) changes.dxRole = input.dxRole;
  const row = await writePosition(ctx.db, position.id, changes);
  ctx.audit.note('MUTATION', [row.id]);
  return row;
}

async function assignPerson(
  _: unknown,
  { input }: { input: { personId: string; positionId: string; startDate: string } },
  ctx: Context,
): Promise<AssignmentRow> {
  const personId = checkId(ctx.locale, 'input.personId', input.personId);
  const position = await visiblePosition(ctx, 'input.positionId', input.positionId);
  try {
    const id = await insertAssignment(ctx.db, {
      personId,
      positionId: position.id,
      startDate: input.startDate,
    });
    ctx.audit.note('MUTATION', [id]);
    const created = await ctx.loaders.assignmentById.load(id);
    if (!created) throw new Error(`assignment ${id} was not found after its insert`);
    return created;
  } catch (error) {
    const pg = postgresError(error);
    if (pg?.code === '23505' && violatedConstraint(pg) === 'assignments_open_key') {
      throw new DxError('CONFLICT', {
        locale: ctx.locale,
        params: {
          reason:
            ctx.locale === 'vi'
              ? `người ${personId} đang giữ vị trí việc làm "${position.title}"; hãy kết thúc bố trí hiện tại trước`
              : `person ${personId} already holds the position "${position.title}"; end the current assignment first`,
        },
      });
    }
    throw error;
  }
}

function alreadyEnded(ctx: Context, id: string, endDate: string | null | undefined): DxError {
  return new DxError('CONFLICT', {
    locale: ctx.locale,
    params: {
      reason:
        ctx.locale === 'vi'
          ? `bố trí vị trí việc làm ${id} đã kết thúc ngày ${endDate}`
          : `assignment ${id} already ended on ${endDate}`,
    },
  });
}

async function endAssignment(
  _: unknown,
  { id, endDate }: { id: string; endDate: string },
  ctx: Context,
): Promise<AssignmentRow> {
  const assignment = await visibleAssignment(ctx, id);
  checkDateOrder(ctx.locale, 'endDate', assignment.startDate, endDate);
  if (assignment.endDate !== null) throw alreadyEnded(ctx, assignment.id, assignment.endDate);

  const closed = await closeAssignment(ctx.db, assignment.id, endDate);
  const current = await ctx.loaders.assignmentById.clear(assignment.id).load(assignment.id);
  // Another request may have ended it between the read and the update.
  if (!closed) throw alreadyEnded(ctx, assignment.id, current?.endDate);
  if (!current) throw new Error(`assignment ${assignment.id} vanished after it ended`);
  ctx.audit.note('MUTATION', [assignment.id]);
  return current;
}

async function positionList(
  _: unknown,
  args: PageArgs & {
    filter?: {
      under?: OrganizationRef | null;
      dxRole?: boolean | null;
      updatedSince?: Date | null;
    } | null;
  },
  ctx: Context,
) {
  const filter = args.filter ?? {};
  const scope = cursorScope(
    'positions',
    refScopePart(filter.under),
    filter.dxRole,
    filter.updatedSince,
  );
  const page = readPage(ctx.locale, args, positions.createdAt, positions.id, scope);
  const unit = filter.under
    ? await resolveOrgRef(ctx, filter.under, 'filter.under', untilToday())
    : null;
  const where = and(
    await jurisdiction(ctx, positions.orgId),
    unit ? underUnit(positions.orgId, unit.id) : undefined,
    filter.dxRole === null || filter.dxRole === undefined
      ? undefined
      : eq(positions.dxRole, filter.dxRole),
    changedSince(positions.updatedAt, filter.updatedSince),
  );
  const { rows, totalCount } = await fetchPage(ctx.db, positions, where, page);
  return connectionOf(rows, page, totalCount);
}

export interface AssignmentFilter {
  under?: OrganizationRef | null;
  personId?: string | null;
  activeOn?: string | null;
  dxRole?: boolean | null;
  updatedSince?: Date | null;
}

async function assignmentList(
  _: unknown,
  args: PageArgs & { filter?: AssignmentFilter | null },
  ctx: Context,
) {
  const filter = args.filter ?? {};
  const scope = cursorScope(
    'assignments',
    refScopePart(filter.under),
    filter.personId,
    filter.activeOn,
    filter.dxRole,
    filter.updatedSince,
  );
  const page = readPage(ctx.locale, args, assignments.createdAt, assignments.id, scope);
  // An empty personId is rejected, not read as "every person".
  const personId =
    filter.personId === null || filter.personId === undefined
      ? null
      : checkId(ctx.locale, 'filter.personId', filter.personId);
  const period = filter.activeOn ? onDay(filter.activeOn) : untilToday();
  const unit = filter.under ? await resolveOrgRef(ctx, filter.under, 'filter.under', period) : null;
  const where = and(
    await jurisdiction(ctx, positions.orgId),
    unit ? underUnit(positions.orgId, unit.id) : undefined,
    personId ? eq(assignments.personId, personId) : undefined,
    filter.activeOn ? heldOn(filter.activeOn) : undefined,
    filter.dxRole === null || filter.dxRole === undefined
      ? undefined
      : eq(positions.dxRole, filter.dxRole),
    changedSince(assignments.updatedAt, filter.updatedSince),
  ) as SQL;
  const { rows, totalCount } = await listAssignments(ctx.db, where, page);
  return connectionOf(rows, page, totalCount);
}

export const positionResolvers = {
  Query: {
    position: (_: unknown, { id }: { id: string }, ctx: Context) => visiblePosition(ctx, 'id', id),
    positions: positionList,
    assignments: assignmentList,
  },
  Mutation: {
    createPosition,
    updatePosition,
    assignPerson,
    endAssignment,
  },
  Position: {
    organization: (row: PositionRow) => organizationRef(row.orgId),
    assignments: (
      row: PositionRow,
      args: { activeOn?: string | null; updatedSince?: Date | null },
      ctx: Context,
    ) =>
      ctx.loaders.positionAssignments.load({
        id: row.id,
        activeOn: args.activeOn ?? null,
        updatedSince: sinceKey(args.updatedSince),
      }),
  },
  Assignment: {
    person: (row: AssignmentRow) => personRef(row.personId),
    organization: (row: AssignmentRow) => organizationRef(row.orgId),
    position: async (row: AssignmentRow, _: unknown, ctx: Context) => {
      const position = await ctx.loaders.positionById.load(row.positionId);
      if (!position)
        throw new Error(`position ${row.positionId} of assignment ${row.id} is missing`);
      return position;
    },
  },
};
