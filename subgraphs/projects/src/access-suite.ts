import { randomUUID } from 'node:crypto';
import {
  ACCESS_ROLES,
  type AccessOutcome,
  type AccessRole,
  type AccessSuite,
  type RunOperation,
} from '@dxhub/kit/testing';

/**
 * The access matrix of the projects subgraph: every query and mutation, run as each role of
 * {@link ACCESS_ROLES} against records owned by `sameBody`. The seed steps create those
 * records through GraphQL mutations only, so the suite runs the same against the subgraph and
 * through the gateway. Cases with `perRoleSeed` take their variables from that step's result
 * alone; the others from the suite's seed.
 */

const OWNER = { org: ACCESS_ROLES.sameBody, scopes: ['projects:read', 'projects:write'] };
const READ = ['projects:read'];
const WRITE = ['projects:write'];

/** Result of a seeding mutation: each one selects only the id of what it made. */
type Created = Record<string, { id: string }>;

/** Runs an operation as the owning body and returns its data, or throws with the errors. */
async function asOwner(
  run: RunOperation,
  query: string,
  variables: Record<string, unknown>,
): Promise<Created> {
  const result = await run(query, variables, OWNER);
  if (result.errors?.length || !result.data) {
    throw new Error(`projects access suite: seeding failed: ${JSON.stringify(result.errors)}`);
  }
  return result.data as Created;
}

async function createProject(run: RunOperation): Promise<string> {
  const data = await asOwner(
    run,
    `mutation SeedProject($input: CreateProjectInput!) { createProject(input: $input) { id } }`,
    {
      input: {
        code: `DA-KT-${randomUUID().slice(0, 8)}`,
        name: 'Dự án kiểm tra quyền truy cập',
        platform: 'DATA_SHARING',
        deliveryMode: 'OUTSOURCED_SERVICE',
        contractorCode: '0100109106',
        fundingSource: 'STATE_BUDGET_REGULAR',
        budget: '9007199254740993',
        plannedStartOn: '2025-01-01',
        plannedEndOn: '2025-12-31',
      },
    },
  );
  return data.createProject!.id;
}

async function moveTo(run: RunOperation, projectId: string, to: string): Promise<void> {
  await asOwner(
    run,
    `mutation SeedStatus($input: ChangeProjectStatusInput!) { changeProjectStatus(input: $input) { id } }`,
    { input: { projectId, to, reason: 'Chuẩn bị kiểm tra', effectiveOn: '2025-01-02' } },
  );
}

async function addMilestone(run: RunOperation, projectId: string): Promise<string> {
  const data = await asOwner(
    run,
    `mutation SeedMilestone($input: AddProjectMilestoneInput!) { addProjectMilestone(input: $input) { id } }`,
    { input: { projectId, title: 'Mốc kiểm tra', dueOn: '2025-06-30' } },
  );
  return data.addProjectMilestone!.id;
}

/** Reads: the owner and the bodies above it see the record; another province does not. */
function readOutcomes(outside: AccessOutcome): Record<AccessRole, AccessOutcome> {
  return {
    anonymous: 'UNAUTHENTICATED',
    otherBody: outside,
    sameBody: 'ALLOWED',
    parentBody: 'ALLOWED',
    coordinatingAgency: 'ALLOWED',
    admin: 'ALLOWED',
  };
}

/** Every signed-in role lacks the scope the operation needs. */
const MISSING_SCOPE: Record<AccessRole, AccessOutcome> = {
  anonymous: 'UNAUTHENTICATED',
  otherBody: 'FORBIDDEN',
  sameBody: 'FORBIDDEN',
  parentBody: 'FORBIDDEN',
  coordinatingAgency: 'FORBIDDEN',
  admin: 'FORBIDDEN',
};

export const accessSuite: AccessSuite = {
  subgraph: 'projects',

  async seed(run) {
    const projectId = await createProject(run);
    const milestoneId = await addMilestone(run, projectId);
    return { projectId, milestoneId };
  },

  cases: [
    {
      name: 'project',
      query: `query ProjectById($id: ID) { project(id: $id) { id code budget milestones { id } } }`,
      variables: (seeded) => ({ id: seeded.projectId }),
      scopes: READ,
      expected: readOutcomes('NOT_FOUND'),
      path: 'project',
    },
    {
      name: 'project without projects:read',
      query: `query ProjectById($id: ID) { project(id: $id) { id } }`,
      variables: (seeded) => ({ id: seeded.projectId }),
      scopes: WRITE,
      expected: MISSING_SCOPE,
      path: 'project',
    },
    {
      name: 'projects',
      query: `query ProjectsUnder($unit: String) { projects(filter: { underUnitCode: $unit }) { totalCount nodes { id } } }`,
      variables: () => ({ unit: ACCESS_ROLES.sameBody }),
      scopes: READ,
      expected: readOutcomes('EMPTY'),
      path: 'projects',
    },
    {
      name: 'projectTotals',
      query: `query TotalsUnder($unit: String) { projectTotals(unitCode: $unit) { all { projectCount budget } } }`,
      variables: () => ({ unit: ACCESS_ROLES.sameBody }),
      scopes: READ,
      expected: readOutcomes('EMPTY'),
      path: 'projectTotals.all.projectCount',
    },
    {
      name: 'createProject',
      query: `mutation CreateForOwner($input: CreateProjectInput!) { createProject(input: $input) { id } }`,
      variables: (seeded) => ({
        input: {
          code: seeded.code,
          name: 'Dự án tạo khi kiểm tra quyền',
          ownerCode: ACCESS_ROLES.sameBody,
          platform: 'TRAINING',
          deliveryMode: 'IN_HOUSE',
          fundingSource: 'STATE_BUDGET_REGULAR',
          budget: '1000000000',
          plannedStartOn: '2025-01-01',
          plannedEndOn: '2025-12-31',
        },
      }),
      scopes: WRITE,
      expected: readOutcomes('FORBIDDEN'),
      path: 'createProject',
      // A fresh code for each role, so every allowed role creates its own project.
      perRoleSeed: async () => ({ code: `DA-KT-${randomUUID().slice(0, 8)}` }),
    },
    {
      name: 'createProject without projects:write',
      query: `mutation CreateForOwner($input: CreateProjectInput!) { createProject(input: $input) { id } }`,
      variables: () => ({
        input: {
          code: `DA-KT-${randomUUID().slice(0, 8)}`,
          name: 'Dự án không được tạo',
          ownerCode: ACCESS_ROLES.sameBody,
          platform: 'TRAINING',
          deliveryMode: 'IN_HOUSE',
          fundingSource: 'OTHER',
          budget: '1',
          plannedStartOn: '2025-01-01',
          plannedEndOn: '2025-12-31',
        },
      }),
      scopes: READ,
      expected: MISSING_SCOPE,
      path: 'createProject',
    },
    {
      name: 'updateProject',
      query: `mutation Rename($id: ID!) { updateProject(id: $id, input: { name: "Tên đã sửa" }) { id name } }`,
      variables: (seeded) => ({ id: seeded.projectId }),
      scopes: WRITE,
      expected: readOutcomes('NOT_FOUND'),
      path: 'updateProject',
      perRoleSeed: async (run) => ({ projectId: await createProject(run) }),
    },
    {
      name: 'changeProjectStatus',
      query: `mutation Approve($input: ChangeProjectStatusInput!) { changeProjectStatus(input: $input) { id status } }`,
      variables: (seeded) => ({
        input: { projectId: seeded.projectId, to: 'APPROVED', reason: 'Phê duyệt' },
      }),
      scopes: WRITE,
      expected: readOutcomes('NOT_FOUND'),
      path: 'changeProjectStatus',
      perRoleSeed: async (run) => ({ projectId: await createProject(run) }),
    },
    {
      name: 'changeProjectBudget',
      query: `mutation Raise($input: ChangeProjectBudgetInput!) { changeProjectBudget(input: $input) { id budget } }`,
      variables: (seeded) => ({
        input: {
          projectId: seeded.projectId,
          newBudget: '9007199254740995',
          reason: 'Bổ sung kinh phí',
        },
      }),
      scopes: WRITE,
      expected: readOutcomes('NOT_FOUND'),
      path: 'changeProjectBudget',
      perRoleSeed: async (run) => ({ projectId: await createProject(run) }),
    },
    {
      name: 'reportProjectProgress',
      query: `mutation Report($input: ReportProjectProgressInput!) { reportProjectProgress(input: $input) { id spentToDate } }`,
      variables: (seeded) => ({
        input: {
          projectId: seeded.projectId,
          percentComplete: 50,
          spentToDate: '4503599627370496',
        },
      }),
      scopes: WRITE,
      expected: readOutcomes('NOT_FOUND'),
      path: 'reportProjectProgress',
      perRoleSeed: async (run) => {
        const projectId = await createProject(run);
        await moveTo(run, projectId, 'APPROVED');
        await moveTo(run, projectId, 'IN_PROGRESS');
        return { projectId };
      },
    },
    {
      name: 'addProjectMilestone',
      query: `mutation AddMilestone($input: AddProjectMilestoneInput!) { addProjectMilestone(input: $input) { id } }`,
      variables: (seeded) => ({
        input: { projectId: seeded.projectId, title: 'Mốc bổ sung', dueOn: '2025-09-30' },
      }),
      scopes: WRITE,
      expected: readOutcomes('NOT_FOUND'),
      path: 'addProjectMilestone',
    },
    {
      name: 'updateProjectMilestone',
      query: `mutation MoveMilestone($id: ID!) { updateProjectMilestone(id: $id, input: { dueOn: "2025-07-31" }) { id dueOn } }`,
      variables: (seeded) => ({ id: seeded.milestoneId }),
      scopes: WRITE,
      expected: readOutcomes('NOT_FOUND'),
      path: 'updateProjectMilestone',
    },
    {
      name: 'completeProjectMilestone',
      query: `mutation CompleteMilestone($id: ID!) { completeProjectMilestone(id: $id, completedOn: "2025-06-15") { id completed } }`,
      variables: (seeded) => ({ id: seeded.milestoneId }),
      scopes: WRITE,
      expected: readOutcomes('NOT_FOUND'),
      path: 'completeProjectMilestone',
      perRoleSeed: async (run) => ({
        milestoneId: await addMilestone(run, await createProject(run)),
      }),
    },
  ],
};
