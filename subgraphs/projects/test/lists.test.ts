import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHANGE_STATUS,
  CREATE,
  ENTERPRISE,
  READ,
  WRITE,
  projectInput,
  startProjects,
  type ProjectsTest,
  type Data,
} from './helpers.js';

const PAGE = /* GraphQL */ `
  query Page($filter: ProjectFilter, $first: Int, $after: String, $since: DateTime) {
    projects(filter: $filter, first: $first, after: $after, updatedSince: $since) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        endCursor
      }
      nodes {
        code
      }
    }
  }
`;

const ORG = /* GraphQL */ `
  query Org($reps: [_Any!]!, $sub: Boolean) {
    _entities(representations: $reps) {
      ... on Organization {
        projects(includeSubunits: $sub) {
          nodes {
            code
          }
        }
        contractedProjects {
          nodes {
            code
          }
        }
      }
    }
  }
`;

describe('project lists', () => {
  let test: ProjectsTest;
  const province = { org: '01', scopes: WRITE };

  const codes = (data: Data) => data.projects.nodes.map((node: { code: string }) => node.code);

  beforeAll(async () => {
    test = await startProjects();
    const rows = [
      {
        code: 'L-01',
        name: 'Nền tảng học trực tuyến Hà Nội',
        platform: 'TRAINING',
        ownerCode: '01',
        plannedStartOn: '2024-03-01',
      },
      {
        code: 'L-02',
        name: 'Trợ lý ảo cho cán bộ phường',
        platform: 'VIRTUAL_ASSISTANT',
        ownerCode: '00001',
        deliveryMode: 'OUTSOURCED_SERVICE',
        contractorCode: ENTERPRISE,
      },
      {
        code: 'L-03',
        name: 'Giám sát an toàn thông tin',
        platform: 'CYBERSECURITY',
        ownerCode: '001',
        fundingSource: 'STATE_BUDGET_INVESTMENT',
      },
      {
        code: 'L-04',
        name: 'Khảo sát mức độ hài lòng',
        platform: 'SURVEYS',
        ownerCode: '001',
        deliveryMode: 'SOCIAL_MOBILISATION',
        contractorCode: ENTERPRISE,
      },
      {
        code: 'L-05',
        name: 'Chia sẻ dữ liệu dân cư',
        platform: 'DATA_SHARING',
        ownerCode: '01',
        plannedStartOn: '2026-02-01',
        plannedEndOn: '2026-12-31',
      },
    ];
    for (const row of rows) await test.ok(CREATE, { input: projectInput(row) }, province);
  });
  afterAll(async () => test?.sg.dispose());

  it('pages through by code with cursors', async () => {
    const first = await test.ok(PAGE, { first: 2 }, province);
    expect(codes(first)).toEqual(['L-01', 'L-02']);
    expect(first.projects.totalCount).toBe(5);
    expect(first.projects.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = await test.ok(
      PAGE,
      { first: 2, after: first.projects.pageInfo.endCursor },
      province,
    );
    expect(codes(second)).toEqual(['L-03', 'L-04']);
    expect(second.projects.pageInfo.hasPreviousPage).toBe(true);
    const third = await test.ok(
      PAGE,
      { first: 2, after: second.projects.pageInfo.endCursor },
      province,
    );
    expect(codes(third)).toEqual(['L-05']);
    expect(third.projects.pageInfo.hasNextPage).toBe(false);
    expect(third.projects.totalCount).toBe(5);
  });

  it('rejects a malformed cursor or page size', async () => {
    const cursor = await test.sg.run(PAGE, { after: 'not-a-cursor' }, province);
    expect(cursor.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const foreign = await test.sg.run(
      PAGE,
      { after: Buffer.from('[1]').toString('base64url') },
      province,
    );
    expect(foreign.errors?.[0]?.extensions?.field).toBe('after');
    const size = await test.sg.run(PAGE, { first: 501 }, province);
    expect(size.errors?.[0]?.extensions?.field).toBe('first');
  });

  it('keeps after as the end of an empty page', async () => {
    const first = await test.ok(PAGE, { first: 2 }, province);
    const after = first.projects.pageInfo.endCursor;
    const empty = await test.ok(PAGE, { first: 0, after }, province);
    expect(empty.projects.nodes).toEqual([]);
    expect(empty.projects.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: true,
      endCursor: after,
    });
    const next = await test.ok(
      PAGE,
      { first: 1, after: empty.projects.pageInfo.endCursor },
      province,
    );
    expect(codes(next)).toEqual(['L-03']);
  });

  it('rejects a cursor of other filters', async () => {
    const filter = { platforms: ['TRAINING', 'SURVEYS'] };
    const first = await test.ok(PAGE, { filter, first: 1 }, province);
    const after = first.projects.pageInfo.endCursor;
    const same = await test.ok(
      PAGE,
      { filter: { platforms: ['SURVEYS', 'TRAINING'] }, first: 1, after },
      province,
    );
    expect(codes(same)).toEqual(['L-04']);
    for (const variables of [
      { filter: { platforms: ['TRAINING'] } },
      { filter: { ...filter, search: 'khao sat' } },
      { filter, since: '2020-01-01T00:00:00Z' },
      {},
    ]) {
      const result = await test.sg.run(PAGE, { ...variables, first: 1, after }, province);
      expect(result.errors?.[0]?.extensions?.field, JSON.stringify(variables)).toBe('after');
      expect(result.errors?.[0]?.extensions?.reason).toBe('CURSOR_QUERY_MISMATCH');
    }
  });

  it('filters by status, platform, mode, source and year', async () => {
    const [l03] = (await test.ok(PAGE, { filter: { search: 'L-03' } }, province)).projects.nodes;
    expect(l03.code).toBe('L-03');
    const cases: [Record<string, unknown>, string[]][] = [
      [{ platforms: ['TRAINING', 'SURVEYS'] }, ['L-01', 'L-04']],
      [{ deliveryModes: ['OUTSOURCED_SERVICE'] }, ['L-02']],
      [{ fundingSources: ['STATE_BUDGET_INVESTMENT'] }, ['L-03']],
      [{ years: [2024] }, ['L-01']],
      [{ years: [2025, 2026] }, ['L-02', 'L-03', 'L-04', 'L-05']],
      [{ statuses: ['APPROVED'] }, []],
      [{ contractorCode: ENTERPRISE }, ['L-02', 'L-04']],
      [{ underUnitCode: '001' }, ['L-02', 'L-03', 'L-04']],
      [{ underUnitId: test.orgs.get('00001')!.id }, ['L-02']],
      [{ underUnitCode: '001', platforms: ['CYBERSECURITY'] }, ['L-03']],
    ];
    for (const [filter, expected] of cases) {
      expect(codes(await test.ok(PAGE, { filter }, province)), JSON.stringify(filter)).toEqual(
        expected,
      );
    }
  });

  it('finds projects without diacritics', async () => {
    const cases: [string, string[]][] = [
      ['ha noi', ['L-01']],
      ['HÀ NỘI', ['L-01']],
      ['du lieu dan cu', ['L-05']],
      ['an toan', ['L-03']],
      ['tro ly ao phuong', ['L-02']],
      ['đ', ['L-04', 'L-05']],
      ['do', ['L-04']],
      ['khong co', []],
    ];
    for (const [search, expected] of cases) {
      expect(codes(await test.ok(PAGE, { filter: { search } }, province)), search).toEqual(
        expected,
      );
    }
  });

  it('filters by status after transitions', async () => {
    const l05 = (await test.ok(`query { project(code: "L-05") { id } }`, {}, province)).project;
    await test.ok(
      CHANGE_STATUS,
      { input: { projectId: l05.id, to: 'APPROVED', reason: 'Phê duyệt' } },
      province,
    );
    expect(codes(await test.ok(PAGE, { filter: { statuses: ['APPROVED'] } }, province))).toEqual([
      'L-05',
    ]);
    expect(
      codes(await test.ok(PAGE, { filter: { statuses: ['PROPOSED'] } }, province)),
    ).toHaveLength(4);
  });

  it('lists only projects changed since an instant', async () => {
    const before = await test.ok(
      PAGE,
      { since: new Date(Date.now() + 60_000).toISOString() },
      province,
    );
    expect(before.projects.totalCount).toBe(0);
    const { project } = await test.ok(`query { project(code: "L-01") { id } }`, {}, province);
    const changed = await test.ok(
      `mutation($id: ID!) { updateProject(id: $id, input: { description: "Mô tả mới" }) { updatedAt } }`,
      { id: project.id },
      province,
    );
    const since = await test.ok(PAGE, { since: changed.updateProject.updatedAt }, province);
    expect(codes(since)).toEqual(['L-01']);
  });

  it('lists an organisation’s own, subunit and contracted projects', async () => {
    const reps = [
      { __typename: 'Organization', id: test.orgs.get('001')!.id },
      { __typename: 'Organization', id: test.orgs.get(ENTERPRISE)!.id },
    ];
    const withSubunits = await test.ok(ORG, { reps }, { org: '01', scopes: READ });
    expect(withSubunits._entities[0].projects.nodes.map((n: { code: string }) => n.code)).toEqual([
      'L-02',
      'L-03',
      'L-04',
    ]);
    expect(
      withSubunits._entities[1].contractedProjects.nodes.map((n: { code: string }) => n.code),
    ).toEqual(['L-02', 'L-04']);
    const ownOnly = await test.ok(ORG, { reps, sub: false }, { org: '01', scopes: READ });
    expect(ownOnly._entities[0].projects.nodes.map((n: { code: string }) => n.code)).toEqual([
      'L-03',
      'L-04',
    ]);
    const district = await test.ok(ORG, { reps }, { org: '001', scopes: READ });
    expect(
      district._entities[1].contractedProjects.nodes.map((n: { code: string }) => n.code),
    ).toEqual(['L-02', 'L-04']);
    const commune = await test.ok(ORG, { reps }, { org: '00001', scopes: READ });
    expect(
      commune._entities[1].contractedProjects.nodes.map((n: { code: string }) => n.code),
    ).toEqual(['L-02']);
  });

  it('rejects conflicting or unknown units in a filter', async () => {
    const both = await test.sg.run(
      PAGE,
      { filter: { underUnitCode: '001', underUnitId: test.orgs.get('001')!.id } },
      province,
    );
    expect(both.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(both.errors?.[0]?.extensions?.field).toBe('filter.underUnitCode');
    const unknown = await test.sg.run(PAGE, { filter: { underUnitCode: '99999' } }, province);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const badId = await test.sg.run(PAGE, { filter: { contractorId: 'abc' } }, province);
    expect(badId.errors?.[0]?.extensions?.field).toBe('filter.contractorId');
    const year = await test.sg.run(PAGE, { filter: { years: [25] } }, province);
    expect(year.errors?.[0]?.extensions?.field).toBe('filter.years.0');
  });
});
