import {
  createTestSubgraph,
  seedOrgTree,
  STANDARD_ORGS,
  type OrgSeed,
  type SeededOrg,
  type TestSubgraph,
} from '@dxhub/kit/testing';
import { expect } from 'vitest';
import { incidentsSubgraph } from '../src/index.js';

/**
 * The standard small network plus a sibling of district 001 under province 01 and a national
 * incident response team, which every incidents test needs.
 */
export const INCIDENT_TEST_ORGS: OrgSeed[] = [
  ...STANDARD_ORGS,
  { code: '002', level: 'DISTRICT', kind: 'DISTRICT', parentCode: '01' },
  {
    code: 'vncert',
    level: 'CENTRAL',
    kind: 'INCIDENT_RESPONSE_TEAM',
    parentCode: 'bo-khoa-hoc-va-cong-nghe',
  },
];

export const READ = ['incidents:read'];
export const REPORT = ['incidents:read', 'incidents:report'];
export const MANAGE = ['incidents:read', 'incidents:report', 'incidents:manage'];

/**
 * Data of a GraphQL response. Tests read it by path and let their assertions check the
 * shape, so the type is deliberately loose.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ResponseData = Record<string, any>;

export interface IncidentsHarness {
  sg: TestSubgraph;
  orgs: Map<string, SeededOrg>;
  /** Runs an operation and fails the test on any error. */
  ok(
    query: string,
    variables: Record<string, unknown> | undefined,
    org: string,
    scopes: string[],
    locale?: string,
  ): Promise<ResponseData>;
  /** Reports an incident as `org` and returns its id. */
  report(org: string, input: Partial<Record<string, unknown>>, scopes?: string[]): Promise<string>;
}

/** Starts the incidents subgraph on a fresh database seeded with {@link INCIDENT_TEST_ORGS}. */
export async function startIncidents(): Promise<IncidentsHarness> {
  let orgs = new Map<string, SeededOrg>();
  const sg = await createTestSubgraph(incidentsSubgraph, async (db) => {
    orgs = await seedOrgTree(db.database, INCIDENT_TEST_ORGS);
  });
  const ok: IncidentsHarness['ok'] = async (query, variables, org, scopes, locale) => {
    const result = await sg.run(query, variables, { org, scopes, ...(locale ? { locale } : {}) });
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data as ResponseData;
  };
  const report: IncidentsHarness['report'] = async (org, input, scopes = REPORT) => {
    const data = await ok(REPORT_INCIDENT, { input: reportInput(input) }, org, scopes);
    return data.reportIncident.id as string;
  };
  return { sg, orgs, ok, report };
}

export const REPORT_INCIDENT = /* GraphQL */ `
  mutation Report($input: ReportIncidentInput!) {
    reportIncident(input: $input) {
      id
      tlp
      status
    }
  }
`;

/** Returns a complete report input with Vietnamese data; `overrides` replace fields. */
export function reportInput(
  overrides: Partial<Record<string, unknown>> = {},
): Record<string, unknown> {
  return {
    title: 'Mã độc mã hóa dữ liệu trên máy chủ một cửa',
    description: 'Phát hiện tệp bị mã hóa và thông báo đòi tiền chuộc trên máy chủ dịch vụ công.',
    category: 'MALICIOUS_CODE',
    severity: 'HIGH',
    tlp: 'GREEN',
    detectedAt: '2025-07-01T08:00:00+07:00',
    ...overrides,
  };
}

/**
 * Awaits a statement that must fail and returns the database's own message, which drizzle
 * keeps as the cause of its "Failed query" error.
 */
export async function databaseError(statement: Promise<unknown>): Promise<string> {
  try {
    await statement;
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause;
    return cause?.message ?? (error as Error).message;
  }
  throw new Error('the statement succeeded but was expected to fail');
}
