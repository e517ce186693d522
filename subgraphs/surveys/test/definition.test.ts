import { rows } from '@dxhub/kit';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AGENCY,
  CLOSE,
  CREATE,
  firstCode,
  hoursFromNow,
  PUBLISH,
  publishedSurvey,
  QUESTIONS_OF_EVERY_TYPE,
  startSurveys,
  SURVEY_FIELDS,
  type SurveysHarness,
  type Data,
} from './helpers.js';

const UPDATE = /* GraphQL */ `
  mutation Update($id: ID!, $input: UpdateSurveyInput!) { updateSurvey(id: $id, input: $input) { ${SURVEY_FIELDS} } }
`;

function draftInput(extra: Record<string, unknown> = {}) {
  return {
    title: 'Khảo sát thử nghiệm',
    opensAt: hoursFromNow(-1),
    closesAt: hoursFromNow(24),
    questions: QUESTIONS_OF_EVERY_TYPE,
    ...extra,
  };
}

describe('survey definitions', () => {
  let h: SurveysHarness;
  beforeAll(async () => {
    h = await startSurveys();
  });
  afterAll(async () => h?.sg.dispose());

  it('createSurvey stores every question type', async () => {
    const decomposed = 'Khảo sát Hà Nội'.normalize('NFD');
    const data = await h.ok(CREATE, {
      input: draftInput({ title: decomposed, description: 'Mô tả' }),
    });
    const survey = data.createSurvey;
    expect(survey.title).toBe('Khảo sát Hà Nội'.normalize('NFC'));
    expect(survey.status).toBe('DRAFT');
    expect(survey.version).toBe(1);
    expect(survey.anonymityThreshold).toBe(5);
    expect(survey.audienceSize).toBeNull();
    expect(survey.owner.id).toBe(h.orgs.get(AGENCY)?.id);
    expect(survey.questions.map((q: { type: string }) => q.type)).toEqual([
      'SINGLE_CHOICE',
      'MULTIPLE_CHOICE',
      'SCALE',
      'NUMBER',
      'TEXT',
      'DATE',
    ]);
    const [single, multiple, scale, number, text, date] = survey.questions;
    expect(single.options).toHaveLength(3);
    expect(single.required).toBe(true);
    expect([multiple.minChoices, multiple.maxChoices]).toEqual([1, 3]);
    expect([scale.min, scale.max]).toEqual([1, 5]);
    expect([number.min, number.max]).toEqual([0, 500]);
    expect(text.maxLength).toBe(200);
    expect([date.minDate, date.maxDate]).toEqual(['2024-01-01', '2026-12-31']);
  });

  it('createSurvey lists every invalid question', async () => {
    const result = await h.run(
      CREATE,
      {
        input: draftInput({
          questions: [
            {
              code: 'a',
              type: 'SINGLE_CHOICE',
              title: 'Một phương án',
              options: [{ value: 'x', label: 'X' }],
            },
            {
              code: 'b',
              type: 'SINGLE_CHOICE',
              title: 'Trùng',
              options: [
                { value: 'x', label: 'X' },
                { value: 'x', label: 'Y' },
              ],
            },
            { code: 'c', type: 'SCALE', title: 'Thang lẻ', min: 1.5, max: 5 },
            {
              code: 'd',
              type: 'NUMBER',
              title: 'Số có phương án',
              options: [
                { value: 'x', label: 'X' },
                { value: 'y', label: 'Y' },
              ],
            },
            { code: 'e', type: 'NUMBER', title: 'Khoảng ngược', min: 10, max: 1 },
            {
              code: 'f',
              type: 'DATE',
              title: 'Ngày ngược',
              minDate: '2025-02-01',
              maxDate: '2025-01-01',
            },
            { code: 'f', type: 'TEXT', title: 'Mã trùng' },
            { code: 'h', type: 'TEXT', title: 'Quá ngắn', maxLength: 0 },
            {
              code: 'i',
              type: 'MULTIPLE_CHOICE',
              title: 'Chọn ngược',
              options: [
                { value: 'x', label: 'X' },
                { value: 'y', label: 'Y' },
              ],
              minChoices: 2,
              maxChoices: 1,
            },
            { code: '9x', type: 'TEXT', title: '   ' },
          ],
        }),
      },
      { org: AGENCY, locale: 'vi' },
    );
    expect(firstCode(result)).toBe('BAD_USER_INPUT');
    const fieldErrors = result.errors?.[0]?.extensions?.fieldErrors as {
      field: string;
      code: string;
      message: string;
    }[];
    const got = fieldErrors.map((e) => `${e.field}:${e.code}`);
    expect(got).toEqual(
      expect.arrayContaining([
        'input.questions.0.options:OPTION_COUNT',
        'input.questions.1.options.1.value:DUPLICATE',
        'input.questions.2.min:SCALE_BOUNDS',
        'input.questions.3.options:NOT_APPLICABLE',
        'input.questions.4.max:BOUNDS_ORDER',
        'input.questions.5.maxDate:BOUNDS_ORDER',
        'input.questions.6.code:DUPLICATE',
        'input.questions.7.maxLength:OUT_OF_RANGE',
        'input.questions.8.minChoices:OUT_OF_RANGE',
        'input.questions.9.code:INVALID_FORMAT',
        'input.questions.9.title:INVALID_LENGTH',
      ]),
    );
    expect(result.errors?.[0]?.message).toMatch(/^Giá trị không hợp lệ ở input:/);
    expect(fieldErrors.find((e) => e.field === 'input.questions.0.options')?.message).toContain(
      'phương án',
    );
  });

  it('createSurvey rejects closing before opening', async () => {
    const result = await h.run(CREATE, {
      input: draftInput({ opensAt: hoursFromNow(5), closesAt: hoursFromNow(1) }),
    });
    expect(firstCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.fieldErrors).toEqual([
      expect.objectContaining({ field: 'input.closesAt', code: 'BOUNDS_ORDER' }),
    ]);
  });

  it('updateSurvey edits a draft and replaces questions', async () => {
    const created = (await h.ok(CREATE, { input: draftInput() })).createSurvey;
    const data = await h.ok(UPDATE, {
      id: created.id,
      input: {
        title: 'Khảo sát đã sửa',
        anonymous: true,
        anonymityThreshold: 7,
        questions: [
          { type: 'NUMBER', title: 'Số đơn vị' },
          { type: 'TEXT', title: 'Ý kiến' },
        ],
      },
    });
    const updated = data.updateSurvey;
    expect(updated.title).toBe('Khảo sát đã sửa');
    expect(updated.anonymous).toBe(true);
    expect(updated.anonymityThreshold).toBe(7);
    expect(updated.questions.map((q: { code: string }) => q.code)).toEqual(['q1', 'q2']);
    expect(updated.closesAt).toBe(created.closesAt);
  });

  it('publishSurvey freezes the survey', async () => {
    const survey = await publishedSurvey(h, {
      title: 'Khảo sát đóng băng',
      audience: { levels: ['COMMUNE'] },
    });
    expect(survey.publishedAt).not.toBeNull();

    const update = await h.run(UPDATE, { id: survey.id, input: { title: 'Sửa sau khi công bố' } });
    expect(firstCode(update)).toBe('SURVEYS_FROZEN');
    const remove = await h.run('mutation($id: ID!) { deleteSurvey(id: $id) }', { id: survey.id });
    expect(firstCode(remove)).toBe('SURVEYS_FROZEN');
    const again = await h.run(PUBLISH, { id: survey.id });
    expect(firstCode(again)).toBe('SURVEYS_FROZEN');

    // The database enforces the same rules for any writer.
    const db = h.sg.db.database.db;
    await expect(
      db.execute(
        sql`update surveys.questions set title = 'x' where survey_id = ${survey.id}::uuid`,
      ),
    ).rejects.toThrow();
    await expect(
      db.execute(sql`update surveys.surveys set anonymous = true where id = ${survey.id}::uuid`),
    ).rejects.toThrow();
    await expect(
      db.execute(sql`delete from surveys.audience_members where survey_id = ${survey.id}::uuid`),
    ).rejects.toThrow();
  });

  it('publishSurvey rejects a survey without questions', async () => {
    const created = (await h.ok(CREATE, { input: draftInput({ questions: [] }) })).createSurvey;
    expect(firstCode(await h.run(PUBLISH, { id: created.id }))).toBe('SURVEYS_NO_QUESTIONS');
  });

  it('publishSurvey rejects an empty audience', async () => {
    const created = (
      await h.ok(CREATE, { input: draftInput({ audience: { kinds: ['NO_SUCH_KIND'] } }) })
    ).createSurvey;
    const result = await h.run(PUBLISH, { id: created.id }, { org: AGENCY, locale: 'vi' });
    expect(firstCode(result)).toBe('SURVEYS_EMPTY_AUDIENCE');
    expect(result.errors?.[0]?.message).toContain('không có đơn vị nào');
  });

  it('publishSurvey rejects a past closing time', async () => {
    const created = (
      await h.ok(CREATE, {
        input: draftInput({ opensAt: hoursFromNow(-5), closesAt: hoursFromNow(-1) }),
      })
    ).createSurvey;
    expect(firstCode(await h.run(PUBLISH, { id: created.id }))).toBe('SURVEYS_CLOSING_TIME_PASSED');
  });

  it('audience filters by level, kind and unit', async () => {
    const communes = await publishedSurvey(h, { audience: { levels: ['COMMUNE'] } });
    expect(communes.audienceSize).toBe(2);
    const underHanoi = await publishedSurvey(h, { audience: { underCode: '01' } });
    expect(underHanoi.audienceSize).toBe(2);
    expect(underHanoi.audience.under.id).toBe(h.orgs.get('01')?.id);
    const ministries = await publishedSurvey(h, { audience: { kinds: ['MINISTRY'] } });
    expect(ministries.audienceSize).toBe(2);
    const districtsOf79 = await publishedSurvey(h, {
      audience: { levels: ['DISTRICT'], underId: h.orgs.get('79')?.id },
    });
    expect(districtsOf79.audienceSize).toBe(1);
  });

  it('audience is resolved on the opening date and frozen', async () => {
    const database = h.sg.db.database;
    const hanoi = h.orgs.get('01');
    // A commune that only exists from the day after tomorrow, and one that ended yesterday.
    const day = (offset: number) =>
      new Date(Date.now() + offset * 86_400_000 + 7 * 3_600_000).toISOString().slice(0, 10);
    await database.db.execute(sql`
      insert into network.org_tree (id, code, parent_id, ancestor_ids, level, kind, valid_from)
      values (gen_random_uuid(), '99001', ${hanoi?.id}::uuid, array[${hanoi?.id}::uuid], 'COMMUNE', 'COMMUNE', ${day(2)}::date)`);
    await database.db.execute(sql`
      insert into network.org_tree (id, code, parent_id, ancestor_ids, level, kind, valid_from, valid_to)
      values (gen_random_uuid(), '99002', ${hanoi?.id}::uuid, array[${hanoi?.id}::uuid], 'COMMUNE', 'COMMUNE', '2000-01-01', ${day(-1)}::date)`);

    const today = await publishedSurvey(h, { audience: { levels: ['COMMUNE'] } });
    expect(today.audienceSize).toBe(2);
    const later = await publishedSurvey(h, {
      opensAt: hoursFromNow(72),
      closesAt: hoursFromNow(96),
      audience: { levels: ['COMMUNE'] },
    });
    expect(later.audience.asOf).toBe(day(3));
    expect(later.audienceSize).toBe(3);

    // A reorganisation after publication changes nobody's audience.
    await database.db.execute(sql`
      insert into network.org_tree (id, code, parent_id, ancestor_ids, level, kind, valid_from)
      values (gen_random_uuid(), '99003', ${hanoi?.id}::uuid, array[${hanoi?.id}::uuid], 'COMMUNE', 'COMMUNE', '2000-01-01')`);
    const reread = await h.ok(
      `query($id: ID!) { survey(id: $id) { audienceSize results { audienceSize } } }`,
      { id: today.id },
    );
    expect(reread.survey.audienceSize).toBe(2);
    expect(reread.survey.results.audienceSize).toBe(2);
    const codes = rows<{ org_code: string }>(
      await database.db.execute(
        sql`select org_code from surveys.audience_members where survey_id = ${today.id}::uuid order by org_code`,
      ),
    ).map((r) => r.org_code);
    expect(codes).toEqual(['00001', '26734']);
  });

  it('audience of a body stays in its jurisdiction', async () => {
    const outside = await h.run(
      CREATE,
      { input: draftInput({ audience: { underCode: '79' } }) },
      { org: '001' },
    );
    expect(firstCode(outside)).toBe('FORBIDDEN');
    const own = await h.ok(CREATE, { input: draftInput() }, { org: '001' });
    expect(own.createSurvey.audience.underCode).toBe('001');
    const unknown = await h.run(
      CREATE,
      { input: draftInput({ audience: { underCode: 'khong-ton-tai' } }) },
      { org: '001' },
    );
    expect(firstCode(unknown)).toBe('NOT_FOUND');
  });

  it('rejects an empty audience unit', async () => {
    const cases: [Record<string, unknown>, string[]][] = [
      [{ underCode: '' }, ['input.audience.underCode']],
      [{ underCode: '  ' }, ['input.audience.underCode']],
      [{ underId: '' }, ['input.audience.underId']],
      [{ underId: '', underCode: '001' }, ['input.audience', 'input.audience.underId']],
    ];
    for (const [audience, fields] of cases) {
      const result = await h.run(CREATE, { input: draftInput({ audience }) });
      const label = JSON.stringify(audience);
      expect(firstCode(result), label).toBe('BAD_USER_INPUT');
      const fieldErrors = result.errors?.[0]?.extensions?.fieldErrors as { field: string }[];
      expect(fieldErrors.map((e) => e.field).sort(), label).toEqual(fields);
    }
  });

  it('list rejects an empty owner id', async () => {
    const result = await h.run('{ surveys(filter: { ownerId: "" }) { totalCount } }');
    expect(firstCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.field).toBe('filter.ownerId');
  });

  it('names the type of a missing survey', async () => {
    for (const locale of ['en', 'vi']) {
      const result = await h.run(
        PUBLISH,
        { id: '00000000-0000-4000-8000-000000000000' },
        {
          org: AGENCY,
          locale,
        },
      );
      expect(firstCode(result)).toBe('NOT_FOUND');
      expect(result.errors?.[0]?.extensions?.entity).toBe('Survey');
    }
  });

  it('createSurveyVersion copies into a new draft', async () => {
    const survey = await publishedSurvey(h, { title: 'Khảo sát phiên bản 1' });
    const data = await h.ok(
      `mutation($id: ID!) { createSurveyVersion(id: $id) { ${SURVEY_FIELDS} previousVersion { id } } }`,
      { id: survey.id },
    );
    const copy = data.createSurveyVersion;
    expect(copy.id).not.toBe(survey.id);
    expect(copy.version).toBe(2);
    expect(copy.status).toBe('DRAFT');
    expect(copy.previousVersion.id).toBe(survey.id);
    expect(copy.questions.map((q: { code: string }) => q.code)).toEqual(
      survey.questions.map((q: { code: string }) => q.code),
    );
    const edited = await h.ok(UPDATE, { id: copy.id, input: { title: 'Khảo sát phiên bản 2' } });
    expect(edited.updateSurvey.title).toBe('Khảo sát phiên bản 2');
  });

  it('closeSurvey closes and never reopens', async () => {
    const survey = await publishedSurvey(h, {});
    const later = await h.ok(CLOSE, { id: survey.id, closesAt: hoursFromNow(48) });
    expect(Date.parse(later.closeSurvey.closesAt)).toBeGreaterThan(Date.parse(survey.closesAt));
    expect(firstCode(await h.run(CLOSE, { id: survey.id, closesAt: hoursFromNow(-2) }))).toBe(
      'BAD_USER_INPUT',
    );
    const closed = await h.ok(CLOSE, { id: survey.id });
    expect(closed.closeSurvey.status).toBe('CLOSED');
    expect(firstCode(await h.run(CLOSE, { id: survey.id, closesAt: hoursFromNow(5) }))).toBe(
      'SURVEYS_CLOSED',
    );
    await expect(
      h.sg.db.database.db.execute(
        sql`update surveys.surveys set closes_at = now() + interval '1 day' where id = ${survey.id}::uuid`,
      ),
    ).rejects.toThrow();
  });

  it('surveys lists what the caller may see', async () => {
    const draft = (
      await h.ok(CREATE, { input: draftInput({ title: 'Bản nháp của Ba Đình' }) }, { org: '001' })
    ).createSurvey;
    const published = await publishedSurvey(
      h,
      { title: 'Khảo sát gửi xã của Ba Đình' },
      { org: '001' },
    );
    const list = `query($filter: SurveyFilter) { surveys(filter: $filter, first: 100) { totalCount nodes { id } } }`;
    const ids = async (org: string, filter?: Record<string, unknown>) =>
      ((await h.ok(list, { filter }, { org })).surveys.nodes as { id: string }[]).map((s) => s.id);

    expect(await ids('001')).toEqual(expect.arrayContaining([draft.id, published.id]));
    expect(await ids('01')).toEqual(expect.arrayContaining([draft.id, published.id]));
    const commune = await ids('00001');
    expect(commune).toContain(published.id);
    expect(commune).not.toContain(draft.id);
    const other = await ids('79');
    expect(other).not.toContain(draft.id);
    expect(other).not.toContain(published.id);
    const drafts = await ids('001', { status: ['DRAFT'] });
    expect(drafts).toContain(draft.id);
    expect(drafts).not.toContain(published.id);
  });

  it('surveys pages with cursors', async () => {
    const query = `query($after: String) { surveys(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (let page = 0; page < 50; page += 1) {
      const data: Data = await h.ok(query, { after });
      total = data.surveys.totalCount;
      seen.push(...data.surveys.nodes.map((n: { id: string }) => n.id));
      if (!data.surveys.pageInfo.hasNextPage) break;
      after = data.surveys.pageInfo.endCursor;
    }
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
  });

  it('surveys binds cursors to the filter', async () => {
    const query = `query($filter: SurveyFilter, $first: Int, $after: String) {
      surveys(filter: $filter, first: $first, after: $after) {
        pageInfo { hasNextPage hasPreviousPage endCursor } nodes { id } } }`;
    const first: Data = await h.ok(query, { first: 1 });
    const after: string = first.surveys.pageInfo.endCursor;

    const empty: Data = await h.ok(query, { first: 0, after });
    expect(empty.surveys.nodes).toEqual([]);
    expect(empty.surveys.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: true,
      endCursor: after,
    });

    const other = await h.run(query, { filter: { status: ['DRAFT'] }, first: 1, after });
    expect(other.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
      reason: 'CURSOR_QUERY_MISMATCH',
    });
  });

  it('surveys rejects a cursor whose time was edited', async () => {
    const query = `query($after: String) { surveys(first: 1, after: $after) { nodes { id } } }`;
    const first: Data = await h.ok(`{ surveys(first: 1) { pageInfo { endCursor } } }`);
    const text = Buffer.from(first.surveys.pageInfo.endCursor, 'base64url').toString('utf8');
    const scope = text.slice(0, text.indexOf('['));
    const [, id] = JSON.parse(text.slice(scope.length)) as [string, string];
    for (const time of ['garbage', 'infinity', 'yesterday', '2025-02-30 10:00:00+00']) {
      const forged = Buffer.from(`${scope}${JSON.stringify([time, id])}`).toString('base64url');
      const result = await h.run(query, { after: forged });
      expect(result.errors?.[0]?.extensions, time).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'after',
      });
    }
  });

  it('surveys honours updatedSince', async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    const fresh = (await h.ok(CREATE, { input: draftInput({ title: 'Mới tạo' }) })).createSurvey;
    const data = await h.ok(
      `query($since: DateTime) { surveys(updatedSince: $since, first: 100) { nodes { id } } }`,
      { since },
    );
    expect(data.surveys.nodes.map((n: { id: string }) => n.id)).toContain(fresh.id);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const none = await h.ok(
      `query($since: DateTime) { surveys(updatedSince: $since) { totalCount } }`,
      { since: future },
    );
    expect(none.surveys.totalCount).toBe(0);
  });

  it('survey rejects an id that is not a UUID', async () => {
    expect(firstCode(await h.run('{ survey(id: "abc") { id } }'))).toBe('BAD_USER_INPUT');
  });
});
