import {
  createTestSubgraph,
  seedOrgTree,
  type OrgSeed,
  type SeededOrg,
  type TestSubgraph,
} from '@dxhub/kit/testing';
import { projectsSubgraph } from '../src/index.js';

/**
 * Response data of a test operation. Tests read nested fields directly and let a wrong shape
 * fail the assertion, so the data is loosely typed on purpose.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Data = Record<string, any>;

export const READ = ['projects:read'];
export const WRITE = ['projects:read', 'projects:write'];

/** Enterprise of the standard test network, by tax code. */
export const ENTERPRISE = '0100109106';

export interface ProjectsTest {
  sg: TestSubgraph;
  orgs: Map<string, SeededOrg>;
  /** Runs an operation, failing the test on any error. */
  ok(
    query: string,
    variables: Record<string, unknown>,
    as: { org: string; scopes: string[] },
  ): Promise<Data>;
}

/** Starts the projects subgraph on a fresh database with the org tree seeded. */
export async function startProjects(orgs?: OrgSeed[]): Promise<ProjectsTest> {
  let seeded = new Map<string, SeededOrg>();
  const sg = await createTestSubgraph(projectsSubgraph, async (db) => {
    seeded = await seedOrgTree(db.database, orgs);
  });
  return {
    sg,
    orgs: seeded,
    ok: async (query, variables, as) => {
      const result = await sg.run(query, variables, as);
      if (result.errors?.length) {
        throw new Error(`unexpected errors: ${JSON.stringify(result.errors, null, 2)}`);
      }
      return result.data as Data;
    },
  };
}

export const CREATE = /* GraphQL */ `
  mutation Create($input: CreateProjectInput!) {
    createProject(input: $input) {
      id
      code
      status
      budget
      spentToDate
      owner {
        id
      }
      contractor {
        id
      }
    }
  }
`;

export const CHANGE_STATUS = /* GraphQL */ `
  mutation ChangeStatus($input: ChangeProjectStatusInput!) {
    changeProjectStatus(input: $input) {
      id
      status
      actualStartOn
      actualEndOn
      allowedTransitions
    }
  }
`;

export const REPORT = /* GraphQL */ `
  mutation Report($input: ReportProjectProgressInput!) {
    reportProjectProgress(input: $input) {
      id
      spentToDate
      percentComplete
      reportedOn
    }
  }
`;

export const CHANGE_BUDGET = /* GraphQL */ `
  mutation ChangeBudget($input: ChangeProjectBudgetInput!) {
    changeProjectBudget(input: $input) {
      id
      budget
      spentToDate
      remainingBudget
    }
  }
`;

let sequence = 0;

/** Builds a valid createProject input with a code unique within the test process. */
export function projectInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  sequence += 1;
  return {
    code: `DA-TEST-${String(sequence).padStart(4, '0')}`,
    name: `Dự án thử nghiệm số ${sequence}`,
    platform: 'TRAINING',
    deliveryMode: 'IN_HOUSE',
    fundingSource: 'STATE_BUDGET_REGULAR',
    budget: '1000000000',
    plannedStartOn: '2025-01-01',
    plannedEndOn: '2025-12-31',
    ...overrides,
  };
}

/** Day {@link startedProject} gives as the actual start. */
export const STARTED_ON = '2025-01-02';

/** Creates a project and walks it to `IN_PROGRESS`; returns its id. */
export async function startedProject(
  test: ProjectsTest,
  as: { org: string; scopes: string[] },
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const created = await test.ok(CREATE, { input: projectInput(overrides) }, as);
  const id = created.createProject.id as string;
  await test.ok(
    CHANGE_STATUS,
    { input: { projectId: id, to: 'APPROVED', reason: 'Phê duyệt' } },
    as,
  );
  await test.ok(
    CHANGE_STATUS,
    {
      input: { projectId: id, to: 'IN_PROGRESS', reason: 'Theo kế hoạch', effectiveOn: STARTED_ON },
    },
    as,
  );
  return id;
}

/** Adds `days` to a YYYY-MM-DD date. */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * Runs one mutation field many times in a single request through aliases, which GraphQL
 * executes in order; returns the results in input order.
 */
export async function runAliased(
  test: ProjectsTest,
  field: string,
  inputType: string,
  selection: string,
  inputs: Record<string, unknown>[],
  as: { org: string; scopes: string[] },
): Promise<Data[]> {
  const results: Data[] = [];
  for (let start = 0; start < inputs.length; start += 50) {
    const batch = inputs.slice(start, start + 50);
    const variables = Object.fromEntries(batch.map((input, index) => [`i${index}`, input]));
    const declarations = batch.map((_, index) => `$i${index}: ${inputType}!`).join(', ');
    const fields = batch
      .map((_, index) => `m${index}: ${field}(input: $i${index}) { ${selection} }`)
      .join('\n');
    const data = await test.ok(`mutation Batch(${declarations}) {\n${fields}\n}`, variables, as);
    batch.forEach((_, index) => results.push(data[`m${index}`]));
  }
  return results;
}
