import { randomUUID } from 'node:crypto';
import { MAX_BATCH_SIZE, rows } from '@dxhub/kit';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  dataOf,
  firstError,
  READER,
  startStaffing,
  WRITER,
  type PageOf,
  type StaffingTest,
} from './helpers.js';

const UPSERT = `mutation($sessionId: ID!, $rows: [AttendanceInput!]!) {
  upsertAttendance(sessionId: $sessionId, rows: $rows) { session { id } inserted updated } }`;

interface Row {
  personId: string;
  organization: { id?: string; code?: string };
  status: 'REGISTERED' | 'ABSENT' | 'ATTENDED' | 'COMPLETED';
  completedOn?: string | null;
}

describe('bulk attendance', () => {
  let test: StaffingTest;
  let sessionId: string;

  async function storedCount(): Promise<number> {
    const result = await test.sg.db.database.db.execute(
      sql`select count(*)::int as n from staffing.attendance where session_id = ${sessionId}`,
    );
    return Number(rows<{ n: number }>(result)[0]?.n);
  }

  /** Rows for new people, alternating the sending units, every fourth one completed. */
  function newRows(count: number): Row[] {
    const senders = ['00001', '001', 'so-noi-vu-ha-noi', '26734'];
    return Array.from({ length: count }, (_, index) => ({
      personId: randomUUID(),
      organization:
        index % 5 === 0
          ? { code: senders[index % senders.length]! }
          : { id: test.id(senders[index % senders.length]!) },
      status: index % 4 === 0 ? 'COMPLETED' : 'ATTENDED',
      completedOn: index % 4 === 0 ? '2025-04-11' : null,
    }));
  }

  beforeAll(async () => {
    test = await startStaffing();
    const course = await test.sg.run(
      `mutation { createCourse(input: { owner: { code: "01" }, title: "Chuyển đổi số trong cơ quan nhà nước",
         topic: "Chuyển đổi số", provider: "Sở Khoa học và Công nghệ Hà Nội", hours: 16, mode: IN_PERSON }) { id } }`,
      {},
      WRITER('01'),
    );
    const session = await test.sg.run(
      `mutation($courseId: ID!) { createTrainingSession(input: { courseId: $courseId, organizer: { code: "01" },
         startsOn: "2025-04-07", endsOn: "2025-04-11", place: "Hà Nội" }) { id } }`,
      { courseId: dataOf(course).createCourse.id },
      WRITER('01'),
    );
    sessionId = dataOf(session).createTrainingSession.id;
  });
  afterAll(async () => test?.sg.dispose());

  it('upsert inserts thousands of rows in one request', async () => {
    const batch = newRows(3000);
    const before = test.sg.db.database.statements.count;
    const result = await test.sg.run(UPSERT, { sessionId, rows: batch }, WRITER('01'));
    const statements = test.sg.db.database.statements.count - before;
    expect(dataOf(result).upsertAttendance).toEqual({
      session: { id: sessionId },
      inserted: 3000,
      updated: 0,
    });
    expect(await storedCount()).toBe(3000);

    const small = await (async () => {
      const start = test.sg.db.database.statements.count;
      dataOf(await test.sg.run(UPSERT, { sessionId, rows: newRows(10) }, WRITER('01')));
      return test.sg.db.database.statements.count - start;
    })();
    expect(statements).toBe(small);
  });

  it('upsert updates rows already recorded', async () => {
    const batch = newRows(500);
    dataOf(await test.sg.run(UPSERT, { sessionId, rows: batch }, WRITER('01')));
    const before = await storedCount();
    const changed = batch.map((row) => ({
      ...row,
      status: 'COMPLETED' as const,
      completedOn: '2025-04-12',
    }));
    const result = await test.sg.run(
      UPSERT,
      { sessionId, rows: [...changed, ...newRows(20)] },
      WRITER('01'),
    );
    expect(dataOf(result).upsertAttendance).toMatchObject({ inserted: 20, updated: 500 });
    expect(await storedCount()).toBe(before + 20);
  });

  it('one bad row rejects the whole batch', async () => {
    const before = await storedCount();
    const batch = newRows(2000);
    batch[1234] = { ...batch[1234]!, status: 'COMPLETED', completedOn: null };
    const result = await test.sg.run(UPSERT, { sessionId, rows: batch }, WRITER('01'));
    const error = firstError(result);
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.extensions?.fieldErrors).toEqual([
      expect.objectContaining({ field: 'rows.1234.completedOn', code: 'REQUIRED' }),
    ]);
    expect(error.message).toContain('1 of 2000 rows are invalid, so none was saved');
    expect(result.data?.upsertAttendance).toBeNull();
    expect(await storedCount()).toBe(before);
  });

  it('every bad row is reported together', async () => {
    const before = await storedCount();
    const batch = newRows(40);
    const duplicate = batch[3]!.personId;
    batch[5] = { ...batch[5]!, personId: 'không-phải-uuid' };
    batch[7] = { ...batch[7]!, personId: duplicate };
    batch[11] = { ...batch[11]!, organization: { code: 'khong-ton-tai' } };
    batch[13] = { ...batch[13]!, status: 'COMPLETED', completedOn: '2025-04-01' };
    batch[17] = { ...batch[17]!, status: 'ABSENT', completedOn: '2025-04-10' };
    batch[19] = { ...batch[19]!, organization: { id: test.id('01'), code: '01' } };
    batch[23] = { ...batch[23]!, status: 'COMPLETED', completedOn: '2999-01-01' };

    const result = await test.sg.run(
      UPSERT,
      { sessionId, rows: batch },
      { ...WRITER('01'), locale: 'vi' },
    );

    const error = firstError(result);
    const reported = (error.extensions?.fieldErrors as { field: string; code: string }[]).map(
      (e) => `${e.field} ${e.code}`,
    );
    expect(reported.sort()).toEqual(
      [
        'rows.5.personId INVALID_ID',
        'rows.7.personId DUPLICATE',
        'rows.11.organization NOT_FOUND',
        'rows.13.completedOn OUT_OF_RANGE',
        'rows.17.completedOn NOT_ALLOWED',
        'rows.19.organization INVALID',
        'rows.23.completedOn OUT_OF_RANGE',
      ].sort(),
    );
    expect(error.message).toBe(
      'Giá trị không hợp lệ ở rows: 7 trên 40 dòng không hợp lệ nên chưa dòng nào được lưu; hãy sửa các dòng nêu trong fieldErrors rồi gửi lại cả lô.',
    );
    expect(await storedCount()).toBe(before);
  });

  it('failure while writing saves nothing', async () => {
    // A trigger standing in for any failure inside the write: one row of the batch fails there.
    const poisoned = randomUUID();
    await test.sg.db.database.exec(`
      create function staffing.test_reject_person() returns trigger language plpgsql as $$
      begin
        if new.person_id = '${poisoned}' then raise exception 'rejected by the test'; end if;
        return new;
      end $$;
      create trigger test_reject_person before insert on staffing.attendance
        for each row execute function staffing.test_reject_person();`);
    try {
      const before = await storedCount();
      const batch = newRows(1500);
      batch[1499] = { ...batch[1499]!, personId: poisoned };
      const result = await test.sg.run(UPSERT, { sessionId, rows: batch }, WRITER('01'));
      expect(firstError(result).extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(await storedCount()).toBe(before);
    } finally {
      await test.sg.db.database.exec(`
        drop trigger test_reject_person on staffing.attendance;
        drop function staffing.test_reject_person();`);
    }
  });

  it('batch above the limit is rejected', async () => {
    const result = await test.sg.run(
      UPSERT,
      { sessionId, rows: newRows(MAX_BATCH_SIZE + 1) },
      WRITER('01'),
    );
    const error = firstError(result);
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'rows' });
    expect(error.message).toContain(
      `${MAX_BATCH_SIZE + 1} rows exceed the maximum of ${MAX_BATCH_SIZE}`,
    );
  });

  it('empty batch is rejected', async () => {
    const result = await test.sg.run(UPSERT, { sessionId, rows: [] }, WRITER('01'));
    expect(firstError(result).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'rows' });
  });

  it('upsert needs the organiser in jurisdiction', async () => {
    const byOther = await test.sg.run(UPSERT, { sessionId, rows: newRows(1) }, WRITER('79'));
    expect(firstError(byOther).extensions?.code).toBe('FORBIDDEN');
    const byDistrict = await test.sg.run(UPSERT, { sessionId, rows: newRows(1) }, WRITER('001'));
    expect(firstError(byDistrict).extensions?.code).toBe('FORBIDDEN');
    const unknown = await test.sg.run(UPSERT, { sessionId: randomUUID(), rows: newRows(1) }, ADMIN);
    expect(firstError(unknown).extensions?.code).toBe('NOT_FOUND');
  });

  it('session attendance pages and filters', async () => {
    const query = `query($id: ID!, $after: String) { trainingSession(id: $id) {
        attendance(first: 400, after: $after, status: COMPLETED) { totalCount pageInfo { hasNextPage endCursor } nodes { id status completedOn } } } }`;
    const completed = await test.sg.db.database.db.execute(
      sql`select count(*)::int as n from staffing.attendance where session_id = ${sessionId} and status = 'COMPLETED'`,
    );
    const total = Number(rows<{ n: number }>(completed)[0]?.n);
    const seen = new Set<string>();
    let after: string | null = null;
    for (;;) {
      const page: PageOf<{ id: string; status: string }> = dataOf(
        await test.sg.run(query, { id: sessionId, after }, READER('01')),
      ).trainingSession.attendance;
      expect(page.totalCount).toBe(total);
      for (const node of page.nodes) {
        expect(node.status).toBe('COMPLETED');
        seen.add(node.id);
      }
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen.size).toBe(total);
  });

  it('session attendance binds cursors to the status', async () => {
    const query = `query($id: ID!, $status: AttendanceStatus, $after: String) { trainingSession(id: $id) {
        attendance(first: 1, after: $after, status: $status) { pageInfo { endCursor } nodes { id } } } }`;
    const first = dataOf(
      await test.sg.run(query, { id: sessionId, status: 'COMPLETED' }, READER('01')),
    ).trainingSession.attendance;
    const after: string = first.pageInfo.endCursor;
    const next = dataOf(
      await test.sg.run(query, { id: sessionId, status: 'COMPLETED', after }, READER('01')),
    ).trainingSession.attendance;
    expect(next.nodes).toHaveLength(1);
    expect(next.nodes[0].id).not.toBe(first.nodes[0].id);

    const other = await test.sg.run(
      query,
      { id: sessionId, status: 'ATTENDED', after },
      READER('01'),
    );
    expect(firstError(other).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
      reason: 'CURSOR_QUERY_MISMATCH',
    });
  });

  it('session attendance shows other units only their people', async () => {
    const query = `query($id: ID!) { trainingSession(id: $id) { attendance(first: 1) { totalCount } } }`;
    const byUnit = async (org: string) =>
      dataOf(await test.sg.run(query, { id: sessionId }, READER(org))).trainingSession.attendance
        .totalCount as number;
    const counts = await test.sg.db.database.db.execute(sql`
      select t.code, count(*)::int as n from staffing.attendance a join network.org_tree t on t.id = a.org_id
       where a.session_id = ${sessionId} group by t.code`);
    const stored = new Map(
      rows<{ code: string; n: number }>(counts).map((row) => [row.code, Number(row.n)]),
    );
    expect(await byUnit('79')).toBe(stored.get('26734'));
    expect(await byUnit('00001')).toBe(stored.get('00001'));
    expect(await byUnit('001')).toBe((stored.get('001') ?? 0) + (stored.get('00001') ?? 0));
    expect(await byUnit('01')).toBe([...stored.values()].reduce((a, b) => a + b, 0));
    expect(await byUnit('bo-tai-chinh')).toBe(0);
  });

  it('person trainings list visible sessions', async () => {
    const person = newRows(1)[0]!;
    dataOf(
      await test.sg.run(
        UPSERT,
        { sessionId, rows: [{ ...person, organization: { code: '26734' } }] },
        WRITER('01'),
      ),
    );
    const query = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person {
        trainings(year: 2025) { status session { id place } organization { id } } } } }`;
    const reps = [{ __typename: 'Person', id: person.personId }];
    const forProvince = dataOf(await test.sg.run(query, { reps }, READER('79')))._entities[0]
      .trainings;
    expect(forProvince).toEqual([
      {
        status: person.status,
        session: { id: sessionId, place: 'Hà Nội' },
        organization: { id: test.id('26734') },
      },
    ]);
    const forOther = dataOf(await test.sg.run(query, { reps }, READER('bo-tai-chinh')))._entities[0]
      .trainings;
    expect(forOther).toEqual([]);
    const otherYear = await test.sg.run(
      query.replace('year: 2025', 'year: 2024'),
      { reps },
      READER('79'),
    );
    expect(dataOf(otherYear)._entities[0].trainings).toEqual([]);
  });

  it('session cannot start after a recorded completion', async () => {
    const result = await test.sg.run(
      `mutation($id: ID!) { updateTrainingSession(id: $id, input: { startsOn: "2025-04-12", endsOn: "2025-04-14" }) { id } }`,
      { id: sessionId },
      WRITER('01'),
    );
    const error = firstError(result);
    expect(error.extensions?.code).toBe('CONFLICT');
    // The earliest completion recorded is 2025-04-11.
    expect(error.message).toContain('completed on 2025-04-11, before the new first day 2025-04-12');
    const moved = await test.sg.run(
      `mutation($id: ID!) { updateTrainingSession(id: $id, input: { endsOn: "2025-04-18", place: "Hội trường Sở Nội vụ Hà Nội" }) { endsOn place } }`,
      { id: sessionId },
      WRITER('01'),
    );
    expect(dataOf(moved).updateTrainingSession).toEqual({
      endsOn: '2025-04-18',
      place: 'Hội trường Sở Nội vụ Hà Nội',
    });
  });
});
