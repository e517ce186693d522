import { MAX_BATCH_SIZE, rows } from '@dxhub/kit';
import type { OrgSeed } from '@dxhub/kit/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  firstCode,
  publishedSurvey,
  SAVE_DRAFT,
  startSurveys,
  SUBMIT,
  SUBMIT_MANY,
  type SurveysHarness,
} from './helpers.js';

/** Twenty communes of district 001, codes 10001 to 10020. */
const BA_DINH_COMMUNES: OrgSeed[] = Array.from({ length: 20 }, (_, i) => ({
  code: String(10001 + i),
  level: 'COMMUNE',
  kind: 'COMMUNE',
  parentCode: '001',
}));

function answersFor(score: number) {
  return [
    { questionCode: 'kien_toan', choices: [score % 2 === 0 ? 'co' : 'chua'] },
    { questionCode: 'hai_long', number: score },
  ];
}

const RESPONSE = /* GraphQL */ `
  query ($id: ID!, $code: String, $person: String) {
    survey(id: $id) {
      response(respondentCode: $code, personKey: $person) {
        id
        status
        respondentCode
        personKey
        answers {
          questionCode
          choices
          number
          text
        }
      }
    }
  }
`;

describe('responses', () => {
  let h: SurveysHarness;

  beforeAll(async () => {
    h = await startSurveys(undefined, BA_DINH_COMMUNES);
  });
  afterAll(async () => h?.sg.dispose());

  async function responseCount(surveyId: string): Promise<number> {
    const [row] = rows<{ n: number }>(
      await h.sg.db.database.db.execute(
        sql`select count(*)::int as n from surveys.responses where survey_id = ${surveyId}::uuid`,
      ),
    );
    return Number(row?.n);
  }

  it('draft then submit', async () => {
    const survey = await publishedSurvey(h, { audience: { levels: ['COMMUNE'] } });
    const input = {
      surveyId: survey.id,
      respondentCode: '10001',
      answers: [{ questionCode: 'gop_y', text: 'Đang hoàn thiện' }],
    };
    const draft = await h.ok(SAVE_DRAFT, { input }, { org: '001' });
    expect(draft.saveSurveyResponseDraft.status).toBe('DRAFT');
    const again = await h.ok(
      SAVE_DRAFT,
      { input: { ...input, answers: [{ questionCode: 'hai_long', number: 2 }] } },
      { org: '001' },
    );
    expect(again.saveSurveyResponseDraft.id).toBe(draft.saveSurveyResponseDraft.id);

    const read = await h.ok(RESPONSE, { id: survey.id, code: '10001' }, { org: '001' });
    expect(read.survey.response.status).toBe('DRAFT');
    expect(read.survey.response.answers).toEqual([
      { questionCode: 'hai_long', choices: null, number: 2, text: null },
    ]);

    // A draft is not a submission: the results do not count it.
    const before = await h.ok(
      'query($id: ID!) { survey(id: $id) { results { respondedCount } } }',
      { id: survey.id },
    );
    expect(before.survey.results.respondedCount).toBe(0);

    const submitted = await h.ok(
      SUBMIT,
      { input: { ...input, answers: answersFor(4) } },
      { org: '001' },
    );
    expect(submitted.submitSurveyResponse.id).toBe(draft.saveSurveyResponseDraft.id);
    expect(submitted.submitSurveyResponse.status).toBe('SUBMITTED');

    const back = await h.run(SAVE_DRAFT, { input }, { org: '001' });
    expect(firstCode(back)).toBe('SURVEYS_RESPONSE_SUBMITTED');
  });

  it('resubmission replaces the earlier answers', async () => {
    const survey = await publishedSurvey(h, { audience: { levels: ['COMMUNE'] } });
    const first = await h.ok(
      SUBMIT,
      { input: { surveyId: survey.id, respondentCode: '10002', answers: answersFor(2) } },
      { org: '001' },
    );
    const second = await h.ok(
      SUBMIT,
      {
        input: {
          surveyId: survey.id,
          respondentCode: '10002',
          answers: [...answersFor(5), { questionCode: 'gop_y', text: 'Bổ sung' }],
        },
      },
      { org: '001' },
    );
    expect(second.submitSurveyResponse.id).toBe(first.submitSurveyResponse.id);
    expect(
      second.submitSurveyResponse.answers.map((a: { questionCode: string }) => a.questionCode),
    ).toEqual(['kien_toan', 'hai_long', 'gop_y']);

    const results = await h.ok(
      'query($id: ID!) { survey(id: $id) { results { respondedCount questions { question { code } answered mean options { value count } } } } }',
      { id: survey.id },
    );
    const scale = results.survey.results.questions.find(
      (q: { question: { code: string } }) => q.question.code === 'hai_long',
    );
    expect(results.survey.results.respondedCount).toBe(1);
    expect(scale.answered).toBe(1);
    expect(scale.mean).toBe(5);
    expect(await responseCount(survey.id)).toBe(1);

    const bulk = await h.ok(SUBMIT_MANY, {
      surveyId: survey.id,
      responses: [
        { respondentCode: '10002', answers: answersFor(3) },
        { respondentCode: '10003', answers: answersFor(3) },
      ],
    });
    expect(bulk.submitSurveyResponses.submitted).toBe(2);
    expect(bulk.submitSurveyResponses.replaced).toBe(1);
    expect(bulk.submitSurveyResponses.responseIds[0]).toBe(first.submitSurveyResponse.id);
  });

  it('bulk submission writes every row', async () => {
    const survey = await publishedSurvey(h, { audience: { levels: ['COMMUNE'] } });
    const responses = BA_DINH_COMMUNES.map((org, i) => ({
      respondentCode: org.code,
      answers: answersFor((i % 5) + 1),
    }));
    const data = await h.ok(SUBMIT_MANY, { surveyId: survey.id, responses }, { org: '01' });
    expect(data.submitSurveyResponses.submitted).toBe(20);
    expect(data.submitSurveyResponses.replaced).toBe(0);
    expect(new Set(data.submitSurveyResponses.responseIds).size).toBe(20);
    const results = await h.ok(
      'query($id: ID!) { survey(id: $id) { results { respondedCount audienceSize } } }',
      { id: survey.id },
    );
    expect(results.survey.results.respondedCount).toBe(20);
    expect(results.survey.results.audienceSize).toBe(22);
  });

  it('bulk submission is all or nothing', async () => {
    const survey = await publishedSurvey(h, { audience: { levels: ['COMMUNE'] } });
    const responses = BA_DINH_COMMUNES.slice(0, 5).map((org) => ({
      respondentCode: org.code,
      answers: answersFor(3),
    }));
    responses[3] = {
      respondentCode: '10004',
      answers: [
        { questionCode: 'kien_toan', choices: ['co'] },
        { questionCode: 'hai_long', number: 11 },
      ],
    };
    responses[4] = {
      respondentCode: '10005',
      answers: [{ questionCode: 'kien_toan', choices: ['co'] }],
    };
    const result = await h.run(SUBMIT_MANY, { surveyId: survey.id, responses }, { org: '001' });
    expect(firstCode(result)).toBe('SURVEYS_ANSWERS_INVALID');
    const fields = (
      result.errors?.[0]?.extensions?.fieldErrors as { field: string; code: string }[]
    ).map((e) => `${e.field}:${e.code}`);
    expect(fields).toEqual([
      'responses.3.answers.hai_long:OUT_OF_RANGE',
      'responses.4.answers.hai_long:REQUIRED',
    ]);
    expect(await responseCount(survey.id)).toBe(0);
  });

  it('bulk submission checks each respondent', async () => {
    const survey = await publishedSurvey(h, { audience: { levels: ['COMMUNE'] } });
    const result = await h.run(
      SUBMIT_MANY,
      {
        surveyId: survey.id,
        responses: [
          { respondentCode: '10001', answers: answersFor(1) },
          { respondentCode: '26734', answers: answersFor(1) },
          { respondentCode: '001', answers: answersFor(1) },
          { respondentCode: '10001', answers: answersFor(2) },
          { respondentCode: '10002', personKey: 'nguyen-van-a', answers: answersFor(2) },
        ],
      },
      { org: '001' },
    );
    expect(firstCode(result)).toBe('BAD_USER_INPUT');
    const fields = (
      result.errors?.[0]?.extensions?.fieldErrors as { field: string; code: string }[]
    ).map((e) => `${e.field}:${e.code}`);
    expect(fields).toEqual([
      'responses.1.respondentCode:OUTSIDE_JURISDICTION',
      'responses.2.respondentCode:NOT_IN_AUDIENCE',
      'responses.3:DUPLICATE_RESPONDENT',
      'responses.4.personKey:NOT_APPLICABLE',
    ]);
    expect(await responseCount(survey.id)).toBe(0);
  });

  it('bulk submission rejects an oversized batch', async () => {
    const survey = await publishedSurvey(h, { audience: { levels: ['COMMUNE'] } });
    const responses = Array.from({ length: MAX_BATCH_SIZE + 1 }, () => ({
      respondentCode: '10001',
      answers: [],
    }));
    const result = await h.run(SUBMIT_MANY, { surveyId: survey.id, responses });
    expect(firstCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.field).toBe('responses');
  });

  it('bulk submission costs constant statements', async () => {
    const counter = h.sg.db.database.statements;
    const cost = async (size: number) => {
      const survey = await publishedSurvey(h, { audience: { levels: ['COMMUNE'] } });
      const responses = BA_DINH_COMMUNES.slice(0, size).map((org, i) => ({
        respondentCode: org.code,
        answers: answersFor((i % 5) + 1),
      }));
      const before = counter.count;
      await h.ok(SUBMIT_MANY, { surveyId: survey.id, responses }, { org: '001' });
      return counter.count - before;
    };
    const small = await cost(2);
    const large = await cost(20);
    expect(large).toBe(small);
  });

  it('single submission checks the respondent', async () => {
    const survey = await publishedSurvey(h, { audience: { levels: ['COMMUNE'] } });
    const other = await h.run(
      SUBMIT,
      { input: { surveyId: survey.id, respondentCode: '10001', answers: answersFor(1) } },
      { org: '79' },
    );
    expect(firstCode(other)).toBe('FORBIDDEN');
    const self = await h.run(
      SUBMIT,
      { input: { surveyId: survey.id, answers: answersFor(1) } },
      { org: '001', locale: 'vi' },
    );
    expect(firstCode(self)).toBe('SURVEYS_NOT_IN_AUDIENCE');
    expect(self.errors?.[0]?.message).toContain('không thuộc đối tượng của khảo sát');
    const own = await h.ok(
      SUBMIT,
      { input: { surveyId: survey.id, answers: answersFor(1) } },
      { org: '10007' },
    );
    expect(own.submitSurveyResponse.respondentCode).toBe('10007');
  });

  it('person survey takes one response per person', async () => {
    const survey = await publishedSurvey(h, {
      respondentType: 'PERSON',
      audience: { levels: ['COMMUNE'] },
    });
    for (const person of ['nguyen-van-a', 'tran-thi-b']) {
      await h.ok(
        SUBMIT,
        {
          input: {
            surveyId: survey.id,
            respondentCode: '10001',
            personKey: person,
            answers: answersFor(2),
          },
        },
        { org: '001' },
      );
    }
    const own = await h.ok(
      SUBMIT,
      { input: { surveyId: survey.id, answers: answersFor(4) } },
      { org: '10001' },
    );
    expect(own.submitSurveyResponse.personKey).toBe('dev:10001');
    const replaced = await h.ok(
      SUBMIT,
      {
        input: {
          surveyId: survey.id,
          respondentCode: '10001',
          personKey: 'tran-thi-b',
          answers: answersFor(3),
        },
      },
      { org: '001' },
    );
    expect(replaced.submitSurveyResponse.personKey).toBe('tran-thi-b');

    const results = await h.ok(
      'query($id: ID!) { survey(id: $id) { results { respondedCount responseCount } } }',
      { id: survey.id },
    );
    expect(results.survey.results.respondedCount).toBe(1);
    expect(results.survey.results.responseCount).toBe(3);

    const read = await h.ok(
      RESPONSE,
      { id: survey.id, code: '10001', person: 'nguyen-van-a' },
      { org: '001' },
    );
    expect(read.survey.response.personKey).toBe('nguyen-van-a');
    const bulk = await h.run(
      SUBMIT_MANY,
      { surveyId: survey.id, responses: [{ respondentCode: '10002', answers: answersFor(1) }] },
      { org: '001' },
    );
    expect(firstCode(bulk)).toBe('BAD_USER_INPUT');
    expect(bulk.errors?.[0]?.extensions?.fieldErrors).toEqual([
      expect.objectContaining({ field: 'responses.0.personKey', code: 'REQUIRED' }),
    ]);
  });

  it('named responses list in the jurisdiction', async () => {
    const survey = await publishedSurvey(h, { audience: { levels: ['COMMUNE'] } });
    await h.ok(SUBMIT_MANY, {
      surveyId: survey.id,
      responses: [
        { respondentCode: '10001', answers: answersFor(1) },
        { respondentCode: '10002', answers: answersFor(2) },
        { respondentCode: '26734', answers: answersFor(3) },
      ],
    });

    const query = `query($id: ID!, $after: String) { survey(id: $id) {
      responses(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { respondentCode status } } } }`;
    const national = await h.ok(query, { id: survey.id });
    expect(national.survey.responses.totalCount).toBe(3);
    expect(
      national.survey.responses.nodes.map((n: { respondentCode: string }) => n.respondentCode),
    ).toEqual(['10001', '10002']);
    const next = await h.ok(query, {
      id: survey.id,
      after: national.survey.responses.pageInfo.endCursor,
    });
    expect(
      next.survey.responses.nodes.map((n: { respondentCode: string }) => n.respondentCode),
    ).toEqual(['26734']);
    expect(next.survey.responses.pageInfo.hasNextPage).toBe(false);

    const hanoi = await h.ok(query, { id: survey.id }, { org: '01' });
    expect(hanoi.survey.responses.totalCount).toBe(2);
    const hcmc = await h.ok(
      `query($id: ID!) { survey(id: $id) { response(respondentCode: "10001") { id } } }`,
      { id: survey.id },
      { org: '79' },
    );
    expect(hcmc.survey.response).toBeNull();
  });

  it('mutations note changed records for the audit log', async () => {
    const survey = await publishedSurvey(h, { audience: { levels: ['COMMUNE'] } });
    const data = await h.ok(SUBMIT_MANY, {
      surveyId: survey.id,
      responses: [
        { respondentCode: '10001', answers: answersFor(1) },
        { respondentCode: '10002', answers: answersFor(2) },
      ],
    });
    const [event] = rows<{ record_ids: string[] | string; action: string; outcome: string }>(
      await h.sg.db.database.db.execute(
        sql`select record_ids, action, outcome from audit.events order by seq desc limit 1`,
      ),
    );
    expect(event?.action).toBe('MUTATION');
    expect(event?.outcome).toBe('SUCCESS');
    const ids = Array.isArray(event?.record_ids)
      ? event?.record_ids
      : String(event?.record_ids).replace(/[{}]/g, '').split(',');
    expect(ids).toEqual(data.submitSurveyResponses.responseIds);
    const published = rows<{ record_ids: string[] | string }>(
      await h.sg.db.database.db.execute(
        sql`select record_ids from audit.events where operation_name = 'Publish' order by seq desc limit 1`,
      ),
    )[0];
    expect(String(published?.record_ids)).toContain(survey.id);
  });
});
