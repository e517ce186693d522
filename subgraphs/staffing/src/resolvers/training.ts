// Training: the course catalogue, sessions and attendance.
import { DxError, cursorScope } from '@dxhub/kit';
import { and, eq, gte, lte, sql } from 'drizzle-orm';
import type { Context } from '../context.js';
import {
  attendance,
  courses,
  trainingSessions,
  type AttendanceStatus,
  type TrainingMode,
} from '../db/schema.js';
import {
  onDay,
  requireCovers,
  resolveOrgRef,
  today,
  underUnit,
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
  insertCourse,
  insertSession,
  updateCourse as writeCourse,
  updateSession,
  type AttendanceRow,
  type CourseRow,
  type SessionRow,
} from '../data/training.js';
import { notFound } from '../errors.js';
import { checkCount, checkDateOrder, checkId, checkText } from '../validation.js';
import { upsertAttendance } from './attendance.js';
import { findSession, organizationRef, personRef, recordedOrg, sinceKey } from './shared.js';

export interface CourseInput {
  owner: OrganizationRef;
  title: string;
  topic: string;
  provider: string;
  hours: number;
  mode: TrainingMode;
}

export type CourseChanges = Partial<Record<'title' | 'topic' | 'provider', string | null>> & {
  hours?: number | null;
  mode?: TrainingMode | null;
};

export interface SessionInput {
  courseId: string;
  organizer: OrganizationRef;
  startsOn: string;
  endsOn: string;
  place: string;
}

async function findCourse(ctx: Context, field: string, id: string): Promise<CourseRow> {
  const course = await ctx.loaders.courseById.load(checkId(ctx.locale, field, id));
  if (!course) throw notFound(ctx.locale, 'Course', id);
  return course;
}

async function createCourse(
  _: unknown,
  { input }: { input: CourseInput },
  ctx: Context,
): Promise<CourseRow> {
  const values = {
    title: checkText(ctx.locale, 'input.title', input.title),
    topic: checkText(ctx.locale, 'input.topic', input.topic),
    provider: checkText(ctx.locale, 'input.provider', input.provider),
    hours: checkCount(ctx.locale, 'input.hours', input.hours, 1),
    mode: input.mode,
  };
  const owner = await resolveOrgRef(ctx, input.owner, 'input.owner', onDay(today()));
  await requireCovers(ctx, owner, {
    en: 'publish courses',
    vi: 'công bố khóa bồi dưỡng, tập huấn',
  });
  const row = await insertCourse(ctx.db, { ...values, ownerId: owner.id });
  ctx.audit.note('MUTATION', [row.id]);
  return row;
}

async function updateCourse(
  _: unknown,
  { id, input }: { id: string; input: CourseChanges },
  ctx: Context,
): Promise<CourseRow> {
  const course = await findCourse(ctx, 'id', id);
  await requireCovers(ctx, await recordedOrg(ctx, course.ownerId), {
    en: 'change the courses',
    vi: 'sửa khóa bồi dưỡng, tập huấn',
  });
  const changes: Partial<typeof courses.$inferInsert> = {};
  for (const field of ['title', 'topic', 'provider'] as const) {
    const value = input[field];
    if (value !== undefined && value !== null)
      changes[field] = checkText(ctx.locale, `input.${field}`, value);
  }
  if (input.hours !== undefined && input.hours !== null)
    changes.hours = checkCount(ctx.locale, 'input.hours', input.hours, 1);
  if (input.mode) changes.mode = input.mode;
  const row = await writeCourse(ctx.db, course.id, changes);
  ctx.audit.note('MUTATION', [row.id]);
  return row;
}

async function createTrainingSession(
  _: unknown,
  { input }: { input: SessionInput },
  ctx: Context,
): Promise<SessionRow> {
  const course = await findCourse(ctx, 'input.courseId', input.courseId);
  checkDateOrder(ctx.locale, 'input.endsOn', input.startsOn, input.endsOn);
  const place = checkText(ctx.locale, 'input.place', input.place);
  const organizer = await resolveOrgRef(
    ctx,
    input.organizer,
    'input.organizer',
    onDay(input.startsOn),
  );
  await requireCovers(ctx, organizer, {
    en: 'organise training sessions',
    vi: 'tổ chức lớp bồi dưỡng, tập huấn',
  });
  const row = await insertSession(ctx.db, {
    courseId: course.id,
    organizerId: organizer.id,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    place,
  });
  ctx.audit.note('MUTATION', [row.id]);
  return row;
}

async function updateTrainingSession(
  _: unknown,
  {
    id,
    input,
  }: {
    id: string;
    input: { startsOn?: string | null; endsOn?: string | null; place?: string | null };
  },
  ctx: Context,
): Promise<SessionRow> {
  const session = await findSession(ctx, 'id', id);
  await requireCovers(ctx, await recordedOrg(ctx, session.organizerId), {
    en: 'change the training sessions',
    vi: 'sửa lớp bồi dưỡng, tập huấn',
  });
  const startsOn = input.startsOn ?? session.startsOn;
  const endsOn = input.endsOn ?? session.endsOn;
  checkDateOrder(ctx.locale, input.endsOn ? 'input.endsOn' : 'input.startsOn', startsOn, endsOn);
  const changes: Partial<Pick<SessionRow, 'startsOn' | 'endsOn' | 'place'>> = { startsOn, endsOn };
  if (input.place !== undefined && input.place !== null)
    changes.place = checkText(ctx.locale, 'input.place', input.place);

  const result = await updateSession(ctx.db, session.id, changes);
  if ('completedBefore' in result) {
    throw new DxError('CONFLICT', {
      locale: ctx.locale,
      params: {
        reason:
          ctx.locale === 'vi'
            ? `đã có học viên hoàn thành ngày ${result.completedBefore}, trước ngày bắt đầu mới ${startsOn}; hãy sửa dữ liệu tham dự trước`
            : `attendance was completed on ${result.completedBefore}, before the new first day ${startsOn}; correct that attendance first`,
      },
    });
  }
  ctx.audit.note('MUTATION', [result.row.id]);
  return result.row;
}

async function courseList(
  _: unknown,
  args: PageArgs & {
    filter?: {
      topic?: string | null;
      mode?: TrainingMode | null;
      updatedSince?: Date | null;
    } | null;
  },
  ctx: Context,
) {
  const filter = args.filter ?? {};
  const topic = filter.topic ? filter.topic.normalize('NFC').trim() : null;
  const scope = cursorScope('courses', topic, filter.mode, filter.updatedSince);
  const page = readPage(ctx.locale, args, courses.createdAt, courses.id, scope);
  const where = and(
    topic ? sql`lower(${courses.topic}) = lower(${topic})` : undefined,
    filter.mode ? eq(courses.mode, filter.mode) : undefined,
    changedSince(courses.updatedAt, filter.updatedSince),
  );
  const { rows, totalCount } = await fetchPage(ctx.db, courses, where, page);
  return connectionOf(rows, page, totalCount);
}

export interface SessionFilter {
  courseId?: string | null;
  organizedUnder?: OrganizationRef | null;
  from?: string | null;
  to?: string | null;
  updatedSince?: Date | null;
}

async function sessionList(
  _: unknown,
  args: PageArgs & { filter?: SessionFilter | null },
  ctx: Context,
) {
  const filter = args.filter ?? {};
  const scope = cursorScope(
    'trainingSessions',
    filter.courseId,
    refScopePart(filter.organizedUnder),
    filter.from,
    filter.to,
    filter.updatedSince,
  );
  const page = readPage(ctx.locale, args, trainingSessions.createdAt, trainingSessions.id, scope);
  // An empty courseId is rejected, not read as "every course".
  const courseId =
    filter.courseId === null || filter.courseId === undefined
      ? null
      : checkId(ctx.locale, 'filter.courseId', filter.courseId);
  const unit = filter.organizedUnder
    ? await resolveOrgRef(
        ctx,
        filter.organizedUnder,
        'filter.organizedUnder',
        onDay(filter.to ?? today()),
      )
    : null;
  const where = and(
    courseId ? eq(trainingSessions.courseId, courseId) : undefined,
    unit ? underUnit(trainingSessions.organizerId, unit.id) : undefined,
    filter.from ? gte(trainingSessions.endsOn, filter.from) : undefined,
    filter.to ? lte(trainingSessions.startsOn, filter.to) : undefined,
    changedSince(trainingSessions.updatedAt, filter.updatedSince),
  );
  const { rows, totalCount } = await fetchPage(ctx.db, trainingSessions, where, page);
  return connectionOf(rows, page, totalCount);
}

async function sessionAttendance(
  session: SessionRow,
  args: PageArgs & { status?: AttendanceStatus | null; updatedSince?: Date | null },
  ctx: Context,
) {
  // Checked here so a bad cursor fails this field, not the loader's whole batch.
  const scope = cursorScope(
    'TrainingSession.attendance',
    session.id,
    args.status,
    args.updatedSince,
  );
  const page = readPage(ctx.locale, args, attendance.createdAt, attendance.id, scope);
  const { rows, totalCount } = await ctx.loaders.sessionAttendance.load({
    id: session.id,
    status: args.status ?? null,
    updatedSince: sinceKey(args.updatedSince),
    first: args.first ?? null,
    after: args.after ?? null,
  });
  return connectionOf(rows, page, totalCount);
}

export const trainingResolvers = {
  Query: {
    course: (_: unknown, { id }: { id: string }, ctx: Context) => findCourse(ctx, 'id', id),
    courses: courseList,
    trainingSession: (_: unknown, { id }: { id: string }, ctx: Context) =>
      findSession(ctx, 'id', id),
    trainingSessions: sessionList,
  },
  Mutation: {
    createCourse,
    updateCourse,
    createTrainingSession,
    updateTrainingSession,
    upsertAttendance,
  },
  Course: {
    owner: (row: CourseRow) => organizationRef(row.ownerId),
  },
  TrainingSession: {
    course: (row: SessionRow, _: unknown, ctx: Context) =>
      findCourse(ctx, 'courseId', row.courseId),
    organizer: (row: SessionRow) => organizationRef(row.organizerId),
    attendance: sessionAttendance,
  },
  Attendance: {
    session: (row: AttendanceRow, _: unknown, ctx: Context) =>
      findSession(ctx, 'sessionId', row.sessionId),
    person: (row: AttendanceRow) => personRef(row.personId),
    organization: (row: AttendanceRow) => organizationRef(row.orgId),
  },
};
