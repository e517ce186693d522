import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHANGE_STATUS,
  CREATE,
  READ,
  WRITE,
  projectInput,
  startProjects,
  type ProjectsTest,
} from './helpers.js';

const LIST = /* GraphQL */ `
  query List {
    projects(first: 100) {
      totalCount
      nodes {
        code
      }
    }
  }
`;
const ONE = /* GraphQL */ `
  query One($id: ID!) {
    project(id: $id) {
      code
    }
  }
`;
const ENTITIES = /* GraphQL */ `
  query Entities($reps: [_Any!]!) {
    _entities(representations: $reps) {
      ... on Organization {
        id
        projects {
          totalCount
          nodes {
            code
          }
        }
        projectTotals {
          all {
            projectCount
          }
        }
      }
      ... on Project {
        code
      }
    }
  }
`;

describe('jurisdiction', () => {
  let test: ProjectsTest;
  const codes: Record<string, { id: string; code: string }> = {};

  beforeAll(async () => {
    test = await startProjects();
    // One project owned by each of these units, created by the unit itself.
    for (const owner of ['01', '001', '00001', '79']) {
      const data = await test.ok(
        CREATE,
        { input: projectInput({ code: `DA-${owner}` }) },
        { org: owner, scopes: WRITE },
      );
      codes[owner] = data.createProject;
    }
  });
  afterAll(async () => test?.sg.dispose());

  async function listed(org: string): Promise<string[]> {
    const data = await test.ok(LIST, {}, { org, scopes: READ });
    return data.projects.nodes.map((node: { code: string }) => node.code);
  }

  it('shows each body its own projects and those below it', async () => {
    expect(await listed('01')).toEqual(['DA-00001', 'DA-001', 'DA-01']);
    expect(await listed('001')).toEqual(['DA-00001', 'DA-001']);
    expect(await listed('00001')).toEqual(['DA-00001']);
    expect(await listed('79')).toEqual(['DA-79']);
    expect(await listed('760')).toEqual([]);
  });

  it('shows the whole network to the coordinating agency and admins', async () => {
    const all = ['DA-00001', 'DA-001', 'DA-01', 'DA-79'];
    expect(await listed('cuc-chuyen-doi-so-quoc-gia')).toEqual(all);
    const admin = await test.ok(LIST, {}, { org: 'bo-tai-chinh', scopes: [...READ, 'hub:admin'] });
    expect(admin.projects.totalCount).toBe(4);
    expect(await listed('bo-tai-chinh')).toEqual([]);
  });

  it('hides a project outside the jurisdiction as not found', async () => {
    const result = await test.sg.run(ONE, { id: codes['001']!.id }, { org: '79', scopes: READ });
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(result.data?.project).toBeNull();
    const child = await test.sg.run(ONE, { id: codes['001']!.id }, { org: '00001', scopes: READ });
    expect(child.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const byCode = await test.sg.run(
      `query { project(code: "DA-001") { code } }`,
      {},
      { org: '79', scopes: READ },
    );
    expect(byCode.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('limits organisation fields and entities to the jurisdiction', async () => {
    const reps = [
      { __typename: 'Organization', id: test.orgs.get('001')!.id },
      { __typename: 'Project', id: codes['001']!.id },
    ];
    const outside = await test.ok(ENTITIES, { reps }, { org: '79', scopes: READ });
    expect(outside._entities[0].projects.totalCount).toBe(0);
    expect(outside._entities[0].projectTotals.all.projectCount).toBe(0);
    expect(outside._entities[1]).toBeNull();
    const inside = await test.ok(ENTITIES, { reps }, { org: '01', scopes: READ });
    expect(inside._entities[0].projects.nodes).toEqual([{ code: 'DA-00001' }, { code: 'DA-001' }]);
    expect(inside._entities[0].projectTotals.all.projectCount).toBe(2);
    expect(inside._entities[1]).toEqual({ code: 'DA-001' });
  });

  it('counts only the caller’s share of a parent unit', async () => {
    const data = await test.ok(
      `query { projectTotals(unitCode: "01") { all { projectCount } } }`,
      {},
      { org: '001', scopes: READ },
    );
    expect(data.projectTotals.all.projectCount).toBe(2);
  });

  it('lets a parent body change a child’s project', async () => {
    const data = await test.ok(
      CHANGE_STATUS,
      { input: { projectId: codes['00001']!.id, to: 'APPROVED', reason: 'Tỉnh phê duyệt' } },
      { org: '01', scopes: WRITE },
    );
    expect(data.changeProjectStatus.status).toBe('APPROVED');
  });

  it('rejects changes outside the jurisdiction', async () => {
    const other = await test.sg.run(
      CHANGE_STATUS,
      { input: { projectId: codes['001']!.id, to: 'APPROVED', reason: 'Không được' } },
      { org: '79', scopes: WRITE },
    );
    expect(other.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const child = await test.sg.run(
      `mutation($id: ID!) { updateProject(id: $id, input: { name: "Đổi tên" }) { name } }`,
      { id: codes['001']!.id },
      { org: '00001', scopes: WRITE },
    );
    expect(child.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('creates only for owners in the jurisdiction', async () => {
    const below = await test.ok(
      CREATE,
      { input: projectInput({ ownerCode: '00001' }) },
      { org: '01', scopes: WRITE },
    );
    expect(below.createProject.owner.id).toBe(test.orgs.get('00001')!.id);
    const byId = await test.ok(
      CREATE,
      { input: projectInput({ ownerId: test.orgs.get('001')!.id }) },
      { org: 'cuc-chuyen-doi-so-quoc-gia', scopes: WRITE },
    );
    expect(byId.createProject.owner.id).toBe(test.orgs.get('001')!.id);
    const above = await test.sg.run(
      CREATE,
      { input: projectInput({ ownerCode: '001' }) },
      { org: '00001', scopes: WRITE },
    );
    expect(above.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(above.errors?.[0]?.extensions?.reason).toBe('OUTSIDE_JURISDICTION');
    const elsewhere = await test.sg.run(
      CREATE,
      { input: projectInput({ ownerCode: '001' }) },
      { org: '79', scopes: WRITE },
    );
    expect(elsewhere.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('rejects a caller whose organisation is not in the directory', async () => {
    const result = await test.sg.run(
      CREATE,
      { input: projectInput() },
      { org: 'khong-ton-tai', scopes: WRITE },
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await listed('khong-ton-tai')).toEqual([]);
  });

  it('needs the write scope to change and the read scope to list', async () => {
    const readOnly = await test.sg.run(
      CREATE,
      { input: projectInput() },
      { org: '001', scopes: READ },
    );
    expect(readOnly.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(readOnly.errors?.[0]?.extensions?.reason).toBe('SCOPE_MISSING');
    const writeOnly = await test.sg.run(LIST, {}, { org: '001', scopes: ['projects:write'] });
    expect(writeOnly.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(writeOnly.data?.projects).toBeNull();
    const none = await test.sg.run(LIST, {}, null);
    expect(none.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
