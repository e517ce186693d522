import type { TestSubgraph } from '@dxhub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNetwork } from './helpers.js';

const WRITER = { org: '001', scopes: ['network:read', 'network:write'] };
const PII_SAME = { org: '001', scopes: ['network:read', 'network:pii', 'audit:read'] };
const PII_PARENT = { org: '01', scopes: ['network:read', 'network:pii'] };
const PII_OTHER = { org: '79', scopes: ['network:read', 'network:pii'] };
const READ_ONLY = { org: '001', scopes: ['network:read'] };
const ADMIN = {
  org: 'bo-tai-chinh',
  scopes: ['network:read', 'network:write', 'hub:admin', 'audit:read'],
};

describe('people and personal data', () => {
  let sg: TestSubgraph;
  let districtId: string;
  let personId: string;

  beforeAll(async () => {
    sg = await startNetwork();
    const district = await sg.run(`{ organization(code: "001") { id } }`, undefined, READ_ONLY);
    districtId = (district.data?.organization as { id: string }).id;
    const created = await sg.run(
      `mutation ($input: CreatePersonInput!) { createPerson(input: $input) { id fullName } }`,
      {
        input: {
          fullName: 'Lê  Thị Hoà',
          position: 'Trưởng phòng Văn hóa và Thông tin',
          organizationId: districtId,
          email: 'Hoa.LT@badinh.hanoi.gov.vn',
          phone: '+84 912 345 678',
          nationalId: '001190012345',
        },
      },
      WRITER,
    );
    expect(created.errors).toBeUndefined();
    personId = (created.data?.createPerson as { id: string }).id;
  });
  afterAll(async () => sg?.dispose());

  const PII_QUERY = `query ($id: ID!) { person(id: $id) { fullName email phone nationalId } }`;

  it('stores clean names and canonical phone numbers', async () => {
    const result = await sg.run(PII_QUERY, { id: personId }, PII_SAME);
    expect(result.data?.person).toEqual({
      fullName: 'Lê Thị Hoà',
      email: 'hoa.lt@badinh.hanoi.gov.vn',
      phone: '0912345678',
      nationalId: '001190012345',
    });
  });

  it('hides personal data without network:pii', async () => {
    const result = await sg.run(PII_QUERY, { id: personId }, READ_ONLY);
    expect(result.data?.person).toEqual({
      fullName: 'Lê Thị Hoà',
      email: null,
      phone: null,
      nationalId: null,
    });
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual([
      'FORBIDDEN',
      'FORBIDDEN',
      'FORBIDDEN',
    ]);
    expect(result.errors?.[0]?.extensions?.reason).toBe('SCOPE_MISSING');
  });

  it('hides personal data outside the jurisdiction', async () => {
    const result = await sg.run(PII_QUERY, { id: personId }, PII_OTHER);
    expect(result.data?.person).toEqual({
      fullName: 'Lê Thị Hoà',
      email: null,
      phone: null,
      nationalId: null,
    });
    expect(result.errors?.map((e) => e.extensions?.reason)).toEqual([
      'OUTSIDE_JURISDICTION',
      'OUTSIDE_JURISDICTION',
      'OUTSIDE_JURISDICTION',
    ]);
    expect(result.errors?.map((e) => e.path)).toContainEqual(['person', 'email']);
  });

  it('shows personal data to the province above', async () => {
    const result = await sg.run(PII_QUERY, { id: personId }, PII_PARENT);
    expect(result.errors).toBeUndefined();
    expect((result.data?.person as { email: string }).email).toBe('hoa.lt@badinh.hanoi.gov.vn');
  });

  it('records each personal-data read in the audit log', async () => {
    const reader = { org: '01', scopes: ['network:read', 'network:pii'] };
    const token = await sg.auth.token(reader.org, reader.scopes, {
      subject: 'auditor-test-reader',
    });
    const { executeOnSubgraph } = await import('@dxhub/kit');
    const read = await executeOnSubgraph(
      sg.runtime,
      { query: PII_QUERY, variables: { id: personId } },
      { authorization: `Bearer ${token}` },
    );
    expect(read.errors).toBeUndefined();

    const log = await sg.run(
      `query { auditEvents(filter: { subject: "auditor-test-reader", action: PII_READ }) {
          totalCount nodes { subject orgCode action recordIds subgraph outcome at } } }`,
      undefined,
      ADMIN,
    );
    expect(log.errors).toBeUndefined();
    const events = (
      log.data?.auditEvents as { totalCount: number; nodes: Record<string, unknown>[] }
    ).nodes;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      subject: 'auditor-test-reader',
      orgCode: '01',
      action: 'PII_READ',
      recordIds: [personId],
      subgraph: 'network',
      outcome: 'SUCCESS',
    });
  });

  it('writes no audit record for refused reads', async () => {
    const token = await sg.auth.token('79', PII_OTHER.scopes, { subject: 'refused-reader' });
    const { executeOnSubgraph } = await import('@dxhub/kit');
    await executeOnSubgraph(
      sg.runtime,
      { query: PII_QUERY, variables: { id: personId } },
      { authorization: `Bearer ${token}` },
    );
    const log = await sg.run(
      `{ auditEvents(filter: { subject: "refused-reader" }) { totalCount } }`,
      undefined,
      ADMIN,
    );
    expect(log.data?.auditEvents).toEqual({ totalCount: 0 });
  });

  it('limits the audit log to the caller jurisdiction', async () => {
    const own = await sg.run(
      `{ auditEvents(filter: { action: MUTATION }) { nodes { orgCode } } }`,
      undefined,
      PII_SAME,
    );
    const codes = new Set(
      (own.data?.auditEvents as { nodes: { orgCode: string }[] }).nodes.map((n) => n.orgCode),
    );
    expect([...codes]).toEqual(['001']);
    const denied = await sg.run(`{ auditEvents { totalCount } }`, undefined, READ_ONLY);
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('reports every invalid field of a person at once', async () => {
    const result = await sg.run(
      `mutation ($input: CreatePersonInput!) { createPerson(input: $input) { id } }`,
      {
        input: {
          fullName: ' ',
          organizationId: districtId,
          email: 'not-an-address',
          phone: '12345',
          nationalId: '0011900123',
        },
      },
      { ...WRITER, locale: 'vi' } as typeof WRITER,
    );
    expect(result.data).toBeNull();
    const error = result.errors?.[0];
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    const fields = (
      error?.extensions?.fieldErrors as { field: string; code: string; value?: unknown }[]
    ).map((f) => [f.field, f.code]);
    expect(fields).toEqual([
      ['input.fullName', 'REQUIRED'],
      ['input.email', 'INVALID_FORMAT'],
      ['input.phone', 'INVALID_FORMAT'],
      ['input.nationalId', 'INVALID_FORMAT'],
    ]);
    const personal = (
      error?.extensions?.fieldErrors as { field: string; value?: unknown }[]
    ).filter((f) => f.field !== 'input.fullName');
    expect(personal.every((f) => f.value === undefined)).toBe(true);
  });

  it('rejects a national ID held by another person', async () => {
    const result = await sg.run(
      `mutation ($input: CreatePersonInput!) { createPerson(input: $input) { id } }`,
      {
        input: {
          fullName: 'Phạm Văn Cường',
          organizationId: districtId,
          nationalId: '001190012345',
        },
      },
      WRITER,
    );
    const fieldErrors = result.errors?.[0]?.extensions?.fieldErrors as {
      field: string;
      code: string;
    }[];
    expect(fieldErrors).toEqual([
      expect.objectContaining({ field: 'input.nationalId', code: 'DUPLICATE' }),
    ]);
  });

  it('rejects writes outside the jurisdiction', async () => {
    const result = await sg.run(
      `mutation ($id: ID!) { updatePerson(id: $id, input: { position: "Chuyên viên" }) { id } }`,
      { id: personId },
      { org: '79', scopes: ['network:read', 'network:write'] },
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('memberships, committees and progress', () => {
  let sg: TestSubgraph;
  let ids: Record<string, string>;

  async function must(
    query: string,
    variables: Record<string, unknown>,
    as: { org: string; scopes: string[] } = ADMIN,
  ) {
    const result = await sg.run(query, variables, as);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data as Record<string, Record<string, unknown>>;
  }

  beforeAll(async () => {
    sg = await startNetwork();
    const units = await must(
      `{ hn: organization(code: "01") { id } bd: organization(code: "001") { id } px: organization(code: "00001") { id } }`,
      {},
    );
    ids = { hn: units.hn!.id as string, bd: units.bd!.id as string, px: units.px!.id as string };
  });
  afterAll(async () => sg?.dispose());

  it('gives a person the roles of their memberships', async () => {
    const person = await must(
      `mutation ($input: CreatePersonInput!) { createPerson(input: $input) { id } }`,
      {
        input: { fullName: 'Đỗ Minh Đức', organizationId: ids.px, validFrom: '2024-01-01' },
      },
    );
    ids.duc = person.createPerson!.id as string;
    await must(
      `mutation ($input: CreateMembershipInput!) { createMembership(input: $input) { id role } }`,
      {
        input: {
          category: 'COMMUNE_OFFICIAL',
          organizationId: ids.px,
          personId: ids.duc,
          validFrom: '2025-01-01',
        },
      },
    );
    const result = await must(
      `query ($id: ID!) { person(id: $id) { now: networkRoles before: networkRoles(asOf: "2024-12-31") memberships { category role } } }`,
      { id: ids.duc },
    );
    expect(result.person).toEqual({
      now: ['FOCAL_POINT'],
      before: [],
      memberships: [{ category: 'COMMUNE_OFFICIAL', role: 'FOCAL_POINT' }],
    });
  });

  it('rejects a membership category that does not fit the unit', async () => {
    const result = await sg.run(
      `mutation ($input: CreateMembershipInput!) { createMembership(input: $input) { id } }`,
      {
        input: {
          category: 'ENTERPRISE_DELEGATE',
          organizationId: ids.px,
          validFrom: '2025-05-01',
          validTo: '2025-01-01',
        },
      },
      ADMIN,
    );
    const fields = (
      result.errors?.[0]?.extensions?.fieldErrors as { field: string; code: string }[]
    ).map((f) => [f.field, f.code]);
    expect(fields).toEqual([
      ['input.organizationId', 'CATEGORY_MISMATCH'],
      ['input.validTo', 'DATE_ORDER'],
    ]);
  });

  it('keeps one chair per steering committee', async () => {
    const committee = await must(
      `mutation ($input: CreateSteeringCommitteeInput!) { createSteeringCommittee(input: $input) { id } }`,
      {
        input: {
          organizationId: ids.hn,
          name: 'Ban Chỉ đạo chuyển đổi số thành phố Hà Nội',
          decisionNumber: '1234/QĐ-UBND',
          validFrom: '2024-01-01',
        },
      },
    );
    ids.committee = committee.createSteeringCommittee!.id as string;
    const chairPerson = await must(
      `mutation ($input: CreatePersonInput!) { createPerson(input: $input) { id } }`,
      {
        input: {
          fullName: 'Trần Sỹ Thanh',
          position: 'Chủ tịch UBND thành phố',
          organizationId: ids.hn,
          validFrom: '2024-01-01',
        },
      },
    );
    ids.chair = chairPerson.createPerson!.id as string;
    await must(
      `mutation ($input: AddSteeringCommitteeMemberInput!) { addSteeringCommitteeMember(input: $input) { id } }`,
      {
        input: {
          committeeId: ids.committee,
          personId: ids.chair,
          role: 'CHAIR',
          validFrom: '2024-01-01',
        },
      },
    );
    const second = await sg.run(
      `mutation ($input: AddSteeringCommitteeMemberInput!) { addSteeringCommitteeMember(input: $input) { id } }`,
      {
        input: {
          committeeId: ids.committee,
          personId: ids.duc,
          role: 'CHAIR',
          validFrom: '2024-06-01',
        },
      },
      ADMIN,
    );
    expect(
      (second.errors?.[0]?.extensions?.fieldErrors as { field: string; code: string }[])[0],
    ).toMatchObject({ field: 'input.role', code: 'DUPLICATE' });

    const result = await must(
      `{ organization(code: "01") { steeringCommittee { name decisionNumber chair { fullName networkRoles } members { role } } } }`,
      {},
    );
    expect(result.organization).toEqual({
      steeringCommittee: {
        name: 'Ban Chỉ đạo chuyển đổi số thành phố Hà Nội',
        decisionNumber: '1234/QĐ-UBND',
        chair: { fullName: 'Trần Sỹ Thanh', networkRoles: ['STEERING_COMMITTEE_MEMBER'] },
        members: [{ role: 'CHAIR' }],
      },
    });
    const duplicate = await sg.run(
      `mutation ($input: CreateSteeringCommitteeInput!) { createSteeringCommittee(input: $input) { id } }`,
      { input: { organizationId: ids.bd, name: 'Ban Chỉ đạo quận' } },
      ADMIN,
    );
    expect((duplicate.errors?.[0]?.extensions?.fieldErrors as { code: string }[])[0]?.code).toBe(
      'KIND_NOT_ALLOWED',
    );
  });

  it('counts progress toward the targets at a date', async () => {
    await must(
      `mutation ($id: ID!) { recordOrganizationProgress(id: $id, input: {
        itUnitDecisionNumber: "56/QĐ-UBND", itUnitDecisionDate: "2024-03-15", platformAccessGrantedOn: "2024-06-01" }) { id } }`,
      { id: ids.hn },
    );
    await must(
      `mutation ($id: ID!) { recordOrganizationProgress(id: $id, input: { platformAccessGrantedOn: "2025-02-01" }) { id } }`,
      { id: ids.bd },
    );
    const query = `query ($asOf: Date!) {
      organization(code: "01") {
        progress { itUnitRestructuring { decisionNumber decisionDate } focalPointAssigned platformAccessGrantedOn }
        progressSummary(asOf: $asOf) { itUnitRestructured { numerator denominator percent }
          focalPointAssigned { numerator denominator percent } platformAccessGranted { numerator denominator percent } }
      }
      district: organization(code: "001") { progress { focalPointAssigned } }
      commune: organization(code: "00001") { progress { focalPointAssigned } }
    }`;
    const before = await must(query, { asOf: '2024-12-31' });
    expect((before.organization as Record<string, unknown>).progressSummary).toEqual({
      itUnitRestructured: { numerator: 1, denominator: 1, percent: 100 },
      focalPointAssigned: { numerator: 0, denominator: 2, percent: 0 },
      platformAccessGranted: { numerator: 1, denominator: 3, percent: 33.3 },
    });
    const after = await must(query, { asOf: '2025-06-01' });
    expect(after.organization).toEqual({
      progress: {
        itUnitRestructuring: { decisionNumber: '56/QĐ-UBND', decisionDate: '2024-03-15' },
        focalPointAssigned: false,
        platformAccessGrantedOn: '2024-06-01',
      },
      progressSummary: {
        itUnitRestructured: { numerator: 1, denominator: 1, percent: 100 },
        focalPointAssigned: { numerator: 1, denominator: 2, percent: 50 },
        platformAccessGranted: { numerator: 2, denominator: 3, percent: 66.7 },
      },
    });
    expect(after.district).toEqual({ progress: { focalPointAssigned: false } });
    expect(after.commune).toEqual({ progress: { focalPointAssigned: true } });

    const bad = await sg.run(
      `mutation ($id: ID!) { recordOrganizationProgress(id: $id, input: { itUnitDecisionNumber: "1/QĐ" }) { id } }`,
      { id: ids.bd },
      ADMIN,
    );
    expect((bad.errors?.[0]?.extensions?.fieldErrors as { field: string }[])[0]?.field).toBe(
      'input.itUnitDecisionDate',
    );
  });

  it('closes a person with their memberships and seats', async () => {
    const closed = await must(
      `mutation ($id: ID!) { closePerson(id: $id, validTo: "2025-12-31") { validTo memberships { validTo } } }`,
      {
        id: ids.duc,
      },
    );
    expect(closed.closePerson).toEqual({
      validTo: '2025-12-31',
      memberships: [{ validTo: '2025-12-31' }],
    });
    const again = await sg.run(
      `mutation ($id: ID!) { closePerson(id: $id, validTo: "2026-01-31") { id } }`,
      { id: ids.duc },
      ADMIN,
    );
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });
});
