import { setTimeout as delay } from 'node:timers/promises';
import type { SubgraphContext, SubgraphModule } from '@dxhub/kit';
import { gql } from 'graphql-tag';

/** Codes of the units every test subgraph resolves. */
export const TEST_UNITS = ['01', '79'] as const;

/** Per-test switches the test subgraphs read, so a test can slow one down. */
export const testSubgraphControls = {
  /** Milliseconds the `gamma` subgraph waits before it resolves each entity. */
  gammaDelayMs: 0,
};

const link =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@authenticated", "@requiresScopes"])';

const noLoaders = () => ({});

/**
 * `alpha` owns the `Unit` entity and the root fields. Its `secret` field needs `hub:admin`, and
 * `echo` returns the headers the subgraph received, to check what the gateway forwards.
 */
export const alphaModule: SubgraphModule = {
  name: 'alpha',
  migrations: [],
  createLoaders: noLoaders,
  typeDefs: gql`
    ${link}
    type Unit @key(fields: "code") {
      code: String!
      name: String
    }
    type ForwardedHeaders {
      requestId: String
      traceparent: String
      acceptLanguage: String
      authorization: Boolean
    }
    type Query {
      units: [Unit!]! @authenticated
      alphaVersion: String @authenticated
      secret: String @requiresScopes(scopes: [["hub:admin"]])
      echo: ForwardedHeaders @authenticated
      slow(ms: Int!): String @authenticated
    }
  `,
  resolvers: {
    Query: {
      units: () => TEST_UNITS.map((code) => ({ code, name: `Unit ${code}` })),
      alphaVersion: () => 'alpha-1',
      secret: () => 'secret',
      echo: (_source: unknown, _args: unknown, context: SubgraphContext) => ({
        requestId: context.headers['x-request-id'] ?? null,
        traceparent: context.headers.traceparent ?? null,
        acceptLanguage: context.headers['accept-language'] ?? null,
        authorization: Boolean(context.headers.authorization),
      }),
      slow: async (_source: unknown, args: { ms: number }) => {
        await delay(args.ms);
        return 'done';
      },
    },
    Unit: {
      __resolveReference: (reference: { code: string }) => ({
        code: reference.code,
        name: `Unit ${reference.code}`,
      }),
    },
  },
};

/** `beta` adds a headcount to each unit and one root field of its own. */
export const betaModule: SubgraphModule = {
  name: 'beta',
  migrations: [],
  createLoaders: noLoaders,
  typeDefs: gql`
    ${link}
    type Unit @key(fields: "code") {
      code: String!
      headcount: Int
    }
    type Query {
      betaVersion: String @authenticated
      betaRestricted: String @requiresScopes(scopes: [["staffing:read"]])
    }
  `,
  resolvers: {
    Query: {
      betaVersion: () => 'beta-1',
      betaRestricted: () => 'restricted',
    },
    Unit: {
      __resolveReference: (reference: { code: string }) => ({
        code: reference.code,
        headcount: reference.code.length * 10,
      }),
    },
  },
};

/** `gamma` adds a project count to each unit; `testSubgraphControls.gammaDelayMs` slows it. */
export const gammaModule: SubgraphModule = {
  name: 'gamma',
  migrations: [],
  createLoaders: noLoaders,
  typeDefs: gql`
    ${link}
    type Unit @key(fields: "code") {
      code: String!
      projectCount: Int
    }
    type Query {
      gammaVersion: String @authenticated
    }
  `,
  resolvers: {
    Query: {
      gammaVersion: () => 'gamma-1',
    },
    Unit: {
      __resolveReference: async (reference: { code: string }) => {
        if (testSubgraphControls.gammaDelayMs > 0) await delay(testSubgraphControls.gammaDelayMs);
        return { code: reference.code, projectCount: Number(reference.code) };
      },
    },
  },
};

/** The three test subgraphs, in start order. */
export const TEST_SUBGRAPHS: readonly SubgraphModule[] = [alphaModule, betaModule, gammaModule];

/** A query that needs all three test subgraphs: alpha lists units, beta and gamma extend them. */
export const SPANNING_QUERY =
  '{ units { code name headcount projectCount } alphaVersion betaVersion gammaVersion }';
