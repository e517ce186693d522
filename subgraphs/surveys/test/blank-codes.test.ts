import type { GraphQLFormattedError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AGENCY,
  publishedSurvey,
  SAVE_DRAFT,
  startSurveys,
  SUBMIT,
  SUBMIT_MANY,
  type SurveysHarness,
} from './helpers.js';

const RESPONSE = /* GraphQL */ `
  query ($id: ID!, $code: String) {
    survey(id: $id) {
      response(respondentCode: $code) {
        respondentCode
      }
    }
  }
`;

const RESULTS = /* GraphQL */ `
  query ($id: ID!, $filter: SurveyResultsFilter) {
    survey(id: $id) {
      results(filter: $filter) {
        responseCount
      }
    }
  }
`;

const EXPORT = /* GraphQL */ `
  query ($id: ID!, $filter: SurveyResultsFilter) {
    survey(id: $id) {
      export(format: CSV, filter: $filter) {
        rowCount
      }
    }
  }
`;

const ANSWERS = [{ questionCode: 'gop_y', text: 'Đang hoàn thiện' }];

let h: SurveysHarness;
let surveyId: string;

beforeAll(async () => {
  h = await startSurveys();
  const survey = await publishedSurvey(h, { audience: { levels: ['COMMUNE'] } });
  surveyId = survey.id as string;
  await h.ok(SAVE_DRAFT, { input: { surveyId, answers: ANSWERS } }, { org: '00001' });
});
afterAll(async () => h?.sg.dispose());

/** Runs an operation and returns its only error. */
async function onlyError(
  query: string,
  variables: Record<string, unknown>,
  as: { org: string; locale?: string },
): Promise<GraphQLFormattedError> {
  const result = await h.run(query, variables, as);
  expect(result.errors, JSON.stringify(result.data)).toHaveLength(1);
  return result.errors![0]!;
}

function expectBadInput(error: GraphQLFormattedError, field: string): void {
  expect(error.extensions?.code, error.message).toBe('BAD_USER_INPUT');
  expect(error.extensions?.field, error.message).toBe(field);
}

describe('blank codes in survey arguments', () => {
  it('response rejects a blank respondent code', async () => {
    for (const code of ['', '  ']) {
      const error = await onlyError(RESPONSE, { id: surveyId, code }, { org: '00001' });
      expectBadInput(error, 'respondentCode');
    }
    const vi = await onlyError(
      RESPONSE,
      { id: surveyId, code: '' },
      { org: '00001', locale: 'vi' },
    );
    expect(vi.message).toBe(
      'Giá trị không hợp lệ ở respondentCode: mã đơn vị trả lời đang để trống; hãy nhập mã của một đơn vị thuộc đối tượng khảo sát, hoặc bỏ trường respondentCode để xem phiếu trả lời của chính đơn vị gọi.',
    );
  });

  it('response keeps its other answers', async () => {
    const own = await h.ok(RESPONSE, { id: surveyId }, { org: '00001' });
    expect(own.survey.response).toEqual({ respondentCode: '00001' });
    const unknown = await h.ok(RESPONSE, { id: surveyId, code: 'khong-ton-tai' }, { org: AGENCY });
    expect(unknown.survey.response).toBeNull();
  });

  it('response mutations reject a blank respondent code', async () => {
    for (const mutation of [SAVE_DRAFT, SUBMIT]) {
      const error = await onlyError(
        mutation,
        { input: { surveyId, respondentCode: ' ', answers: ANSWERS } },
        { org: '00001' },
      );
      expectBadInput(error, 'input.respondentCode');
    }
    const bulk = await onlyError(
      SUBMIT_MANY,
      {
        surveyId,
        responses: [
          { respondentCode: '00001', answers: ANSWERS },
          { respondentCode: '', answers: ANSWERS },
        ],
      },
      { org: AGENCY },
    );
    expectBadInput(bulk, 'responses.1.respondentCode');
  });

  it('results and export reject a blank province code', async () => {
    for (const query of [RESULTS, EXPORT]) {
      for (const provinceCode of ['', ' ']) {
        const error = await onlyError(
          query,
          { id: surveyId, filter: { provinceCode } },
          { org: AGENCY },
        );
        expectBadInput(error, 'filter.provinceCode');
      }
    }
    const filtered = await h.ok(
      RESULTS,
      { id: surveyId, filter: { provinceCode: '79' } },
      {
        org: AGENCY,
      },
    );
    expect(filtered.survey.results.responseCount).toBe(0);
  });

  it('survey rejects a malformed id', async () => {
    for (const id of ['', 'abc']) {
      const error = await onlyError(
        'query ($id: ID!) { survey(id: $id) { id } }',
        { id },
        {
          org: AGENCY,
        },
      );
      expectBadInput(error, 'id');
    }
  });
});
