import type { GraphQLFormattedError } from 'graphql';
import { createLogger } from '../logger.js';
import {
  executeOnSubgraph,
  startSubgraph,
  type SubgraphModule,
  type SubgraphRuntime,
} from '../subgraph.js';
import { createTestAuth, type TestAuth } from './auth.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export interface TestSubgraph {
  runtime: SubgraphRuntime;
  db: TestDatabase;
  auth: TestAuth;
  /** Runs an operation as `orgCode` with `scopes`; pass `null` as orgCode for no token. */
  run(
    query: string,
    variables: Record<string, unknown> | undefined,
    as: { org: string; scopes: string[]; locale?: string } | null,
  ): Promise<{ data?: Record<string, unknown> | null; errors?: readonly GraphQLFormattedError[] }>;
  /** Closes the subgraph and drops its database. */
  dispose(): Promise<void>;
}

/**
 * Starts a subgraph on a fresh test database with its migrations applied. `beforeStart` runs
 * on the empty database first (to migrate the network subgraph or seed the org tree).
 */
export async function createTestSubgraph<T>(
  module: SubgraphModule<T>,
  beforeStart?: (db: TestDatabase) => Promise<void>,
): Promise<TestSubgraph> {
  const db = await createTestDatabase();
  const auth = await createTestAuth();
  if (beforeStart) await beforeStart(db);
  const runtime = await startSubgraph(module, {
    database: db.database,
    logger: createLogger({ level: process.env.LOG_LEVEL ?? 'silent' }),
    verifier: auth.verifier,
  });
  return {
    runtime,
    db,
    auth,
    run: async (query, variables, as) => {
      const headers: Record<string, string> = {};
      if (as) headers.authorization = await auth.bearer(as.org, as.scopes);
      if (as?.locale) headers['accept-language'] = as.locale;
      return executeOnSubgraph(runtime, { query, variables }, headers);
    },
    dispose: async () => {
      await runtime.stop();
      await db.dispose();
    },
  };
}
