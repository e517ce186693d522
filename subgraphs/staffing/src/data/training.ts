import { anyOf } from '@dxhub/kit';
// Data access for courses, training sessions and attendance.
import type { Db } from '@dxhub/kit';
import { and, asc, desc, eq, getTableColumns, lte, sql, type SQL } from 'drizzle-orm';
import { attendance, courses, trainingSessions, type AttendanceStatus } from '../db/schema.js';
import { changedSince, type Page } from './pagination.js';

export type CourseRow = typeof courses.$inferSelect;
export type SessionRow = typeof trainingSessions.$inferSelect;
export type AttendanceRow = typeof attendance.$inferSelect;

export async function loadCourses(db: Db, ids: readonly string[]): Promise<CourseRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(courses).where(anyOf(courses.id, ids));
}

export async function loadSessions(db: Db, ids: readonly string[]): Promise<SessionRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(trainingSessions).where(anyOf(trainingSessions.id, ids));
}

export async function insertCourse(
  db: Db,
  values: typeof courses.$inferInsert,
): Promise<CourseRow> {
  const [row] = await db.insert(courses).values(values).returning();
  if (!row) throw new Error('insert into courses returned no row');
  return row;
}

export async function updateCourse(
  db: Db,
  id: string,
  changes: Partial<typeof courses.$inferInsert>,
): Promise<CourseRow> {
  const [row] = await db
    .update(courses)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(eq(courses.id, id))
    .returning();
  if (!row) throw new Error(`course ${id} vanished during the update`);
  return row;
}

export async function insertSession(
  db: Db,
  values: typeof trainingSessions.$inferInsert,
): Promise<SessionRow> {
  const [row] = await db.insert(trainingSessions).values(values).returning();
  if (!row) throw new Error('insert into training_sessions returned no row');
  return row;
}

/**
 * Changes a session's dates or place, unless attendance was completed before the new first
 * day; returns that earliest completion day instead, leaving the session unchanged.
 */
export async function updateSession(
  db: Db,
  id: string,
  changes: Partial<Pick<SessionRow, 'startsOn' | 'endsOn' | 'place'>>,
): Promise<{ row: SessionRow } | { completedBefore: string }> {
  return db.transaction(async (tx) => {
    // The lock keeps an attendance upsert from adding a completion between the check and the update.
    await tx
      .select({ id: trainingSessions.id })
      .from(trainingSessions)
      .where(eq(trainingSessions.id, id))
      .for('update');
    if (changes.startsOn) {
      const [earliest] = await tx
        .select({ day: sql<string | null>`min(${attendance.completedOn})::text` })
        .from(attendance)
        .where(eq(attendance.sessionId, id));
      if (earliest?.day && earliest.day < changes.startsOn)
        return { completedBefore: earliest.day };
    }
    const [row] = await tx
      .update(trainingSessions)
      .set({ ...changes, updatedAt: sql`now()` })
      .where(eq(trainingSessions.id, id))
      .returning();
    if (!row) throw new Error(`training session ${id} vanished during the update`);
    return { row };
  });
}

export interface PersonTrainingArgs {
  year: number | null;
  updatedSince: string | null;
}

/** SQL condition: the attendance row's session starts in the year or its completion falls in it. */
function inYear(year: number): SQL {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  return sql`(${trainingSessions.startsOn} between ${from} and ${to} or ${attendance.completedOn} between ${from} and ${to})`;
}

/** Attendance of several people, newest session first, limited to rows satisfying `visible`. */
export async function loadAttendanceByPerson(
  db: Db,
  personIds: readonly string[],
  args: PersonTrainingArgs,
  visible: SQL,
): Promise<AttendanceRow[]> {
  if (personIds.length === 0) return [];
  return db
    .select(getTableColumns(attendance))
    .from(attendance)
    .innerJoin(trainingSessions, eq(trainingSessions.id, attendance.sessionId))
    .where(
      and(
        anyOf(attendance.personId, personIds),
        visible,
        args.year === null ? undefined : inYear(args.year),
        changedSince(attendance.updatedAt, args.updatedSince ? new Date(args.updatedSince) : null),
      ),
    )
    .orderBy(desc(trainingSessions.startsOn), asc(attendance.id));
}

export interface SessionAttendanceArgs {
  status: AttendanceStatus | null;
  updatedSince: string | null;
}

/**
 * Fetches one page of attendance for each of several sessions, limited to rows satisfying
 * `visible`. It costs two statements for any number of sessions: one counts, and one fetches the
 * rows numbered per session.
 */
export async function loadAttendancePages(
  db: Db,
  sessionIds: readonly string[],
  args: SessionAttendanceArgs,
  page: Page,
  visible: SQL,
): Promise<Map<string, { rows: AttendanceRow[]; totalCount: number }>> {
  const pages = new Map<string, { rows: AttendanceRow[]; totalCount: number }>();
  if (sessionIds.length === 0) return pages;
  for (const id of sessionIds) pages.set(id, { rows: [], totalCount: 0 });
  const where = and(
    anyOf(attendance.sessionId, sessionIds),
    visible,
    args.status ? eq(attendance.status, args.status) : undefined,
    changedSince(attendance.updatedAt, args.updatedSince ? new Date(args.updatedSince) : null),
  );

  const counts = await db
    .select({ sessionId: attendance.sessionId, n: sql<number>`count(*)::int`.mapWith(Number) })
    .from(attendance)
    .innerJoin(trainingSessions, eq(trainingSessions.id, attendance.sessionId))
    .where(where)
    .groupBy(attendance.sessionId);
  for (const { sessionId, n } of counts) pages.set(sessionId, { rows: [], totalCount: n });

  const numbered = db
    .select({
      ...getTableColumns(attendance),
      rowNumber:
        sql<number>`row_number() over (partition by ${attendance.sessionId} order by ${attendance.createdAt}, ${attendance.id})`
          .mapWith(Number)
          .as('row_number'),
    })
    .from(attendance)
    .innerJoin(trainingSessions, eq(trainingSessions.id, attendance.sessionId))
    .where(and(where, page.afterCondition))
    .as('numbered');
  const found = await db
    .select()
    .from(numbered)
    .where(lte(numbered.rowNumber, page.size + 1))
    .orderBy(numbered.sessionId, numbered.rowNumber);
  for (const { rowNumber: _rowNumber, ...row } of found) pages.get(row.sessionId)?.rows.push(row);
  return pages;
}

export interface AttendanceUpsert {
  personId: string;
  orgId: string;
  status: AttendanceStatus;
  completedOn: string | null;
}

/**
 * Inserts or updates a session's attendance in one statement inside one transaction. The
 * session is locked first, and nothing is written when its first day is no longer
 * `checkedStartsOn`, the day the rows were checked against.
 */
export async function upsertAttendanceRows(
  db: Db,
  sessionId: string,
  checkedStartsOn: string,
  rows: AttendanceUpsert[],
): Promise<{ ids: string[]; inserted: number; updated: number } | { startsOnChanged: string }> {
  return db.transaction(async (tx) => {
    const [session] = await tx
      .select({ startsOn: trainingSessions.startsOn })
      .from(trainingSessions)
      .where(eq(trainingSessions.id, sessionId))
      .for('share');
    if (!session)
      throw new Error(`training session ${sessionId} vanished before the attendance upsert`);
    if (session.startsOn !== checkedStartsOn) return { startsOnChanged: session.startsOn };
    const written = await tx
      .insert(attendance)
      .values(rows.map((row) => ({ ...row, sessionId })))
      .onConflictDoUpdate({
        target: [attendance.sessionId, attendance.personId],
        set: {
          orgId: sql`excluded.org_id`,
          status: sql`excluded.status`,
          completedOn: sql`excluded.completed_on`,
          updatedAt: sql`now()`,
        },
      })
      // xmax is 0 on a freshly inserted row version and set on one written by the update branch.
      .returning({ id: attendance.id, inserted: sql<boolean>`(xmax = 0)` });
    const inserted = written.filter(
      (row) => row.inserted === true || String(row.inserted) === 'true',
    ).length;
    return { ids: written.map((row) => row.id), inserted, updated: written.length - inserted };
  });
}
