import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  SPANNING_QUERY,
  startTestHub,
  TEST_SUBGRAPHS,
  testSubgraphControls,
  type TestHub,
} from '../src/testing/index.js';

describe('hub in process', () => {
  let t: TestHub;
  let auth: string;
  beforeAll(async () => {
    t = await startTestHub({ subgraphs: TEST_SUBGRAPHS, overrides: { subgraphTimeoutMs: 500 } });
    auth = await t.bearer('01', []);
  });
  afterAll(async () => t?.dispose());
  afterEach(() => {
    testSubgraphControls.gammaDelayMs = 0;
  });

  it('serves healthz and readyz with subgraph states', async () => {
    const health = await fetch(new URL('/healthz', t.hub.url));
    expect(health.status).toBe(200);
    const ready = await fetch(new URL('/readyz', t.hub.url));
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as {
      status: string;
      supergraph: { hash: string };
      subgraphs: { name: string; status: string }[];
    };
    expect(body.status).toBe('ready');
    expect(body.supergraph.hash).toBe(t.hub.supergraph().hash);
    expect(body.subgraphs.map((s) => [s.name, s.status])).toEqual([
      ['alpha', 'up'],
      ['beta', 'up'],
      ['gamma', 'up'],
    ]);
  });

  it('answers a query spanning three subgraphs', async () => {
    const response = await t.post({ query: SPANNING_QUERY }, { authorization: auth });
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data).toEqual({
      units: [
        { code: '01', name: 'Unit 01', headcount: 20, projectCount: 1 },
        { code: '79', name: 'Unit 79', headcount: 20, projectCount: 79 },
      ],
      alphaVersion: 'alpha-1',
      betaVersion: 'beta-1',
      gammaVersion: 'gamma-1',
    });
  });

  it('rejects a request without a token with 401', async () => {
    const response = await t.post({ query: '{ alphaVersion }' });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('TOKEN_MISSING');
    expect(response.body.data).toBeUndefined();
    expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(response.body.errors?.[0]?.extensions?.reason).toBe('TOKEN_MISSING');
  });

  it('serves introspection only with a valid token', async () => {
    const anonymous = await t.post({ query: '{ __schema { queryType { name } } }' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.data).toBeUndefined();
    const signedIn = await t.post(
      { query: '{ __schema { queryType { name } } }' },
      { authorization: auth },
    );
    expect(signedIn.body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('rejects early an operation with no permitted field', async () => {
    const response = await t.post({ query: '{ secret betaRestricted }' }, { authorization: auth });
    expect(response.status).toBe(403);
    expect(response.body.data).toBeUndefined();
    const error = response.body.errors?.[0];
    expect(error?.extensions?.code).toBe('FORBIDDEN');
    expect(error?.extensions?.reason).toBe('SCOPE_MISSING');
    expect(error?.extensions?.requiredScopes).toEqual({
      'Query.secret': [['hub:admin']],
      'Query.betaRestricted': [['staffing:read']],
    });
  });

  it('lets a partly permitted operation through', async () => {
    const response = await t.post({ query: '{ secret alphaVersion }' }, { authorization: auth });
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({ secret: null, alphaVersion: 'alpha-1' });
    expect(response.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(response.body.errors?.[0]?.path).toEqual(['secret']);
  });

  it('serves a field once the token has its scope', async () => {
    const admin = await t.bearer('bo-tai-chinh', ['hub:admin', 'staffing:read']);
    const response = await t.post({ query: '{ secret betaRestricted }' }, { authorization: admin });
    expect(response.body).toEqual({ data: { secret: 'secret', betaRestricted: 'restricted' } });
  });

  it('forwards request id, trace context and language', async () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const response = await t.post(
      { query: '{ echo { requestId traceparent acceptLanguage authorization } }' },
      {
        authorization: auth,
        traceparent,
        'accept-language': 'vi',
        'x-request-id': 'client-request-0001',
      },
    );
    expect(response.headers.get('x-request-id')).toBe('client-request-0001');
    // The trace id goes on; the parent span id may be the gateway's own span for the call.
    expect(response.body.data).toEqual({
      echo: {
        requestId: 'client-request-0001',
        traceparent: expect.stringMatching(/^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/),
        acceptLanguage: 'vi',
        authorization: true,
      },
    });
  });

  it('replaces a malformed request id', async () => {
    const response = await t.post(
      { query: '{ echo { requestId } }' },
      { authorization: auth, 'x-request-id': 'bad id with <spaces>' },
    );
    const sent = response.headers.get('x-request-id');
    expect(sent).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.body.data).toEqual({ echo: { requestId: sent } });
  });

  it('nulls only a slow subgraph after its timeout', async () => {
    testSubgraphControls.gammaDelayMs = 3000;
    const response = await t.post(
      { query: '{ units { code name projectCount } alphaVersion }' },
      { authorization: auth },
    );
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({
      units: [
        { code: '01', name: 'Unit 01', projectCount: null },
        { code: '79', name: 'Unit 79', projectCount: null },
      ],
      alphaVersion: 'alpha-1',
    });
    const error = response.body.errors?.[0];
    expect(error?.extensions?.code).toBe('SUBGRAPH_TIMEOUT');
    expect(error?.extensions?.serviceName).toBe('gamma');
    expect(error?.message).toContain('gamma');
    expect(error?.message).toContain('500 ms');
  });

  it('shows a page to a browser visiting the endpoint', async () => {
    const response = await fetch(t.hub.url, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    // The explorer page or the plain landing page, whichever plugin comes first.
    expect(await response.text()).toContain('<!doctype html>');
  });

  it('answers 404 outside the endpoint', async () => {
    const response = await fetch(new URL('/other', t.hub.url), {
      headers: { authorization: auth },
    });
    expect(response.status).toBe(404);
  });

  it('returns 404 without a token', async () => {
    for (const [language, text] of [
      ['en', 'the GraphQL endpoint is /graphql'],
      ['vi', 'điểm truy cập GraphQL là /graphql'],
    ] as const) {
      const response = await fetch(new URL('/grapql', t.hub.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': language },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(response.status).toBe(404);
      const body = (await response.json()) as {
        errors: { message: string; extensions: { code: string; path: string } }[];
      };
      expect(body.errors[0]?.extensions).toEqual({ code: 'NOT_FOUND', path: '/grapql' });
      expect(body.errors[0]?.message).toContain(text);
    }
  });

  it('rejects malformed JSON with a coded 400', async () => {
    const response = await fetch(t.hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: auth },
      body: '{ "query": ',
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('hub shutdown', () => {
  it('finishes a request in flight before closing', async () => {
    const t = await startTestHub({ subgraphs: TEST_SUBGRAPHS });
    const auth = await t.bearer('01', []);
    const inFlight = t.post({ query: '{ slow(ms: 400) }' }, { authorization: auth });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closed = t.dispose();
    const response = await inFlight;
    await closed;
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({ slow: 'done' });
    await expect(fetch(t.hub.url, { method: 'POST' })).rejects.toThrow();
  });
});
