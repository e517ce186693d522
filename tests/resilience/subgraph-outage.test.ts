import type { Server } from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import {
  createLogger,
  serveSubgraph,
  startSubgraph,
  type SubgraphModule,
  type SubgraphRuntime,
} from '@dxhub/kit';
import {
  createTestAuth,
  createTestDatabase,
  type TestAuth,
  type TestDatabase,
} from '@dxhub/kit/testing';
import {
  alphaModule,
  betaModule,
  gammaModule,
  SPANNING_QUERY,
  startTestHub,
  TEST_SUBGRAPHS,
  type TestHub,
} from '@dxhub/gateway/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const TIMEOUT_MS = 1000;

interface Service {
  url: string;
  runtime: SubgraphRuntime;
  server: Server;
}

const urlOf = (server: { address(): AddressInfo | string | null }) =>
  `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;

async function serve(
  module: SubgraphModule,
  database: TestDatabase,
  auth: TestAuth,
): Promise<Service> {
  const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'silent' });
  const runtime = await startSubgraph(module, {
    database: database.database,
    logger,
    verifier: auth.verifier,
  });
  const server = await serveSubgraph(runtime, { host: '127.0.0.1', port: 0, logger });
  return { url: urlOf(server), runtime, server };
}

async function stop(service: Service): Promise<void> {
  service.server.closeAllConnections();
  await new Promise((resolve) => service.server.close(resolve));
  await service.runtime.stop();
}

function servicesHub(auth: TestAuth, urls: Record<string, string>): Promise<TestHub> {
  return startTestHub({
    mode: 'services',
    subgraphs: TEST_SUBGRAPHS,
    env: { DXHUB_KEYS_DIR: auth.config.keysDir },
    overrides: {
      subgraphs: Object.fromEntries(
        Object.entries(urls).map(([name, url]) => [name, { url, timeoutMs: TIMEOUT_MS }]),
      ),
    },
  });
}

/** What the spanning query returns when only `beta` is lost. */
const WITHOUT_BETA = {
  units: [
    { code: '01', name: 'Unit 01', headcount: null, projectCount: 1 },
    { code: '79', name: 'Unit 79', headcount: null, projectCount: 79 },
  ],
  alphaVersion: 'alpha-1',
  betaVersion: null,
  gammaVersion: 'gamma-1',
};

describe('subgraph outage', () => {
  let database: TestDatabase;
  let auth: TestAuth;
  let alpha: Service;
  let beta: Service;
  let gamma: Service;
  let silent: net.Server;
  const silentSockets = new Set<net.Socket>();
  let stopped: TestHub;
  let hanging: TestHub;
  let authorization: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    auth = await createTestAuth();
    alpha = await serve(alphaModule, database, auth);
    beta = await serve(betaModule, database, auth);
    gamma = await serve(gammaModule, database, auth);
    // Accepts connections and never writes a byte.
    silent = net.createServer((socket) => {
      silentSockets.add(socket);
      socket.on('close', () => silentSockets.delete(socket));
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));

    stopped = await servicesHub(auth, { alpha: alpha.url, beta: beta.url, gamma: gamma.url });
    hanging = await servicesHub(auth, { alpha: alpha.url, beta: urlOf(silent), gamma: gamma.url });
    authorization = await auth.bearer('01', []);
  });

  afterAll(async () => {
    await stopped?.dispose();
    await hanging?.dispose();
    for (const socket of silentSockets) socket.destroy();
    await new Promise((resolve) => silent?.close(resolve));
    for (const service of [alpha, gamma]) if (service) await stop(service);
    await database?.dispose();
  });

  const query = (t: TestHub) =>
    // The client gives up far later than the gateway's subgraph timeout, so a response proves that
    // the gateway enforced its own timeout.
    fetch(t.hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify({ query: SPANNING_QUERY }),
      signal: AbortSignal.timeout(TIMEOUT_MS + 20_000),
    }).then(async (response) => ({
      status: response.status,
      body: (await response.json()) as {
        data?: unknown;
        errors?: { message: string; extensions?: Record<string, unknown> }[];
      },
    }));

  it('spans three subgraph services over HTTP', async () => {
    const response = await query(stopped);
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data).toEqual({
      ...WITHOUT_BETA,
      units: [
        { code: '01', name: 'Unit 01', headcount: 20, projectCount: 1 },
        { code: '79', name: 'Unit 79', headcount: 20, projectCount: 79 },
      ],
      betaVersion: 'beta-1',
    });
  });

  it('reuses keep-alive connections to a service', async () => {
    let opened = 0;
    const count = () => {
      opened += 1;
    };
    gamma.server.on('connection', count);
    try {
      await query(stopped);
      const before = opened;
      for (let round = 0; round < 5; round += 1) expect((await query(stopped)).status).toBe(200);
      expect(opened - before).toBe(0);
    } finally {
      gamma.server.off('connection', count);
    }
  });

  it('forwards request id, trace context and language over HTTP', async () => {
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const response = await fetch(stopped.hub.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization,
        traceparent,
        'accept-language': 'vi',
        'x-request-id': 'outage-test-0001',
      },
      body: JSON.stringify({
        query: '{ echo { requestId traceparent acceptLanguage authorization } }',
      }),
    });
    // The trace id goes on; the parent span id may be the gateway's own span for the call.
    expect(await response.json()).toEqual({
      data: {
        echo: {
          requestId: 'outage-test-0001',
          traceparent: expect.stringMatching(
            /^00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-01$/,
          ),
          acceptLanguage: 'vi',
          authorization: true,
        },
      },
    });
  });

  it('keeps the rest when a subgraph is stopped', async () => {
    await stop(beta);
    const response = await query(stopped);
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual(WITHOUT_BETA);
    const errors = response.body.errors ?? [];
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) {
      expect(error.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
      expect(error.extensions?.serviceName).toBe('beta');
      expect(error.message).toContain('beta');
    }
  });

  it('reports the stopped subgraph in readyz', async () => {
    const response = await fetch(new URL('/readyz', stopped.hub.url));
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      status: string;
      subgraphs: { name: string; status: string }[];
    };
    expect(body.status).toBe('degraded');
    expect(body.subgraphs.map((s) => [s.name, s.status])).toEqual([
      ['alpha', 'up'],
      ['beta', 'down'],
      ['gamma', 'up'],
    ]);
  });

  it('keeps the rest when a subgraph never answers', async () => {
    const response = await query(hanging);
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual(WITHOUT_BETA);
    const errors = response.body.errors ?? [];
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) {
      expect(error.extensions?.code).toBe('SUBGRAPH_TIMEOUT');
      expect(error.extensions?.serviceName).toBe('beta');
      expect(error.message).toContain(`${TIMEOUT_MS} ms`);
    }
    expect(silentSockets.size).toBeGreaterThan(0);
  });
});
