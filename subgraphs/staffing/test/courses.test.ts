import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  dataOf,
  firstError,
  READER,
  startStaffing,
  WRITER,
  type StaffingTest,
} from './helpers.js';

const CREATE_COURSE = `mutation($input: CreateCourseInput!) { createCourse(input: $input) {
  id title topic provider hours mode owner { id } } }`;
const CREATE_SESSION = `mutation($input: CreateTrainingSessionInput!) { createTrainingSession(input: $input) {
  id startsOn endsOn place organizer { id } course { id title } } }`;

function courseInput(owner: string, overrides: Record<string, unknown> = {}) {
  return {
    owner: { code: owner },
    title: 'Quản trị dữ liệu số',
    topic: 'Dữ liệu',
    provider: 'Trường Đại học Bách khoa Hà Nội',
    hours: 24,
    mode: 'ONLINE',
    ...overrides,
  };
}

describe('courses and sessions', () => {
  let test: StaffingTest;
  let courseId: string;

  beforeAll(async () => {
    test = await startStaffing();
    courseId = dataOf(await test.sg.run(CREATE_COURSE, { input: courseInput('01') }, WRITER('01')))
      .createCourse.id;
  });
  afterAll(async () => test?.sg.dispose());

  it('course is in the shared catalogue', async () => {
    const course = dataOf(
      await test.sg.run(
        `query($id: ID!) { course(id: $id) { title hours mode owner { id } } }`,
        { id: courseId },
        READER('79'),
      ),
    ).course;
    expect(course).toEqual({
      title: 'Quản trị dữ liệu số',
      hours: 24,
      mode: 'ONLINE',
      owner: { id: test.id('01') },
    });
  });

  it('course input errors name the field', async () => {
    const hours = await test.sg.run(
      CREATE_COURSE,
      { input: courseInput('01', { hours: 0 }) },
      WRITER('01'),
    );
    expect(firstError(hours).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.hours',
    });
    const provider = await test.sg.run(
      CREATE_COURSE,
      { input: courseInput('01', { provider: ' ' }) },
      WRITER('01'),
    );
    expect(firstError(provider).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.provider',
    });
    const mode = await test.sg.run(
      CREATE_COURSE,
      { input: courseInput('01', { mode: 'BY_POST' }) },
      WRITER('01'),
    );
    expect(firstError(mode).extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('course is changed by its owner only', async () => {
    const byOther = await test.sg.run(
      `mutation($id: ID!) { updateCourse(id: $id, input: { hours: 8 }) { id } }`,
      { id: courseId },
      WRITER('79'),
    );
    expect(firstError(byOther).extensions?.code).toBe('FORBIDDEN');
    const byOwner = await test.sg.run(
      `mutation($id: ID!) { updateCourse(id: $id, input: { hours: 32, mode: BLENDED, topic: "Dữ liệu số" }) { hours mode topic title } }`,
      { id: courseId },
      WRITER('01'),
    );
    expect(dataOf(byOwner).updateCourse).toEqual({
      hours: 32,
      mode: 'BLENDED',
      topic: 'Dữ liệu số',
      title: 'Quản trị dữ liệu số',
    });
    const missing = await test.sg.run(
      `mutation($id: ID!) { updateCourse(id: $id, input: { hours: 8 }) { id } }`,
      { id: randomUUID() },
      ADMIN,
    );
    expect(firstError(missing).extensions?.code).toBe('NOT_FOUND');
  });

  it('course list filters by topic and mode', async () => {
    dataOf(
      await test.sg.run(
        CREATE_COURSE,
        { input: courseInput('79', { topic: 'An toàn thông tin mạng', mode: 'IN_PERSON' }) },
        WRITER('79'),
      ),
    );
    const byTopic = dataOf(
      await test.sg.run(
        `{ courses(filter: { topic: "an toàn thông tin mạng" }) { totalCount nodes { topic } } }`,
        {},
        READER('001'),
      ),
    );
    expect(byTopic.courses).toEqual({
      totalCount: 1,
      nodes: [{ topic: 'An toàn thông tin mạng' }],
    });
    const byMode = dataOf(
      await test.sg.run(`{ courses(filter: { mode: BLENDED }) { totalCount } }`, {}, READER('001')),
    );
    expect(byMode.courses.totalCount).toBe(1);
  });

  it('session is created by its organiser', async () => {
    const input = {
      courseId,
      organizer: { code: '001' },
      startsOn: '2025-05-05',
      endsOn: '2025-05-07',
      place: 'Trực tuyến',
    };
    const created = dataOf(
      await test.sg.run(CREATE_SESSION, { input }, WRITER('001')),
    ).createTrainingSession;
    expect(created).toMatchObject({
      startsOn: '2025-05-05',
      endsOn: '2025-05-07',
      organizer: { id: test.id('001') },
      course: { id: courseId },
    });

    const notOwn = await test.sg.run(
      CREATE_SESSION,
      { input: { ...input, organizer: { code: '79' } } },
      WRITER('001'),
    );
    expect(firstError(notOwn).extensions?.code).toBe('FORBIDDEN');
    const reversed = await test.sg.run(
      CREATE_SESSION,
      { input: { ...input, endsOn: '2025-05-01' } },
      WRITER('001'),
    );
    expect(firstError(reversed).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.endsOn',
    });
    const noCourse = await test.sg.run(
      CREATE_SESSION,
      { input: { ...input, courseId: randomUUID() } },
      WRITER('001'),
    );
    expect(firstError(noCourse).extensions?.code).toBe('NOT_FOUND');
  });

  it('session list filters by dates and organiser', async () => {
    for (const [organizer, startsOn] of [
      ['01', '2025-01-06'],
      ['79', '2025-03-03'],
      ['760', '2025-10-06'],
    ] as const) {
      dataOf(
        await test.sg.run(
          CREATE_SESSION,
          {
            input: {
              courseId,
              organizer: { code: organizer },
              startsOn,
              endsOn: startsOn,
              place: 'Hội trường',
            },
          },
          ADMIN,
        ),
      );
    }
    const list = `query($filter: TrainingSessionFilter) { trainingSessions(filter: $filter) { totalCount nodes { startsOn } } }`;
    const run = async (filter: Record<string, unknown>) =>
      dataOf(await test.sg.run(list, { filter }, READER('001'))).trainingSessions;
    expect((await run({ courseId })).totalCount).toBe(4);
    // Lists follow creation order: the May session was created by the previous test.
    expect((await run({ courseId, from: '2025-03-01', to: '2025-06-30' })).nodes).toEqual([
      { startsOn: '2025-05-05' },
      { startsOn: '2025-03-03' },
    ]);
    expect((await run({ organizedUnder: { code: '79' } })).nodes).toEqual([
      { startsOn: '2025-03-03' },
      { startsOn: '2025-10-06' },
    ]);
  });

  it('session changes need the organiser', async () => {
    const sessions = dataOf(
      await test.sg.run(
        `{ trainingSessions(filter: { organizedUnder: { code: "79" } }) { nodes { id } } }`,
        {},
        READER('79'),
      ),
    );
    const id = sessions.trainingSessions.nodes[0].id;
    const byOther = await test.sg.run(
      `mutation($id: ID!) { updateTrainingSession(id: $id, input: { place: "Hà Nội" }) { id } }`,
      { id },
      WRITER('01'),
    );
    expect(firstError(byOther).extensions?.code).toBe('FORBIDDEN');
    const reversed = await test.sg.run(
      `mutation($id: ID!) { updateTrainingSession(id: $id, input: { endsOn: "2025-01-01" }) { id } }`,
      { id },
      WRITER('79'),
    );
    expect(firstError(reversed).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.endsOn',
    });
  });
});
