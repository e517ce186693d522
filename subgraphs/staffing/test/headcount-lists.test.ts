import { rows } from '@dxhub/kit';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  dataOf,
  firstError,
  READER,
  recordAllocation,
  startStaffing,
  TRANSFER,
  transferInput,
  WRITER,
  type StaffingTest,
} from './helpers.js';

const YEAR = 2025;

describe('headcount lists', () => {
  let test: StaffingTest;
  let transferId: string;

  beforeAll(async () => {
    test = await startStaffing();
    await recordAllocation(test.sg, '01', YEAR, 100, 80);
    await recordAllocation(test.sg, 'so-noi-vu-ha-noi', YEAR, 20, 15);
    await recordAllocation(test.sg, '79', YEAR, 90, 80);
    await recordAllocation(test.sg, '01', 2024, 95, 80);
    transferId = dataOf(
      await test.sg.run(
        TRANSFER,
        { input: transferInput('so-noi-vu-ha-noi', 'trung-tam-cds-ha-noi', YEAR, 2) },
        WRITER('01'),
      ),
    ).transferPosts.id;
  });
  afterAll(async () => test?.sg.dispose());

  it('headcounts list a unit and the units under it', async () => {
    const list = `query($code: String!, $year: Int!) { headcounts(filter: { under: { code: $code }, year: $year }) {
        totalCount nodes { organization { id } postsAllocated } } }`;
    const province = dataOf(
      await test.sg.run(list, { code: '01', year: YEAR }, READER('01')),
    ).headcounts;
    expect(province.totalCount).toBe(3);
    expect(
      new Set(province.nodes.map((n: { organization: { id: string } }) => n.organization.id)),
    ).toEqual(
      new Set([test.id('01'), test.id('so-noi-vu-ha-noi'), test.id('trung-tam-cds-ha-noi')]),
    );
    const earlier = dataOf(
      await test.sg.run(list, { code: '01', year: 2024 }, READER('01')),
    ).headcounts;
    expect(earlier.nodes).toEqual([{ organization: { id: test.id('01') }, postsAllocated: 95 }]);
    const department = dataOf(
      await test.sg.run(list, { code: '01', year: YEAR }, READER('so-noi-vu-ha-noi')),
    ).headcounts;
    expect(department.nodes).toEqual([
      { organization: { id: test.id('so-noi-vu-ha-noi') }, postsAllocated: 18 },
    ]);
    const other = dataOf(
      await test.sg.run(list, { code: '01', year: YEAR }, READER('79')),
    ).headcounts;
    expect(other.totalCount).toBe(0);
  });

  it('headcounts reject a year out of range', async () => {
    const result = await test.sg.run(
      `{ headcounts(filter: { under: { code: "01" }, year: 1999 }) { totalCount } }`,
      {},
      READER('01'),
    );
    expect(firstError(result).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'filter.year',
    });
  });

  it('decision list filters by unit and year', async () => {
    const list = `query($filter: AllocationDecisionFilter) { allocationDecisions(filter: $filter) { totalCount nodes { year postsAllocated organization { id } } } }`;
    const all = dataOf(await test.sg.run(list, {}, ADMIN)).allocationDecisions;
    expect(all.totalCount).toBe(4);
    const hanoi2024 = dataOf(
      await test.sg.run(list, { filter: { under: { code: '01' }, year: 2024 } }, ADMIN),
    ).allocationDecisions;
    expect(hanoi2024.nodes).toEqual([
      { year: 2024, postsAllocated: 95, organization: { id: test.id('01') } },
    ]);
    const own = dataOf(await test.sg.run(list, {}, READER('79'))).allocationDecisions;
    expect(own.nodes).toEqual([
      { year: YEAR, postsAllocated: 90, organization: { id: test.id('79') } },
    ]);
  });

  it('transfer is visible to both sides and the body', async () => {
    const query = `query($id: ID!) { transfer(id: $id) { posts body { id } from { id } to { id } decisionDate reason } }`;
    for (const org of [
      '01',
      'so-noi-vu-ha-noi',
      'trung-tam-cds-ha-noi',
      'cuc-chuyen-doi-so-quoc-gia',
    ]) {
      expect(dataOf(await test.sg.run(query, { id: transferId }, READER(org))).transfer.posts).toBe(
        2,
      );
    }
    expect(
      firstError(await test.sg.run(query, { id: transferId }, READER('79'))).extensions?.code,
    ).toBe('NOT_FOUND');
  });

  it('transfer shows each side only what the caller covers', async () => {
    const query = `query($id: ID!) { transfer(id: $id) { fromHeadcount { postsAllocated } toHeadcount { postsAllocated } } }`;
    const body = dataOf(await test.sg.run(query, { id: transferId }, READER('01'))).transfer;
    expect(body).toEqual({
      fromHeadcount: { postsAllocated: 18 },
      toHeadcount: { postsAllocated: 2 },
    });
    const source = await test.sg.run(query, { id: transferId }, READER('so-noi-vu-ha-noi'));
    expect(source.data?.transfer).toEqual({
      fromHeadcount: { postsAllocated: 18 },
      toHeadcount: null,
    });
    expect(source.errors?.map((e) => [e.extensions?.code, e.path?.join('.')])).toEqual([
      ['FORBIDDEN', 'transfer.toHeadcount'],
    ]);
  });

  it('transfer list filters by unit and year', async () => {
    const list = `query($filter: TransferFilter) { transfers(filter: $filter) { totalCount } }`;
    const count = async (filter: Record<string, unknown>, org = '01') =>
      dataOf(await test.sg.run(list, { filter }, READER(org))).transfers.totalCount as number;
    expect(await count({ under: { code: '01' } })).toBe(1);
    expect(await count({ under: { code: 'trung-tam-cds-ha-noi' } })).toBe(1);
    expect(await count({ year: 2024 })).toBe(0);
    expect(await count({}, '79')).toBe(0);
  });

  it('headcounts return changes since a time', async () => {
    const since = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await recordAllocation(test.sg, '79', YEAR, 91, 80);
    const changed = dataOf(
      await test.sg.run(
        `query($since: DateTime) { headcounts(filter: { under: { code: "79" }, year: ${YEAR}, updatedSince: $since }) { nodes { postsAllocated } } }`,
        { since },
        ADMIN,
      ),
    ).headcounts.nodes;
    expect(changed).toEqual([{ postsAllocated: 91 }]);
    const untouched = dataOf(
      await test.sg.run(
        `query($since: DateTime) { headcounts(filter: { under: { code: "01" }, year: ${YEAR}, updatedSince: $since }) { totalCount } }`,
        { since },
        ADMIN,
      ),
    ).headcounts.totalCount;
    expect(untouched).toBe(0);
  });

  it('transfer audit event names every changed record', async () => {
    const result = await test.sg.run(
      TRANSFER,
      { input: transferInput('01', 'trung-tam-cds-ha-noi', YEAR, 1) },
      WRITER('01'),
    );
    const id = dataOf(result).transferPosts.id as string;
    const events = await test.sg.db.database.db.execute(
      sql`select record_ids, outcome from audit.events where action = 'MUTATION' and ${id} = any(record_ids)`,
    );
    const [event] = rows<{ record_ids: string[] | string; outcome: string }>(events);
    expect(event?.outcome).toBe('SUCCESS');
    const recordIds = Array.isArray(event?.record_ids)
      ? event.record_ids
      : String(event?.record_ids).replace(/[{}]/g, '').split(',');
    const changed = await test.sg.db.database.db.execute(sql`
      select id::text from staffing.allocations where year = ${YEAR} and org_id in (${test.id('01')}::uuid, ${test.id('trung-tam-cds-ha-noi')}::uuid)
      union all select id::text from staffing.headcount_changes where transfer_id = ${id}::uuid`);
    const expected = [id, ...rows<{ id: string }>(changed).map((row) => row.id)];
    expect(expected).toHaveLength(5);
    expect([...recordIds].sort()).toEqual(expected.sort());
  });
});
