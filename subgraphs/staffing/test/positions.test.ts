import { randomUUID } from 'node:crypto';
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

const CREATE = `mutation($input: CreatePositionInput!) { createPosition(input: $input) {
  id title jobTitleStandard dxRole organization { id } createdAt updatedAt } }`;
const UPDATE = `mutation($id: ID!, $input: UpdatePositionInput!) { updatePosition(id: $id, input: $input) {
  id title jobTitleStandard dxRole updatedAt } }`;
const ASSIGN = `mutation($input: AssignPersonInput!) { assignPerson(input: $input) {
  id startDate endDate person { id } position { id } organization { id } } }`;
const END = `mutation($id: ID!, $endDate: Date!) { endAssignment(id: $id, endDate: $endDate) { id startDate endDate } }`;

describe('positions and assignments', () => {
  let test: StaffingTest;
  let positionId: string;

  beforeAll(async () => {
    test = await startStaffing();
    const created = await test.sg.run(
      CREATE,
      {
        input: {
          organization: { code: '001' },
          title: ' Chuyên viên chuyển đổi số ',
          jobTitleStandard: 'Chuyên viên (01.003)',
          dxRole: true,
        },
      },
      WRITER('001'),
    );
    positionId = dataOf(created).createPosition.id;
  });
  afterAll(async () => test?.sg.dispose());

  it('position is created trimmed in its unit', async () => {
    const position = dataOf(
      await test.sg.run(
        `query($id: ID!) { position(id: $id) { title organization { id } dxRole } }`,
        { id: positionId },
        READER('01'),
      ),
    ).position;
    expect(position).toEqual({
      title: 'Chuyên viên chuyển đổi số',
      organization: { id: test.id('001') },
      dxRole: true,
    });
  });

  it('position title is stored in NFC', async () => {
    const decomposed = 'Chuyên viên an toàn thông tin'.normalize('NFD');
    const created = dataOf(
      await test.sg.run(
        CREATE,
        { input: { organization: { code: '001' }, title: decomposed, dxRole: true } },
        WRITER('001'),
      ),
    );
    expect(created.createPosition.title).toBe('Chuyên viên an toàn thông tin'.normalize('NFC'));
  });

  it('position input errors name the field', async () => {
    const empty = await test.sg.run(
      CREATE,
      { input: { organization: { code: '001' }, title: '   ', dxRole: true } },
      WRITER('001'),
    );
    expect(firstError(empty).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.title',
    });
    const badId = await test.sg.run(
      CREATE,
      { input: { organization: { id: 'abc' }, title: 'x', dxRole: true } },
      WRITER('001'),
    );
    expect(firstError(badId).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.organization.id',
    });
    const neither = await test.sg.run(
      CREATE,
      { input: { organization: {}, title: 'x', dxRole: true } },
      WRITER('001'),
    );
    expect(firstError(neither).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.organization',
    });
    const vietnamese = await test.sg.run(
      CREATE,
      { input: { organization: { code: '001' }, title: '', dxRole: true } },
      { ...WRITER('001'), locale: 'vi' },
    );
    expect(firstError(vietnamese).message).toBe(
      'Giá trị không hợp lệ ở input.title: giá trị này là bắt buộc.',
    );
  });

  it('position outside the jurisdiction cannot be created', async () => {
    const result = await test.sg.run(
      CREATE,
      { input: { organization: { code: '01' }, title: 'Chuyên viên', dxRole: false } },
      WRITER('001'),
    );
    const error = firstError(result);
    expect(error.extensions?.code).toBe('FORBIDDEN');
    expect(error.message).toContain('001 may not create positions of 01');
  });

  it('position update changes only the fields sent', async () => {
    const updated = dataOf(
      await test.sg.run(UPDATE, { id: positionId, input: { dxRole: false } }, WRITER('01')),
    ).updatePosition;
    expect(updated).toMatchObject({
      title: 'Chuyên viên chuyển đổi số',
      jobTitleStandard: 'Chuyên viên (01.003)',
      dxRole: false,
    });
    const cleared = dataOf(
      await test.sg.run(
        UPDATE,
        { id: positionId, input: { jobTitleStandard: '', dxRole: true } },
        WRITER('01'),
      ),
    ).updatePosition;
    expect(cleared).toMatchObject({ jobTitleStandard: null, dxRole: true });
  });

  it('position of another body is not found', async () => {
    const read = await test.sg.run(
      `query($id: ID!) { position(id: $id) { id } }`,
      { id: positionId },
      READER('79'),
    );
    expect(firstError(read).extensions?.code).toBe('NOT_FOUND');
    const write = await test.sg.run(
      UPDATE,
      { id: positionId, input: { title: 'x' } },
      WRITER('79'),
    );
    expect(firstError(write).extensions?.code).toBe('NOT_FOUND');
    const malformed = await test.sg.run(`{ position(id: "1") { id } }`, {}, READER('79'));
    expect(firstError(malformed).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it('assignment opens and ends', async () => {
    const personId = randomUUID();
    const assigned = dataOf(
      await test.sg.run(
        ASSIGN,
        { input: { personId, positionId, startDate: '2025-02-01' } },
        WRITER('001'),
      ),
    ).assignPerson;
    expect(assigned).toMatchObject({
      startDate: '2025-02-01',
      endDate: null,
      person: { id: personId },
      organization: { id: test.id('001') },
    });

    const again = await test.sg.run(
      ASSIGN,
      { input: { personId, positionId, startDate: '2025-03-01' } },
      WRITER('001'),
    );
    expect(firstError(again).extensions?.code).toBe('CONFLICT');

    const early = await test.sg.run(END, { id: assigned.id, endDate: '2025-01-31' }, WRITER('001'));
    expect(firstError(early).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'endDate',
    });

    const ended = dataOf(
      await test.sg.run(END, { id: assigned.id, endDate: '2025-06-30' }, WRITER('001')),
    ).endAssignment;
    expect(ended).toMatchObject({ startDate: '2025-02-01', endDate: '2025-06-30' });
    const twice = await test.sg.run(END, { id: assigned.id, endDate: '2025-07-31' }, WRITER('001'));
    expect(firstError(twice).message).toContain('already ended on 2025-06-30');

    // Ended, the person may hold the position again.
    dataOf(
      await test.sg.run(
        ASSIGN,
        { input: { personId, positionId, startDate: '2025-09-01' } },
        WRITER('001'),
      ),
    );
  });

  it('assignment input errors name the field', async () => {
    const badPerson = await test.sg.run(
      ASSIGN,
      { input: { personId: 'cán-bộ-1', positionId, startDate: '2025-02-01' } },
      WRITER('001'),
    );
    expect(firstError(badPerson).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.personId',
    });
    const noPosition = await test.sg.run(
      ASSIGN,
      { input: { personId: randomUUID(), positionId: randomUUID(), startDate: '2025-02-01' } },
      ADMIN,
    );
    expect(firstError(noPosition).extensions?.code).toBe('NOT_FOUND');
    const badDate = await test.sg.run(
      ASSIGN,
      { input: { personId: randomUUID(), positionId, startDate: '2025-02-30' } },
      ADMIN,
    );
    expect(firstError(badDate).extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('assignment lists filter by person and day', async () => {
    const personId = randomUUID();
    dataOf(
      await test.sg.run(
        ASSIGN,
        { input: { personId, positionId, startDate: '2024-01-01' } },
        WRITER('001'),
      ),
    );
    const list = `query($personId: ID!, $day: Date) { assignments(filter: { personId: $personId, activeOn: $day }) {
        totalCount nodes { startDate position { title } } } }`;
    expect(
      dataOf(await test.sg.run(list, { personId }, READER('001'))).assignments.totalCount,
    ).toBe(1);
    expect(
      dataOf(await test.sg.run(list, { personId, day: '2023-12-31' }, READER('001'))).assignments
        .totalCount,
    ).toBe(0);
    expect(dataOf(await test.sg.run(list, { personId }, READER('79'))).assignments.totalCount).toBe(
      0,
    );

    const byPosition = dataOf(
      await test.sg.run(
        `query($id: ID!) { position(id: $id) { assignments(activeOn: "2024-06-01") { person { id } } } }`,
        { id: positionId },
        READER('001'),
      ),
    ).position.assignments;
    expect(byPosition).toEqual([{ person: { id: personId } }]);
  });

  it('position list pages with a cursor', async () => {
    for (let n = 0; n < 7; n += 1) {
      dataOf(
        await test.sg.run(
          CREATE,
          { input: { organization: { code: '00001' }, title: `Vị trí ${n}`, dxRole: n % 2 === 0 } },
          WRITER('001'),
        ),
      );
    }
    const list = `query($after: String) { positions(filter: { under: { code: "00001" } }, first: 3, after: $after) {
        totalCount pageInfo { hasNextPage hasPreviousPage endCursor } nodes { title } } }`;
    const titles: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: PageOf<{ title: string }> = dataOf(
        await test.sg.run(list, { after }, READER('001')),
      ).positions;
      expect(page.totalCount).toBe(7);
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      titles.push(...page.nodes.map((node: { title: string }) => node.title));
      pages += 1;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(titles).toEqual(Array.from({ length: 7 }, (_, n) => `Vị trí ${n}`));

    const dx = dataOf(
      await test.sg.run(
        `{ positions(filter: { under: { code: "00001" }, dxRole: true }) { totalCount } }`,
        {},
        READER('001'),
      ),
    );
    expect(dx.positions.totalCount).toBe(4);
  });

  it('position list rejects a foreign cursor and a large page', async () => {
    const foreign = Buffer.from(JSON.stringify(['x'])).toString('base64url');
    const cursor = await test.sg.run(
      `query($after: String) { positions(after: $after) { totalCount } }`,
      { after: foreign },
      READER('001'),
    );
    expect(firstError(cursor).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const large = await test.sg.run(`{ positions(first: 501) { totalCount } }`, {}, READER('001'));
    expect(firstError(large).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('position list binds cursors to the filter', async () => {
    const list = `query($filter: PositionFilter, $first: Int, $after: String) {
      positions(filter: $filter, first: $first, after: $after) {
        pageInfo { hasNextPage hasPreviousPage endCursor } nodes { title } } }`;
    const filter = { under: { code: '00001' }, dxRole: true };
    const first = dataOf(await test.sg.run(list, { filter, first: 1 }, READER('001'))).positions;
    const after: string = first.pageInfo.endCursor;

    const empty = dataOf(
      await test.sg.run(list, { filter, first: 0, after }, READER('001')),
    ).positions;
    expect(empty.nodes).toEqual([]);
    expect(empty.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: true, endCursor: after });

    for (const other of [
      { under: { code: '00001' }, dxRole: false },
      { under: { code: '001' }, dxRole: true },
      null,
    ]) {
      const result = await test.sg.run(list, { filter: other, first: 1, after }, READER('001'));
      expect(firstError(result).extensions, JSON.stringify(other)).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'after',
        reason: 'CURSOR_QUERY_MISMATCH',
      });
    }
  });

  it('position list returns changes since a time', async () => {
    const since = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    dataOf(
      await test.sg.run(
        UPDATE,
        { id: positionId, input: { title: 'Chuyên viên chính chuyển đổi số' } },
        WRITER('001'),
      ),
    );
    const changed = dataOf(
      await test.sg.run(
        `query($since: DateTime) { positions(filter: { updatedSince: $since }) { nodes { id title } } }`,
        { since },
        READER('001'),
      ),
    ).positions.nodes;
    expect(changed).toEqual([{ id: positionId, title: 'Chuyên viên chính chuyển đổi số' }]);
  });
});
