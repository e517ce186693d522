import { vietnamDate } from '@dxhub/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ENTERPRISE,
  WRITE,
  addDays,
  projectInput,
  runAliased,
  startProjects,
  type ProjectsTest,
  type Data,
} from './helpers.js';

const LIST = /* GraphQL */ `
  query List($unit: String!) {
    projects(filter: { underUnitCode: $unit }, first: 500) {
      totalCount
      nodes {
        id
        code
        budget
        status
        owner {
          id
        }
        contractor {
          id
        }
        milestones {
          id
          title
          dueOn
          overdue
          project {
            code
          }
        }
        overdueMilestoneCount
        latestReport {
          spentToDate
        }
        statusHistory {
          to
          changedByOrg {
            id
          }
        }
        budgetChanges {
          newBudget
        }
      }
    }
  }
`;

const ENTITIES = /* GraphQL */ `
  query Entities($reps: [_Any!]!) {
    _entities(representations: $reps) {
      ... on Organization {
        id
        projects(first: 3) {
          totalCount
          nodes {
            code
            contractor {
              id
            }
            milestones {
              dueOn
            }
          }
        }
        contractedProjects {
          totalCount
        }
        projectTotals {
          all {
            projectCount
            budget
          }
          byPlatform {
            platform
            projectCount
          }
        }
      }
    }
  }
`;

// Units of province 01 and province 79 that own the generated projects.
const HANOI_UNITS = ['01', '001', '00001'];
const HCMC_UNITS = ['79', '760', '26734'];

describe('SQL statements per request', () => {
  let test: ProjectsTest;
  const admin = { org: 'cuc-chuyen-doi-so-quoc-gia', scopes: WRITE };

  async function seed(units: string[], count: number): Promise<void> {
    const inputs = Array.from({ length: count }, (_, index) =>
      projectInput({
        ownerCode: units[index % units.length],
        deliveryMode: index % 2 === 0 ? 'OUTSOURCED_SERVICE' : 'IN_HOUSE',
        ...(index % 2 === 0 ? { contractorCode: ENTERPRISE } : {}),
      }),
    );
    const created = await runAliased(
      test,
      'createProject',
      'CreateProjectInput',
      'id',
      inputs,
      admin,
    );
    const today = vietnamDate();
    const milestones = created.flatMap((project, index) => [
      { projectId: project.id, title: `Mốc 1 của dự án ${index}`, dueOn: addDays(today, -10) },
      { projectId: project.id, title: `Mốc 2 của dự án ${index}`, dueOn: addDays(today, 30) },
    ]);
    await runAliased(
      test,
      'addProjectMilestone',
      'AddProjectMilestoneInput',
      'id',
      milestones,
      admin,
    );
    const approvals = created.map((project) => ({
      projectId: project.id,
      to: 'APPROVED',
      reason: 'Phê duyệt',
    }));
    await runAliased(
      test,
      'changeProjectStatus',
      'ChangeProjectStatusInput',
      'id',
      approvals,
      admin,
    );
  }

  beforeAll(async () => {
    test = await startProjects();
    await seed(HCMC_UNITS, 10);
    await seed(HANOI_UNITS, 200);
  });
  afterAll(async () => test?.sg.dispose());

  async function statementsFor(
    query: string,
    variables: Record<string, unknown>,
  ): Promise<{ count: number; data: Data }> {
    const before = test.sg.db.database.statements.count;
    const data = await test.ok(query, variables, {
      org: 'cuc-chuyen-doi-so-quoc-gia',
      scopes: ['projects:read'],
    });
    return { count: test.sg.db.database.statements.count - before, data };
  }

  it('lists 10 and 200 projects in the same statements', async () => {
    const small = await statementsFor(LIST, { unit: '79' });
    const large = await statementsFor(LIST, { unit: '01' });
    expect(small.data.projects.nodes).toHaveLength(10);
    expect(large.data.projects.nodes).toHaveLength(200);
    expect(large.data.projects.nodes[0].milestones).toHaveLength(2);
    expect(large.data.projects.nodes[0].overdueMilestoneCount).toBe(1);
    expect(
      large.data.projects.nodes.filter((node: { contractor: unknown }) => node.contractor),
    ).toHaveLength(100);
    expect(large.count).toBe(small.count);
    expect(large.count).toBeLessThanOrEqual(10);
  });

  it('resolves 2 and 6 organisations in the same statements', async () => {
    const reps = (codes: string[]) =>
      codes.map((code) => ({ __typename: 'Organization', id: test.orgs.get(code)!.id }));
    const two = await statementsFor(ENTITIES, { reps: reps(['01', '79']) });
    const six = await statementsFor(ENTITIES, { reps: reps([...HANOI_UNITS, ...HCMC_UNITS]) });
    expect(two.data._entities[0].projects.totalCount).toBe(200);
    expect(two.data._entities[1].projects.totalCount).toBe(10);
    expect(six.data._entities[2].projectTotals.all.projectCount).toBeGreaterThan(0);
    expect(six.count).toBe(two.count);
  });
});
