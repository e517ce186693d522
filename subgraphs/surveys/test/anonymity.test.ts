import type { OrgSeed } from '@dxhub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AGENCY,
  CLOSE,
  firstCode,
  publishedSurvey,
  QUESTIONS_OF_EVERY_TYPE,
  startSurveys,
  SUBMIT,
  SUBMIT_MANY,
  type SurveysHarness,
  type Data,
} from './helpers.js';

/** Three provinces: each province body answers, with 12, 8 and 2 communes. */
const SIZES: [string, number][] = [
  ['20', 12],
  ['22', 8],
  ['24', 2],
];
const ORGS: OrgSeed[] = [
  { code: 'bo-khoa-hoc-va-cong-nghe', level: 'CENTRAL', kind: 'MINISTRY' },
  { code: AGENCY, level: 'CENTRAL', kind: 'AGENCY_UNIT', parentCode: 'bo-khoa-hoc-va-cong-nghe' },
  ...SIZES.flatMap(([province, communes]) => [
    { code: province, level: 'PROVINCE', kind: 'PROVINCE' } as OrgSeed,
    ...Array.from({ length: communes }, (_, i) => ({
      code: `${province}${String(i + 1).padStart(3, '0')}`,
      level: 'COMMUNE' as const,
      kind: 'COMMUNE',
      parentCode: province,
    })),
  ]),
];
const RESPONDENTS = ORGS.filter((o) => o.level !== 'CENTRAL').map((o) => o.code);
const THRESHOLD = 5;

const RESULTS = /* GraphQL */ `
  query ($id: ID!, $filter: SurveyResultsFilter) {
    survey(id: $id) {
      results(filter: $filter) {
        responseCount
        respondedCount
        answersReleased
        withheldReason
        questions {
          question {
            code
          }
          answered
          mean
          options {
            value
            count
          }
          byProvince: breakdown(by: PROVINCE) {
            provinceCode
            responseCount
            suppressed
            withheldReason
            answered
            mean
            options {
              count
            }
          }
          byLevel: breakdown(by: LEVEL) {
            level
            responseCount
            suppressed
            withheldReason
            mean
          }
        }
      }
    }
  }
`;

type Results = {
  responseCount: number;
  answersReleased: boolean;
  withheldReason: string | null;
  questions:
    | {
        question: { code: string };
        byProvince: Data[];
        byLevel: Data[];
      }[]
    | null;
};

describe('anonymous survey', () => {
  let h: SurveysHarness;
  let surveyId: string;
  const results = async (filter?: Record<string, unknown>, org = AGENCY): Promise<Results> =>
    (
      await h.ok(
        RESULTS,
        { id: surveyId, filter },
        { org, scopes: ['surveys:read', 'surveys:respond'] },
      )
    ).survey.results;

  beforeAll(async () => {
    h = await startSurveys(ORGS);
    const survey = await publishedSurvey(h, {
      title: 'Khảo sát ẩn danh về mức độ hài lòng',
      anonymous: true,
      questions: QUESTIONS_OF_EVERY_TYPE.slice(0, 3),
      audience: { levels: ['PROVINCE', 'COMMUNE'] },
    });
    surveyId = survey.id;
    expect(survey.audienceSize).toBe(RESPONDENTS.length);
    await h.ok(SUBMIT_MANY, {
      surveyId,
      responses: RESPONDENTS.map((code, i) => ({
        respondentCode: code,
        answers: [
          { questionCode: 'kien_toan', choices: [i % 2 === 0 ? 'co' : 'chua'] },
          { questionCode: 'hai_long', number: (i % 5) + 1 },
        ],
      })),
    });
  });
  afterAll(async () => h?.sg.dispose());

  it('withholds answers while open', async () => {
    const open = await results();
    expect(open.responseCount).toBe(RESPONDENTS.length);
    expect(open.answersReleased).toBe(false);
    expect(open.withheldReason).toBe('SURVEY_NOT_CLOSED');
    expect(open.questions).toBeNull();
    const exported = await h.run(
      'query($id: ID!) { survey(id: $id) { export(format: CSV) { rowCount } } }',
      { id: surveyId },
    );
    expect(firstCode(exported)).toBe('SURVEYS_EXPORT_WITHHELD');
  });

  it('never shows individual responses', async () => {
    const list = await h.run('query($id: ID!) { survey(id: $id) { responses { totalCount } } }', {
      id: surveyId,
    });
    expect(firstCode(list)).toBe('SURVEYS_ANONYMOUS');
    expect((list.data?.survey as { responses: unknown }).responses).toBeNull();
    const other = await h.run(
      'query($id: ID!) { survey(id: $id) { response(respondentCode: "20001") { id } } }',
      { id: surveyId },
      { org: '20' },
    );
    expect(firstCode(other)).toBe('SURVEYS_ANONYMOUS');
    const own = await h.ok(
      'query($id: ID!) { survey(id: $id) { response { respondentCode answers { questionCode } } } }',
      { id: surveyId },
      { org: '20001' },
    );
    expect(own.survey.response.respondentCode).toBe('20001');
  });

  it('suppresses small groups in breakdowns', async () => {
    await h.ok(CLOSE, { id: surveyId });
    // The respondent can still read its own answers, but no longer change them.
    const late = await h.run(
      SUBMIT,
      {
        input: {
          surveyId,
          answers: [
            { questionCode: 'kien_toan', choices: ['co'] },
            { questionCode: 'hai_long', number: 1 },
          ],
        },
      },
      { org: '20001' },
    );
    expect(firstCode(late)).toBe('SURVEYS_CLOSED');

    const closed = await results();
    expect(closed.answersReleased).toBe(true);
    const scale = closed.questions?.find((q) => q.question.code === 'hai_long');
    const byProvince = Object.fromEntries(
      (scale?.byProvince ?? []).map((g) => [g.provinceCode, g]),
    );
    expect(byProvince['20']?.suppressed).toBe(false);
    expect(byProvince['20']?.answered).toBe(13);
    expect(byProvince['24']).toMatchObject({
      responseCount: 3,
      suppressed: true,
      withheldReason: 'TOO_FEW_RESPONSES',
      answered: null,
      mean: null,
      options: null,
    });
    // Province 22 hides with 24: otherwise everything minus 20 minus 22 would be 24's answers.
    expect(byProvince['22']).toMatchObject({
      suppressed: true,
      withheldReason: 'PROTECTS_OTHER_GROUP',
      mean: null,
    });
    const byLevel = Object.fromEntries((scale?.byLevel ?? []).map((g) => [g.level, g]));
    expect(byLevel.PROVINCE).toMatchObject({
      responseCount: 3,
      suppressed: true,
      withheldReason: 'TOO_FEW_RESPONSES',
    });
    // All communes would be everything minus the three province bodies.
    expect(byLevel.COMMUNE?.suppressed).toBe(true);
  });

  it('blocks differencing between filters', async () => {
    const filters: Record<string, unknown>[] = [{}];
    for (const [province] of SIZES) {
      filters.push({ provinceCode: province });
      for (const level of ['PROVINCE', 'COMMUNE']) filters.push({ provinceCode: province, level });
    }
    for (const level of ['PROVINCE', 'COMMUNE']) filters.push({ level });
    const seen = await Promise.all(
      filters.map(async (filter) => ({ filter, result: await results(filter) })),
    );

    const includes = (outer: Record<string, unknown>, inner: Record<string, unknown>) =>
      (!outer.provinceCode || outer.provinceCode === inner.provinceCode) &&
      (!outer.level || outer.level === inner.level);
    const released = seen.filter((s) => s.result.answersReleased && s.result.responseCount > 0);
    expect(released.length).toBeGreaterThan(0);
    for (const outer of released) {
      expect(outer.result.responseCount, JSON.stringify(outer.filter)).toBeGreaterThanOrEqual(
        THRESHOLD,
      );
      for (const inner of released) {
        if (outer === inner || !includes(outer.filter, inner.filter)) continue;
        const difference = outer.result.responseCount - inner.result.responseCount;
        expect(
          difference === 0 || difference >= THRESHOLD,
          `${JSON.stringify(outer.filter)} minus ${JSON.stringify(inner.filter)} = ${difference}`,
        ).toBe(true);
      }
    }
    // The pair the rule exists for: province 20 and its communes differ by the province body.
    const province = seen.find((s) => JSON.stringify(s.filter) === '{"provinceCode":"20"}')?.result;
    const communes = seen.find(
      (s) => JSON.stringify(s.filter) === '{"provinceCode":"20","level":"COMMUNE"}',
    )?.result;
    expect(province?.answersReleased && communes?.answersReleased).toBe(false);
    const withheld = seen.find((s) => JSON.stringify(s.filter) === '{"provinceCode":"24"}')?.result;
    expect(withheld?.withheldReason).toBe('TOO_FEW_RESPONSES');
    expect(withheld?.questions).toBeNull();
  });

  it('limits a province to its own groups', async () => {
    const own = await results(undefined, '20');
    expect(own.responseCount).toBe(13);
    expect(own.answersReleased).toBe(true);
    const communes = await results({ level: 'COMMUNE' }, '20');
    expect(communes.responseCount).toBe(12);
    expect(communes.answersReleased).toBe(false);
    const small = await results(undefined, '24');
    expect(small.answersReleased).toBe(false);
    expect(small.withheldReason).toBe('TOO_FEW_RESPONSES');
  });

  it('exports answers without respondents', async () => {
    const filtered = await h.run(
      'query($id: ID!) { survey(id: $id) { export(format: CSV, filter: { provinceCode: "20" }) { rowCount } } }',
      { id: surveyId },
    );
    expect(firstCode(filtered)).toBe('SURVEYS_EXPORT_FILTER_ANONYMOUS');
    const data = await h.ok(
      'query($id: ID!) { survey(id: $id) { export(format: CSV) { rowCount base64 } } }',
      { id: surveyId },
    );
    expect(data.survey.export.rowCount).toBe(RESPONDENTS.length);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(
      Buffer.from(data.survey.export.base64, 'base64'),
    );
    const [header, ...lines] = text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(header).toBe(
      'kien_toan. Đơn vị đã kiện toàn đơn vị chuyên trách về công nghệ thông tin chưa?,nen_tang. Những nền tảng số đang sử dụng,hai_long. Mức độ hài lòng với bộ công cụ',
    );
    expect(lines).toHaveLength(RESPONDENTS.length);
    for (const code of RESPONDENTS) expect(text).not.toContain(code);
  });
});
