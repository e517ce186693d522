// The staffing subgraph's access matrix: every query and mutation, as every role of
// ACCESS_ROLES. The records belong to district 001 (Quận Ba Đình) and are created through
// GraphQL only, so the same suite runs against the subgraph and through the gateway.
import { randomUUID } from 'node:crypto';
import type {
  AccessCase,
  AccessOutcome,
  AccessRole,
  AccessSuite,
  OrgSeed,
  RunOperation,
} from '@dxhub/kit/testing';

/**
 * Code of the IT unit of province 01 that the transfer cases move posts to, from district 001.
 * The network subgraph places IT units under ministries, agencies, provinces and provincial
 * departments only, so such a transfer is province 01's decision.
 */
export const ACCESS_IT_UNIT_CODE = 'trung-tam-cds-ha-noi';

/**
 * Organisations the suite needs besides the standard test network: the IT unit of province 01.
 * The runner must create them first (in the org tree here, in the network subgraph through the
 * gateway).
 */
export const ACCESS_SUITE_ORGS: OrgSeed[] = [
  { code: ACCESS_IT_UNIT_CODE, level: 'PROVINCE', kind: 'IT_UNIT', parentCode: '01' },
];

const YEAR = 2025;
const DECISION_DATE = '2025-01-15';
const READ = ['staffing:read'];
const WRITE = ['staffing:read', 'staffing:write'];
const OWNER = { org: '001', scopes: WRITE };
/** Province 01, the body whose IT unit receives the posts. */
const BODY = { org: '01', scopes: WRITE };

/** Outcomes when the same body, its parents and the all-seeing roles may act. */
function expect(otherBody: AccessOutcome): Record<AccessRole, AccessOutcome> {
  return {
    anonymous: 'UNAUTHENTICATED',
    otherBody,
    sameBody: 'ALLOWED',
    parentBody: 'ALLOWED',
    coordinatingAgency: 'ALLOWED',
    admin: 'ALLOWED',
  };
}

/** Outcomes for the shared course catalogue, which every holder of the scope reads. */
const EVERY_CALLER = expect('ALLOWED');

let sequence = 0;
/** Returns a decision number no earlier run of the suite used. */
function freshDecisionNumber(): string {
  sequence += 1;
  return `${sequence}-${randomUUID().slice(0, 8)}/QĐ-UBND`;
}

/** Runs a seeding operation and fails with its errors rather than seeding half a suite. */
async function seedStep(
  run: RunOperation,
  query: string,
  variables: Record<string, unknown>,
  field: string,
  as = OWNER,
): Promise<string> {
  const result = await run(query, variables, as);
  const created = result.data?.[field] as { id?: string } | null | undefined;
  if (result.errors?.length || !created?.id) {
    throw new Error(
      `staffing access suite: seeding ${field} failed: ${JSON.stringify(result.errors ?? result.data)}`,
    );
  }
  return created.id;
}

const RECORD_ALLOCATION = /* GraphQL */ `
  mutation RecordAllocation($number: String!) {
    recordAllocation(input: {
      organization: { code: "001" }, year: ${YEAR}, postsAllocated: 40, postsFilled: 30,
      decisionNumber: $number, decisionDate: "${DECISION_DATE}" }) { id postsAllocated }
  }`;

const TRANSFER_POSTS = /* GraphQL */ `
  mutation TransferPosts($number: String!) {
    transferPosts(input: {
      from: { code: "001" }, to: { code: "${ACCESS_IT_UNIT_CODE}" }, year: ${YEAR}, posts: 1,
      decisionNumber: $number, decisionDate: "${DECISION_DATE}",
      reason: "Kiện toàn đơn vị chuyên trách về công nghệ thông tin" }) { id posts }
  }`;

const ASSIGN_PERSON = /* GraphQL */ `
  mutation AssignPerson($personId: ID!, $positionId: ID!) {
    assignPerson(input: { personId: $personId, positionId: $positionId, startDate: "2025-01-01" }) {
      id
    }
  }
`;

const UPSERT_ATTENDANCE = /* GraphQL */ `
  mutation UpsertAttendance($sessionId: ID!, $personId: ID!) {
    upsertAttendance(
      sessionId: $sessionId
      rows: [
        {
          personId: $personId
          organization: { code: "001" }
          status: COMPLETED
          completedOn: "2025-03-12"
        }
      ]
    ) {
      inserted
      updated
    }
  }
`;

async function seed(run: RunOperation): Promise<Record<string, unknown>> {
  const personId = randomUUID();
  const decisionId = await seedStep(
    run,
    RECORD_ALLOCATION,
    { number: freshDecisionNumber() },
    'recordAllocation',
  );
  const transferId = await seedStep(
    run,
    TRANSFER_POSTS,
    { number: freshDecisionNumber() },
    'transferPosts',
    BODY,
  );
  const positionId = await seedStep(
    run,
    `mutation { createPosition(input: { organization: { code: "001" }, title: "Chuyên viên chuyển đổi số",
       jobTitleStandard: "Chuyên viên (mã ngạch 01.003)", dxRole: true }) { id } }`,
    {},
    'createPosition',
  );
  const assignmentId = await seedStep(run, ASSIGN_PERSON, { personId, positionId }, 'assignPerson');
  const courseId = await seedStep(
    run,
    `mutation { createCourse(input: { owner: { code: "001" }, title: "Kỹ năng chuyển đổi số cho cán bộ",
       topic: "Chuyển đổi số", provider: "Trường Chính trị thành phố Hà Nội", hours: 24, mode: BLENDED }) { id } }`,
    {},
    'createCourse',
  );
  const sessionId = await seedStep(
    run,
    `mutation($courseId: ID!) { createTrainingSession(input: { courseId: $courseId, organizer: { code: "001" },
       startsOn: "2025-03-10", endsOn: "2025-03-12", place: "Hà Nội" }) { id } }`,
    { courseId },
    'createTrainingSession',
  );
  const attendance = await run(UPSERT_ATTENDANCE, { sessionId, personId }, OWNER);
  if (attendance.errors?.length)
    throw new Error(
      `staffing access suite: seeding attendance failed: ${JSON.stringify(attendance.errors)}`,
    );
  return { decisionId, transferId, positionId, assignmentId, courseId, sessionId, personId };
}

const ids = (names: string[]) => (seeded: Record<string, unknown>) =>
  Object.fromEntries(names.map((name) => [name, seeded[name]]));

const queries: AccessCase[] = [
  {
    name: 'headcounts',
    query: `{ headcounts(filter: { under: { code: "001" }, year: ${YEAR} }) { totalCount nodes { id postsAllocated } } }`,
    scopes: READ,
    expected: expect('EMPTY'),
    path: 'headcounts',
  },
  {
    name: 'allocationDecisions',
    query: `{ allocationDecisions(filter: { under: { code: "001" } }) { totalCount nodes { id } } }`,
    scopes: READ,
    expected: expect('EMPTY'),
    path: 'allocationDecisions',
  },
  {
    name: 'transfers',
    query: `{ transfers(filter: { under: { code: "001" } }) { totalCount nodes { id posts } } }`,
    scopes: READ,
    expected: expect('EMPTY'),
    path: 'transfers',
  },
  {
    name: 'transfer',
    query: `query($transferId: ID!) { transfer(id: $transferId) { id posts } }`,
    variables: ids(['transferId']),
    scopes: READ,
    expected: expect('NOT_FOUND'),
    path: 'transfer',
  },
  {
    name: 'positions',
    query: `{ positions(filter: { under: { code: "001" } }) { totalCount nodes { id title } } }`,
    scopes: READ,
    expected: expect('EMPTY'),
    path: 'positions',
  },
  {
    name: 'position',
    query: `query($positionId: ID!) { position(id: $positionId) { id title } }`,
    variables: ids(['positionId']),
    scopes: READ,
    expected: expect('NOT_FOUND'),
    path: 'position',
  },
  {
    name: 'assignments',
    query: `query($personId: ID!) { assignments(filter: { personId: $personId }) { totalCount nodes { id } } }`,
    variables: ids(['personId']),
    scopes: READ,
    expected: expect('EMPTY'),
    path: 'assignments',
  },
  {
    name: 'courses',
    query: `{ courses { totalCount nodes { id title } } }`,
    scopes: READ,
    expected: EVERY_CALLER,
    path: 'courses',
  },
  {
    name: 'course',
    query: `query($courseId: ID!) { course(id: $courseId) { id title } }`,
    variables: ids(['courseId']),
    scopes: READ,
    expected: EVERY_CALLER,
    path: 'course',
  },
  {
    name: 'trainingSessions',
    query: `query($courseId: ID!) { trainingSessions(filter: { courseId: $courseId }) { totalCount nodes { id } } }`,
    variables: ids(['courseId']),
    scopes: READ,
    expected: EVERY_CALLER,
    path: 'trainingSessions',
  },
  {
    name: 'trainingSession',
    query: `query($sessionId: ID!) { trainingSession(id: $sessionId) { id place } }`,
    variables: ids(['sessionId']),
    scopes: READ,
    expected: EVERY_CALLER,
    path: 'trainingSession',
  },
  {
    name: 'trainingCoverage',
    query: `{ trainingCoverage(under: { code: "001" }, year: ${YEAR}) { peopleInDxRoles trained percent } }`,
    scopes: READ,
    expected: expect('FORBIDDEN'),
    path: 'trainingCoverage',
  },
  {
    name: 'staffingTargets',
    query: `{ staffingTargets(under: { code: "001" }, asOf: "2025-12-31") { bodies trainingCoverage { peopleInDxRoles } } }`,
    scopes: READ,
    expected: expect('FORBIDDEN'),
    path: 'staffingTargets',
  },
];

const mutations: AccessCase[] = [
  {
    name: 'recordAllocation',
    query: RECORD_ALLOCATION,
    perRoleSeed: async () => ({ number: freshDecisionNumber() }),
    variables: ids(['number']),
    scopes: WRITE,
    expected: expect('FORBIDDEN'),
    path: 'recordAllocation',
  },
  {
    name: 'transferPosts',
    query: TRANSFER_POSTS,
    perRoleSeed: async () => ({ number: freshDecisionNumber() }),
    variables: ids(['number']),
    scopes: WRITE,
    // The district gives the posts, but only its province may move them to its IT unit.
    expected: { ...expect('FORBIDDEN'), sameBody: 'FORBIDDEN' },
    path: 'transferPosts',
  },
  {
    name: 'createPosition',
    query: `mutation { createPosition(input: { organization: { code: "001" }, title: "Chuyên viên an toàn thông tin", dxRole: true }) { id } }`,
    scopes: WRITE,
    expected: expect('FORBIDDEN'),
    path: 'createPosition',
  },
  {
    name: 'updatePosition',
    query: `mutation($positionId: ID!) { updatePosition(id: $positionId, input: { title: "Chuyên viên chính chuyển đổi số" }) { id title } }`,
    variables: ids(['positionId']),
    scopes: WRITE,
    expected: expect('NOT_FOUND'),
    path: 'updatePosition',
  },
  {
    name: 'assignPerson',
    query: ASSIGN_PERSON,
    perRoleSeed: async () => ({ personId: randomUUID() }),
    variables: ids(['personId', 'positionId']),
    scopes: WRITE,
    expected: expect('NOT_FOUND'),
    path: 'assignPerson',
  },
  {
    name: 'endAssignment',
    query: `mutation($assignmentId: ID!) { endAssignment(id: $assignmentId, endDate: "2025-06-30") { id endDate } }`,
    perRoleSeed: async (run) => {
      const positions = await run(
        `{ positions(filter: { under: { code: "001" } }, first: 1) { nodes { id } } }`,
        {},
        OWNER,
      );
      const positionId = (positions.data?.positions as { nodes: { id: string }[] } | undefined)
        ?.nodes[0]?.id;
      if (!positionId)
        throw new Error(
          `staffing access suite: no position to assign: ${JSON.stringify(positions.errors)}`,
        );
      const assignmentId = await seedStep(
        run,
        ASSIGN_PERSON,
        { personId: randomUUID(), positionId },
        'assignPerson',
      );
      return { assignmentId };
    },
    variables: ids(['assignmentId']),
    scopes: WRITE,
    expected: expect('NOT_FOUND'),
    path: 'endAssignment',
  },
  {
    name: 'createCourse',
    query: `mutation { createCourse(input: { owner: { code: "001" }, title: "An toàn thông tin cơ bản",
      topic: "An toàn thông tin mạng", provider: "Cục An toàn thông tin", hours: 16, mode: ONLINE }) { id } }`,
    scopes: WRITE,
    expected: expect('FORBIDDEN'),
    path: 'createCourse',
  },
  {
    name: 'updateCourse',
    query: `mutation($courseId: ID!) { updateCourse(id: $courseId, input: { hours: 32 }) { id hours } }`,
    variables: ids(['courseId']),
    scopes: WRITE,
    expected: expect('FORBIDDEN'),
    path: 'updateCourse',
  },
  {
    name: 'createTrainingSession',
    query: `mutation($courseId: ID!) { createTrainingSession(input: { courseId: $courseId, organizer: { code: "001" },
      startsOn: "2025-05-05", endsOn: "2025-05-06", place: "Trực tuyến" }) { id } }`,
    variables: ids(['courseId']),
    scopes: WRITE,
    expected: expect('FORBIDDEN'),
    path: 'createTrainingSession',
  },
  {
    name: 'updateTrainingSession',
    query: `mutation($sessionId: ID!) { updateTrainingSession(id: $sessionId, input: { place: "Hội trường UBND quận Ba Đình" }) { id place } }`,
    variables: ids(['sessionId']),
    scopes: WRITE,
    expected: expect('FORBIDDEN'),
    path: 'updateTrainingSession',
  },
  {
    name: 'upsertAttendance',
    query: UPSERT_ATTENDANCE,
    perRoleSeed: async () => ({ personId: randomUUID() }),
    variables: ids(['sessionId', 'personId']),
    scopes: WRITE,
    expected: expect('FORBIDDEN'),
    path: 'upsertAttendance',
  },
];

/** Every query and mutation of the staffing subgraph with the outcome each role must get. */
export const accessSuite: AccessSuite = {
  subgraph: 'staffing',
  seed,
  cases: [...queries, ...mutations],
};
