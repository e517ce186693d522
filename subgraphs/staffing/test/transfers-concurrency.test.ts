import { openDatabase, rows, type Database } from '@dxhub/kit';
import { usingPostgres } from '@dxhub/kit/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  recordAllocation,
  startStaffing,
  STAFFING_ORGS,
  TRANSFER,
  transferInput,
  WRITER,
  type StaffingTest,
} from './helpers.js';

const YEAR = 2025;
const SKIP_REASON =
  'needs real PostgreSQL: the embedded database has one connection, so requests cannot run concurrently; set TEST_DATABASE_URL';

/**
 * Sources of the parallel transfers, all under province 01, with their allocation and how many
 * posts each request moves. The spare posts (allocated minus filled) bound how many can succeed.
 */
const SOURCES = [
  { code: '01', allocated: 100, filled: 90, posts: 2, requests: 9 },
  { code: 'so-noi-vu-ha-noi', allocated: 50, filled: 45, posts: 1, requests: 8 },
  { code: 'so-tai-chinh-ha-noi', allocated: 60, filled: 55, posts: 1, requests: 8 },
  { code: '001', allocated: 30, filled: 25, posts: 1, requests: 8 },
  // An IT unit of a department is itself under the province, so it both receives and gives.
  { code: 'phong-cntt-so-noi-vu', allocated: 6, filled: 2, posts: 1, requests: 6 },
];

/** Connections of the test subgraph's pool, all of which the gated requests end up holding. */
const POOL_SIZE = 10;

/**
 * Locks every allocation row of the year from another connection, so the transfers sent
 * meanwhile all start and then wait at the same point. Released together, they race on the same
 * rows. Without the gate the race window inside the trigger is too short to hit.
 */
async function gateAllocations(url: string) {
  const database: Database = await openDatabase({ databaseUrl: url, maxConnections: 2 });
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const holder = database.db.transaction(async (tx) => {
    await tx.execute(sql`select id from staffing.allocations where year = ${YEAR} for update`);
    locked();
    await opened;
  });
  await isLocked;

  /** Backends of this database waiting for a lock. */
  const waiting = async () => {
    const result = await database.db.execute(sql`
      select count(distinct l.pid)::int as n from pg_locks l
       where not l.granted and l.pid in (select pid from pg_stat_activity where datname = current_database())`);
    return Number(rows<{ n: number }>(result)[0]?.n ?? 0);
  };
  return {
    /** Resolves once `count` backends wait, or throws after `timeoutMs`. */
    async untilWaiting(count: number, timeoutMs = 30_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while ((await waiting()) < count) {
        if (Date.now() > deadline)
          throw new Error(`only ${await waiting()} of ${count} transfers reached the lock`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    async release(): Promise<void> {
      open();
      await holder;
      await database.close();
    },
  };
}

describe('transfers under concurrency', () => {
  let test: StaffingTest | undefined;

  async function allocationsUnder(
    code: string,
  ): Promise<Map<string, { allocated: number; filled: number }>> {
    const unit = test!.orgs.get(code)!;
    const result = await test!.sg.db.database.db.execute(sql`
      select t.code, t.id::text as id, t.ancestor_ids::text as ancestors, a.posts_allocated as allocated, a.posts_filled as filled
        from staffing.allocations a join network.org_tree t on t.id = a.org_id
       where a.year = ${YEAR}`);
    const under = new Map<string, { allocated: number; filled: number }>();
    for (const row of rows<{
      code: string;
      id: string;
      ancestors: string;
      allocated: number;
      filled: number;
    }>(result)) {
      if (row.id === unit.id || row.ancestors.includes(unit.id)) {
        under.set(row.code, { allocated: Number(row.allocated), filled: Number(row.filled) });
      }
    }
    return under;
  }

  function total(figures: Map<string, { allocated: number }>): number {
    return [...figures.values()].reduce((sum, row) => sum + row.allocated, 0);
  }

  beforeAll(async () => {
    if (!usingPostgres) {
      console.warn(`transfers under concurrency: skipped, ${SKIP_REASON}`);
      return;
    }
    test = await startStaffing([
      ...STAFFING_ORGS,
      {
        code: 'phong-cntt-so-noi-vu',
        level: 'PROVINCE',
        kind: 'IT_UNIT',
        parentCode: 'so-noi-vu-ha-noi',
      },
    ]);
    for (const source of SOURCES)
      await recordAllocation(test.sg, source.code, YEAR, source.allocated, source.filled);
    await recordAllocation(test.sg, 'trung-tam-cds-ha-noi', YEAR, 10, 8);
  });
  afterAll(async () => test?.sg.dispose());

  it('parallel transfers keep the total and the floor', async (context) => {
    if (!test) return context.skip(SKIP_REASON);
    const before = await allocationsUnder('01');

    // Every request moves posts to the province's IT unit, except that the department gives
    // some to its own IT unit, which gives in turn to the province's: the rows locked overlap
    // in every order.
    const requests = SOURCES.flatMap((source) =>
      Array.from({ length: source.requests }, (_, index) => {
        const target =
          source.code === 'so-noi-vu-ha-noi' && index % 2 === 0
            ? 'phong-cntt-so-noi-vu'
            : 'trung-tam-cds-ha-noi';
        return { source, input: transferInput(source.code, target, YEAR, source.posts) };
      }),
    );
    const gate = await gateAllocations(test.sg.db.url!);
    const pending = Promise.all(
      requests.map(({ input }) => test!.sg.run(TRANSFER, { input }, WRITER('01'))),
    );
    await gate.untilWaiting(POOL_SIZE);
    await gate.release();
    const results = await pending;

    const codes = results.map((result) => result.errors?.[0]?.extensions?.code ?? 'OK');
    expect(codes.filter((code) => code !== 'OK' && code !== 'STAFFING_BELOW_FILLED_POSTS')).toEqual(
      [],
    );
    const after = await allocationsUnder('01');
    expect(total(after)).toBe(total(before));
    for (const [code, row] of after) expect(row.allocated, code).toBeGreaterThanOrEqual(row.filled);

    // Each plain source ends exactly at its filled posts: every spare post moved, none twice.
    for (const source of SOURCES.filter((s) => s.code !== 'phong-cntt-so-noi-vu')) {
      const succeeded = requests.filter(
        (request, index) => request.source === source && codes[index] === 'OK',
      ).length;
      expect(succeeded, source.code).toBe((source.allocated - source.filled) / source.posts);
      expect(after.get(source.code), source.code).toEqual({
        allocated: source.filled,
        filled: source.filled,
      });
    }
    const movedIn = requests.reduce((sum, request, index) => {
      if (codes[index] !== 'OK') return sum;
      const posts = request.source.posts;
      return sum + (request.input.to.code === 'trung-tam-cds-ha-noi' ? posts : 0);
    }, 0);
    expect(after.get('trung-tam-cds-ha-noi')?.allocated).toBe(10 + movedIn);
  });

  it('ledger matches the allocations after the race', async (context) => {
    if (!test) return context.skip(SKIP_REASON);
    const result = await test.sg.db.database.db.execute(sql`
      select a.org_id::text as org, a.posts_allocated as allocated,
             (select coalesce(sum(c.posts_allocated_change), 0)::int from staffing.headcount_changes c
               where c.org_id = a.org_id and c.year = a.year) as replayed
        from staffing.allocations a where a.year = ${YEAR}`);
    const found = rows<{ org: string; allocated: number; replayed: number }>(result);
    expect(found.length).toBeGreaterThan(0);
    for (const row of found) expect(Number(row.replayed), row.org).toBe(Number(row.allocated));

    const transfers = await test.sg.db.database.db.execute(sql`
      select coalesce(sum(posts_allocated_change), 0)::int as net from staffing.headcount_changes where kind <> 'DECISION'`);
    expect(Number(rows<{ net: number }>(transfers)[0]?.net)).toBe(0);
  });
});
