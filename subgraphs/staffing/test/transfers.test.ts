import { rows } from '@dxhub/kit';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  dataOf,
  decisionNumber,
  firstError,
  RECORD,
  recordAllocation,
  startStaffing,
  TRANSFER,
  transferInput,
  WRITER,
  type StaffingTest,
} from './helpers.js';

const YEAR = 2025;

describe('transfers of posts', () => {
  let test: StaffingTest;

  /** Posts allocated and filled per unit code, read straight from the table. */
  async function figures(): Promise<Map<string, { allocated: number; filled: number }>> {
    const result = await test.sg.db.database.db.execute(sql`
      select t.code, a.posts_allocated as allocated, a.posts_filled as filled
        from staffing.allocations a join network.org_tree t on t.id = a.org_id
       where a.year = ${YEAR}`);
    return new Map(
      rows<{ code: string; allocated: number; filled: number }>(result).map((row) => [
        row.code,
        { allocated: Number(row.allocated), filled: Number(row.filled) },
      ]),
    );
  }

  /** Sum of posts allocated to a unit and every unit under it, computed from the seeded tree. */
  async function totalUnder(code: string): Promise<number> {
    const unit = test.orgs.get(code)!;
    const all = await figures();
    let total = 0;
    for (const [orgCode, row] of all) {
      const org = test.orgs.get(orgCode)!;
      if (org.id === unit.id || org.ancestorIds.includes(unit.id)) total += row.allocated;
    }
    return total;
  }

  beforeAll(async () => {
    test = await startStaffing();
    await recordAllocation(test.sg, '01', YEAR, 200, 180);
    await recordAllocation(test.sg, 'so-noi-vu-ha-noi', YEAR, 50, 45);
    await recordAllocation(test.sg, 'so-tai-chinh-ha-noi', YEAR, 60, 60);
    await recordAllocation(test.sg, 'trung-tam-cds-ha-noi', YEAR, 10, 8);
    await recordAllocation(test.sg, '001', YEAR, 30, 25);
    await recordAllocation(test.sg, '79', YEAR, 150, 100);
  });
  afterAll(async () => test?.sg.dispose());

  it('transfer moves posts and keeps the body total', async () => {
    const before = await totalUnder('01');
    const result = await test.sg.run(
      TRANSFER,
      { input: transferInput('so-noi-vu-ha-noi', 'trung-tam-cds-ha-noi', YEAR, 3) },
      WRITER('01'),
    );
    const transfer = dataOf(result).transferPosts;
    expect(transfer.posts).toBe(3);
    expect(transfer.body.id).toBe(test.id('01'));

    const after = await figures();
    expect(after.get('so-noi-vu-ha-noi')).toEqual({ allocated: 47, filled: 45 });
    expect(after.get('trung-tam-cds-ha-noi')).toEqual({ allocated: 13, filled: 8 });
    expect(await totalUnder('01')).toBe(before);
  });

  it('transfer records both sides in the history', async () => {
    const result = await test.sg.run(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Organization {
          headcount(year: ${YEAR}) { postsAllocated postsTransferredIn postsTransferredOut vacantPosts }
          headcountHistory(year: ${YEAR}) { kind postsAllocatedChange postsAllocatedAfter postsFilledAfter transfer { posts } decision { postsAllocated } } } } }`,
      { reps: [{ __typename: 'Organization', id: test.id('trung-tam-cds-ha-noi') }] },
      WRITER('01'),
    );
    const [unit] = dataOf(result)._entities;
    expect(unit.headcount).toEqual({
      postsAllocated: 13,
      postsTransferredIn: 3,
      postsTransferredOut: 0,
      vacantPosts: 5,
    });
    expect(unit.headcountHistory).toEqual([
      {
        kind: 'DECISION',
        postsAllocatedChange: 10,
        postsAllocatedAfter: 10,
        postsFilledAfter: 8,
        transfer: null,
        decision: { postsAllocated: 10 },
      },
      {
        kind: 'TRANSFER_IN',
        postsAllocatedChange: 3,
        postsAllocatedAfter: 13,
        postsFilledAfter: 8,
        transfer: { posts: 3 },
        decision: null,
      },
    ]);
  });

  it('transfer from outside the body is rejected as growth', async () => {
    const before = await figures();
    const total = await totalUnder('01');
    const result = await test.sg.run(
      TRANSFER,
      { input: transferInput('79', 'trung-tam-cds-ha-noi', YEAR, 4) },
      ADMIN,
    );
    const error = firstError(result);
    expect(error.extensions?.code).toBe('STAFFING_HEADCOUNT_WOULD_GROW');
    expect(error.extensions?.rule).toBe('STAFFING_HEADCOUNT_WOULD_GROW');
    expect(error.extensions?.total).toBe(total);
    expect(error.extensions?.totalAfter).toBe(total + 4);
    expect(error.message).toContain(`from ${total} to ${total + 4}`);
    expect(result.data?.transferPosts).toBeNull();
    expect(await figures()).toEqual(before);
  });

  it('growth error reads in Vietnamese', async () => {
    const result = await test.sg.run(
      TRANSFER,
      { input: transferInput('79', 'trung-tam-cds-ha-noi', YEAR, 4) },
      { ...ADMIN, locale: 'vi' },
    );
    const error = firstError(result);
    expect(error.extensions?.code).toBe('STAFFING_HEADCOUNT_WOULD_GROW');
    expect(error.message).toMatch(
      /^Vi phạm quy tắc: điều chuyển biên chế không được làm tăng tổng biên chế/,
    );
    expect(error.message).toContain('79');
  });

  it('transfer below filled posts is rejected with the numbers', async () => {
    const before = await figures();
    const result = await test.sg.run(
      TRANSFER,
      { input: transferInput('so-tai-chinh-ha-noi', 'trung-tam-cds-ha-noi', YEAR, 1) },
      WRITER('01'),
    );
    const error = firstError(result);
    expect(error.extensions?.code).toBe('STAFFING_BELOW_FILLED_POSTS');
    expect(error.extensions).toMatchObject({
      allocated: 60,
      filled: 60,
      posts: 1,
      remaining: 59,
      available: 0,
      year: YEAR,
    });
    expect(error.message).toContain(
      'so-tai-chinh-ha-noi has 60 posts allocated and 60 filled for 2025',
    );
    expect(await figures()).toEqual(before);
  });

  it('transfer down to the filled posts exactly succeeds', async () => {
    // so-noi-vu-ha-noi has 47 posts allocated and 45 filled after the first test.
    const tooMany = await test.sg.run(
      TRANSFER,
      { input: transferInput('so-noi-vu-ha-noi', 'trung-tam-cds-ha-noi', YEAR, 3) },
      WRITER('01'),
    );
    expect(firstError(tooMany).extensions).toMatchObject({
      code: 'STAFFING_BELOW_FILLED_POSTS',
      available: 2,
      remaining: 44,
    });

    const exact = await test.sg.run(
      TRANSFER,
      { input: transferInput('so-noi-vu-ha-noi', 'trung-tam-cds-ha-noi', YEAR, 2) },
      WRITER('01'),
    );
    expect(dataOf(exact).transferPosts.posts).toBe(2);
    expect((await figures()).get('so-noi-vu-ha-noi')).toEqual({ allocated: 45, filled: 45 });
  });

  it('source without an allocation has no posts to move', async () => {
    const result = await test.sg.run(
      TRANSFER,
      { input: transferInput('00001', 'trung-tam-cds-ha-noi', YEAR, 1) },
      WRITER('01'),
    );
    expect(firstError(result).extensions).toMatchObject({
      code: 'STAFFING_BELOW_FILLED_POSTS',
      allocated: 0,
      filled: 0,
      available: 0,
    });
  });

  it('unit deep under the body may give posts', async () => {
    const before = await totalUnder('01');
    const result = await test.sg.run(
      TRANSFER,
      { input: transferInput('001', 'trung-tam-cds-ha-noi', YEAR, 5) },
      WRITER('01'),
    );
    expect(dataOf(result).transferPosts.from.id).toBe(test.id('001'));
    expect((await figures()).get('001')).toEqual({ allocated: 25, filled: 25 });
    expect(await totalUnder('01')).toBe(before);
  });

  it('IT unit receives its first posts by transfer', async () => {
    const result = await test.sg.run(
      TRANSFER,
      { input: transferInput('bo-tai-chinh', 'cuc-tin-hoc-va-thong-ke-tai-chinh', YEAR, 2) },
      ADMIN,
    );
    expect(firstError(result).extensions?.code).toBe('STAFFING_BELOW_FILLED_POSTS');
    await recordAllocation(test.sg, 'bo-tai-chinh', YEAR, 500, 480);

    const moved = await test.sg.run(
      TRANSFER,
      { input: transferInput('bo-tai-chinh', 'cuc-tin-hoc-va-thong-ke-tai-chinh', YEAR, 2) },
      ADMIN,
    );
    expect(dataOf(moved).transferPosts.posts).toBe(2);
    const after = await figures();
    expect(after.get('cuc-tin-hoc-va-thong-ke-tai-chinh')).toEqual({ allocated: 2, filled: 0 });
    expect(after.get('bo-tai-chinh')).toEqual({ allocated: 498, filled: 480 });
  });

  it('transfer target must be an IT unit', async () => {
    const result = await test.sg.run(
      TRANSFER,
      { input: transferInput('so-noi-vu-ha-noi', 'so-tai-chinh-ha-noi', YEAR, 1) },
      WRITER('01'),
    );
    const error = firstError(result);
    expect(error.extensions?.code).toBe('STAFFING_NOT_AN_IT_UNIT');
    expect(error.message).toContain('so-tai-chinh-ha-noi is of kind DEPARTMENT');
  });

  it('transfer needs the body in jurisdiction', async () => {
    const byDepartment = await test.sg.run(
      TRANSFER,
      { input: transferInput('so-noi-vu-ha-noi', 'trung-tam-cds-ha-noi', YEAR, 1) },
      WRITER('so-noi-vu-ha-noi'),
    );
    expect(firstError(byDepartment).extensions?.code).toBe('FORBIDDEN');
    const byOtherProvince = await test.sg.run(
      TRANSFER,
      { input: transferInput('so-noi-vu-ha-noi', 'trung-tam-cds-ha-noi', YEAR, 1) },
      WRITER('79'),
    );
    expect(firstError(byOtherProvince).extensions?.code).toBe('FORBIDDEN');
  });

  it('one decision is not applied twice', async () => {
    const input = transferInput('01', 'trung-tam-cds-ha-noi', YEAR, 1);
    dataOf(await test.sg.run(TRANSFER, { input }, WRITER('01')));
    const again = await test.sg.run(TRANSFER, { input }, WRITER('01'));
    expect(firstError(again).extensions?.code).toBe('CONFLICT');
    expect(firstError(again).message).toContain(input.decisionNumber);
  });

  it('transfer input errors name the field', async () => {
    const zero = await test.sg.run(
      TRANSFER,
      { input: transferInput('01', 'trung-tam-cds-ha-noi', YEAR, 0) },
      WRITER('01'),
    );
    expect(firstError(zero).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.posts',
    });
    const same = await test.sg.run(
      TRANSFER,
      { input: transferInput('trung-tam-cds-ha-noi', 'trung-tam-cds-ha-noi', YEAR, 1) },
      WRITER('01'),
    );
    expect(firstError(same).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.to',
    });
    const unknown = await test.sg.run(
      TRANSFER,
      { input: transferInput('khong-co', 'trung-tam-cds-ha-noi', YEAR, 1) },
      WRITER('01'),
    );
    expect(firstError(unknown).extensions?.code).toBe('NOT_FOUND');
    expect(firstError(unknown).message).toContain('khong-co');
    const both = await test.sg.run(
      TRANSFER,
      {
        input: {
          ...transferInput('01', 'trung-tam-cds-ha-noi', YEAR, 1),
          from: { code: '01', id: test.id('01') },
        },
      },
      WRITER('01'),
    );
    expect(firstError(both).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.from',
    });
  });

  it('allocation decisions may change totals', async () => {
    const before = await totalUnder('01');
    const result = await test.sg.run(
      RECORD,
      {
        input: {
          organization: { code: 'trung-tam-cds-ha-noi' },
          year: YEAR,
          postsAllocated: 40,
          postsFilled: 12,
          decisionNumber: decisionNumber(),
          decisionDate: '2025-06-01',
        },
      },
      WRITER('01'),
    );
    dataOf(result);
    const itUnit = (await figures()).get('trung-tam-cds-ha-noi')!;
    expect(itUnit).toEqual({ allocated: 40, filled: 12 });
    const previous = 10 + 3 + 2 + 5 + 1; // decision, then four transfers in
    expect(await totalUnder('01')).toBe(before + (40 - previous));
  });

  it('decision with more filled than allocated is rejected', async () => {
    const result = await test.sg.run(
      RECORD,
      {
        input: {
          organization: { code: '01' },
          year: YEAR,
          postsAllocated: 10,
          postsFilled: 11,
          decisionNumber: decisionNumber(),
          decisionDate: '2025-06-01',
        },
      },
      WRITER('01'),
    );
    expect(firstError(result).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.postsFilled',
    });
  });

  it('decision number is unique per unit and year', async () => {
    const input = {
      organization: { code: '001' },
      year: YEAR,
      postsAllocated: 30,
      postsFilled: 25,
      decisionNumber: decisionNumber(),
      decisionDate: '2025-06-01',
    };
    dataOf(await test.sg.run(RECORD, { input }, WRITER('01')));
    const again = await test.sg.run(RECORD, { input }, WRITER('01'));
    expect(firstError(again).extensions?.code).toBe('CONFLICT');
  });

  it('database rejects a direct insert below the floor', async () => {
    const database = test.sg.db.database;
    const insert = database.exec(`
      insert into staffing.transfers (year, body_id, from_org_id, to_org_id, posts, decision_number, decision_date, reason)
      values (${YEAR}, '${test.id('01')}', '${test.id('so-tai-chinh-ha-noi')}', '${test.id('trung-tam-cds-ha-noi')}',
              5, 'direct-1', '2025-03-01', 'direct SQL')`);
    await expect(insert).rejects.toMatchObject({ code: 'DXS01' });
  });

  it('database rejects a direct insert from outside the body', async () => {
    const insert = test.sg.db.database.exec(`
      insert into staffing.transfers (year, body_id, from_org_id, to_org_id, posts, decision_number, decision_date, reason)
      values (${YEAR}, '${test.id('01')}', '${test.id('79')}', '${test.id('trung-tam-cds-ha-noi')}',
              1, 'direct-2', '2025-03-01', 'direct SQL')`);
    await expect(insert).rejects.toMatchObject({ code: 'DXS02' });
  });

  it('database keeps filled within allocated', async () => {
    const update = test.sg.db.database.exec(
      `update staffing.allocations set posts_allocated = posts_filled - 1 where org_id = '${test.id('01')}' and year = ${YEAR}`,
    );
    await expect(update).rejects.toMatchObject({ code: '23514' });
  });

  it('database keeps transfers append-only', async () => {
    const update = test.sg.db.database.exec(`update staffing.transfers set posts = posts + 1`);
    await expect(update).rejects.toMatchObject({ code: 'DXS05' });
    const remove = test.sg.db.database.exec(`delete from staffing.headcount_changes`);
    await expect(remove).rejects.toMatchObject({ code: 'DXS05' });
  });
});
