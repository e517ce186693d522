import { anyOf } from '@dxhub/kit';
// Data access for positions and the assignments of people to them.
import type { Db } from '@dxhub/kit';
import {
  and,
  asc,
  desc,
  eq,
  getTableColumns,
  gte,
  isNull,
  lte,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import { assignments, positions } from '../db/schema.js';
import { changedSince, type Page } from './pagination.js';

export type PositionRow = typeof positions.$inferSelect;

/** An assignment with the organisation and kind of its position, which decide who may read it. */
export type AssignmentRow = typeof assignments.$inferSelect & { orgId: string; dxRole: boolean };

const assignmentSelection = {
  ...getTableColumns(assignments),
  orgId: positions.orgId,
  dxRole: positions.dxRole,
};

export async function loadPositions(db: Db, ids: readonly string[]): Promise<PositionRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(positions).where(anyOf(positions.id, ids));
}

export async function loadAssignments(db: Db, ids: readonly string[]): Promise<AssignmentRow[]> {
  if (ids.length === 0) return [];
  return db
    .select(assignmentSelection)
    .from(assignments)
    .innerJoin(positions, eq(positions.id, assignments.positionId))
    .where(anyOf(assignments.id, ids));
}

export interface AssignmentListArgs {
  activeOn: string | null;
  updatedSince: string | null;
}

/** SQL condition: the assignment is held on the day. */
export function heldOn(day: string): SQL {
  return and(
    lte(assignments.startDate, day),
    or(isNull(assignments.endDate), gte(assignments.endDate, day)),
  ) as SQL;
}

/**
 * Assignments of several people or positions (by `keyColumn`), newest first, limited to
 * positions whose organisation satisfies `visible`.
 */
export async function loadAssignmentsBy(
  db: Db,
  keyColumn: 'personId' | 'positionId',
  keys: readonly string[],
  args: AssignmentListArgs,
  visible: SQL,
): Promise<AssignmentRow[]> {
  if (keys.length === 0) return [];
  return db
    .select(assignmentSelection)
    .from(assignments)
    .innerJoin(positions, eq(positions.id, assignments.positionId))
    .where(
      and(
        anyOf(assignments[keyColumn], keys),
        visible,
        args.activeOn ? heldOn(args.activeOn) : undefined,
        changedSince(assignments.updatedAt, args.updatedSince ? new Date(args.updatedSince) : null),
      ),
    )
    .orderBy(desc(assignments.startDate), asc(assignments.id));
}

/** Fetches one page of assignments matching `where`, which may use `positions` columns, and the total. */
export async function listAssignments(
  db: Db,
  where: SQL,
  page: Page,
): Promise<{ rows: AssignmentRow[]; totalCount: number }> {
  const [counted] = await db
    .select({ n: sql<number>`count(*)::int`.mapWith(Number) })
    .from(assignments)
    .innerJoin(positions, eq(positions.id, assignments.positionId))
    .where(where);
  const found = await db
    .select(assignmentSelection)
    .from(assignments)
    .innerJoin(positions, eq(positions.id, assignments.positionId))
    .where(and(where, page.afterCondition))
    .orderBy(asc(assignments.createdAt), asc(assignments.id))
    .limit(page.size + 1);
  return { rows: found, totalCount: counted?.n ?? 0 };
}

export async function insertPosition(
  db: Db,
  values: typeof positions.$inferInsert,
): Promise<PositionRow> {
  const [row] = await db.insert(positions).values(values).returning();
  if (!row) throw new Error('insert into positions returned no row');
  return row;
}

export async function updatePosition(
  db: Db,
  id: string,
  changes: Partial<Pick<PositionRow, 'title' | 'jobTitleStandard' | 'dxRole'>>,
): Promise<PositionRow> {
  const [row] = await db
    .update(positions)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(eq(positions.id, id))
    .returning();
  if (!row) throw new Error(`position ${id} vanished during the update`);
  return row;
}

export async function insertAssignment(
  db: Db,
  values: typeof assignments.$inferInsert,
): Promise<string> {
  const [row] = await db.insert(assignments).values(values).returning({ id: assignments.id });
  if (!row) throw new Error('insert into assignments returned no row');
  return row.id;
}

/** Sets the end date of an open assignment; returns false when it was ended meanwhile. */
export async function closeAssignment(db: Db, id: string, endDate: string): Promise<boolean> {
  const changed = await db
    .update(assignments)
    .set({ endDate, updatedAt: sql`now()` })
    .where(and(eq(assignments.id, id), isNull(assignments.endDate)))
    .returning({ id: assignments.id });
  return changed.length === 1;
}
