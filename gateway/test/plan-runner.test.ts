import { ApolloGateway } from '@apollo/gateway';
import type { SubgraphModule } from '@dxhub/kit';
import { GraphQLError } from 'graphql';
import { gql } from 'graphql-tag';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestHub, type HubResponse, type TestHub } from '../src/testing/index.js';

// Each operation here goes to a hub with the plan runner (src/execution) and to one that hands
// every plan to @apollo/gateway's executor. The two responses must be equal to the byte,
// errors and their paths included.

const link =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@authenticated"])';

const units = [
  { code: '01', name: 'Unit 01', kind: 'PROVINCE' },
  { code: '79', name: 'Unit 79', kind: 'PROVINCE' },
  { code: '26734', name: 'Unit 26734', kind: 'COMMUNE' },
];

const registryModule: SubgraphModule = {
  name: 'registry',
  migrations: [],
  createLoaders: () => ({}),
  typeDefs: gql`
    ${link}
    enum UnitKind {
      PROVINCE
      COMMUNE
    }
    type Unit @key(fields: "code") {
      code: String!
      name: String
      kind: UnitKind
      parent: Unit
    }
    type Note {
      text: String!
    }
    union Hit = Unit | Note
    type Query {
      units: [Unit!]! @authenticated
      unit(code: String!): Unit @authenticated
      hits: [Hit!]! @authenticated
      pageSize(size: Int!): Int @authenticated
    }
    type Mutation {
      rename(code: String!, name: String!): Unit @authenticated
    }
  `,
  resolvers: {
    Query: {
      units: () => units,
      unit: (_source: unknown, args: { code: string }) =>
        units.find((unit) => unit.code === args.code) ?? null,
      hits: () => [units[0], { text: 'a note' }, units[2]],
      pageSize: (_source: unknown, args: { size: number }) => args.size,
    },
    Mutation: {
      rename: (_source: unknown, args: { code: string; name: string }) => {
        const unit = units.find((candidate) => candidate.code === args.code);
        return unit ? { ...unit, name: args.name } : null;
      },
    },
    Unit: {
      __resolveReference: (reference: { code: string }) =>
        units.find((unit) => unit.code === reference.code) ?? null,
      parent: (unit: { code: string }) => (unit.code === '26734' ? units[1] : null),
    },
    Hit: {
      __resolveType: (hit: { text?: string }) => (hit.text ? 'Note' : 'Unit'),
    },
  },
};

const staffModule: SubgraphModule = {
  name: 'staff',
  migrations: [],
  createLoaders: () => ({}),
  typeDefs: gql`
    ${link}
    type Unit @key(fields: "code") {
      code: String!
      headcount: Int
      history(year: Int!): [Int!]
      head: String!
      audited: String
    }
  `,
  resolvers: {
    Unit: {
      __resolveReference: (reference: { code: string }) => ({ code: reference.code }),
      headcount: (unit: { code: string }) => unit.code.length * 10,
      history: (unit: { code: string }, args: { year: number }) =>
        unit.code === '79' ? [args.year, null] : [args.year],
      // A non-null field that the subgraph cannot fill for one unit.
      head: (unit: { code: string }) => (unit.code === '79' ? null : `Head of ${unit.code}`),
      audited: (unit: { code: string }) => {
        if (unit.code === '01')
          throw new GraphQLError('audit record unavailable', {
            extensions: { code: 'NOT_FOUND' },
          });
        if (unit.code === '79') throw new Error('no code given');
        return 'yes';
      },
    },
  },
};

const CASES: { name: string; body: { query: string; variables?: Record<string, unknown> } }[] = [
  {
    name: 'entities from a second subgraph',
    body: { query: '{ units { code name headcount history(year: 2024) } }' },
  },
  {
    name: 'aliases, repeated fields and fragments',
    body: {
      query: `query Aliased { first: unit(code: "26734") { ...Names label: name kind parent { code } parent { name headcount } }
        units { ... on Unit { n: headcount } code __typename }
        kinds: units { kind t: __typename } }
        fragment Names on Unit { name code }`,
    },
  },
  {
    name: 'a union with a type condition per member',
    body: {
      query: '{ hits { __typename ... on Unit { code headcount } ... on Note { text } } }',
    },
  },
  {
    name: 'variables passed to the subgraph that needs them',
    body: {
      query: 'query Years($year: Int!) { units { code history(year: $year) } }',
      variables: { year: 2025 },
    },
  },
  {
    name: 'a variable of the wrong type',
    body: {
      query: 'query Size($size: Int!) { pageSize(size: $size) }',
      variables: { size: 'ten' },
    },
  },
  {
    name: 'entity errors with and without a code, mapped onto the client paths',
    body: { query: '{ units { code audited } }' },
  },
  {
    name: 'a null in a non-null list item and in a non-null entity field',
    body: { query: '{ unit(code: "79") { code history(year: 2024) } units { code head } }' },
  },
  {
    name: 'a null bubbling up to a nullable root field',
    body: { query: '{ unit(code: "79") { code head } }' },
  },
  {
    name: 'a mutation followed by an entity fetch',
    body: { query: 'mutation { rename(code: "01", name: "Renamed") { code name headcount } }' },
  },
  {
    name: 'a missing root object',
    body: { query: '{ unit(code: "00") { code headcount } }' },
  },
  {
    name: '__typename alone',
    body: { query: '{ __typename t: __typename }' },
  },
  // The runner hands these three to @apollo/gateway's executor; they must still match.
  {
    name: 'a field under @include',
    body: {
      query: 'query Maybe($with: Boolean!) { units { code headcount @include(if: $with) } }',
      variables: { with: false },
    },
  },
  {
    name: 'introspection next to data',
    body: { query: '{ __schema { queryType { name } } units { code } }' },
  },
  {
    name: 'an entity fetch under a type condition of a union',
    body: { query: '{ hits { ... on Unit { head } } }' },
  },
];

const DELEGATED = new Set(['a field under @include', 'introspection next to data']);

describe('hub plan runner', () => {
  let runner: TestHub;
  let apollo: TestHub;
  let runnerAuth: string;
  let apolloAuth: string;
  // Calls of @apollo/gateway's own executor, per gateway instance.
  const delegated = new Map<ApolloGateway, number>();
  const gateways: ApolloGateway[] = [];

  beforeAll(async () => {
    const load = ApolloGateway.prototype.load;
    vi.spyOn(ApolloGateway.prototype, 'load').mockImplementation(async function (
      this: ApolloGateway,
      options,
    ) {
      const loaded = await load.call(this, options);
      gateways.push(this);
      delegated.set(this, 0);
      return {
        ...loaded,
        executor: (requestContext) => {
          delegated.set(this, (delegated.get(this) ?? 0) + 1);
          return loaded.executor(requestContext);
        },
      };
    });
    const subgraphs = [registryModule, staffModule];
    runner = await startTestHub({ subgraphs });
    apollo = await startTestHub({ subgraphs, overrides: { planRunner: false } });
    runnerAuth = await runner.bearer('01', []);
    apolloAuth = await apollo.bearer('01', []);
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await runner?.dispose();
    await apollo?.dispose();
  });

  const ask = async (hub: TestHub, auth: string, body: unknown) => {
    const response: HubResponse = await hub.post(body, { authorization: auth });
    // Masked errors carry the request's own id.
    const text = JSON.stringify(response.body).replace(
      /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g,
      'REQUEST-ID',
    );
    return { status: response.status, body: text };
  };

  for (const { name, body } of CASES) {
    it(`answers like @apollo/gateway: ${name}`, async () => {
      const [runnerGateway, apolloGateway] = gateways as [ApolloGateway, ApolloGateway];
      const before = delegated.get(runnerGateway)!;
      const ours = await ask(runner, runnerAuth, body);
      const theirs = await ask(apollo, apolloAuth, body);
      expect(ours).toEqual(theirs);
      expect(delegated.get(runnerGateway)! - before).toBe(DELEGATED.has(name) ? 1 : 0);
      expect(delegated.get(apolloGateway)).toBeGreaterThan(0);
    });
  }

  it('gives the entity errors the client paths and the subgraph name', async () => {
    const response = await runner.post(CASES[5]!.body, { authorization: runnerAuth });
    const errors = response.body.errors ?? [];
    expect(errors.map((error) => [error.path, error.extensions?.code])).toEqual([
      [['units', 0, 'audited'], 'NOT_FOUND'],
      [['units', 1, 'audited'], 'INTERNAL_SERVER_ERROR'],
    ]);
    expect(response.body.data).toEqual({
      units: [
        { code: '01', audited: null },
        { code: '79', audited: null },
        { code: '26734', audited: 'yes' },
      ],
    });
  });
});
