import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeHub, GatewayError } from '../src/index.js';
import {
  alphaModule,
  betaModule,
  gammaModule,
  startTestHub,
  TEST_SUBGRAPHS,
  type TestHub,
} from '../src/testing/index.js';

const url = (name: string) => `http://${name}.in-process.invalid/graphql`;
const twoSubgraphs = composeHub([alphaModule, betaModule], url).supergraphSdl;
const threeSubgraphs = composeHub([alphaModule, betaModule, gammaModule], url).supergraphSdl;

async function waitFor(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function startOnFile(watch: boolean): Promise<{ t: TestHub; file: string; auth: string }> {
  const folder = fs.mkdtempSync(path.join((await import('node:os')).tmpdir(), 'dxhub-supergraph-'));
  const file = path.join(folder, 'supergraph.graphql');
  fs.writeFileSync(file, twoSubgraphs);
  const t = await startTestHub({
    subgraphs: TEST_SUBGRAPHS,
    env: { DXHUB_SUPERGRAPH: file, DXHUB_SUPERGRAPH_WATCH: watch ? 'true' : 'false' },
  });
  return { t, file, auth: await t.bearer('01', []) };
}

describe('supergraph reload', () => {
  let watched: Awaited<ReturnType<typeof startOnFile>>;
  let unwatched: Awaited<ReturnType<typeof startOnFile>>;
  beforeAll(async () => {
    watched = await startOnFile(true);
    unwatched = await startOnFile(false);
  });
  afterAll(async () => {
    await watched?.t.dispose();
    await unwatched?.t.dispose();
  });

  const gammaServed = async ({ t, auth }: { t: TestHub; auth: string }) => {
    const response = await t.post({ query: '{ gammaVersion }' }, { authorization: auth });
    return response.body.data?.gammaVersion === 'gamma-1';
  };

  it('serves the supergraph from the file', async () => {
    expect(watched.t.hub.supergraph().source).toBe(watched.file);
    const response = await watched.t.post(
      { query: '{ gammaVersion }' },
      { authorization: watched.auth },
    );
    expect(response.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('reloads on file change without failing requests', async () => {
    const before = watched.t.hub.supergraph().hash;
    let stop = false;
    const failures: unknown[] = [];
    let served = 0;
    const load = Array.from({ length: 4 }, async () => {
      while (!stop) {
        const response = await watched.t.post(
          { query: '{ alphaVersion }' },
          { authorization: watched.auth },
        );
        if (response.status !== 200 || response.body.data?.alphaVersion !== 'alpha-1')
          failures.push(response.body);
        served += 1;
      }
    });

    fs.writeFileSync(watched.file, threeSubgraphs);
    await waitFor(() => gammaServed(watched), 'the watched file to be reloaded');
    stop = true;
    await Promise.all(load);

    expect(watched.t.hub.supergraph().hash).not.toBe(before);
    expect(served).toBeGreaterThan(0);
    expect(failures).toEqual([]);
  });

  it('reloads on SIGHUP', async () => {
    fs.writeFileSync(unwatched.file, threeSubgraphs);
    expect(await gammaServed(unwatched)).toBe(false);
    process.emit('SIGHUP', 'SIGHUP');
    await waitFor(() => gammaServed(unwatched), 'SIGHUP to reload the supergraph');
  });

  it('reports an unchanged file as unchanged', async () => {
    const result = await unwatched.t.hub.reload();
    expect(result).toEqual({ changed: false, hash: unwatched.t.hub.supergraph().hash });
  });

  it('keeps the old supergraph when the new one is invalid', async () => {
    const hash = unwatched.t.hub.supergraph().hash;
    fs.writeFileSync(unwatched.file, 'schema { query: Query } type Query { broken: String }');
    const failure = await unwatched.t.hub.reload().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GatewayError);
    expect((failure as GatewayError).code).toBe('SUPERGRAPH_INVALID');
    expect(unwatched.t.hub.supergraph().hash).toBe(hash);
    expect(await gammaServed(unwatched)).toBe(true);
  });
});
