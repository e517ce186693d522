import { randomUUID } from 'node:crypto';
import type { Database } from '@dxhub/kit';
import {
  createTestSubgraph,
  seedOrgTree,
  type OrgSeed,
  type SeededOrg,
  type TestSubgraph,
} from '@dxhub/kit/testing';
import { sql } from 'drizzle-orm';
import type { GraphQLFormattedError } from 'graphql';
import { expect } from 'vitest';
import { surveysSubgraph } from '../src/index.js';

/** Every surveys scope, for callers whose test is not about scopes. */
export const ALL_SCOPES = ['surveys:manage', 'surveys:read', 'surveys:respond'];

/** The coordinating agency, which sees the whole network. */
export const AGENCY = 'cuc-chuyen-doi-so-quoc-gia';

/** GraphQL response data as tests read it: any shape, checked by the assertions themselves. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Data = Record<string, any>;

export type RunResult = {
  data?: Record<string, unknown> | null;
  errors?: readonly GraphQLFormattedError[];
};

export interface SurveysHarness {
  sg: TestSubgraph;
  orgs: Map<string, SeededOrg>;
  /** Runs an operation as `org` with every surveys scope unless `scopes` is given. */
  run(
    query: string,
    variables?: Record<string, unknown>,
    as?: { org: string; scopes?: string[]; locale?: string },
  ): Promise<RunResult>;
  /** Runs an operation that must succeed and returns its data. */
  ok(
    query: string,
    variables?: Record<string, unknown>,
    as?: { org: string; scopes?: string[]; locale?: string },
  ): Promise<Data>;
}

/** Starts the surveys subgraph on a fresh database with the given organisations in the org tree. */
export async function startSurveys(
  orgs?: OrgSeed[],
  bulkOrgs?: OrgSeed[],
): Promise<SurveysHarness> {
  let seeded = new Map<string, SeededOrg>();
  const sg = await createTestSubgraph(surveysSubgraph, async (db) => {
    seeded = await seedOrgTree(db.database, orgs);
    if (bulkOrgs) seeded = await seedOrgTreeBulk(db.database, bulkOrgs, seeded);
  });
  const run: SurveysHarness['run'] = (query, variables, as = { org: AGENCY }) =>
    sg.run(query, variables, {
      org: as.org,
      scopes: as.scopes ?? ALL_SCOPES,
      ...(as.locale ? { locale: as.locale } : {}),
    });
  return {
    sg,
    orgs: seeded,
    run,
    ok: async (query, variables, as) => {
      const result = await run(query, variables, as);
      expect(result.errors, JSON.stringify(result.errors, null, 2)).toBeUndefined();
      return result.data as Data;
    },
  };
}

/**
 * Writes many organisations into org_tree with one statement (the kit's seedOrgTree sends one
 * statement per row). Parents must come before their children or be in `known`; the table must
 * exist. Returns `known` plus the new units, by code.
 */
export async function seedOrgTreeBulk(
  database: Database,
  orgs: OrgSeed[],
  known: Map<string, SeededOrg> = new Map(),
): Promise<Map<string, SeededOrg>> {
  const byCode = new Map(known);
  const records = orgs.map((org) => {
    const parent = org.parentCode ? byCode.get(org.parentCode) : undefined;
    if (org.parentCode && !parent)
      throw new TypeError(
        `seedOrgTreeBulk: parent ${org.parentCode} of ${org.code} must come first`,
      );
    const seeded: SeededOrg = {
      id: randomUUID(),
      code: org.code,
      level: org.level,
      kind: org.kind,
      ancestorIds: parent ? [...parent.ancestorIds, parent.id] : [],
    };
    byCode.set(org.code, seeded);
    return {
      id: seeded.id,
      code: org.code,
      parent_id: parent?.id ?? null,
      ancestor_ids: seeded.ancestorIds,
      level: org.level,
      kind: org.kind,
      valid_from: org.validFrom ?? '2000-01-01',
      valid_to: org.validTo ?? null,
    };
  });
  await database.db.execute(sql`
    insert into network.org_tree (id, code, parent_id, ancestor_ids, level, kind, valid_from, valid_to)
    select x.id, x.code, x.parent_id, array(select jsonb_array_elements_text(x.ancestor_ids)::uuid), x.level, x.kind, x.valid_from, x.valid_to
    from jsonb_to_recordset(${JSON.stringify(records)}::jsonb)
      as x(id uuid, code text, parent_id uuid, ancestor_ids jsonb, level text, kind text, valid_from date, valid_to date)`);
  return byCode;
}

/** Returns an ISO timestamp `hours` from now, written in Vietnam time as users send it. */
export function hoursFromNow(hours: number): string {
  const at = new Date(Date.now() + hours * 3_600_000);
  return new Date(at.getTime() + 7 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+07:00');
}

/** Returns the extension code of the first error, or undefined. */
export function firstCode(result: RunResult): unknown {
  return result.errors?.[0]?.extensions?.code;
}

export const SURVEY_FIELDS = /* GraphQL */ `
  id title status version anonymous anonymityThreshold respondentType audienceSize opensAt closesAt publishedAt
  owner { id }
  audience { levels kinds underCode under { id } asOf }
  questions { id code position type title required options { value label } min max minDate maxDate maxLength minChoices maxChoices }
`;

export const CREATE = /* GraphQL */ `
  mutation Create($input: CreateSurveyInput!) { createSurvey(input: $input) { ${SURVEY_FIELDS} } }
`;
export const PUBLISH = /* GraphQL */ `
  mutation Publish($id: ID!) { publishSurvey(id: $id) { ${SURVEY_FIELDS} } }
`;
export const CLOSE = /* GraphQL */ `
  mutation Close($id: ID!, $closesAt: DateTime) {
    closeSurvey(id: $id, closesAt: $closesAt) {
      id
      status
      closesAt
    }
  }
`;
export const SUBMIT = /* GraphQL */ `
  mutation Submit($input: SurveyResponseInput!) {
    submitSurveyResponse(input: $input) {
      id
      status
      respondentCode
      personKey
      submittedAt
      respondent {
        id
      }
      answers {
        questionCode
        choices
        number
        text
        date
      }
    }
  }
`;
export const SAVE_DRAFT = /* GraphQL */ `
  mutation Draft($input: SurveyResponseInput!) {
    saveSurveyResponseDraft(input: $input) {
      id
      status
      respondentCode
      answers {
        questionCode
        choices
        number
        text
        date
      }
    }
  }
`;
export const SUBMIT_MANY = /* GraphQL */ `
  mutation SubmitMany($surveyId: ID!, $responses: [SurveyBulkResponseInput!]!) {
    submitSurveyResponses(surveyId: $surveyId, responses: $responses) {
      submitted
      replaced
      responseIds
    }
  }
`;

/** One question of each type, with Vietnamese titles and labels. */
export const QUESTIONS_OF_EVERY_TYPE = [
  {
    code: 'kien_toan',
    type: 'SINGLE_CHOICE',
    title: 'Đơn vị đã kiện toàn đơn vị chuyên trách về công nghệ thông tin chưa?',
    required: true,
    options: [
      { value: 'co', label: 'Đã kiện toàn' },
      { value: 'dang', label: 'Đang kiện toàn' },
      { value: 'chua', label: 'Chưa kiện toàn' },
    ],
  },
  {
    code: 'nen_tang',
    type: 'MULTIPLE_CHOICE',
    title: 'Những nền tảng số đang sử dụng',
    options: [
      { value: 'dao_tao', label: 'Nền tảng đào tạo' },
      { value: 'khao_sat', label: 'Nền tảng khảo sát, thu thập ý kiến' },
      { value: 'tro_ly_ao', label: 'Trợ lý ảo' },
      { value: 'attt', label: 'An toàn thông tin mạng' },
    ],
    minChoices: 1,
    maxChoices: 3,
  },
  {
    code: 'hai_long',
    type: 'SCALE',
    title: 'Mức độ hài lòng với bộ công cụ',
    min: 1,
    max: 5,
    required: true,
  },
  {
    code: 'bien_che',
    type: 'NUMBER',
    title: 'Số biên chế được giao cho chuyển đổi số',
    min: 0,
    max: 500,
  },
  { code: 'gop_y', type: 'TEXT', title: 'Góp ý khác', maxLength: 200 },
  {
    code: 'ngay_kien_toan',
    type: 'DATE',
    title: 'Ngày quyết định kiện toàn',
    minDate: '2024-01-01',
    maxDate: '2026-12-31',
  },
];

/** Creates and publishes a survey as `org`; returns the published survey. */
export async function publishedSurvey(
  harness: SurveysHarness,
  input: Record<string, unknown>,
  as: { org: string; scopes?: string[] } = { org: AGENCY },
): Promise<Data> {
  const created = await harness.ok(
    CREATE,
    {
      input: {
        title: 'Khảo sát thử',
        opensAt: hoursFromNow(-1),
        closesAt: hoursFromNow(24),
        questions: QUESTIONS_OF_EVERY_TYPE,
        ...input,
      },
    },
    as,
  );
  const published = await harness.ok(PUBLISH, { id: created.createSurvey.id }, as);
  return published.publishSurvey;
}
