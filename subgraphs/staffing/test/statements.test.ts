import { randomUUID } from 'node:crypto';
import type { OrgSeed } from '@dxhub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  dataOf,
  READER,
  recordAllocation,
  startStaffing,
  STAFFING_ORGS,
  TRANSFER,
  transferInput,
  type StaffingTest,
} from './helpers.js';

const YEAR = 2025;
const SMALL = 3;
const LARGE = 60;

/** Builds a province with `units` departments and one IT unit, coded by prefix. */
function province(prefix: string, units: number): OrgSeed[] {
  return [
    { code: prefix, level: 'PROVINCE', kind: 'PROVINCE' },
    { code: `${prefix}-cds`, level: 'PROVINCE', kind: 'IT_UNIT', parentCode: prefix },
    ...Array.from({ length: units }, (_, index): OrgSeed => ({
      code: `${prefix}-so-${index}`,
      level: 'PROVINCE',
      kind: 'DEPARTMENT',
      parentCode: prefix,
    })),
  ];
}

describe('statements per request', () => {
  let test: StaffingTest;
  const personIds = new Map<string, string[]>();

  /** Statements one operation costs, asserting it succeeds. */
  async function cost(
    query: string,
    variables: Record<string, unknown>,
    as = READER('cuc-chuyen-doi-so-quoc-gia'),
  ) {
    const before = test.sg.db.database.statements.count;
    const data = dataOf(await test.sg.run(query, variables, as));
    return { statements: test.sg.db.database.statements.count - before, data };
  }

  beforeAll(async () => {
    // Province codes 91 (Kiên Giang) and 92 (Cần Thơ) stand in for a small and a large province.
    test = await startStaffing([
      ...STAFFING_ORGS,
      ...province('91', SMALL),
      ...province('92', LARGE),
    ]);
    for (const [prefix, units] of [
      ['91', SMALL],
      ['92', LARGE],
    ] as const) {
      const codes = [
        prefix,
        `${prefix}-cds`,
        ...Array.from({ length: units }, (_, index) => `${prefix}-so-${index}`),
      ];
      const people: string[] = [];
      for (const code of codes) {
        await recordAllocation(test.sg, code, YEAR, 40, 30);
        const position = dataOf(
          await test.sg.run(
            `mutation($code: String!) { createPosition(input: { organization: { code: $code }, title: "Chuyên viên chuyển đổi số", dxRole: true }) { id } }`,
            { code },
            ADMIN,
          ),
        ).createPosition.id;
        const personId = randomUUID();
        people.push(personId);
        dataOf(
          await test.sg.run(
            `mutation($personId: ID!, $positionId: ID!) { assignPerson(input: { personId: $personId, positionId: $positionId, startDate: "2025-01-01" }) { id } }`,
            { personId, positionId: position },
            ADMIN,
          ),
        );
      }
      // After every decision, so no decision resets posts a transfer moved.
      for (const code of codes.filter((unit) => unit !== `${prefix}-cds`)) {
        dataOf(
          await test.sg.run(
            TRANSFER,
            { input: transferInput(code, `${prefix}-cds`, YEAR, 1) },
            ADMIN,
          ),
        );
      }
      personIds.set(prefix, people);
    }
  });
  afterAll(async () => test?.sg.dispose());

  const HEADCOUNTS = `query($code: String!) { headcounts(filter: { under: { code: $code }, year: ${YEAR} }, first: 500) {
      totalCount nodes { id organization { id } year postsAllocated postsFilled vacantPosts postsTransferredIn
        postsTransferredOut totalPostsAllocated totalPostsFilled createdAt
        decision { id decisionNumber decisionDate organization { id } } } } }`;

  it('province staffing list costs the same for any number of units', async () => {
    const small = await cost(HEADCOUNTS, { code: '91' });
    const large = await cost(HEADCOUNTS, { code: '92' });
    expect(small.data.headcounts.totalCount).toBe(SMALL + 2);
    expect(large.data.headcounts.totalCount).toBe(LARGE + 2);
    expect(large.statements).toBe(small.statements);
    // Code look-up, count, page, decisions; names come from the network subgraph by federation.
    expect(large.statements).toBeLessThanOrEqual(4);
  });

  it('province totals come with the list', async () => {
    const { data } = await cost(HEADCOUNTS, { code: '92' });
    const provinceRow = data.headcounts.nodes.find(
      (node: { organization: { id: string } }) => node.organization.id === test.id('92'),
    );
    expect(provinceRow.totalPostsAllocated).toBe(40 * (LARGE + 2));
    expect(provinceRow.postsAllocated).toBe(39); // one post moved to its IT unit
    const itUnitRow = data.headcounts.nodes.find(
      (node: { organization: { id: string } }) => node.organization.id === test.id('92-cds'),
    );
    expect(itUnitRow.postsAllocated).toBe(40 + LARGE + 1);
    expect(itUnitRow.totalPostsAllocated).toBe(40 + LARGE + 1);
  });

  const cases: {
    name: string;
    query: string;
    variables: (prefix: string) => Record<string, unknown>;
  }[] = [
    {
      name: 'organization headcount fields',
      query: `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Organization {
          headcount(year: ${YEAR}) { postsAllocated decision { decisionNumber } }
          itUnitHeadcount(year: ${YEAR}) { postsAllocated }
          headcountHistory(year: ${YEAR}) { kind transfer { id posts from { id } } decision { id } }
          staffingTargets(asOf: "2025-12-31") { bodies bodiesWithPostsTransferred trainingCoverage { trained } }
          trainingCoverage(year: ${YEAR}) { peopleInDxRoles } } } }`,
      variables: (prefix) => ({
        reps: [...test.orgs.keys()]
          .filter((code) => code === prefix || code.startsWith(`${prefix}-`))
          .map((code) => ({ __typename: 'Organization', id: test.id(code) })),
      }),
    },
    {
      name: 'person employment',
      query: `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person {
          employment { id startDate organization { id } position { id title assignments { id } } }
          trainings { id } } } }`,
      variables: (prefix) => ({
        reps: personIds.get(prefix)!.map((id) => ({ __typename: 'Person', id })),
      }),
    },
    {
      name: 'transfers list',
      query: `query($code: String!) { transfers(filter: { under: { code: $code } }, first: 500) {
          totalCount nodes { id posts fromHeadcount { postsAllocated decision { id } } toHeadcount { postsAllocated } } } }`,
      variables: (prefix) => ({ code: prefix }),
    },
    {
      name: 'positions list',
      query: `query($code: String!) { positions(filter: { under: { code: $code } }, first: 500) {
          totalCount nodes { id title assignments { id person { id } position { id } } } } }`,
      variables: (prefix) => ({ code: prefix }),
    },
    {
      name: 'assignments list',
      query: `query($code: String!) { assignments(filter: { under: { code: $code }, dxRole: true }, first: 500) {
          totalCount nodes { id position { id title organization { id } } } } }`,
      variables: (prefix) => ({ code: prefix }),
    },
  ];

  for (const { name, query, variables } of cases) {
    it(`${name} cost does not grow with units`, async () => {
      const small = await cost(query, variables('91'));
      const large = await cost(query, variables('92'));
      expect(large.statements).toBe(small.statements);
    });
  }
});
