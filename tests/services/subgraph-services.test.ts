import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '@dxhub/kit';
import { createEmptyPostgresDatabase, usingPostgres } from '@dxhub/kit/testing';
import {
  GatewayError,
  loadGatewayConfig,
  startSubgraphService,
  SUBGRAPHS,
  type SubgraphService,
} from '@dxhub/gateway';
import { startTestHub, type TestHub } from '@dxhub/gateway/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'silent' });

describe('subgraph service without DATABASE_URL', () => {
  it('refuses to share the embedded database', async () => {
    const config = loadGatewayConfig(
      { port: 0 },
      { DXHUB_KEYS_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'dxhub-keys-')) },
    );
    const failure = await startSubgraphService('staffing', { config, logger }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(GatewayError);
    expect((failure as GatewayError).code).toBe('SUBGRAPH_SERVICE_INVALID');
  });
});

if (!usingPostgres)
  console.info(
    'subgraph services: skipped, because they need PostgreSQL; set TEST_DATABASE_URL to run them',
  );

describe.skipIf(!usingPostgres)('gateway over the five subgraph services', () => {
  const services: SubgraphService[] = [];
  let database: Awaited<ReturnType<typeof createEmptyPostgresDatabase>>;
  let keysDir: string;
  let t: TestHub;

  beforeAll(async () => {
    database = await createEmptyPostgresDatabase();
    keysDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dxhub-keys-'));
    const urls: Record<string, { url: string }> = {};
    for (const module of SUBGRAPHS) {
      const config = loadGatewayConfig(
        { port: 0, host: '127.0.0.1', databaseUrl: database.url },
        { DXHUB_KEYS_DIR: keysDir },
      );
      const service = await startSubgraphService(module.name, { config, logger });
      services.push(service);
      urls[module.name] = { url: service.url };
    }
    t = await startTestHub({
      mode: 'services',
      env: { DXHUB_KEYS_DIR: keysDir },
      overrides: { subgraphs: urls },
    });
  });

  afterAll(async () => {
    await t?.dispose();
    for (const service of services) await service.close();
    await database?.drop();
  });

  it('reports every service up', async () => {
    const response = await fetch(new URL('/readyz', t.hub.url));
    const body = (await response.json()) as {
      status: string;
      subgraphs: { name: string; status: string; mode: string }[];
    };
    expect(response.status).toBe(200);
    expect(body.status).toBe('ready');
    expect(body.subgraphs.map((s) => [s.name, s.mode, s.status])).toEqual(
      SUBGRAPHS.map((m) => [m.name, 'service', 'up']),
    );
  });

  it('answers through the services', async () => {
    const response = await t.post(
      {
        query: 'query ($code: String!) { organization(code: $code) { code } }',
        variables: { code: 'cuc-chuyen-doi-so-quoc-gia' },
      },
      { authorization: await t.bearer('cuc-chuyen-doi-so-quoc-gia', ['network:read']) },
    );
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data).toEqual({ organization: { code: 'cuc-chuyen-doi-so-quoc-gia' } });
  });

  it('lets each service verify the token itself', async () => {
    const [network] = services;
    const response = await fetch(network?.url ?? '', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.status).toBe(401);
  });
});

describe.skipIf(!usingPostgres)('subgraph service shutdown', () => {
  it('serves a burst through shutdown', async () => {
    const database = await createEmptyPostgresDatabase();
    const keysDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dxhub-keys-'));
    const config = loadGatewayConfig(
      { port: 0, host: '127.0.0.1', databaseUrl: database.url },
      { DXHUB_KEYS_DIR: keysDir },
    );
    const service = await startSubgraphService('network', { config, logger });
    const hub = await startTestHub({
      mode: 'services',
      env: { DXHUB_KEYS_DIR: keysDir },
      overrides: { subgraphs: { network: { url: service.url } } },
    });
    try {
      // Sent straight to the service, as the gateway would, with a token it verifies itself.
      const authorization = await hub.bearer('cuc-chuyen-doi-so-quoc-gia', ['network:read']);
      const burst = Array.from({ length: 50 }, () =>
        fetch(service.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization },
          body: JSON.stringify({ query: '{ organizations(first: 50) { nodes { code name } } }' }),
        }).then(
          async (response) => `${response.status} ${(await response.text()).includes('"data"')}`,
          (error: unknown) => String((error as Error).cause ?? error),
        ),
      );
      // Closed while the burst is in the accept queue and in flight.
      const closed = new Promise((resolve) => setTimeout(resolve, 5)).then(() => service.close());
      const results = await Promise.all(burst);
      await closed;
      expect(results.filter((result) => result !== '200 true')).toEqual([]);
    } finally {
      await hub.dispose();
      await service.close();
      await database.drop();
    }
  });
});
