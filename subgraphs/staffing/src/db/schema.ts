// Drizzle tables of the staffing subgraph, all inside the PostgreSQL schema "staffing".
//
// Organisation and person ids are the network subgraph's ids. They carry no foreign keys,
// because `network.org_tree` may be a replica in another database and people live only in
// the network subgraph.
//
// Allocations change only through inserts into `allocation_decisions` and `transfers`: the
// triggers in `invariants.sql` apply them, lock the rows involved and write the ledger
// `headcount_changes`. The application never updates `allocations` itself.
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgSchema,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

export const staffingSchema = pgSchema('staffing');

// Millisecond precision, so a timestamp read into a JS Date and sent back in a cursor
// compares equal to the stored value.
const createdAt = () =>
  timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow();
const updatedAt = () =>
  timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow();

/** Years a headcount or training figure may refer to. */
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;

/** A recorded decision that sets an organisation's allocated and filled posts for a year. */
export const allocationDecisions = staffingSchema.table(
  'allocation_decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    year: integer('year').notNull(),
    postsAllocated: integer('posts_allocated').notNull(),
    postsFilled: integer('posts_filled').notNull(),
    decisionNumber: text('decision_number').notNull(),
    decisionDate: date('decision_date', { mode: 'string' }).notNull(),
    note: text('note'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    unique('allocation_decisions_number_key').on(table.orgId, table.year, table.decisionNumber),
    index('allocation_decisions_created_idx').on(table.createdAt, table.id),
    check(
      'allocation_decisions_year_check',
      sql`${table.year} between ${sql.raw(String(FIRST_YEAR))} and ${sql.raw(String(LAST_YEAR))}`,
    ),
    check(
      'allocation_decisions_filled_check',
      sql`${table.postsFilled} >= 0 and ${table.postsFilled} <= ${table.postsAllocated}`,
    ),
    check('allocation_decisions_number_check', sql`btrim(${table.decisionNumber}) <> ''`),
  ],
);

/** Current headcount (biên chế) of one organisation for one year. */
export const allocations = staffingSchema.table(
  'allocations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    year: integer('year').notNull(),
    postsAllocated: integer('posts_allocated').notNull(),
    postsFilled: integer('posts_filled').notNull(),
    postsTransferredIn: integer('posts_transferred_in').notNull().default(0),
    postsTransferredOut: integer('posts_transferred_out').notNull().default(0),
    /** The last decision that set the figures; null while only transfers have touched the row. */
    decisionId: uuid('decision_id').references(() => allocationDecisions.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    unique('allocations_org_year_key').on(table.orgId, table.year),
    index('allocations_year_idx').on(table.year, table.createdAt, table.id),
    check(
      'allocations_year_check',
      sql`${table.year} between ${sql.raw(String(FIRST_YEAR))} and ${sql.raw(String(LAST_YEAR))}`,
    ),
    // The filled-posts floor: no change may leave fewer posts allocated than filled.
    check(
      'allocations_filled_check',
      sql`${table.postsFilled} >= 0 and ${table.postsFilled} <= ${table.postsAllocated}`,
    ),
    check(
      'allocations_transferred_check',
      sql`${table.postsTransferredIn} >= 0 and ${table.postsTransferredOut} >= 0`,
    ),
  ],
);

/** A move of posts from a body, or a unit under it, to the body's IT unit. Append-only. */
export const transfers = staffingSchema.table(
  'transfers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    year: integer('year').notNull(),
    /** The IT unit's parent on the decision date; the trigger sets it. */
    bodyId: uuid('body_id').notNull(),
    fromOrgId: uuid('from_org_id').notNull(),
    toOrgId: uuid('to_org_id').notNull(),
    posts: integer('posts').notNull(),
    decisionNumber: text('decision_number').notNull(),
    decisionDate: date('decision_date', { mode: 'string' }).notNull(),
    reason: text('reason').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    // One decision moves posts between the same two units once, so a retried request fails
    // instead of moving the posts twice.
    unique('transfers_decision_key').on(
      table.decisionNumber,
      table.fromOrgId,
      table.toOrgId,
      table.year,
    ),
    index('transfers_from_idx').on(table.fromOrgId, table.year),
    index('transfers_to_idx').on(table.toOrgId, table.year),
    index('transfers_body_idx').on(table.bodyId, table.year),
    index('transfers_created_idx').on(table.createdAt, table.id),
    check(
      'transfers_year_check',
      sql`${table.year} between ${sql.raw(String(FIRST_YEAR))} and ${sql.raw(String(LAST_YEAR))}`,
    ),
    check('transfers_posts_check', sql`${table.posts} > 0`),
    check('transfers_distinct_check', sql`${table.fromOrgId} <> ${table.toOrgId}`),
    check(
      'transfers_text_check',
      sql`btrim(${table.decisionNumber}) <> '' and btrim(${table.reason}) <> ''`,
    ),
  ],
);

/** Ledger of every change to `allocations`, written by the triggers. Append-only. */
export const headcountChanges = staffingSchema.table(
  'headcount_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    year: integer('year').notNull(),
    /** `DECISION`, `TRANSFER_IN` or `TRANSFER_OUT`. */
    kind: text('kind').notNull(),
    postsAllocatedChange: integer('posts_allocated_change').notNull(),
    postsFilledChange: integer('posts_filled_change').notNull(),
    postsAllocatedAfter: integer('posts_allocated_after').notNull(),
    postsFilledAfter: integer('posts_filled_after').notNull(),
    decisionId: uuid('decision_id').references(() => allocationDecisions.id),
    transferId: uuid('transfer_id').references(() => transfers.id),
    decisionNumber: text('decision_number').notNull(),
    decisionDate: date('decision_date', { mode: 'string' }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index('headcount_changes_org_idx').on(table.orgId, table.year, table.createdAt),
    check(
      'headcount_changes_kind_check',
      sql`${table.kind} in ('DECISION', 'TRANSFER_IN', 'TRANSFER_OUT')`,
    ),
    check(
      'headcount_changes_source_check',
      sql`(${table.kind} = 'DECISION' and ${table.decisionId} is not null and ${table.transferId} is null)
        or (${table.kind} <> 'DECISION' and ${table.transferId} is not null and ${table.decisionId} is null)`,
    ),
  ],
);

/** A job position (vị trí việc làm) in an organisation. */
export const positions = staffingSchema.table(
  'positions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    title: text('title').notNull(),
    /** Job title standard (tiêu chuẩn chức danh) the holder must meet. */
    jobTitleStandard: text('job_title_standard'),
    /** True for positions doing digital-transformation work, the people training coverage counts. */
    dxRole: boolean('dx_role').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index('positions_org_idx').on(table.orgId),
    index('positions_created_idx').on(table.createdAt, table.id),
    check('positions_title_check', sql`btrim(${table.title}) <> ''`),
  ],
);

/** A person holding a position from a start date until an optional end date, inclusive. */
export const assignments = staffingSchema.table(
  'assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id').notNull(),
    positionId: uuid('position_id')
      .notNull()
      .references(() => positions.id),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index('assignments_person_idx').on(table.personId),
    index('assignments_position_idx').on(table.positionId),
    index('assignments_created_idx').on(table.createdAt, table.id),
    // A person has at most one open assignment to a position.
    uniqueIndex('assignments_open_key')
      .on(table.personId, table.positionId)
      .where(sql`${table.endDate} is null`),
    check(
      'assignments_dates_check',
      sql`${table.endDate} is null or ${table.endDate} >= ${table.startDate}`,
    ),
  ],
);

export const trainingModes = ['IN_PERSON', 'ONLINE', 'BLENDED'] as const;
export type TrainingMode = (typeof trainingModes)[number];

/** A training course (bồi dưỡng, tập huấn) in the shared catalogue. */
export const courses = staffingSchema.table(
  'courses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The organisation that publishes the course and may change it. */
    ownerId: uuid('owner_id').notNull(),
    title: text('title').notNull(),
    topic: text('topic').notNull(),
    provider: text('provider').notNull(),
    hours: integer('hours').notNull(),
    mode: text('mode').$type<TrainingMode>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index('courses_created_idx').on(table.createdAt, table.id),
    check('courses_hours_check', sql`${table.hours} > 0`),
    check('courses_mode_check', sql`${table.mode} in ('IN_PERSON', 'ONLINE', 'BLENDED')`),
    check(
      'courses_text_check',
      sql`btrim(${table.title}) <> '' and btrim(${table.topic}) <> '' and btrim(${table.provider}) <> ''`,
    ),
  ],
);

/** One run of a course, on given dates at a given place. */
export const trainingSessions = staffingSchema.table(
  'training_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id),
    organizerId: uuid('organizer_id').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    place: text('place').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index('training_sessions_course_idx').on(table.courseId),
    index('training_sessions_organizer_idx').on(table.organizerId),
    index('training_sessions_created_idx').on(table.createdAt, table.id),
    check('training_sessions_dates_check', sql`${table.endsOn} >= ${table.startsOn}`),
    check('training_sessions_place_check', sql`btrim(${table.place}) <> ''`),
  ],
);

export const attendanceStatuses = ['REGISTERED', 'ABSENT', 'ATTENDED', 'COMPLETED'] as const;
export type AttendanceStatus = (typeof attendanceStatuses)[number];

/** A person's attendance of a session, sent by an organisation. */
export const attendance = staffingSchema.table(
  'attendance',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => trainingSessions.id),
    personId: uuid('person_id').notNull(),
    /** The unit that sent the person. */
    orgId: uuid('org_id').notNull(),
    status: text('status').$type<AttendanceStatus>().notNull(),
    /** Day the person completed the course; set exactly when the status is COMPLETED. */
    completedOn: date('completed_on', { mode: 'string' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    unique('attendance_session_person_key').on(table.sessionId, table.personId),
    index('attendance_person_idx').on(table.personId, table.completedOn),
    index('attendance_org_idx').on(table.orgId),
    index('attendance_session_created_idx').on(table.sessionId, table.createdAt, table.id),
    check(
      'attendance_status_check',
      sql`${table.status} in ('REGISTERED', 'ABSENT', 'ATTENDED', 'COMPLETED')`,
    ),
    check(
      'attendance_completed_check',
      sql`(${table.status} = 'COMPLETED') = (${table.completedOn} is not null)`,
    ),
  ],
);
