import type { OrgSeed } from '@dxhub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  publishedSurvey,
  QUESTIONS_OF_EVERY_TYPE,
  startSurveys,
  SUBMIT_MANY,
  type SurveysHarness,
  type Data,
} from './helpers.js';

/** Three provinces of the two-level structure with 6, 4 and 3 communes. */
const PROVINCES: [string, number][] = [
  ['04', 6],
  ['08', 4],
  ['11', 3],
];
const ORGS: OrgSeed[] = PROVINCES.flatMap(([province, communes]) => [
  { code: province, level: 'PROVINCE', kind: 'PROVINCE', validFrom: '2025-07-01' } as OrgSeed,
  ...Array.from({ length: communes }, (_, i) => ({
    code: `${province}${String(i + 1).padStart(3, '0')}`,
    level: 'COMMUNE' as const,
    kind: 'COMMUNE',
    parentCode: province,
    validFrom: '2025-07-01',
  })),
]);
const SILENT = new Set(['04005', '08004', '26734']);
const RESPONDENTS = [
  '00001',
  ...ORGS.filter((o) => o.level === 'COMMUNE').map((o) => o.code),
].filter((c) => !SILENT.has(c));

const KIEN_TOAN = ['co', 'dang', 'chua'];
const NEN_TANG = ['dao_tao', 'khao_sat', 'tro_ly_ao', 'attt'];

interface Answers {
  kien_toan: string;
  nen_tang: string[];
  hai_long: number;
  bien_che?: number;
  gop_y?: string;
  ngay_kien_toan?: string;
}

/** Deterministic, varied answers for the i-th respondent; some optional questions are skipped. */
function answersOf(i: number): Answers {
  return {
    kien_toan: KIEN_TOAN[i % 3] as string,
    nen_tang: NEN_TANG.filter((_, k) => (i + k) % 3 !== 0).slice(0, 3),
    hai_long: (i % 5) + 1,
    ...(i % 4 === 3 ? {} : { bien_che: 3 + ((i * 7) % 11) }),
    ...(i % 3 === 0
      ? { gop_y: `Góp ý số ${i}: cần thêm nhân lực cho Tổ Công nghệ số cộng đồng` }
      : {}),
    ...(i % 2 === 0 ? { ngay_kien_toan: `2025-0${(i % 9) + 1}-15` } : {}),
  };
}

function toInput(answers: Answers) {
  return [
    { questionCode: 'kien_toan', choices: [answers.kien_toan] },
    { questionCode: 'nen_tang', choices: answers.nen_tang },
    { questionCode: 'hai_long', number: answers.hai_long },
    ...(answers.bien_che === undefined
      ? []
      : [{ questionCode: 'bien_che', number: answers.bien_che }]),
    ...(answers.gop_y === undefined ? [] : [{ questionCode: 'gop_y', text: answers.gop_y }]),
    ...(answers.ngay_kien_toan === undefined
      ? []
      : [{ questionCode: 'ngay_kien_toan', date: answers.ngay_kien_toan }]),
  ];
}

/** Computes the median as PostgreSQL's percentile_cont(0.5) does. */
function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = (sorted.length - 1) / 2;
  const low = sorted[Math.floor(middle)] as number;
  const high = sorted[Math.ceil(middle)] as number;
  return low + (high - low) * (middle - Math.floor(middle));
}

function mean(values: number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

const RESULTS = /* GraphQL */ `
  query Results($id: ID!, $filter: SurveyResultsFilter) {
    survey(id: $id) {
      results(filter: $filter) {
        audienceSize
        respondedCount
        responseCount
        responseRate
        answersReleased
        withheldReason
        byProvince {
          provinceCode
          province {
            id
          }
          audienceSize
          respondedCount
          responseRate
        }
        byLevel {
          level
          audienceSize
          respondedCount
        }
        nonResponders(first: 100) {
          totalCount
          nodes {
            code
            level
            kind
            provinceCode
            organization {
              id
            }
          }
        }
        questions {
          question {
            code
          }
          answered
          skipped
          mean
          median
          min
          max
          earliest
          latest
          options {
            value
            label
            count
            share
          }
        }
      }
    }
  }
`;

type QuestionResult = {
  question: { code: string };
  answered: number;
  skipped: number;
  mean: number | null;
  median: number | null;
  min: number | null;
  max: number | null;
  earliest: string | null;
  latest: string | null;
  options: { value: string; count: number; share: number }[] | null;
};

describe('survey results', () => {
  let h: SurveysHarness;
  let surveyId: string;
  const answersByCode = new Map<string, Answers>();

  beforeAll(async () => {
    h = await startSurveys(undefined, ORGS);
    surveyId = (
      await publishedSurvey(h, { title: 'Khảo sát kết quả', audience: { levels: ['COMMUNE'] } })
    ).id;
    RESPONDENTS.forEach((code, i) => answersByCode.set(code, answersOf(i)));
    await h.ok(SUBMIT_MANY, {
      surveyId,
      responses: RESPONDENTS.map((code) => ({
        respondentCode: code,
        answers: toInput(answersByCode.get(code) as Answers),
      })),
    });
  });
  afterAll(async () => h?.sg.dispose());

  /** Checks every question's figures against the answers of the given respondents. */
  function expectQuestions(questions: QuestionResult[], codes: string[]) {
    const given = codes.map((code) => answersByCode.get(code) as Answers);
    const byCode = new Map(questions.map((q) => [q.question.code, q]));

    const single = byCode.get('kien_toan') as QuestionResult;
    expect(single.answered).toBe(given.length);
    for (const option of single.options ?? []) {
      const count = given.filter((a) => a.kien_toan === option.value).length;
      expect(option.count, option.value).toBe(count);
      expect(option.share).toBeCloseTo(count / given.length, 10);
    }

    const multiple = byCode.get('nen_tang') as QuestionResult;
    for (const option of multiple.options ?? []) {
      expect(option.count, option.value).toBe(
        given.filter((a) => a.nen_tang.includes(option.value)).length,
      );
    }

    const scale = byCode.get('hai_long') as QuestionResult;
    const scores = given.map((a) => a.hai_long);
    expect(scale.mean).toBeCloseTo(mean(scores) as number, 10);
    expect(scale.median).toBe(median(scores));
    expect(scale.options?.map((o) => o.value)).toEqual(['1', '2', '3', '4', '5']);
    expect(scale.options?.map((o) => o.count)).toEqual(
      [1, 2, 3, 4, 5].map((p) => scores.filter((s) => s === p).length),
    );

    const number = byCode.get('bien_che') as QuestionResult;
    const posts = given.flatMap((a) => (a.bien_che === undefined ? [] : [a.bien_che]));
    expect(number.answered).toBe(posts.length);
    expect(number.skipped).toBe(given.length - posts.length);
    expect(number.mean).toBeCloseTo(mean(posts) as number, 10);
    expect(number.median).toBe(median(posts));
    expect(number.min).toBe(Math.min(...posts));
    expect(number.max).toBe(Math.max(...posts));
    expect(number.options).toBeNull();

    const text = byCode.get('gop_y') as QuestionResult;
    expect(text.answered).toBe(given.filter((a) => a.gop_y !== undefined).length);
    expect(text.mean).toBeNull();

    const date = byCode.get('ngay_kien_toan') as QuestionResult;
    const dates = given.flatMap((a) => (a.ngay_kien_toan ? [a.ngay_kien_toan] : [])).sort();
    expect(date.answered).toBe(dates.length);
    expect(date.earliest).toBe(dates[0]);
    expect(date.latest).toBe(dates.at(-1));
  }

  it('results count every question', async () => {
    const data = await h.ok(RESULTS, { id: surveyId });
    const results = data.survey.results;
    expect(results.answersReleased).toBe(true);
    expect(results.withheldReason).toBeNull();
    expect(results.audienceSize).toBe(15);
    expect(results.respondedCount).toBe(12);
    expect(results.responseCount).toBe(12);
    expect(results.responseRate).toBeCloseTo(12 / 15, 10);
    expectQuestions(results.questions, RESPONDENTS);
  });

  it('response rate by province and level', async () => {
    const results = (await h.ok(RESULTS, { id: surveyId })).survey.results;
    const byProvince = Object.fromEntries(
      results.byProvince.map(
        (p: { provinceCode: string; audienceSize: number; respondedCount: number }) => [
          p.provinceCode,
          [p.respondedCount, p.audienceSize],
        ],
      ),
    );
    expect(byProvince).toEqual({
      '01': [1, 1],
      '04': [5, 6],
      '08': [3, 4],
      '11': [3, 3],
      '79': [0, 1],
    });
    const hanoi = results.byProvince.find((p: { provinceCode: string }) => p.provinceCode === '01');
    expect(hanoi.province.id).toBe(h.orgs.get('01')?.id);
    expect(results.byLevel).toEqual([{ level: 'COMMUNE', audienceSize: 15, respondedCount: 12 }]);
  });

  it('nonResponders lists who has not answered', async () => {
    const results = (await h.ok(RESULTS, { id: surveyId })).survey.results;
    expect(results.nonResponders.totalCount).toBe(3);
    expect(results.nonResponders.nodes.map((n: { code: string }) => n.code)).toEqual([
      '04005',
      '08004',
      '26734',
    ]);
    const hcmc = results.nonResponders.nodes.find((n: { code: string }) => n.code === '26734');
    expect(hcmc).toEqual({
      code: '26734',
      level: 'COMMUNE',
      kind: 'COMMUNE',
      provinceCode: '79',
      organization: { id: h.orgs.get('26734')?.id },
    });

    const page = `query($id: ID!, $after: String) { survey(id: $id) { results { nonResponders(first: 1, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } nodes { code } } } } }`;
    const codes: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i += 1) {
      const connection: Data = (await h.ok(page, { id: surveyId, after })).survey.results
        .nonResponders;
      codes.push(...connection.nodes.map((n: { code: string }) => n.code));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(codes).toEqual(['04005', '08004', '26734']);

    const filtered = `query($id: ID!, $filter: SurveyResultsFilter, $after: String) { survey(id: $id) {
      results(filter: $filter) { nonResponders(first: 1, after: $after) { nodes { code } } } } }`;
    const first: Data = await h.ok(page, { id: surveyId });
    const cursor = first.survey.results.nonResponders.pageInfo.endCursor;
    const other = await h.run(filtered, {
      id: surveyId,
      filter: { provinceCode: '04' },
      after: cursor,
    });
    expect(other.errors?.[0]?.extensions).toMatchObject({
      field: 'after',
      reason: 'CURSOR_QUERY_MISMATCH',
    });
  });

  it('filter narrows to one province', async () => {
    const results = (await h.ok(RESULTS, { id: surveyId, filter: { provinceCode: '04' } })).survey
      .results;
    expect(results.audienceSize).toBe(6);
    expect(results.respondedCount).toBe(5);
    expect(results.nonResponders.nodes.map((n: { code: string }) => n.code)).toEqual(['04005']);
    expectQuestions(
      results.questions,
      RESPONDENTS.filter((c) => c.startsWith('04')),
    );
  });

  it('breakdown by province matches each province', async () => {
    const query = `query($id: ID!) { survey(id: $id) { results { questions { question { code }
      breakdown(by: PROVINCE) { provinceCode responseCount suppressed answered mean median options { value count } } } } } }`;
    const questions = (await h.ok(query, { id: surveyId })).survey.results.questions;
    const scale = questions.find(
      (q: { question: { code: string } }) => q.question.code === 'hai_long',
    );
    for (const group of scale.breakdown) {
      const codes = RESPONDENTS.filter((c) =>
        group.provinceCode === '01' ? c === '00001' : c.startsWith(group.provinceCode),
      );
      const scores = codes.map((c) => (answersByCode.get(c) as Answers).hai_long);
      expect(group.suppressed, group.provinceCode).toBe(false);
      expect(group.responseCount).toBe(codes.length);
      expect(group.answered).toBe(codes.length);
      if (codes.length > 0) {
        expect(group.mean).toBeCloseTo(mean(scores) as number, 10);
        expect(group.median).toBe(median(scores));
      }
    }
    expect(scale.breakdown.map((g: { provinceCode: string }) => g.provinceCode)).toEqual([
      '01',
      '04',
      '08',
      '11',
      '79',
    ]);
  });

  it('results stay in the jurisdiction', async () => {
    const results = (await h.ok(RESULTS, { id: surveyId }, { org: '04', scopes: ['surveys:read'] }))
      .survey.results;
    expect(results.audienceSize).toBe(6);
    expect(results.byProvince.map((p: { provinceCode: string }) => p.provinceCode)).toEqual(['04']);
    expect(results.nonResponders.nodes.map((n: { code: string }) => n.code)).toEqual(['04005']);
    expectQuestions(
      results.questions,
      RESPONDENTS.filter((c) => c.startsWith('04')),
    );
  });

  it('results need surveys:read', async () => {
    const result = await h.run(
      RESULTS,
      { id: surveyId },
      { org: '04', scopes: ['surveys:respond'] },
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((result.data?.survey as { results: unknown }).results).toBeNull();
  });

  it('results cost constant statements', async () => {
    const counter = h.sg.db.database.statements;
    // Fewer questions, provinces and responses than the main survey.
    const small = (
      await publishedSurvey(h, {
        title: 'Khảo sát nhỏ',
        audience: { underCode: '11' },
        questions: QUESTIONS_OF_EVERY_TYPE.slice(0, 3),
      })
    ).id;
    await h.ok(SUBMIT_MANY, {
      surveyId: small,
      responses: [{ respondentCode: '11001', answers: toInput(answersOf(1)).slice(0, 3) }],
    });
    const query = `query($id: ID!) { survey(id: $id) { results {
      audienceSize byProvince { provinceCode } byLevel { level } nonResponders { totalCount nodes { code organization { id } } }
      questions { question { code title } answered mean median options { count }
        byProvince: breakdown(by: PROVINCE) { provinceCode mean } byLevel: breakdown(by: LEVEL) { level mean } } } } }`;
    const cost = async (id: string) => {
      const before = counter.count;
      await h.ok(query, { id });
      return counter.count - before;
    };
    const large = await cost(surveyId);
    expect(await cost(small)).toBe(large);
    // Survey, questions, participation, non-responders, then two statements per answer set:
    // the overall one and each of the two breakdowns.
    expect(large).toBe(10);
  });
});
