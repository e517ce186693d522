import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphQLFormattedError } from 'graphql';
import { serveSubgraph } from '../http.js';
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
  /** Serves the subgraph over HTTP on a free port of 127.0.0.1; returns its `/graphql` URL. */
  serve(): Promise<string>;
  /** Closes the HTTP service if one was started, the subgraph, and drops its database. */
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
  let server: Server | undefined;
  return {
    runtime,
    db,
    auth,
    serve: async () => {
      server ??= await serveSubgraph(runtime, {
        host: '127.0.0.1',
        port: 0,
        logger: createLogger({ level: 'silent' }),
      });
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    },
    run: async (query, variables, as) => {
      const headers: Record<string, string> = {};
      if (as) headers.authorization = await auth.bearer(as.org, as.scopes);
      if (as?.locale) headers['accept-language'] = as.locale;
      return executeOnSubgraph(runtime, { query, variables }, headers);
    },
    dispose: async () => {
      const open = server;
      if (open) await new Promise((resolve) => open.close(resolve));
      await runtime.stop();
      await db.dispose();
    },
  };
}
