// Shared set-up of the staffing tests: the subgraph on a fresh database with the standard test
// network plus the units these tests need.
import {
  createTestSubgraph,
  seedOrgTree,
  STANDARD_ORGS,
  type OrgSeed,
  type SeededOrg,
  type TestSubgraph,
} from '@dxhub/kit/testing';
import { expect } from 'vitest';
import { ACCESS_SUITE_ORGS, staffingSubgraph } from '../src/index.js';

/**
 * Units under the standard network: departments and IT units of two provinces and a ministry.
 * The IT unit of province 01 (trung-tam-cds-ha-noi) comes from ACCESS_SUITE_ORGS.
 */
export const STAFFING_ORGS: OrgSeed[] = [
  ...STANDARD_ORGS,
  ...ACCESS_SUITE_ORGS,
  { code: 'so-noi-vu-ha-noi', level: 'PROVINCE', kind: 'DEPARTMENT', parentCode: '01' },
  { code: 'so-tai-chinh-ha-noi', level: 'PROVINCE', kind: 'DEPARTMENT', parentCode: '01' },
  { code: 'trung-tam-cds-tphcm', level: 'PROVINCE', kind: 'IT_UNIT', parentCode: '79' },
  {
    code: 'cuc-tin-hoc-va-thong-ke-tai-chinh',
    level: 'CENTRAL',
    kind: 'IT_UNIT',
    parentCode: 'bo-tai-chinh',
  },
  {
    code: 'vu-to-chuc-can-bo-btc',
    level: 'CENTRAL',
    kind: 'DEPARTMENT',
    parentCode: 'bo-tai-chinh',
  },
];

export const WRITER = (org: string) => ({ org, scopes: ['staffing:read', 'staffing:write'] });
export const READER = (org: string) => ({ org, scopes: ['staffing:read'] });
export const ADMIN = {
  org: 'bo-tai-chinh',
  scopes: ['staffing:read', 'staffing:write', 'hub:admin'],
};

export interface StaffingTest {
  sg: TestSubgraph;
  orgs: Map<string, SeededOrg>;
  /** The id of a seeded unit by code; throws for an unknown code. */
  id(code: string): string;
}

export async function startStaffing(orgSeeds: OrgSeed[] = STAFFING_ORGS): Promise<StaffingTest> {
  let orgs = new Map<string, SeededOrg>();
  const sg = await createTestSubgraph(staffingSubgraph, async (db) => {
    orgs = await seedOrgTree(db.database, orgSeeds);
  });
  return {
    sg,
    orgs,
    id: (code) => {
      const org = orgs.get(code);
      if (!org) throw new Error(`test org ${code} was not seeded`);
      return org.id;
    },
  };
}

type Result = Awaited<ReturnType<TestSubgraph['run']>>;

/** Response data as tests read it: any field, checked by the assertions that follow. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests walk arbitrary response shapes
export type ResponseData = Record<string, any>;

/** Asserts a result has no errors and returns its data. */
export function dataOf(result: Result): ResponseData {
  expect(result.errors ?? []).toEqual([]);
  return result.data as ResponseData;
}

/** A page of a connection, as the pagination tests read it. */
export interface PageOf<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
  nodes: T[];
}

/** Returns the first error of a result, asserting there is one. */
export function firstError(result: Result) {
  expect(result.errors?.length ?? 0).toBeGreaterThan(0);
  return result.errors![0]!;
}

let decisionCounter = 0;
/** Returns a decision number not used before in this test process. */
export function decisionNumber(prefix = 'QĐ-UBND'): string {
  decisionCounter += 1;
  return `${decisionCounter}/${prefix}`;
}

export const RECORD = `mutation($input: RecordAllocationInput!) {
  recordAllocation(input: $input) { id postsAllocated postsFilled decisionNumber } }`;

export const TRANSFER = `mutation($input: TransferPostsInput!) {
  transferPosts(input: $input) { id posts body { id } from { id } to { id } } }`;

/** Records an allocation decision as an admin and fails the test when it is rejected. */
export async function recordAllocation(
  sg: TestSubgraph,
  code: string,
  year: number,
  postsAllocated: number,
  postsFilled: number,
  decisionDate = `${year}-01-10`,
): Promise<string> {
  const result = await sg.run(
    RECORD,
    {
      input: {
        organization: { code },
        year,
        postsAllocated,
        postsFilled,
        decisionNumber: decisionNumber(),
        decisionDate,
      },
    },
    ADMIN,
  );
  return dataOf(result).recordAllocation.id as string;
}

export function transferInput(
  from: string,
  to: string,
  year: number,
  posts: number,
  decisionDate = `${year}-02-01`,
) {
  return {
    from: { code: from },
    to: { code: to },
    year,
    posts,
    decisionNumber: decisionNumber(),
    decisionDate,
    reason: 'Bổ sung biên chế cho đơn vị chuyên trách về công nghệ thông tin',
  };
}
