import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STANDARD_ORGS } from '@dxhub/kit/testing';
import {
  CHANGE_STATUS,
  CREATE,
  ENTERPRISE,
  WRITE,
  projectInput,
  startProjects,
  type ProjectsTest,
} from './helpers.js';

const UPDATE = /* GraphQL */ `
  mutation Update($id: ID!, $input: UpdateProjectInput!) {
    updateProject(id: $id, input: $input) {
      name
      description
      deliveryMode
      contractor {
        id
      }
      plannedEndOn
    }
  }
`;

describe('input validation', () => {
  let test: ProjectsTest;
  const district = { org: '001', scopes: WRITE };

  beforeAll(async () => {
    test = await startProjects([
      ...STANDARD_ORGS,
      { code: '002', level: 'DISTRICT', kind: 'DISTRICT', parentCode: '01', validTo: '2025-06-30' },
    ]);
  });
  afterAll(async () => test?.sg.dispose());

  async function createError(overrides: Record<string, unknown>, as = district, locale?: string) {
    const result = await test.sg.run(
      CREATE,
      { input: projectInput(overrides) },
      { ...as, ...(locale ? { locale } : {}) },
    );
    expect(result.data?.createProject ?? null).toBeNull();
    return result.errors?.[0];
  }

  it('names the field, the value and the fix', async () => {
    const en = await createError({ name: '   ' });
    expect(en?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(en?.extensions?.field).toBe('input.name');
    expect(en?.message).toBe('Invalid value for input.name: it is empty; give a text.');
    const vi = await createError({ name: '' }, district, 'vi');
    expect(vi?.message).toBe(
      'Giá trị không hợp lệ ở input.name: giá trị đang để trống; hãy nhập nội dung (bắt buộc).',
    );
  });

  it('rejects bad codes, names and dates', async () => {
    expect((await createError({ code: 'DA 1\n2' }))?.extensions?.field).toBe('input.code');
    expect((await createError({ code: 'x'.repeat(65) }))?.extensions?.field).toBe('input.code');
    expect((await createError({ name: 'Dòng 1\nDòng 2' }))?.extensions?.field).toBe('input.name');
    const dates = await createError({ plannedStartOn: '2025-06-01', plannedEndOn: '2025-05-31' });
    expect(dates?.extensions?.field).toBe('input.plannedEndOn');
    expect(dates?.message).toContain('2025-05-31 is before the start 2025-06-01');
    expect((await createError({ budget: '-5' }))?.extensions?.field).toBe('input.budget');
    expect((await createError({ budget: 12 }))?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await createError({ plannedStartOn: '2025-02-30' }))?.extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('rejects a duplicate code in both languages', async () => {
    await test.ok(CREATE, { input: projectInput({ code: 'DA-TRUNG' }) }, district);
    const en = await createError({ code: 'DA-TRUNG' });
    expect(en?.extensions?.code).toBe('PROJECTS_DUPLICATE_CODE');
    expect(en?.extensions?.value).toBe('DA-TRUNG');
    expect(en?.message).toBe('A project with code DA-TRUNG already exists. Choose another code.');
    const vi = await createError({ code: 'DA-TRUNG' }, district, 'vi');
    expect(vi?.message).toBe('Đã có dự án mang mã DA-TRUNG. Hãy chọn mã khác.');
  });

  it('checks the contractor against the delivery mode and level', async () => {
    const inHouse = await createError({ deliveryMode: 'IN_HOUSE', contractorCode: ENTERPRISE });
    expect(inHouse?.extensions?.field).toBe('input.contractorId');
    const notEnterprise = await createError({
      deliveryMode: 'OUTSOURCED_SERVICE',
      contractorCode: '79',
    });
    expect(notEnterprise?.extensions?.field).toBe('input.contractorCode');
    expect(notEnterprise?.message).toContain('not an enterprise');
    const both = await createError({
      deliveryMode: 'OUTSOURCED_SERVICE',
      contractorCode: ENTERPRISE,
      contractorId: test.orgs.get(ENTERPRISE)!.id,
    });
    expect(both?.extensions?.field).toBe('input.contractorCode');
    const unknown = await createError({
      deliveryMode: 'OUTSOURCED_SERVICE',
      contractorCode: '0000000000',
    });
    expect(unknown?.extensions?.code).toBe('NOT_FOUND');
  });

  it('rejects an owner that no longer exists', async () => {
    const error = await createError(
      { ownerId: test.orgs.get('002')!.id },
      { org: '01', scopes: WRITE },
    );
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error?.extensions?.field).toBe('input.ownerId');
    expect(error?.message).toContain('not valid today');
    const badId = await createError({ ownerId: 'not-a-uuid' });
    expect(badId?.extensions?.field).toBe('input.ownerId');
  });

  it('stores text in NFC without outer spaces', async () => {
    const decomposed = '  Dự án Hà Nội  '.normalize('NFD');
    const data = await test.ok(CREATE, { input: projectInput({ name: decomposed }) }, district);
    const read = await test.ok(
      `query($id: ID!) { project(id: $id) { name } }`,
      { id: data.createProject.id },
      district,
    );
    expect(read.project.name).toBe('Dự án Hà Nội'.normalize('NFC'));
  });

  it('updates and clears descriptive fields', async () => {
    const id = (
      await test.ok(
        CREATE,
        {
          input: projectInput({
            description: 'Mô tả',
            deliveryMode: 'OUTSOURCED_SERVICE',
            contractorCode: ENTERPRISE,
          }),
        },
        district,
      )
    ).createProject.id;
    const cleared = await test.ok(
      UPDATE,
      { id, input: { description: null, contractorId: null, plannedEndOn: '2026-01-31' } },
      district,
    );
    expect(cleared.updateProject).toMatchObject({
      description: null,
      contractor: null,
      plannedEndOn: '2026-01-31',
    });
    const backwards = await test.sg.run(
      UPDATE,
      { id, input: { plannedEndOn: '2024-01-01' } },
      district,
    );
    expect(backwards.errors?.[0]?.extensions?.field).toBe('input.plannedEndOn');
    await test.ok(UPDATE, { id, input: { contractorCode: ENTERPRISE } }, district);
    const inHouse = await test.sg.run(
      UPDATE,
      { id, input: { deliveryMode: 'IN_HOUSE' } },
      district,
    );
    expect(inHouse.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const both = await test.ok(
      UPDATE,
      { id, input: { deliveryMode: 'IN_HOUSE', contractorId: null } },
      district,
    );
    expect(both.updateProject).toMatchObject({ deliveryMode: 'IN_HOUSE', contractor: null });
  });

  it('rejects changes to a closed project', async () => {
    const id = (await test.ok(CREATE, { input: projectInput() }, district)).createProject.id;
    await test.ok(
      CHANGE_STATUS,
      { input: { projectId: id, to: 'CANCELLED', reason: 'Hủy' } },
      district,
    );
    const result = await test.sg.run(
      UPDATE,
      { id, input: { name: 'Tên mới' } },
      { ...district, locale: 'vi' },
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('PROJECTS_WRONG_STATUS');
    expect(result.errors?.[0]?.extensions?.status).toBe('CANCELLED');
    expect(result.errors?.[0]?.message).toContain('Hủy bỏ');
  });

  it('looks a project up by exactly one of id and code', async () => {
    const both = await test.sg.run(`query { project(id: "x", code: "y") { id } }`, {}, district);
    expect(both.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const neither = await test.sg.run(`query { project { id } }`, {}, district);
    expect(neither.errors?.[0]?.extensions?.field).toBe('id');
    const badId = await test.sg.run(`query { project(id: "123") { id } }`, {}, district);
    expect(badId.errors?.[0]?.extensions?.field).toBe('id');
    const missing = await test.sg.run(
      `query { project(id: "00000000-0000-4000-8000-000000000000") { id } }`,
      {},
      district,
    );
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const totals = await test.sg.run(
      `query { projectTotals { all { projectCount } } }`,
      {},
      district,
    );
    expect(totals.errors?.[0]?.extensions?.field).toBe('unitId');
  });

  it('rejects an empty id or code in look-ups', async () => {
    const cases = [
      { query: `query { project(id: "") { id } }`, field: 'id' },
      { query: `query { project(code: "  ") { id } }`, field: 'code' },
      { query: `query { projectTotals(unitId: "") { all { projectCount } } }`, field: 'unitId' },
      {
        query: `query { projectTotals(unitCode: "") { all { projectCount } } }`,
        field: 'unitCode',
      },
      {
        query: `query { projects(filter: { underUnitCode: "" }) { totalCount } }`,
        field: 'filter.underUnitCode',
      },
    ];
    for (const { query, field } of cases) {
      const result = await test.sg.run(query, {}, district);
      const error = result.errors?.[0];
      expect(error?.extensions?.code, query).toBe('BAD_USER_INPUT');
      expect(error?.extensions?.field, query).toBe(field);
      expect(error?.message, query).toContain(`Invalid value for ${field}:`);
    }

    const vi = await test.sg.run(
      `query { project(code: "") { id } }`,
      {},
      { ...district, locale: 'vi' },
    );
    expect(vi.errors?.[0]?.message).toBe(
      'Giá trị không hợp lệ ở code: giá trị đang để trống; hãy nhập mã của bản ghi, hoặc tra cứu theo id.',
    );
  });

  it('names the type of a missing unit', async () => {
    for (const locale of ['en', 'vi']) {
      const result = await test.sg.run(
        `query { projectTotals(unitCode: "khong-ton-tai") { all { projectCount } } }`,
        {},
        { ...district, locale },
      );
      const error = result.errors?.[0];
      expect(error?.extensions?.code).toBe('NOT_FOUND');
      expect(error?.extensions?.entity).toBe('Organization');
      expect(error?.message).toContain('khong-ton-tai');
    }
  });
});
