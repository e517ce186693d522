import { sql } from 'drizzle-orm';
import { rows, startSubgraph, createLogger } from '@dxhub/kit';
import { STANDARD_ORGS, type TestSubgraph } from '@dxhub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { networkSubgraph, seedCentralBodies } from '../src/index.js';
import { seedStandardNetwork } from '../src/testing.js';
import { directorySnapshot, startNetwork } from './helpers.js';

const WRITER = { org: '001', scopes: ['network:read', 'network:write'] };
const ADMIN = { org: 'bo-tai-chinh', scopes: ['network:read', 'network:write', 'hub:admin'] };
const CREATE = `mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id code level kind parent { code } validFrom } }`;

describe('standard network and start-up seed', () => {
  let sg: TestSubgraph;

  beforeAll(async () => {
    sg = await startNetwork();
  });
  afterAll(async () => sg?.dispose());

  it('holds the standard units with their levels and parents', async () => {
    const seeded = await seedStandardNetwork(sg.db.database);
    for (const org of STANDARD_ORGS) {
      const unit = seeded.get(org.code);
      expect(unit, org.code).toMatchObject({ code: org.code, level: org.level, kind: org.kind });
      const parent = org.parentCode ? seeded.get(org.parentCode) : undefined;
      expect(unit!.ancestorIds.at(-1), org.code).toBe(parent?.id);
    }
    const result = await sg.run(
      `{ organization(code: "0100109106") { name level kind } }`,
      undefined,
      ADMIN,
    );
    expect(result.data?.organization).toEqual({
      name: 'Tập đoàn Công nghiệp - Viễn thông Quân đội',
      level: 'ENTERPRISE',
      kind: 'ENTERPRISE',
    });
  });

  it('changes nothing on a second start', async () => {
    const before = await directorySnapshot(sg.db.database);
    const [imports] = rows<{ total: number | string }>(
      await sg.db.database.db.execute(sql`select count(*) as total from network.imports`),
    );
    const statements = sg.db.database.statements.count;
    const report = await seedCentralBodies(sg.db.database);
    expect(report.changed).toBe(false);
    // One transaction: begin, lock, read the central bodies, resolve the successions, commit.
    expect(sg.db.database.statements.count - statements).toBeLessThanOrEqual(5);

    const again = await startSubgraph(networkSubgraph, {
      database: sg.db.database,
      logger: createLogger({ level: 'silent' }),
      verifier: sg.auth.verifier,
    });
    await again.stop();
    await seedStandardNetwork(sg.db.database);
    expect(await directorySnapshot(sg.db.database)).toEqual(before);
    const [importsAfter] = rows<{ total: number | string }>(
      await sg.db.database.db.execute(sql`select count(*) as total from network.imports`),
    );
    expect(Number(importsAfter?.total)).toBe(Number(imports?.total));
  });

  it('serves the limits', async () => {
    const result = await sg.run(`{ limits { maxPageSize maxBatchSize } }`, undefined, {
      org: '79',
      scopes: [],
    });
    expect(result.data).toEqual({ limits: { maxPageSize: 500, maxBatchSize: 5000 } });
  });

  it('rejects a search without letters', async () => {
    const reader = { org: '01', scopes: ['network:read'] };
    const cases = [
      ['{ organizations(filter: { search: "%" }) { totalCount } }', 'filter.search'],
      ['{ people(filter: { search: "\\"" }) { totalCount } }', 'filter.search'],
      ['{ organization(code: "01") { descendants(search: "* & _") { totalCount } } }', 'search'],
    ] as const;
    for (const [query, field] of cases) {
      const result = await sg.run(query, undefined, reader);
      expect(result.errors?.[0]?.extensions?.code, query).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.extensions?.field, query).toBe(field);
      expect(result.errors?.[0]?.extensions?.reason, query).toBe('SEARCH_WITHOUT_LETTERS');
    }
  });

  it('treats a blank search as none', async () => {
    const reader = { org: '01', scopes: ['network:read'] };
    const blank = await sg.run(
      '{ organizations(filter: { search: "  " }) { totalCount } }',
      undefined,
      reader,
    );
    const none = await sg.run('{ organizations { totalCount } }', undefined, reader);
    expect(blank.errors).toBeUndefined();
    expect(blank.data?.organizations).toEqual(none.data?.organizations);
  });
});

describe('organisation mutations', () => {
  let sg: TestSubgraph;
  let ids: Record<string, string>;

  beforeAll(async () => {
    sg = await startNetwork();
    const units = await sg.run(
      `{ bd: organization(code: "001") { id } hn: organization(code: "01") { id } px: organization(code: "00001") { id } }`,
      undefined,
      ADMIN,
    );
    const data = units.data as Record<string, { id: string }>;
    ids = { bd: data.bd!.id, hn: data.hn!.id, px: data.px!.id };
  });
  afterAll(async () => sg?.dispose());

  it('creates a unit at the level of its parent', async () => {
    const result = await sg.run(
      CREATE,
      {
        input: {
          code: 'so-khoa-hoc-va-cong-nghe-ha-noi',
          name: 'Sở Khoa học và Công nghệ  Hà Nội',
          kind: 'PROVINCIAL_DEPARTMENT',
          parentId: ids.hn,
          validFrom: '2025-03-01',
        },
      },
      { org: '01', scopes: WRITER.scopes },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.createOrganization).toMatchObject({
      level: 'PROVINCE',
      kind: 'PROVINCIAL_DEPARTMENT',
      parent: { code: '01' },
      validFrom: '2025-03-01',
    });
    const found = await sg.run(
      `{ organizations(filter: { search: "so khoa hoc ha noi" }) { nodes { code } } }`,
      undefined,
      ADMIN,
    );
    expect(found.data?.organizations).toEqual({ nodes: [] });
    const byName = await sg.run(
      `{ organizations(filter: { search: "Sở Khoa học" }) { nodes { name } } }`,
      undefined,
      ADMIN,
    );
    expect(byName.data?.organizations).toEqual({
      nodes: [{ name: 'Sở Khoa học và Công nghệ Hà Nội' }],
    });
    const tree = rows<{ level: string }>(
      await sg.db.database.db.execute(
        sql`select level from network.org_tree where code = 'so-khoa-hoc-va-cong-nghe-ha-noi'`,
      ),
    );
    expect(tree).toEqual([{ level: 'PROVINCE' }]);
  });

  it('creates an incident response team', async () => {
    const ministry = await sg.run(
      `{ organization(code: "bo-khoa-hoc-va-cong-nghe") { id } }`,
      undefined,
      ADMIN,
    );
    const parentId = (ministry.data?.organization as { id: string }).id;
    const result = await sg.run(
      CREATE,
      {
        input: {
          code: 'vncert',
          name: 'Trung tâm Ứng cứu khẩn cấp không gian mạng Việt Nam',
          kind: 'INCIDENT_RESPONSE_TEAM',
          parentId,
        },
      },
      ADMIN,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.createOrganization).toMatchObject({
      level: 'CENTRAL',
      kind: 'INCIDENT_RESPONSE_TEAM',
    });
  });

  it('reports invalid fields together', async () => {
    const result = await sg.run(
      CREATE,
      {
        input: {
          code: 'Tổ CNS',
          name: '',
          kind: 'COMMUNITY_TEAM',
          parentId: ids.bd,
          validFrom: '1999-01-01',
        },
      },
      WRITER,
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const fields = (
      result.errors?.[0]?.extensions?.fieldErrors as { field: string; code: string }[]
    ).map((f) => [f.field, f.code]);
    expect(fields).toEqual([
      ['input.parentId', 'INVALID_PARENT'],
      ['input.code', 'INVALID_FORMAT'],
      ['input.name', 'REQUIRED'],
      ['input.validFrom', 'OUT_OF_PERIOD'],
    ]);
  });

  it('keeps administrative kinds to the import', async () => {
    const result = await sg.run(
      CREATE,
      { input: { code: '002', name: 'Quận Hoàn Kiếm', kind: 'DISTRICT', parentId: ids.hn } },
      ADMIN,
    );
    expect((result.errors?.[0]?.extensions?.fieldErrors as { code: string }[])[0]?.code).toBe(
      'KIND_NOT_ALLOWED',
    );
  });

  it('lets only the coordinating agency and admins add enterprises', async () => {
    const input = {
      code: '0100686209',
      name: 'Tập đoàn Bưu chính Viễn thông Việt Nam',
      kind: 'ENTERPRISE',
    };
    const denied = await sg.run(CREATE, { input }, WRITER);
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const badCode = await sg.run(
      CREATE,
      { input: { ...input, code: '01006862' } },
      { org: 'cuc-chuyen-doi-so-quoc-gia', scopes: WRITER.scopes },
    );
    expect((badCode.errors?.[0]?.extensions?.fieldErrors as { field: string }[])[0]?.field).toBe(
      'input.code',
    );
    const created = await sg.run(
      CREATE,
      { input },
      { org: 'cuc-chuyen-doi-so-quoc-gia', scopes: WRITER.scopes },
    );
    expect(created.data?.createOrganization).toMatchObject({ level: 'ENTERPRISE', parent: null });
    const taken = await sg.run(CREATE, { input }, ADMIN);
    expect((taken.errors?.[0]?.extensions?.fieldErrors as { code: string }[])[0]?.code).toBe(
      'CODE_TAKEN',
    );
  });

  it('closes a unit once its units are closed, and links its successor', async () => {
    const team = await sg.run(
      CREATE,
      {
        input: {
          code: 'to-cns-phuc-xa',
          name: 'Tổ Công nghệ số cộng đồng phường Phúc Xá',
          kind: 'COMMUNITY_TEAM',
          parentId: ids.px,
          validFrom: '2024-01-01',
        },
      },
      WRITER,
    );
    const teamId = (team.data?.createOrganization as { id: string; level: string }).id;
    expect((team.data?.createOrganization as { level: string }).level).toBe('COMMUNITY');

    const office = await sg.run(
      CREATE,
      {
        input: {
          code: 'van-phong-cds-ba-dinh',
          name: 'Văn phòng chuyển đổi số Quận Ba Đình',
          kind: 'DISTRICT_OFFICE',
          parentId: ids.bd,
          validFrom: '2024-01-01',
        },
      },
      WRITER,
    );
    const officeId = (office.data?.createOrganization as { id: string }).id;
    const unit = await sg.run(
      CREATE,
      {
        input: {
          code: 'to-ho-tro-ba-dinh',
          name: 'Tổ hỗ trợ chuyển đổi số',
          kind: 'IT_UNIT',
          parentId: officeId,
          validFrom: '2024-02-01',
        },
      },
      WRITER,
    );
    expect((unit.errors?.[0]?.extensions?.fieldErrors as { code: string }[])[0]?.code).toBe(
      'INVALID_PARENT',
    );

    const closeTeam = await sg.run(
      `mutation ($id: ID!) { closeOrganization(id: $id, validTo: "2025-06-30") { validTo } }`,
      { id: teamId },
      WRITER,
    );
    expect(closeTeam.data?.closeOrganization).toEqual({ validTo: '2025-06-30' });

    const successor = await sg.run(
      CREATE,
      {
        input: {
          code: 'to-cns-phuc-xa-moi',
          name: 'Tổ Công nghệ số cộng đồng phường Phúc Xá (mới)',
          kind: 'COMMUNITY_TEAM',
          parentId: ids.px,
          validFrom: '2025-07-01',
          predecessorIds: [teamId],
        },
      },
      WRITER,
    );
    expect(successor.errors).toBeUndefined();
    const links = await sg.run(
      `query ($id: ID!) { _entities(representations: [{ __typename: "Organization", id: $id }]) { ... on Organization { successors { code } } } }`,
      { id: teamId },
      ADMIN,
    );
    expect(links.data?._entities).toEqual([{ successors: [{ code: 'to-cns-phuc-xa-moi' }] }]);

    const parentClose = await sg.run(
      `mutation ($id: ID!) { closeOrganization(id: $id, validTo: "2025-06-30") { validTo } }`,
      { id: ids.bd },
      ADMIN,
    );
    expect((parentClose.errors?.[0]?.extensions?.fieldErrors as { code: string }[])[0]?.code).toBe(
      'READ_ONLY',
    );
  });

  it('rejects a parent change in the database', async () => {
    const attempt = sg.db.database.db.execute(
      sql`update network.organizations set parent_id = ${ids.hn}::uuid where code = '00001'`,
    );
    await expect(attempt).rejects.toThrow();
    const overlap = sg.db.database.db.execute(
      sql`update network.organizations set code = 'to-cns-phuc-xa', valid_from = '2025-01-01' where code = 'to-cns-phuc-xa-moi'`,
    );
    await expect(overlap).rejects.toThrow();
  });

  it('lists units changed since a time', async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    const query = `query ($since: DateTime!) { organizations(filter: { updatedSince: $since }) { nodes { code } } }`;
    const before = await sg.run(
      query,
      { since: new Date(Date.now() + 60_000).toISOString() },
      ADMIN,
    );
    expect(before.data?.organizations).toEqual({ nodes: [] });
    await sg.run(
      `mutation ($id: ID!) { recordOrganizationProgress(id: $id, input: { platformAccessGrantedOn: "2025-05-05" }) { id } }`,
      { id: ids.px },
      ADMIN,
    );
    const after = await sg.run(query, { since }, ADMIN);
    expect(
      (after.data?.organizations as { nodes: { code: string }[] }).nodes.map((n) => n.code),
    ).toContain('00001');
  });

  it('answers with a Vietnamese message when asked', async () => {
    const result = await sg.run(
      `mutation { updateOrganization(id: "00000000-0000-4000-8000-000000000000", input: { name: "X" }) { id } }`,
      undefined,
      {
        ...ADMIN,
        locale: 'vi',
      } as typeof ADMIN,
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(result.errors?.[0]?.extensions?.entity).toBe('Organization');
    expect(result.errors?.[0]?.message).toBe(
      'Không tìm thấy đơn vị 00000000-0000-4000-8000-000000000000.',
    );
  });
});
