import { randomUUID } from 'node:crypto';
import { composeServices } from '@apollo/composition';
import { gql } from 'graphql-tag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffingSubgraph } from '../src/index.js';
import {
  ADMIN,
  dataOf,
  READER,
  recordAllocation,
  startStaffing,
  TRANSFER,
  transferInput,
  WRITER,
  type StaffingTest,
} from './helpers.js';

const YEAR = 2025;

const ORGANIZATION_FIELDS = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Organization {
    id
    headcount(year: ${YEAR}) { organization { id } postsAllocated postsFilled vacantPosts totalPostsAllocated totalPostsFilled decision { decisionNumber } }
    itUnitHeadcount(year: ${YEAR}) { organization { id } postsAllocated postsTransferredIn }
    headcountHistory { kind year postsAllocatedChange postsAllocatedAfter }
  } } }`;

const PERSON_FIELDS = `query($reps: [_Any!]!, $activeOn: Date) { _entities(representations: $reps) { ... on Person {
    id employment(activeOn: $activeOn) { startDate endDate organization { id } position { title dxRole } person { id } }
  } } }`;

describe('federated fields', () => {
  let test: StaffingTest;
  const person = randomUUID();

  const orgReps = (...codes: string[]) =>
    codes.map((code) => ({ __typename: 'Organization', id: test.id(code) }));

  beforeAll(async () => {
    test = await startStaffing();
    await recordAllocation(test.sg, '01', YEAR, 120, 100);
    await recordAllocation(test.sg, 'so-noi-vu-ha-noi', YEAR, 30, 28);
    await recordAllocation(test.sg, 'trung-tam-cds-ha-noi', YEAR, 12, 12);
    await recordAllocation(test.sg, '79', YEAR, 90, 80);
    await recordAllocation(test.sg, '01', 2024, 118, 100);
    dataOf(
      await test.sg.run(
        TRANSFER,
        { input: transferInput('01', 'trung-tam-cds-ha-noi', YEAR, 6) },
        WRITER('01'),
      ),
    );

    // One person, employed by a Hà Nội department and later by a Hồ Chí Minh district.
    const positionIn = async (code: string, title: string, dxRole: boolean) =>
      dataOf(
        await test.sg.run(
          `mutation($code: String!, $title: String!, $dxRole: Boolean!) {
             createPosition(input: { organization: { code: $code }, title: $title, dxRole: $dxRole }) { id } }`,
          { code, title, dxRole },
          ADMIN,
        ),
      ).createPosition.id as string;
    const hanoi = await positionIn('so-noi-vu-ha-noi', 'Chuyên viên chuyển đổi số', true);
    const saigon = await positionIn('760', 'Chuyên viên văn thư', false);
    const first = dataOf(
      await test.sg.run(
        `mutation($p: ID!, $pos: ID!) { assignPerson(input: { personId: $p, positionId: $pos, startDate: "2023-03-01" }) { id } }`,
        { p: person, pos: hanoi },
        ADMIN,
      ),
    ).assignPerson.id;
    dataOf(
      await test.sg.run(
        `mutation($id: ID!) { endAssignment(id: $id, endDate: "2024-12-31") { id } }`,
        { id: first },
        WRITER('01'),
      ),
    );
    dataOf(
      await test.sg.run(
        `mutation($p: ID!, $pos: ID!) { assignPerson(input: { personId: $p, positionId: $pos, startDate: "2025-01-02" }) { id } }`,
        { p: person, pos: saigon },
        WRITER('79'),
      ),
    );
  });
  afterAll(async () => test?.sg.dispose());

  it('organization headcount fields resolve', async () => {
    const [province] = dataOf(
      await test.sg.run(ORGANIZATION_FIELDS, { reps: orgReps('01') }, READER('01')),
    )._entities;
    expect(province.headcount).toMatchObject({
      organization: { id: test.id('01') },
      postsAllocated: 114,
      postsFilled: 100,
      vacantPosts: 14,
      totalPostsAllocated: 114 + 30 + 18,
      totalPostsFilled: 100 + 28 + 12,
    });
    expect(province.itUnitHeadcount).toEqual({
      organization: { id: test.id('trung-tam-cds-ha-noi') },
      postsAllocated: 18,
      postsTransferredIn: 6,
    });
    expect(province.headcountHistory).toEqual([
      { kind: 'DECISION', year: YEAR, postsAllocatedChange: 120, postsAllocatedAfter: 120 },
      { kind: 'DECISION', year: 2024, postsAllocatedChange: 118, postsAllocatedAfter: 118 },
      { kind: 'TRANSFER_OUT', year: YEAR, postsAllocatedChange: -6, postsAllocatedAfter: 114 },
    ]);
  });

  it('organization without records resolves to null', async () => {
    const [ministry] = dataOf(
      await test.sg.run(ORGANIZATION_FIELDS, { reps: orgReps('bo-khoa-hoc-va-cong-nghe') }, ADMIN),
    )._entities;
    expect(ministry).toEqual({
      id: test.id('bo-khoa-hoc-va-cong-nghe'),
      headcount: null,
      itUnitHeadcount: null,
      headcountHistory: [],
    });
  });

  it('organization outside the jurisdiction is forbidden per field', async () => {
    const result = await test.sg.run(
      ORGANIZATION_FIELDS,
      { reps: orgReps('79', 'so-noi-vu-ha-noi') },
      READER('01'),
    );
    const [other, own] = result.data?._entities as Record<string, unknown>[];
    expect(other).toEqual({
      id: test.id('79'),
      headcount: null,
      itUnitHeadcount: null,
      headcountHistory: null,
    });
    expect(own?.headcount).toMatchObject({ postsAllocated: 30 });
    const forbidden = (result.errors ?? [])
      .filter((e) => e.extensions?.code === 'FORBIDDEN')
      .map((e) => e.path?.join('.'));
    expect(forbidden.sort()).toEqual([
      '_entities.0.headcount',
      '_entities.0.headcountHistory',
      '_entities.0.itUnitHeadcount',
    ]);
  });

  it('organization fields need the read scope', async () => {
    const result = await test.sg.run(
      ORGANIZATION_FIELDS,
      { reps: orgReps('01') },
      { org: '01', scopes: ['network:read'] },
    );
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual([
      'FORBIDDEN',
      'FORBIDDEN',
      'FORBIDDEN',
    ]);
  });

  it('person employment shows visible units only', async () => {
    const reps = [{ __typename: 'Person', id: person }];
    const all = dataOf(
      await test.sg.run(PERSON_FIELDS, { reps }, READER('cuc-chuyen-doi-so-quoc-gia')),
    )._entities[0];
    expect(all.employment).toEqual([
      {
        startDate: '2025-01-02',
        endDate: null,
        organization: { id: test.id('760') },
        position: { title: 'Chuyên viên văn thư', dxRole: false },
        person: { id: person },
      },
      {
        startDate: '2023-03-01',
        endDate: '2024-12-31',
        organization: { id: test.id('so-noi-vu-ha-noi') },
        position: { title: 'Chuyên viên chuyển đổi số', dxRole: true },
        person: { id: person },
      },
    ]);
    const hanoi = dataOf(await test.sg.run(PERSON_FIELDS, { reps }, READER('01')))._entities[0];
    expect(hanoi.employment.map((a: { startDate: string }) => a.startDate)).toEqual(['2023-03-01']);
    const ministry = dataOf(await test.sg.run(PERSON_FIELDS, { reps }, READER('bo-tai-chinh')))
      ._entities[0];
    expect(ministry.employment).toEqual([]);
  });

  it('person employment filters by day', async () => {
    const reps = [{ __typename: 'Person', id: person.toUpperCase() }];
    const result = dataOf(await test.sg.run(PERSON_FIELDS, { reps, activeOn: '2024-06-01' }, ADMIN))
      ._entities[0];
    expect(
      result.employment.map((a: { organization: { id: string } }) => a.organization.id),
    ).toEqual([test.id('so-noi-vu-ha-noi')]);
  });

  it('person with a foreign id has no records', async () => {
    const result = dataOf(
      await test.sg.run(PERSON_FIELDS, { reps: [{ __typename: 'Person', id: 'nv-0001' }] }, ADMIN),
    )._entities[0];
    expect(result.employment).toEqual([]);
  });

  it('schema composes with the network entities', () => {
    // A stand-in for the network subgraph: the owner of Organization and Person.
    const network = gql`
      extend schema
        @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])
      type Query {
        organization(code: String!): Organization
        person(id: ID!): Person
      }
      type Organization @key(fields: "id") {
        id: ID!
        code: String!
        name: String!
      }
      type Person @key(fields: "id") {
        id: ID!
        fullName: String!
      }
      type PageInfo @shareable {
        hasNextPage: Boolean!
        hasPreviousPage: Boolean!
        startCursor: String
        endCursor: String
      }
    `;
    const result = composeServices([
      { name: 'network', typeDefs: network, url: 'http://127.0.0.1:4001/graphql' },
      {
        name: 'staffing',
        typeDefs: staffingSubgraph.typeDefs,
        url: 'http://127.0.0.1:4002/graphql',
      },
    ]);
    expect(result.errors?.map((error) => error.message) ?? []).toEqual([]);
    expect(result.supergraphSdl).toContain('itUnitHeadcount(year: Int!): Headcount');
  });
});
