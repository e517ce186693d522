// The surveys subgraph's access matrix: every query and mutation, and the survey fields that
// carry results, as every role of ACCESS_ROLES. The surveys belong to district 001 (Quận Ba
// Đình) and ask the units below it (commune 00001). They are created through GraphQL only, so
// the same suite runs against the subgraph and through the gateway.
import type {
  AccessCase,
  AccessOutcome,
  AccessRole,
  AccessSuite,
  RunOperation,
} from '@dxhub/kit/testing';

const EVERY_SCOPE = ['surveys:manage', 'surveys:respond', 'surveys:read'];
const OWNER = { org: '001', scopes: EVERY_SCOPE };
const RESPONDENT_CODE = '00001';

/** Outcomes when the owning body, its parent and the all-seeing roles may act. */
function expectation(otherBody: AccessOutcome): Record<AccessRole, AccessOutcome> {
  return {
    anonymous: 'UNAUTHENTICATED',
    otherBody,
    sameBody: 'ALLOWED',
    parentBody: 'ALLOWED',
    coordinatingAgency: 'ALLOWED',
    admin: 'ALLOWED',
  };
}

/** Returns an ISO timestamp `hours` from now, with the Vietnam offset. */
function hoursFromNow(hours: number): string {
  const at = Date.now() + hours * 3_600_000 + 7 * 3_600_000;
  return new Date(at).toISOString().replace(/\.\d{3}Z$/, '+07:00');
}

function surveyInput(title: string): Record<string, unknown> {
  return {
    title,
    opensAt: hoursFromNow(-1),
    closesAt: hoursFromNow(48),
    questions: [
      {
        code: 'kien_toan',
        type: 'SINGLE_CHOICE',
        title: 'Đơn vị đã có bộ phận hoặc đầu mối thực hiện nhiệm vụ chuyển đổi số chưa?',
        required: true,
        options: [
          { value: 'co', label: 'Đã có' },
          { value: 'chua', label: 'Chưa có' },
        ],
      },
      { code: 'so_can_bo', type: 'NUMBER', title: 'Số cán bộ được phân công', min: 0 },
    ],
  };
}

const ANSWERS = [
  { questionCode: 'kien_toan', choices: ['co'] },
  { questionCode: 'so_can_bo', number: 2 },
];

const CREATE = /* GraphQL */ `
  mutation CreateSurvey($input: CreateSurveyInput!) {
    createSurvey(input: $input) {
      id
    }
  }
`;
const PUBLISH = /* GraphQL */ `
  mutation PublishSurvey($id: ID!) {
    publishSurvey(id: $id) {
      id
      status
    }
  }
`;
const SUBMIT = /* GraphQL */ `
  mutation SubmitSurveyResponse($input: SurveyResponseInput!) {
    submitSurveyResponse(input: $input) {
      id
    }
  }
`;

/** Runs a seeding operation as the owner and fails with its errors rather than seeding half a suite. */
async function seedStep(
  run: RunOperation,
  query: string,
  variables: Record<string, unknown>,
  field: string,
): Promise<string> {
  const result = await run(query, variables, OWNER);
  const created = result.data?.[field] as { id?: string } | null | undefined;
  if (result.errors?.length || !created?.id) {
    throw new Error(
      `surveys access suite: seeding ${field} failed: ${JSON.stringify(result.errors ?? result.data)}`,
    );
  }
  return created.id;
}

async function seedDraft(run: RunOperation, title: string): Promise<string> {
  return seedStep(run, CREATE, { input: surveyInput(title) }, 'createSurvey');
}

async function seedPublished(run: RunOperation, title: string): Promise<string> {
  const id = await seedDraft(run, title);
  await seedStep(run, PUBLISH, { id }, 'publishSurvey');
  return id;
}

function surveyFieldCase(name: string, selection: string, path: string): AccessCase {
  return {
    name,
    query: `query SurveyField($id: ID!) { survey(id: $id) { id ${selection} } }`,
    variables: (seeded) => ({ id: seeded.answeredSurveyId }),
    scopes: ['surveys:read'],
    expected: expectation('EMPTY'),
    path,
  };
}

function perRoleSurveyCase(
  name: string,
  query: string,
  field: string,
  published: boolean,
  variables: (id: string) => Record<string, unknown>,
): AccessCase {
  return {
    name,
    query,
    perRoleSeed: async (run) => ({
      roleSurveyId: published
        ? await seedPublished(run, `Khảo sát ${name}`)
        : await seedDraft(run, `Khảo sát ${name}`),
    }),
    variables: (seeded) => variables(seeded.roleSurveyId as string),
    scopes:
      name.startsWith('submit') || name.startsWith('save')
        ? ['surveys:respond']
        : ['surveys:manage'],
    expected: expectation('NOT_FOUND'),
    path: field,
  };
}

const cases: AccessCase[] = [
  {
    name: 'survey',
    query: 'query Survey($id: ID!) { survey(id: $id) { id title status } }',
    variables: (seeded) => ({ id: seeded.answeredSurveyId }),
    scopes: ['surveys:read'],
    expected: expectation('EMPTY'),
    path: 'survey',
  },
  {
    name: 'surveys',
    query: 'query Surveys { surveys(first: 10) { totalCount nodes { id } } }',
    scopes: ['surveys:read'],
    expected: expectation('EMPTY'),
    path: 'surveys',
  },
  {
    name: 'pendingSurveys',
    query: `query Pending { pendingSurveys(organizationCode: "${RESPONDENT_CODE}") { id title closesAt } }`,
    scopes: ['surveys:respond'],
    expected: expectation('EMPTY'),
    path: 'pendingSurveys',
  },
  {
    name: 'createSurvey',
    query: CREATE,
    variables: () => ({
      input: {
        ...surveyInput('Khảo sát mức độ sẵn sàng chuyển đổi số'),
        audience: { underCode: '001' },
      },
    }),
    scopes: ['surveys:manage'],
    expected: expectation('FORBIDDEN'),
    path: 'createSurvey',
  },
  perRoleSurveyCase(
    'updateSurvey',
    'mutation UpdateSurvey($id: ID!) { updateSurvey(id: $id, input: { title: "Khảo sát đã sửa" }) { id title } }',
    'updateSurvey',
    false,
    (id) => ({ id }),
  ),
  perRoleSurveyCase(
    'deleteSurvey',
    'mutation DeleteSurvey($id: ID!) { deleteSurvey(id: $id) }',
    'deleteSurvey',
    false,
    (id) => ({ id }),
  ),
  perRoleSurveyCase('publishSurvey', PUBLISH, 'publishSurvey', false, (id) => ({ id })),
  perRoleSurveyCase(
    'closeSurvey',
    'mutation CloseSurvey($id: ID!) { closeSurvey(id: $id) { id status } }',
    'closeSurvey',
    true,
    (id) => ({ id }),
  ),
  perRoleSurveyCase(
    'createSurveyVersion',
    'mutation CreateSurveyVersion($id: ID!) { createSurveyVersion(id: $id) { id version } }',
    'createSurveyVersion',
    true,
    (id) => ({ id }),
  ),
  perRoleSurveyCase(
    'saveSurveyResponseDraft',
    'mutation SaveDraft($input: SurveyResponseInput!) { saveSurveyResponseDraft(input: $input) { id status } }',
    'saveSurveyResponseDraft',
    true,
    (id) => ({
      input: { surveyId: id, respondentCode: RESPONDENT_CODE, answers: ANSWERS.slice(0, 1) },
    }),
  ),
  perRoleSurveyCase('submitSurveyResponse', SUBMIT, 'submitSurveyResponse', true, (id) => ({
    input: { surveyId: id, respondentCode: RESPONDENT_CODE, answers: ANSWERS },
  })),
  perRoleSurveyCase(
    'submitSurveyResponses',
    'mutation SubmitSurveyResponses($id: ID!, $rows: [SurveyBulkResponseInput!]!) { submitSurveyResponses(surveyId: $id, responses: $rows) { submitted responseIds } }',
    'submitSurveyResponses',
    true,
    (id) => ({ id, rows: [{ respondentCode: RESPONDENT_CODE, answers: ANSWERS }] }),
  ),
  surveyFieldCase(
    'survey.results',
    'results { audienceSize respondedCount questions { answered } }',
    'survey.results',
  ),
  surveyFieldCase(
    'survey.responses',
    'responses(first: 10) { totalCount nodes { id respondentCode } }',
    'survey.responses',
  ),
  surveyFieldCase(
    `survey.response`,
    `response(respondentCode: "${RESPONDENT_CODE}") { id status }`,
    'survey.response',
  ),
  surveyFieldCase('survey.export', 'export(format: CSV) { rowCount base64 }', 'survey.export'),
];

/** The surveys subgraph's access suite. */
export const accessSuite: AccessSuite = {
  subgraph: 'surveys',
  async seed(run) {
    const answeredSurveyId = await seedPublished(run, 'Khảo sát bộ phận chuyển đổi số cấp xã');
    await seedStep(
      run,
      SUBMIT,
      { input: { surveyId: answeredSurveyId, respondentCode: RESPONDENT_CODE, answers: ANSWERS } },
      'submitSurveyResponse',
    );
    // A second open survey that commune 00001 has not answered, for pendingSurveys.
    const pendingSurveyId = await seedPublished(run, 'Khảo sát nhu cầu bồi dưỡng, tập huấn');
    return { answeredSurveyId, pendingSurveyId };
  },
  cases,
};
