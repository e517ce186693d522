import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, TEST_SUBGRAPHS, type TestHub } from '../src/testing/index.js';

const limits = {
  maxDepth: 3,
  maxAliases: 2,
  maxRootFields: 3,
  maxTokens: 200,
  maxDirectives: 2,
  maxBodyBytes: 4096,
  maxBatchSize: 2,
};

describe('query limits', () => {
  let t: TestHub;
  let auth: string;
  beforeAll(async () => {
    t = await startTestHub({ subgraphs: TEST_SUBGRAPHS, overrides: { limits } });
    auth = await t.bearer('01', []);
  });
  afterAll(async () => t?.dispose());

  const expectLimit = (
    response: Awaited<ReturnType<TestHub['post']>>,
    limit: string,
    found?: number,
  ) => {
    expect(response.status).toBe(400);
    expect(response.body.data).toBeUndefined();
    const error = response.body.errors?.[0];
    expect(error?.extensions?.code).toBe('QUERY_LIMIT_EXCEEDED');
    expect(error?.extensions?.limit).toBe(limit);
    if (found !== undefined) expect(error?.extensions?.found).toBe(found);
  };

  it('accepts a query within every limit', async () => {
    const response = await t.post(
      { query: '{ a: alphaVersion b: betaVersion units { code } }' },
      { authorization: auth },
    );
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data).toEqual({
      a: 'alpha-1',
      b: 'beta-1',
      units: [{ code: '01' }, { code: '79' }],
    });
  });

  it('rejects a query deeper than the limit', async () => {
    const withFragments = await t.post(
      { query: 'query { units { ...A } } fragment A on Unit { ... on Unit { code } }' },
      { authorization: auth },
    );
    expect(withFragments.status).toBe(200);
    const schemaIntrospection = await t.post(
      { query: '{ __schema { types { fields { type { name } } } } }' },
      { authorization: auth },
    );
    expect(schemaIntrospection.status).toBe(200);
    const tooDeep = await t.post(
      { query: '{ __type(name: "Unit") { fields { type { ofType { name } } } } }' },
      { authorization: auth },
    );
    expectLimit(tooDeep, 'DEPTH', 5);
  });

  it('rejects too many aliases', async () => {
    expectLimit(
      await t.post(
        { query: '{ a: alphaVersion b: alphaVersion c: alphaVersion }' },
        { authorization: auth },
      ),
      'ALIASES',
      3,
    );
  });

  it('rejects too many root fields', async () => {
    const response = await t.post(
      {
        query:
          '{ alphaVersion betaVersion ...F } fragment F on Query { gammaVersion units { code } }',
      },
      { authorization: auth },
    );
    expectLimit(response, 'ROOT_FIELDS', 4);
  });

  it('rejects too many directives', async () => {
    const query =
      '{ alphaVersion @include(if: true) betaVersion @include(if: true) gammaVersion @skip(if: false) }';
    expectLimit(await t.post({ query }, { authorization: auth }), 'DIRECTIVES', 3);
  });

  it('rejects too many tokens before parsing', async () => {
    const query = `{ alphaVersion ${'__typename '.repeat(250)} }`;
    const response = await t.post({ query }, { authorization: auth });
    expectLimit(response, 'TOKENS');
    expect(response.body.errors?.[0]?.extensions?.max).toBe(200);
  });

  it('rejects a batch over the limit', async () => {
    const one = { query: '{ alphaVersion }' };
    const ok = await t.post([one, one], { authorization: auth });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual([
      { data: { alphaVersion: 'alpha-1' } },
      { data: { alphaVersion: 'alpha-1' } },
    ]);
    expectLimit(await t.post([one, one, one], { authorization: auth }), 'BATCH_SIZE', 3);
  });

  it('adds the request id to validation limit errors', async () => {
    const cases = [
      { limit: 'DEPTH', query: '{ __type(name: "Unit") { fields { type { ofType { name } } } } }' },
      { limit: 'ALIASES', query: '{ a: alphaVersion b: alphaVersion c: alphaVersion }' },
      { limit: 'ROOT_FIELDS', query: '{ alphaVersion betaVersion gammaVersion units { code } }' },
      {
        limit: 'DIRECTIVES',
        query:
          '{ alphaVersion @include(if: true) betaVersion @include(if: true) gammaVersion @skip(if: false) }',
      },
    ];
    for (const { limit, query } of cases) {
      const requestId = `limit-test-${limit.toLowerCase()}`;
      const response = await t.post({ query }, { authorization: auth, 'x-request-id': requestId });
      expectLimit(response, limit);
      expect(response.body.errors?.[0]?.extensions?.requestId, limit).toBe(requestId);
    }
  });

  it('names the variable of the limit', async () => {
    const response = await t.post(
      { query: '{ a: alphaVersion b: alphaVersion c: alphaVersion }' },
      { authorization: auth },
    );
    expect(response.body.errors?.[0]?.message).toContain('DXHUB_MAX_ALIASES');
  });

  it('rejects a body over the size cap with 413', async () => {
    const response = await t.post(
      { query: `{ alphaVersion }`, variables: { pad: 'x'.repeat(5000) } },
      { authorization: auth },
    );
    expect(response.status).toBe(413);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('REQUEST_TOO_LARGE');
    expect(response.body.data).toBeUndefined();
  });

  it('answers limit errors in Vietnamese on request', async () => {
    const response = await t.post(
      { query: '{ a: alphaVersion b: alphaVersion c: alphaVersion }' },
      { authorization: auth, 'accept-language': 'vi-VN,vi;q=0.9' },
    );
    expect(response.body.errors?.[0]?.message).toContain(
      'Yêu cầu vượt giới hạn số bí danh (alias): có 3, tối đa 2',
    );
  });

  it('sends 200 for limit errors under application/json', async () => {
    const response = await fetch(t.hub.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        authorization: auth,
      },
      body: JSON.stringify({ query: '{ a: alphaVersion b: alphaVersion c: alphaVersion }' }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('QUERY_LIMIT_EXCEEDED');
  });
});

describe('query limits with batching turned off', () => {
  let t: TestHub;
  let auth: string;
  beforeAll(async () => {
    t = await startTestHub({
      subgraphs: TEST_SUBGRAPHS,
      overrides: { limits: { ...limits, maxBatchSize: 1 } },
    });
    auth = await t.bearer('01', []);
  });
  afterAll(async () => t?.dispose());

  const operation = { query: '{ alphaVersion }' };

  it('still serves a single operation', async () => {
    const response = await t.post(operation, { authorization: auth });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ data: { alphaVersion: 'alpha-1' } });
  });

  it.each([
    ['one operation', [operation]],
    ['two operations', [operation, operation]],
  ])('rejects a batch of %s as BATCH_SIZE', async (_name, batch) => {
    const response = await t.post(batch, {
      authorization: auth,
      'x-request-id': 'batch-off-request',
    });
    expect(response.status).toBe(400);
    expect(response.body.data).toBeUndefined();
    const error = response.body.errors?.[0];
    expect(error?.extensions?.code).toBe('QUERY_LIMIT_EXCEEDED');
    expect(error?.extensions?.limit).toBe('BATCH_SIZE');
    expect(error?.extensions?.max).toBe(1);
    expect(error?.extensions?.found).toBe(batch.length);
    expect(error?.extensions?.requestId).toBe('batch-off-request');
    expect(error?.message).toContain('batching is turned off');
    expect(error?.message).toContain('DXHUB_MAX_BATCH=1');
  });

  it('explains turned-off batching in Vietnamese', async () => {
    const response = await t.post([operation], {
      authorization: auth,
      'accept-language': 'vi',
    });
    expect(response.body.errors?.[0]?.message).toContain('đã tắt gửi theo lô (DXHUB_MAX_BATCH=1)');
  });
});

describe('field suggestions', () => {
  const misspelled = { query: '{ alphaVersio }' };

  it('suggests fields in development', async () => {
    const t = await startTestHub({ subgraphs: TEST_SUBGRAPHS });
    try {
      const response = await t.post(misspelled, { authorization: await t.bearer('01', []) });
      expect(response.body.errors?.[0]?.message).toContain('Did you mean "alphaVersion"');
    } finally {
      await t.dispose();
    }
  });

  it('hides suggestions when turned off', async () => {
    const t = await startTestHub({
      subgraphs: TEST_SUBGRAPHS,
      overrides: { fieldSuggestions: false },
    });
    try {
      const response = await t.post(misspelled, { authorization: await t.bearer('01', []) });
      expect(response.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(response.body.errors?.[0]?.message).not.toContain('Did you mean');
    } finally {
      await t.dispose();
    }
  });
});
