import { keyedLoader, MAX_BATCH_SIZE, type SubgraphContext } from '@dxhub/kit';
import DataLoader from 'dataloader';
import { or, sql } from 'drizzle-orm';
import { attendance, positions, trainingSessions } from './db/schema.js';
import {
  loadCoverage,
  loadTargets,
  type CoverageCounts,
  type TargetCounts,
} from './data/figures.js';
import {
  loadDecisions,
  loadHeadcounts,
  loadHistory,
  loadTransfers,
  type DecisionRow,
  type HeadcountChangeRow,
  type HeadcountRow,
  type HistoryArgs,
  type TransferRow,
} from './data/headcount.js';
import {
  IT_UNIT_KIND,
  loadChildrenOfKind,
  loadOrgsById,
  yearRange,
  type OrgRow,
} from './data/orgs.js';
import { readPage } from './data/pagination.js';
import {
  loadAssignments,
  loadAssignmentsBy,
  loadPositions,
  type AssignmentListArgs,
  type AssignmentRow,
  type PositionRow,
} from './data/positions.js';
import {
  loadAttendanceByPerson,
  loadAttendancePages,
  loadCourses,
  loadSessions,
  type AttendanceRow,
  type CourseRow,
  type PersonTrainingArgs,
  type SessionAttendanceArgs,
  type SessionRow,
} from './data/training.js';

/** A load key: the id of the parent record plus the arguments of the field being resolved. */
type ArgsKey<A> = { id: string } & A;

export interface AttendancePageArgs extends SessionAttendanceArgs {
  first: number | null;
  after: string | null;
}

/** Per-request DataLoaders of the staffing subgraph. */
export interface StaffingLoaders {
  orgById: DataLoader<string, OrgRow | null>;
  headcount: DataLoader<ArgsKey<{ year: number }>, HeadcountRow | null, string>;
  itUnit: DataLoader<ArgsKey<{ year: number }>, OrgRow | null, string>;
  decisionById: DataLoader<string, DecisionRow | null>;
  transferById: DataLoader<string, TransferRow | null>;
  history: DataLoader<ArgsKey<HistoryArgs>, HeadcountChangeRow[], string>;
  positionById: DataLoader<string, PositionRow | null>;
  assignmentById: DataLoader<string, AssignmentRow | null>;
  employment: DataLoader<ArgsKey<AssignmentListArgs>, AssignmentRow[], string>;
  positionAssignments: DataLoader<ArgsKey<AssignmentListArgs>, AssignmentRow[], string>;
  courseById: DataLoader<string, CourseRow | null>;
  sessionById: DataLoader<string, SessionRow | null>;
  trainings: DataLoader<ArgsKey<PersonTrainingArgs>, AttendanceRow[], string>;
  sessionAttendance: DataLoader<
    ArgsKey<AttendancePageArgs>,
    { rows: AttendanceRow[]; totalCount: number },
    string
  >;
  coverage: DataLoader<ArgsKey<{ from: string; to: string }>, CoverageCounts, string>;
  targets: DataLoader<ArgsKey<{ asOf: string }>, TargetCounts, string>;
}

/**
 * The arguments of a load key, without its id, in one string. It is computed for every key of
 * every batch, so it avoids `localeCompare`, whose collation made this function the largest
 * one of the subgraph's CPU profile on a page of 500 organisations, and builds no arrays.
 */
function argsSignature(key: object): string {
  const names = Object.keys(key).sort();
  let signature = '';
  for (const name of names) {
    if (name === 'id') continue;
    signature += `${JSON.stringify(name)}:${JSON.stringify((key as Record<string, unknown>)[name]) ?? 'undefined'},`;
  }
  return signature;
}

/**
 * Creates a loader for fields with arguments. Keys with the same arguments are fetched together,
 * so a list of N parents costs one fetch per distinct argument set, not N.
 */
function loaderByArgs<A extends object, V>(
  fetch: (ids: string[], args: A) => Promise<Map<string, V>>,
  fallback: () => V,
): DataLoader<ArgsKey<A>, V, string> {
  // DataLoader computes a key's cache key on load and the batch needs it twice more, so each
  // key object's signature is computed once.
  const signatures = new WeakMap<ArgsKey<A>, string>();
  const signatureOf = (key: ArgsKey<A>) => {
    let signature = signatures.get(key);
    if (signature === undefined) {
      signature = argsSignature(key);
      signatures.set(key, signature);
    }
    return signature;
  };
  // Ids are UUIDs, which PostgreSQL returns in lower case whatever case the key used.
  const cacheKey = (key: ArgsKey<A>) => `${key.id.toLowerCase()}|${signatureOf(key)}`;
  return new DataLoader<ArgsKey<A>, V, string>(
    async (keys) => {
      const groups = new Map<string, { args: A; ids: Set<string> }>();
      for (const key of keys) {
        const signature = signatureOf(key);
        let group = groups.get(signature);
        if (!group) {
          const { id: _id, ...args } = key;
          group = { args: args as unknown as A, ids: new Set<string>() };
          groups.set(signature, group);
        }
        group.ids.add(key.id.toLowerCase());
      }
      const results = new Map<string, V>();
      await Promise.all(
        [...groups].map(async ([signature, group]) => {
          const found = await fetch([...group.ids], group.args);
          for (const [id, value] of found) results.set(`${id}|${signature}`, value);
        }),
      );
      return keys.map((key) => results.get(cacheKey(key)) ?? fallback());
    },
    { cacheKeyFn: cacheKey, maxBatchSize: MAX_BATCH_SIZE },
  );
}

function groupBy<T>(found: T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of found) {
    const key = keyOf(row);
    const list = groups.get(key);
    if (list) list.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

export function createStaffingLoaders(
  context: Omit<SubgraphContext<StaffingLoaders>, 'loaders'>,
): StaffingLoaders {
  const { db, caller, locale } = context;

  // Jurisdiction conditions, built once per request when first needed.
  const jurisdiction = (column: Parameters<NonNullable<typeof caller>['jurisdiction']>[0]) =>
    caller ? caller.jurisdiction(column) : Promise.resolve(sql`false`);
  const attendanceVisible = async () =>
    or(await jurisdiction(attendance.orgId), await jurisdiction(trainingSessions.organizerId)) ??
    sql`false`;

  return {
    orgById: keyedLoader(
      (ids) => loadOrgsById(db, ids),
      (row) => row.id,
    ),

    headcount: loaderByArgs(
      async (ids, { year }) => {
        const found = await loadHeadcounts(db, year, ids);
        return new Map(found.map((row) => [row.orgId, row]));
      },
      () => null,
    ),

    itUnit: loaderByArgs(
      async (ids, { year }) => {
        // Latest IT unit valid during the year, should a body have re-established it.
        const found = await loadChildrenOfKind(db, ids, IT_UNIT_KIND, yearRange(year));
        const byParent = new Map<string, OrgRow>();
        for (const row of found)
          if (row.parentId && !byParent.has(row.parentId)) byParent.set(row.parentId, row);
        return byParent;
      },
      () => null,
    ),

    decisionById: keyedLoader(
      (ids) => loadDecisions(db, ids),
      (row) => row.id,
    ),
    transferById: keyedLoader(
      (ids) => loadTransfers(db, ids),
      (row) => row.id,
    ),

    history: loaderByArgs(
      async (ids, args) => groupBy(await loadHistory(db, ids, args), (row) => row.orgId),
      () => [],
    ),

    positionById: keyedLoader(
      (ids) => loadPositions(db, ids),
      (row) => row.id,
    ),
    assignmentById: keyedLoader(
      (ids) => loadAssignments(db, ids),
      (row) => row.id,
    ),

    employment: loaderByArgs(
      async (ids, args) => {
        const visible = await jurisdiction(positions.orgId);
        return groupBy(
          await loadAssignmentsBy(db, 'personId', ids, args, visible),
          (row) => row.personId,
        );
      },
      () => [],
    ),

    // Reached only from a position visible to the caller, so every assignment of it is visible.
    positionAssignments: loaderByArgs(
      async (ids, args) =>
        groupBy(
          await loadAssignmentsBy(db, 'positionId', ids, args, sql`true`),
          (row) => row.positionId,
        ),
      () => [],
    ),

    courseById: keyedLoader(
      (ids) => loadCourses(db, ids),
      (row) => row.id,
    ),
    sessionById: keyedLoader(
      (ids) => loadSessions(db, ids),
      (row) => row.id,
    ),

    trainings: loaderByArgs(
      async (ids, args) => {
        const visible = await attendanceVisible();
        return groupBy(await loadAttendanceByPerson(db, ids, args, visible), (row) => row.personId);
      },
      () => [],
    ),

    sessionAttendance: loaderByArgs(
      async (ids, { first, after, ...args }) => {
        // The resolver checked first and after, the cursor's scope included, so readPage does
        // not throw here. Sessions of one batch have different scopes, so none is passed.
        const page = readPage(locale, { first, after }, attendance.createdAt, attendance.id);
        return loadAttendancePages(db, ids, args, page, await attendanceVisible());
      },
      () => ({ rows: [], totalCount: 0 }),
    ),

    coverage: loaderByArgs(
      (ids, range) => loadCoverage(db, ids, range),
      () => ({ people: 0, trained: 0 }),
    ),
    targets: loaderByArgs(
      (ids, { asOf }) => loadTargets(db, ids, asOf),
      () => ({
        bodies: 0,
        bodiesWithItUnit: 0,
        bodiesWithPostsTransferred: 0,
      }),
    ),
  };
}
