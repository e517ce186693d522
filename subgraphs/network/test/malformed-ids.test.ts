import type { TestSubgraph } from '@dxhub/kit/testing';
import type { GraphQLFormattedError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNetwork } from './helpers.js';

const ADMIN = { org: 'bo-tai-chinh', scopes: ['network:read', 'network:write', 'hub:admin'] };
const MISSING = '00000000-0000-4000-8000-000000000000';
const BAD_IDS = ['', '  ', 'abc', `${MISSING}x`];

describe('malformed ids and codes in arguments', () => {
  let sg: TestSubgraph;
  let districtId: string;
  let personId: string;

  /** Runs an operation as an administrator and returns its first error. */
  async function firstError(
    query: string,
    variables?: Record<string, unknown>,
    locale = 'en',
  ): Promise<GraphQLFormattedError> {
    const result = await sg.run(query, variables, { ...ADMIN, locale });
    expect(result.errors, JSON.stringify(result.data)).toHaveLength(1);
    return result.errors![0]!;
  }

  /** Checks that an error is BAD_USER_INPUT naming `field` and, in its message, `value`. */
  function expectBadInput(error: GraphQLFormattedError, field: string, value: string): void {
    expect(error.extensions?.code, `${field}: ${error.message}`).toBe('BAD_USER_INPUT');
    expect(error.extensions?.field, error.message).toBe(field);
    expect(error.extensions?.fieldErrors).toEqual([
      expect.objectContaining({ field, value, code: expect.any(String) }),
    ]);
    if (value.trim() !== '') expect(error.message).toContain(`"${value}"`);
  }

  beforeAll(async () => {
    sg = await startNetwork();
    const found = await sg.run('{ organization(code: "001") { id } }', undefined, ADMIN);
    districtId = (found.data?.organization as { id: string }).id;
    const created = await sg.run(
      `mutation ($input: CreatePersonInput!) { createPerson(input: $input) { id } }`,
      { input: { fullName: 'Nguyễn Văn An', organizationId: districtId } },
      ADMIN,
    );
    expect(created.errors).toBeUndefined();
    personId = (created.data?.createPerson as { id: string }).id;
  });
  afterAll(async () => sg?.dispose());

  it('person rejects a blank or malformed id', async () => {
    for (const id of BAD_IDS) {
      const error = await firstError('query ($id: ID!) { person(id: $id) { id } }', { id });
      expectBadInput(error, 'id', id);
    }
  });

  it('organizations rejects a blank parent or ancestor code', async () => {
    for (const name of ['parentCode', 'ancestorCode']) {
      for (const code of ['', '  ']) {
        const error = await firstError(
          `query ($code: String) { organizations(filter: { ${name}: $code }) { totalCount } }`,
          { code },
        );
        expectBadInput(error, `filter.${name}`, code);
      }
    }
    const listed = await sg.run(
      '{ organizations(filter: { parentCode: " 001 " }) { totalCount } }',
      undefined,
      ADMIN,
    );
    expect(listed.errors).toBeUndefined();
  });

  it('person explains the id in both languages', async () => {
    const query = 'query ($id: ID!) { person(id: $id) { id } }';
    const en = await firstError(query, { id: 'abc' });
    expect(en.message).toBe(
      'Invalid value for id: "abc" is not a UUID; give the id field of the Person.',
    );
    const vi = await firstError(query, { id: 'abc' }, 'vi');
    expect(vi.message).toBe(
      'Giá trị không hợp lệ ở id: "abc" không phải là mã định danh dạng UUID; hãy nhập trường id của người.',
    );
    const blank = await firstError(query, { id: '' }, 'vi');
    expect(blank.message).toBe(
      'Giá trị không hợp lệ ở id: mã định danh đang để trống (bắt buộc); hãy nhập trường id của người (dạng UUID).',
    );
  });

  it('person keeps null for an unknown id', async () => {
    const result = await sg.run(
      'query ($id: ID!) { person(id: $id) { id } }',
      { id: MISSING },
      ADMIN,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.person).toBeNull();
  });

  it('person accepts an upper-case id', async () => {
    const upper = await sg.run(
      'query ($id: ID!) { person(id: $id) { id } }',
      { id: personId.toUpperCase() },
      ADMIN,
    );
    expect(upper.data?.person).toEqual({ id: personId });
  });

  it('organization rejects a blank code', async () => {
    for (const locale of ['en', 'vi']) {
      for (const code of ['', '   ']) {
        const error = await firstError(
          'query ($code: String!) { organization(code: $code) { id } }',
          { code },
          locale,
        );
        expectBadInput(error, 'code', code);
        expect(error.message).toContain('bo-khoa-hoc-va-cong-nghe');
      }
    }
  });

  it('organization keeps null for an unknown code', async () => {
    const result = await sg.run('{ organization(code: "khong-ton-tai") { id } }', undefined, ADMIN);
    expect(result.errors).toBeUndefined();
    expect(result.data?.organization).toBeNull();
  });

  it('organization trims the code', async () => {
    const padded = await sg.run('{ organization(code: " 001 ") { id } }', undefined, ADMIN);
    expect(padded.data?.organization).toEqual({ id: districtId });
  });

  it('progress rejects a blank code', async () => {
    const error = await firstError('{ progress(code: "") { asOf } }');
    expectBadInput(error, 'code', '');
    expect(error.message).toContain('leave code out');
    const whole = await sg.run('{ progress { asOf } }', undefined, ADMIN);
    expect(whole.errors).toBeUndefined();
    const unknown = await sg.run('{ progress(code: "khong-ton-tai") { asOf } }', undefined, ADMIN);
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data?.progress).toBeNull();
  });

  it('list filters reject a blank organization code', async () => {
    for (const list of ['people', 'memberships', 'steeringCommittees']) {
      const error = await firstError(
        `{ ${list}(filter: { organizationCode: " " }) { totalCount } }`,
      );
      expectBadInput(error, 'filter.organizationCode', ' ');
    }
  });

  const ID_MUTATIONS: [string, string][] = [
    ['updateOrganization', 'updateOrganization(id: $id, input: { name: "X" }) { id }'],
    ['recordOrganizationProgress', 'recordOrganizationProgress(id: $id, input: {}) { id }'],
    ['closeOrganization', 'closeOrganization(id: $id, validTo: "2030-01-01") { id }'],
    ['updatePerson', 'updatePerson(id: $id, input: { position: "Chuyên viên" }) { id }'],
    ['closePerson', 'closePerson(id: $id, validTo: "2030-01-01") { id }'],
    ['updateMembership', 'updateMembership(id: $id, input: { note: "x" }) { id }'],
    ['closeMembership', 'closeMembership(id: $id, validTo: "2030-01-01") { id }'],
    ['closeSteeringCommittee', 'closeSteeringCommittee(id: $id, validTo: "2030-01-01") { id }'],
    [
      'closeSteeringCommitteeMember',
      'closeSteeringCommitteeMember(id: $id, validTo: "2030-01-01") { id }',
    ],
  ];

  it('mutations reject a blank or malformed id', async () => {
    for (const [name, selection] of ID_MUTATIONS) {
      for (const id of BAD_IDS) {
        const error = await firstError(`mutation ($id: ID!) { ${selection} }`, { id });
        expect(error.path, name).toEqual([name]);
        expectBadInput(error, 'id', id);
      }
    }
  });

  it('mutations keep NOT_FOUND for an unknown id', async () => {
    for (const [name, selection] of ID_MUTATIONS) {
      const error = await firstError(`mutation ($id: ID!) { ${selection} }`, { id: MISSING });
      expect(error.extensions?.code, name).toBe('NOT_FOUND');
      expect(error.extensions?.value, name).toBe(MISSING);
    }
  });

  it('mutations reject malformed ids in their input', async () => {
    const cases: [string, Record<string, unknown>, string, string][] = [
      [
        'mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }',
        {
          input: {
            code: 'van-phong-thu',
            name: 'Văn phòng',
            kind: 'DISTRICT_OFFICE',
            parentId: '',
          },
        },
        'input.parentId',
        '',
      ],
      [
        'mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }',
        {
          input: {
            code: 'van-phong-thu',
            name: 'Văn phòng',
            kind: 'DISTRICT_OFFICE',
            parentId: districtId,
            predecessorIds: [districtId, 'abc'],
          },
        },
        'input.predecessorIds.1',
        'abc',
      ],
      [
        'mutation ($id: ID!, $successorIds: [ID!]) { closeOrganization(id: $id, validTo: "2030-01-01", successorIds: $successorIds) { id } }',
        { id: districtId, successorIds: ['abc'] },
        'successorIds.0',
        'abc',
      ],
      [
        'mutation ($input: CreatePersonInput!) { createPerson(input: $input) { id } }',
        { input: { fullName: 'Trần Thị Bình', organizationId: 'abc' } },
        'input.organizationId',
        'abc',
      ],
      [
        'mutation ($id: ID!) { updatePerson(id: $id, input: { organizationId: "" }) { id } }',
        { id: personId },
        'input.organizationId',
        '',
      ],
      [
        'mutation ($input: CreateMembershipInput!) { createMembership(input: $input) { id } }',
        { input: { category: 'DISTRICT_OFFICE', organizationId: districtId, personId: '' } },
        'input.personId',
        '',
      ],
      [
        'mutation ($input: CreateSteeringCommitteeInput!) { createSteeringCommittee(input: $input) { id } }',
        { input: { organizationId: 'abc', name: 'Ban Chỉ đạo' } },
        'input.organizationId',
        'abc',
      ],
      [
        'mutation ($input: AddSteeringCommitteeMemberInput!) { addSteeringCommitteeMember(input: $input) { id } }',
        { input: { committeeId: 'abc', personId, role: 'MEMBER' } },
        'input.committeeId',
        'abc',
      ],
      [
        'mutation ($input: AddSteeringCommitteeMemberInput!) { addSteeringCommitteeMember(input: $input) { id } }',
        { input: { committeeId: MISSING, personId: ' ', role: 'MEMBER' } },
        'input.personId',
        ' ',
      ],
    ];
    for (const [query, variables, field, value] of cases) {
      expectBadInput(await firstError(query, variables), field, value);
    }
  });

  it('entity references with a malformed id stay null', async () => {
    const result = await sg.run(
      `query ($representations: [_Any!]!) {
        _entities(representations: $representations) { ... on Person { id } ... on Organization { id } }
      }`,
      {
        representations: [
          { __typename: 'Person', id: 'abc' },
          { __typename: 'Organization', id: '' },
        ],
      },
      ADMIN,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([null, null]);
  });
});
