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
