import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger, signDevelopmentToken, type SubgraphModule } from '@dxhub/kit';
import { createEmptyPostgresDatabase, usingPostgres } from '@dxhub/kit/testing';
import type { GraphQLFormattedError } from 'graphql';
import { loadGatewayConfig, type GatewayConfig, type GatewayOverrides } from '../config.js';
import { startHub, type Hub, type HubMode } from '../hub.js';
import type { GatewayPlugin } from '../http/pipeline.js';

/** A JSON GraphQL response with its HTTP status and headers. */
export interface HubResponse {
  status: number;
  headers: Headers;
  body: { data?: Record<string, unknown> | null; errors?: GraphQLFormattedError[] };
}

export interface TestHub {
  hub: Hub;
  config: GatewayConfig;
  /** Folder of the throw-away data and keys; removed by `dispose()`. */
  folder: string;
  /** A valid `Authorization` header value for `org` with `scopes`, signed with the hub's key. */
  bearer(org: string, scopes: string[]): Promise<string>;
  /** Posts one operation as JSON with the given headers. */
  post(body: unknown, headers?: Record<string, string>): Promise<HubResponse>;
  /** Closes the hub and removes its database and folder. */
  dispose(): Promise<void>;
}

export interface TestHubOptions {
  mode?: HubMode;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each module has its own loader type
  subgraphs?: readonly SubgraphModule<any>[];
  overrides?: GatewayOverrides;
  /** Environment variables on top of the test defaults. */
  env?: Record<string, string>;
  plugins?: GatewayPlugin[];
}

/**
 * Starts a hub on a free loopback port with throw-away keys, a supergraph composed from the
 * modules, and its own database: a fresh PostgreSQL database when `TEST_DATABASE_URL` is set,
 * an embedded one in a temporary folder otherwise.
 */
export async function startTestHub(options: TestHubOptions = {}): Promise<TestHub> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dxhub-hub-'));
  const mode = options.mode ?? 'in-process';
  const postgres =
    mode === 'in-process' && usingPostgres ? await createEmptyPostgresDatabase() : null;
  const config = loadGatewayConfig(
    {
      port: 0,
      host: '127.0.0.1',
      ...(postgres ? { databaseUrl: postgres.url } : {}),
      ...options.overrides,
    },
    {
      DXHUB_DATA_DIR: path.join(folder, 'data'),
      DXHUB_KEYS_DIR: path.join(folder, 'keys'),
      DXHUB_SUPERGRAPH: 'compose',
      ...options.env,
    },
  );
  let hub: Hub;
  try {
    hub = await startHub({
      config,
      logger: createLogger({ level: process.env.LOG_LEVEL ?? 'silent' }),
      mode,
      ...(options.subgraphs ? { subgraphs: options.subgraphs } : {}),
      ...(options.plugins ? { plugins: options.plugins } : {}),
    });
  } catch (error) {
    await postgres?.drop();
    fs.rmSync(folder, { recursive: true, force: true });
    throw error;
  }

  const bearer = async (org: string, scopes: string[]) => {
    if (!hub.localKeys) throw new TypeError('startTestHub: the hub has no local keys to sign with');
    return `Bearer ${await signDevelopmentToken(hub.localKeys, config.auth, { orgCode: org, scopes })}`;
  };
  return {
    hub,
    config,
    folder,
    bearer,
    post: async (body, headers = {}) => {
      const response = await fetch(hub.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json',
          ...headers,
        },
        body: JSON.stringify(body),
      });
      const text = await response.text();
      return {
        status: response.status,
        headers: response.headers,
        body: text ? (JSON.parse(text) as HubResponse['body']) : {},
      };
    },
    dispose: async () => {
      await hub.close();
      await postgres?.drop();
      fs.rmSync(folder, { recursive: true, force: true });
    },
  };
}
