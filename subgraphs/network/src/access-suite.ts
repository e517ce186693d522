// Access matrix of every network query and mutation. The suite runs against the subgraph alone
// (its own test) and through the gateway, and it creates its records through mutations only.
import { randomBytes } from 'node:crypto';
import type {
  AccessCase,
  AccessOutcome,
  AccessRole,
  AccessSuite,
  RunOperation,
} from '@dxhub/kit/testing';
import { today } from './dates.js';

const READ = ['network:read'];
const WRITE = ['network:write', 'network:read'];
const ADMIN = { org: 'bo-tai-chinh', scopes: ['network:read', 'network:write', 'hub:admin'] };
const SAME_BODY = { org: '001', scopes: WRITE };

/** Everyone with a token. */
const EVERYONE: Record<AccessRole, AccessOutcome> = {
  anonymous: 'UNAUTHENTICATED',
  otherBody: 'ALLOWED',
  sameBody: 'ALLOWED',
  parentBody: 'ALLOWED',
  coordinatingAgency: 'ALLOWED',
  admin: 'ALLOWED',
};

/** The owning district (001), its province, the coordinating agency and admins. */
const DISTRICT_AND_ABOVE: Record<AccessRole, AccessOutcome> = {
  ...EVERYONE,
  otherBody: 'FORBIDDEN',
};

/** The province (01), the coordinating agency and admins, for a record of the province. */
const PROVINCE_AND_ABOVE: Record<AccessRole, AccessOutcome> = {
  ...DISTRICT_AND_ABOVE,
  sameBody: 'FORBIDDEN',
};

/** Runs an operation that must succeed, and returns its data. */
async function must(
  run: RunOperation,
  as: { org: string; scopes: string[] },
  query: string,
  variables?: Record<string, unknown>,
) {
  const response = await run(query, variables, as);
  if (response.errors?.length || !response.data) {
    throw new Error(
      `network access suite: setup operation failed: ${JSON.stringify(response.errors)}`,
    );
  }
  return response.data as Record<string, Record<string, unknown>>;
}

function unique(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

async function createDistrictOffice(run: RunOperation, parentId: string): Promise<string> {
  const data = await must(
    run,
    SAME_BODY,
    `mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`,
    {
      input: {
        code: unique('van-phong-ba-dinh'),
        name: 'Văn phòng chuyển đổi số Quận Ba Đình',
        kind: 'DISTRICT_OFFICE',
        parentId,
      },
    },
  );
  return data.createOrganization!.id as string;
}

async function createPerson(run: RunOperation, organizationId: string): Promise<string> {
  const data = await must(
    run,
    SAME_BODY,
    `mutation ($input: CreatePersonInput!) { createPerson(input: $input) { id } }`,
    {
      input: {
        fullName: 'Nguyễn Văn An',
        position: 'Chuyên viên',
        organizationId,
        email: 'an.nv@badinh.hanoi.gov.vn',
        phone: '0912345678',
      },
    },
  );
  return data.createPerson!.id as string;
}

async function unitId(run: RunOperation, code: string): Promise<string> {
  const data = await must(
    run,
    ADMIN,
    `query ($code: String!) { organization(code: $code) { id } }`,
    { code },
  );
  return data.organization!.id as string;
}

/** Returns the open steering committee of Hà Nội (01), creating one when there is none. */
async function openCommittee(run: RunOperation): Promise<string> {
  const data = await must(
    run,
    ADMIN,
    `{ steeringCommittees(filter: { organizationCode: "01" }, first: 100) { nodes { id validTo } } }`,
  );
  const nodes = (data.steeringCommittees!.nodes as { id: string; validTo: string | null }[]) ?? [];
  const open = nodes.find((node) => node.validTo === null);
  if (open) return open.id;
  const created = await must(
    run,
    ADMIN,
    `mutation ($input: CreateSteeringCommitteeInput!) { createSteeringCommittee(input: $input) { id } }`,
    {
      input: {
        organizationId: await unitId(run, '01'),
        name: 'Ban Chỉ đạo chuyển đổi số thành phố Hà Nội',
      },
    },
  );
  return created.createSteeringCommittee!.id as string;
}

const cases: AccessCase[] = [
  {
    name: 'organization',
    query: `query { organization(code: "001") { id code name parent { code } } }`,
    scopes: READ,
    expected: EVERYONE,
    path: 'organization',
  },
  {
    name: 'organizations',
    query: `query { organizations(filter: { search: "Ba Đình" }) { totalCount nodes { id name } } }`,
    scopes: READ,
    expected: EVERYONE,
    path: 'organizations',
  },
  {
    name: 'person',
    query: `query ($id: ID!) { person(id: $id) { id fullName position } }`,
    variables: (seeded) => ({ id: seeded.personId }),
    scopes: READ,
    expected: EVERYONE,
    path: 'person',
  },
  {
    name: 'person.email',
    query: `query ($id: ID!) { person(id: $id) { email } }`,
    variables: (seeded) => ({ id: seeded.personId }),
    scopes: ['network:read', 'network:pii'],
    expected: DISTRICT_AND_ABOVE,
    path: 'person.email',
  },
  {
    name: 'people',
    query: `query { people(filter: { organizationCode: "001" }) { totalCount nodes { id fullName } } }`,
    scopes: READ,
    expected: EVERYONE,
    path: 'people',
  },
  {
    name: 'memberships',
    query: `query { memberships(filter: { organizationCode: "001" }) { totalCount nodes { id category } } }`,
    scopes: READ,
    expected: EVERYONE,
    path: 'memberships',
  },
  {
    name: 'steeringCommittees',
    query: `query { steeringCommittees(filter: { organizationCode: "01" }) { totalCount nodes { id name } } }`,
    scopes: READ,
    expected: EVERYONE,
    path: 'steeringCommittees',
  },
  {
    name: 'progress',
    query: `query { progress(code: "01") { asOf platformAccessGranted { numerator denominator percent } } }`,
    scopes: READ,
    expected: EVERYONE,
    path: 'progress',
  },
  {
    name: 'limits',
    query: `query { limits { maxPageSize maxBatchSize } }`,
    scopes: [],
    expected: EVERYONE,
    path: 'limits',
  },
  {
    name: 'auditEvents',
    query: `query { auditEvents(filter: { orgCode: "001", action: MUTATION }) { totalCount nodes { seq subject action } } }`,
    scopes: ['audit:read'],
    expected: { ...EVERYONE, otherBody: 'EMPTY' },
    path: 'auditEvents',
  },
  {
    name: 'createOrganization',
    query: `mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id code } }`,
    perRoleSeed: async () => ({ code: unique('to-cong-nghe-ba-dinh') }),
    variables: (seeded) => ({
      input: {
        code: seeded.code,
        name: 'Văn phòng Ủy ban nhân dân Quận Ba Đình',
        kind: 'DISTRICT_OFFICE',
        parentId: seeded.districtId,
      },
    }),
    scopes: WRITE,
    expected: DISTRICT_AND_ABOVE,
    path: 'createOrganization',
  },
  {
    name: 'updateOrganization',
    query: `mutation ($id: ID!) { updateOrganization(id: $id, input: { nameEn: "Ba Dinh District Office" }) { id nameEn } }`,
    variables: (seeded) => ({ id: seeded.officeId }),
    scopes: WRITE,
    expected: DISTRICT_AND_ABOVE,
    path: 'updateOrganization',
  },
  {
    name: 'recordOrganizationProgress',
    query: `mutation ($id: ID!) {
      recordOrganizationProgress(id: $id, input: { platformAccessGrantedOn: "2025-01-15" }) { id progress { platformAccessGrantedOn } }
    }`,
    variables: (seeded) => ({ id: seeded.districtId }),
    scopes: WRITE,
    expected: DISTRICT_AND_ABOVE,
    path: 'recordOrganizationProgress',
  },
  {
    name: 'closeOrganization',
    query: `mutation ($id: ID!, $validTo: Date!) { closeOrganization(id: $id, validTo: $validTo) { id validTo } }`,
    perRoleSeed: async (run) => ({
      closingId: await createDistrictOffice(run, await unitId(run, '001')),
    }),
    variables: (seeded) => ({ id: seeded.closingId, validTo: today() }),
    scopes: WRITE,
    expected: DISTRICT_AND_ABOVE,
    path: 'closeOrganization',
  },
  {
    name: 'createPerson',
    query: `mutation ($input: CreatePersonInput!) { createPerson(input: $input) { id } }`,
    variables: (seeded) => ({
      input: { fullName: 'Trần Thị Bình', organizationId: seeded.districtId },
    }),
    scopes: WRITE,
    expected: DISTRICT_AND_ABOVE,
    path: 'createPerson',
  },
  {
    name: 'updatePerson',
    query: `mutation ($id: ID!) { updatePerson(id: $id, input: { position: "Phó Trưởng phòng" }) { id position } }`,
    variables: (seeded) => ({ id: seeded.personId }),
    scopes: WRITE,
    expected: DISTRICT_AND_ABOVE,
    path: 'updatePerson',
  },
  {
    name: 'closePerson',
    query: `mutation ($id: ID!, $validTo: Date!) { closePerson(id: $id, validTo: $validTo) { id validTo } }`,
    perRoleSeed: async (run) => ({ closingId: await createPerson(run, await unitId(run, '001')) }),
    variables: (seeded) => ({ id: seeded.closingId, validTo: today() }),
    scopes: WRITE,
    expected: DISTRICT_AND_ABOVE,
    path: 'closePerson',
  },
  {
    name: 'createMembership',
    query: `mutation ($input: CreateMembershipInput!) { createMembership(input: $input) { id role } }`,
    perRoleSeed: async (run) => {
      const districtId = await unitId(run, '001');
      return { memberId: await createPerson(run, districtId), districtId };
    },
    variables: (seeded) => ({
      input: {
        category: 'DISTRICT_OFFICE',
        organizationId: seeded.districtId,
        personId: seeded.memberId,
      },
    }),
    scopes: WRITE,
    expected: DISTRICT_AND_ABOVE,
    path: 'createMembership',
  },
  {
    name: 'updateMembership',
    query: `mutation ($id: ID!) { updateMembership(id: $id, input: { note: "Đầu mối chuyển đổi số của quận" }) { id note } }`,
    variables: (seeded) => ({ id: seeded.membershipId }),
    scopes: WRITE,
    expected: DISTRICT_AND_ABOVE,
    path: 'updateMembership',
  },
  {
    name: 'closeMembership',
    query: `mutation ($id: ID!, $validTo: Date!) { closeMembership(id: $id, validTo: $validTo) { id validTo } }`,
    perRoleSeed: async (run) => {
      const districtId = await unitId(run, '001');
      const personId = await createPerson(run, districtId);
      const data = await must(
        run,
        SAME_BODY,
        `mutation ($input: CreateMembershipInput!) { createMembership(input: $input) { id } }`,
        {
          input: { category: 'DISTRICT_OFFICE', organizationId: districtId, personId },
        },
      );
      return { closingId: data.createMembership!.id };
    },
    variables: (seeded) => ({ id: seeded.closingId, validTo: today() }),
    scopes: WRITE,
    expected: DISTRICT_AND_ABOVE,
    path: 'closeMembership',
  },
  {
    name: 'createSteeringCommittee',
    query: `mutation ($input: CreateSteeringCommitteeInput!) { createSteeringCommittee(input: $input) { id } }`,
    perRoleSeed: async (run) => {
      // One open committee per province: dissolve the current one so every role starts afresh.
      await must(
        run,
        ADMIN,
        `mutation ($id: ID!, $validTo: Date!) { closeSteeringCommittee(id: $id, validTo: $validTo) { id } }`,
        {
          id: await openCommittee(run),
          validTo: today(),
        },
      );
      return { provinceId: await unitId(run, '01') };
    },
    variables: (seeded) => ({
      input: {
        organizationId: seeded.provinceId,
        name: 'Ban Chỉ đạo chuyển đổi số thành phố Hà Nội',
      },
    }),
    scopes: WRITE,
    expected: PROVINCE_AND_ABOVE,
    path: 'createSteeringCommittee',
  },
  {
    name: 'closeSteeringCommittee',
    query: `mutation ($id: ID!, $validTo: Date!) { closeSteeringCommittee(id: $id, validTo: $validTo) { id validTo } }`,
    perRoleSeed: async (run) => ({ closingId: await openCommittee(run) }),
    variables: (seeded) => ({ id: seeded.closingId, validTo: today() }),
    scopes: WRITE,
    expected: PROVINCE_AND_ABOVE,
    path: 'closeSteeringCommittee',
  },
  {
    name: 'addSteeringCommitteeMember',
    query: `mutation ($input: AddSteeringCommitteeMemberInput!) { addSteeringCommitteeMember(input: $input) { id role } }`,
    perRoleSeed: async (run) => ({
      committeeId: await openCommittee(run),
      memberId: await createPerson(run, await unitId(run, '001')),
    }),
    variables: (seeded) => ({
      input: { committeeId: seeded.committeeId, personId: seeded.memberId, role: 'MEMBER' },
    }),
    scopes: WRITE,
    expected: PROVINCE_AND_ABOVE,
    path: 'addSteeringCommitteeMember',
  },
  {
    name: 'closeSteeringCommitteeMember',
    query: `mutation ($id: ID!, $validTo: Date!) { closeSteeringCommitteeMember(id: $id, validTo: $validTo) { id validTo } }`,
    perRoleSeed: async (run) => {
      const committeeId = await openCommittee(run);
      const personId = await createPerson(run, await unitId(run, '001'));
      const data = await must(
        run,
        ADMIN,
        `mutation ($input: AddSteeringCommitteeMemberInput!) { addSteeringCommitteeMember(input: $input) { id } }`,
        { input: { committeeId, personId, role: 'MEMBER' } },
      );
      return { closingId: data.addSteeringCommitteeMember!.id };
    },
    variables: (seeded) => ({ id: seeded.closingId, validTo: today() }),
    scopes: WRITE,
    expected: PROVINCE_AND_ABOVE,
    path: 'closeSteeringCommitteeMember',
  },
];

/**
 * The network subgraph's access matrix. Its seed needs the standard test network (the kit's
 * `STANDARD_ORGS`, which `@dxhub/network/testing` creates). As the district 001 it writes a
 * district office, a person with contact data and a membership. As an admin it writes the
 * steering committee of Hà Nội (01).
 */
export const accessSuite: AccessSuite = {
  subgraph: 'network',
  async seed(run) {
    const districtId = await unitId(run, '001');
    const officeId = await createDistrictOffice(run, districtId);
    const personId = await createPerson(run, districtId);
    const membership = await must(
      run,
      SAME_BODY,
      `mutation ($input: CreateMembershipInput!) { createMembership(input: $input) { id } }`,
      {
        input: { category: 'DISTRICT_OFFICE', organizationId: districtId, personId },
      },
    );
    const committeeId = await openCommittee(run);
    return {
      districtId,
      officeId,
      personId,
      membershipId: membership.createMembership!.id,
      committeeId,
    };
  },
  cases,
};
