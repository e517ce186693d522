import { afterEach, describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  AuthorizationError,
  ConflictError,
  DxhubClient,
  GraphQLResponseError,
  HttpError,
  InvalidResponseError,
  NetworkError,
  RateLimitError,
  RequestAbortedError,
  TimeoutError,
  ValidationError,
  createClient,
  isDxhubError,
  type DocumentInput,
} from '../src/index.js';
import { ok, startScriptedServer, type Responder } from './support/scripted-server.js';

type Server = Awaited<ReturnType<typeof startScriptedServer>>;
let server: Server | undefined;

async function serve(...script: Responder[]): Promise<Server> {
  server = await startScriptedServer(script);
  return server;
}

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Retries that wait at most a few milliseconds, so tests stay short. */
const quickRetry = { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 };

const ORG =
  'query Org($code: String!) { organization(code: $code) { code name } }' as DocumentInput<
    { organization: { code: string; name: string } | null },
    { code: string }
  >;
const REPORT = 'mutation Report($amount: VND!) { report(amount: $amount) { id } }' as DocumentInput<
  { report: { id: string } },
  { amount: bigint | string }
>;

describe('client requests', () => {
  it('returns data and sends the standard headers', async () => {
    const hub = await serve(ok({ organization: { code: '01', name: 'Hà Nội' } }));
    const client = createClient({ url: hub.url, token: 'token-1', locale: 'vi' });
    const data = await client.request(ORG, { code: '01' });
    expect(data.organization?.name).toBe('Hà Nội');
    const sent = hub.received[0]!;
    expect(sent.headers.authorization).toBe('Bearer token-1');
    expect(sent.headers['accept-language']).toBe('vi');
    expect(sent.headers['content-type']).toBe('application/json');
    expect(sent.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent.headers['idempotency-key']).toBeUndefined();
    expect(sent.body.variables).toEqual({ code: '01' });
  });

  it('returns partial data with its errors from execute', async () => {
    const errors = [
      {
        message: 'Not allowed: network:pii',
        path: ['organization', 'name'],
        extensions: { code: 'FORBIDDEN' },
      },
    ];
    const hub = await serve(() => ({
      json: { data: { organization: { code: '01', name: null } }, errors },
    }));
    const client = createClient({ url: hub.url });
    const result = await client.execute(ORG, { code: '01' });
    expect(result.data).toEqual({ organization: { code: '01', name: null } });
    expect(result.errors).toEqual(errors);
  });

  it('throws partial data with the error from request', async () => {
    const errors = [
      {
        message: 'Not allowed: network:pii',
        path: ['organization', 'name'],
        extensions: { code: 'FORBIDDEN', requestId: 'req-77' },
      },
    ];
    const hub = await serve(() => ({
      json: { data: { organization: { code: '01', name: null } }, errors },
    }));
    const client = createClient({ url: hub.url, retry: quickRetry });
    const error = await client.request(ORG, { code: '01' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthorizationError);
    const denied = error as AuthorizationError;
    expect(denied.code).toBe('FORBIDDEN');
    expect(denied.data).toEqual({ organization: { code: '01', name: null } });
    expect(denied.errors[0]?.path).toEqual(['organization', 'name']);
    expect(denied.requestId).toBe('req-77');
    expect(hub.received).toHaveLength(1);
  });

  it('prefers the request id header of the response', async () => {
    const hub = await serve(() => ({
      status: 404,
      json: {
        errors: [
          {
            message: 'Not found: Organization 99',
            extensions: { code: 'NOT_FOUND', requestId: 'from-body' },
          },
        ],
      },
      headers: { 'x-request-id': 'from-header' },
    }));
    const error = (await createClient({ url: hub.url })
      .request(ORG, { code: '99' })
      .catch((e: unknown) => e)) as Error & { requestId: string; status: number; code: string };
    expect(error.code).toBe('NOT_FOUND');
    expect(error.requestId).toBe('from-header');
    expect(error.status).toBe(404);
  });

  it('lists field paths of a validation error', async () => {
    const hub = await serve(() => ({
      json: {
        data: null,
        errors: [
          {
            message: 'Invalid value for input.headcount: must not be negative.',
            extensions: {
              code: 'BAD_USER_INPUT',
              fieldErrors: [
                { field: 'input.headcount', code: 'NEGATIVE', message: 'must not be negative' },
                { field: 'input.year', code: 'OUT_OF_RANGE', message: 'must be 2020 or later' },
              ],
            },
          },
        ],
      },
    }));
    const error = await createClient({ url: hub.url })
      .request(REPORT, { amount: 1n })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors.map((f) => f.path)).toEqual([
      'input.headcount',
      'input.year',
    ]);
    expect((error as ValidationError).fieldErrors[1]?.code).toBe('OUT_OF_RANGE');
  });

  it('uses the field extension when no field list is sent', async () => {
    const hub = await serve(() => ({
      json: {
        data: null,
        errors: [
          {
            message: 'Invalid value for first',
            extensions: { code: 'BAD_USER_INPUT', field: 'first' },
          },
        ],
      },
    }));
    const error = (await createClient({ url: hub.url, retry: false })
      .request(ORG, { code: '1' })
      .catch((e: unknown) => e)) as ValidationError;
    expect(error.fieldErrors).toEqual([
      { path: 'first', code: undefined, message: 'Invalid value for first' },
    ]);
  });

  it('maps other server codes to GraphQLResponseError', async () => {
    const hub = await serve(() => ({
      json: {
        data: null,
        errors: [
          {
            message: 'Cannot query field "nope"',
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
          },
        ],
      },
      status: 400,
    }));
    const error = (await createClient({ url: hub.url })
      .request('{ nope }')
      .catch((e: unknown) => e)) as GraphQLResponseError;
    expect(error).toBeInstanceOf(GraphQLResponseError);
    expect(error.code).toBe('GRAPHQL_ERROR');
    expect(error.serverCode).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(hub.received).toHaveLength(1);
  });

  it('rejects a body that is not GraphQL', async () => {
    const hub = await serve(() => ({ text: '<html>login page</html>' }));
    const error = await createClient({ url: hub.url })
      .request('{ a }')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toContain('<html>login page</html>');
  });

  it('marks every thrown error as a DxhubError', async () => {
    const hub = await serve(() => ({ status: 418, text: 'teapot' }));
    const error = await createClient({ url: hub.url })
      .request('{ a }')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(isDxhubError(error)).toBe(true);
    expect(isDxhubError(new Error('plain'))).toBe(false);
  });
});

describe('client authentication', () => {
  it('asks the token provider again after a 401', async () => {
    const hub = await serve(
      () => ({
        status: 401,
        json: {
          errors: [
            { message: 'Not authenticated: expired', extensions: { code: 'UNAUTHENTICATED' } },
          ],
        },
      }),
      ok({ organization: { code: '01', name: 'Hà Nội' } }),
    );
    const calls: { reason: string; rejectedToken?: string }[] = [];
    const client = createClient({
      url: hub.url,
      token: (request) => {
        calls.push(request);
        return `token-${calls.length}`;
      },
    });
    const data = await client.request(ORG, { code: '01' });
    expect(data.organization?.code).toBe('01');
    expect(calls).toEqual([{ reason: 'initial' }, { reason: 'refresh', rejectedToken: 'token-1' }]);
    expect(hub.received.map((r) => r.headers.authorization)).toEqual([
      'Bearer token-1',
      'Bearer token-2',
    ]);
  });

  it('keeps the refreshed token for later requests', async () => {
    const hub = await serve(
      () => ({
        status: 401,
        json: { errors: [{ message: 'expired', extensions: { code: 'UNAUTHENTICATED' } }] },
      }),
      ok({ organization: null }),
    );
    let calls = 0;
    const client = createClient({ url: hub.url, token: () => `token-${++calls}` });
    await client.request(ORG, { code: '01' });
    await client.request(ORG, { code: '02' });
    expect(calls).toBe(2);
    expect(hub.received[2]?.headers.authorization).toBe('Bearer token-2');
  });

  it('refreshes once when the new token fails too', async () => {
    const hub = await serve(() => ({
      status: 401,
      json: { errors: [{ message: 'bad signature', extensions: { code: 'UNAUTHENTICATED' } }] },
    }));
    let calls = 0;
    const client = createClient({
      url: hub.url,
      token: () => `token-${++calls}`,
      retry: quickRetry,
    });
    const error = await client.request(ORG, { code: '01' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(calls).toBe(2);
    expect(hub.received).toHaveLength(2);
  });

  it('fails at once with a static token', async () => {
    const hub = await serve(() => ({
      status: 401,
      json: { errors: [{ message: 'expired', extensions: { code: 'UNAUTHENTICATED' } }] },
    }));
    const error = await createClient({ url: hub.url, token: 'old', retry: quickRetry })
      .request(ORG, { code: '01' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).status).toBe(401);
    expect(hub.received).toHaveLength(1);
  });

  it('shares one provider call among concurrent requests', async () => {
    const hub = await serve(ok({ organization: null }));
    let calls = 0;
    const client = createClient({
      url: hub.url,
      token: async () => {
        calls += 1;
        await new Promise((resolve) => setTimeout(resolve, 20));
        return 'shared';
      },
    });
    await Promise.all([
      client.request(ORG, { code: '1' }),
      client.request(ORG, { code: '2' }),
      client.request(ORG, { code: '3' }),
    ]);
    expect(calls).toBe(1);
  });

  it('wraps a failing provider in AuthenticationError', async () => {
    const hub = await serve(ok({ organization: null }));
    const client = createClient({
      url: hub.url,
      token: () => {
        throw new Error('identity server down');
      },
    });
    const error = await client.request(ORG, { code: '01' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(((error as Error).cause as Error).message).toBe('identity server down');
    expect(hub.received).toHaveLength(0);
  });
});

describe('client retries', () => {
  it('retries a query after 503 and succeeds', async () => {
    const hub = await serve(() => ({ status: 503, text: 'busy' }), ok({ organization: null }));
    const result = await createClient({ url: hub.url, retry: quickRetry }).execute(ORG, {
      code: '01',
    });
    expect(result.attempts).toBe(2);
    expect(hub.received).toHaveLength(2);
    expect(hub.received[0]?.headers['x-request-id']).toBe(hub.received[1]?.headers['x-request-id']);
  });

  it('stops after maxAttempts', async () => {
    const hub = await serve(() => ({ status: 502, text: 'bad gateway' }));
    const error = await createClient({ url: hub.url, retry: quickRetry })
      .request(ORG, { code: '01' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).attempts).toBe(3);
    expect(hub.received).toHaveLength(3);
  });

  it('retries after a dropped connection', async () => {
    const hub = await serve(() => ({ destroy: true }), ok({ organization: null }));
    const result = await createClient({ url: hub.url, retry: quickRetry }).execute(ORG, {
      code: '01',
    });
    expect(result.attempts).toBe(2);
  });

  it('reports a network error once attempts run out', async () => {
    const hub = await serve(() => ({ destroy: true }));
    const error = await createClient({ url: hub.url, retry: quickRetry })
      .request(ORG, { code: '01' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).attempts).toBe(3);
  });

  it('sends every mutation with one idempotency key across retries', async () => {
    const hub = await serve(() => ({ status: 503, text: 'busy' }), ok({ report: { id: 'r1' } }));
    await createClient({ url: hub.url, retry: quickRetry }).request(REPORT, { amount: 5n });
    const keys = hub.received.map((r) => r.headers['idempotency-key']);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
  });

  it('sends the caller key unchanged', async () => {
    const hub = await serve(ok({ report: { id: 'r1' } }));
    await createClient({ url: hub.url }).request(
      REPORT,
      { amount: 5n },
      { idempotencyKey: 'report-2025-001' },
    );
    expect(hub.received[0]?.headers['idempotency-key']).toBe('report-2025-001');
  });

  it('never retries a mutation sent without a key', async () => {
    const hub = await serve(() => ({ status: 503, text: 'busy' }), ok({ report: { id: 'r1' } }));
    const error = await createClient({ url: hub.url, retry: quickRetry })
      .request(REPORT, { amount: 5n }, { idempotencyKey: false })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(hub.received).toHaveLength(1);
    expect(hub.received[0]?.headers['idempotency-key']).toBeUndefined();
  });

  it('waits as long as Retry-After says', async () => {
    const hub = await serve(
      () => ({
        status: 429,
        headers: { 'retry-after': '1' },
        json: { errors: [{ message: 'Too many requests', extensions: { code: 'RATE_LIMITED' } }] },
      }),
      ok({ organization: null }),
    );
    const started = Date.now();
    const result = await createClient({
      url: hub.url,
      retry: { ...quickRetry, maxDelayMs: 1 },
    }).execute(ORG, { code: '01' });
    // The backoff alone is capped at 1 ms here, so only Retry-After explains a wait of a second.
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(result.attempts).toBe(2);
  });

  it('gives up when Retry-After exceeds maxRetryAfterMs', async () => {
    const hub = await serve(() => ({
      status: 429,
      headers: { 'retry-after': '3600' },
      json: {
        errors: [
          { message: 'Too many requests', extensions: { code: 'RATE_LIMITED', retryAfter: 3600 } },
        ],
      },
    }));
    const error = await createClient({ url: hub.url, retry: quickRetry })
      .request(ORG, { code: '01' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(3_600_000);
    expect(hub.received).toHaveLength(1);
  });

  it('retries while a duplicate mutation still runs', async () => {
    const hub = await serve(
      () => ({
        status: 409,
        json: {
          errors: [
            {
              message: 'Conflict: still running',
              extensions: {
                code: 'CONFLICT',
                reason: 'IDEMPOTENCY_KEY_IN_PROGRESS',
                retryAfter: 0,
              },
            },
          ],
        },
      }),
      ok({ report: { id: 'r1' } }),
    );
    const data = await createClient({ url: hub.url, retry: quickRetry }).request(REPORT, {
      amount: 1n,
    });
    expect(data.report.id).toBe('r1');
    expect(hub.received).toHaveLength(2);
  });

  it('does not retry a reused idempotency key', async () => {
    const hub = await serve(() => ({
      status: 409,
      json: {
        errors: [
          {
            message: 'Conflict: key reused',
            extensions: { code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_REUSED' },
          },
        ],
      },
    }));
    const error = await createClient({ url: hub.url, retry: quickRetry })
      .request(REPORT, { amount: 1n })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).reason).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(hub.received).toHaveLength(1);
  });
});

describe('client timeouts and cancellation', () => {
  it('times out a slow attempt', async () => {
    const hub = await serve(() => ({ delayMs: 2_000, json: { data: { organization: null } } }));
    const error = await createClient({ url: hub.url, timeoutMs: 100, retry: false })
      .request(ORG, { code: '01' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).code).toBe('TIMEOUT');
    expect((error as TimeoutError).timeoutMs).toBe(100);
  });

  it('retries a timed-out query', async () => {
    const hub = await serve(
      () => ({ delayMs: 2_000, json: { data: { organization: null } } }),
      ok({ organization: { code: '01', name: 'x' } }),
    );
    const result = await createClient({ url: hub.url, timeoutMs: 100, retry: quickRetry }).execute(
      ORG,
      { code: '01' },
    );
    expect(result.attempts).toBe(2);
  });

  it('lets one call override the timeout', async () => {
    const hub = await serve(() => ({ delayMs: 300, json: { data: { organization: null } } }));
    const client = createClient({ url: hub.url, timeoutMs: 5_000, retry: false });
    const error = await client
      .request(ORG, { code: '01' }, { timeoutMs: 50 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
  });

  it('aborts an attempt in flight', async () => {
    const hub = await serve(() => ({ delayMs: 2_000, json: { data: { organization: null } } }));
    const controller = new AbortController();
    const pending = createClient({ url: hub.url, retry: quickRetry }).request(
      ORG,
      { code: '01' },
      { signal: controller.signal },
    );
    setTimeout(() => controller.abort(new Error('user left the page')), 50);
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestAbortedError);
    expect(((error as Error).cause as Error).message).toBe('user left the page');
    expect(hub.received).toHaveLength(1);
  });

  it('aborts while waiting to retry', async () => {
    const hub = await serve(() => ({
      status: 503,
      headers: { 'retry-after': '30' },
      text: 'busy',
    }));
    const controller = new AbortController();
    const pending = createClient({ url: hub.url }).request(
      ORG,
      { code: '01' },
      { signal: controller.signal },
    );
    setTimeout(() => controller.abort(), 100);
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestAbortedError);
    expect(hub.received).toHaveLength(1);
  });

  it('rejects a call whose signal already fired', async () => {
    const hub = await serve(ok({ organization: null }));
    const error = await createClient({ url: hub.url })
      .request(ORG, { code: '01' }, { signal: AbortSignal.abort() })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestAbortedError);
    expect(hub.received).toHaveLength(0);
  });
});

describe('client VND values', () => {
  it('sends bigint variables as exact strings', async () => {
    const hub = await serve(ok({ report: { id: 'r1' } }));
    await createClient({ url: hub.url }).request(REPORT, { amount: 9_007_199_254_740_993n });
    expect(hub.received[0]?.rawBody).toContain('"amount":"9007199254740993"');
    expect(hub.received[0]?.body.variables.amount).toBe('9007199254740993');
  });
});

describe('client options', () => {
  it('rejects an unknown option', () => {
    expect(() => createClient({ url: 'http://127.0.0.1:1/graphql', tokne: 'x' } as never)).toThrow(
      /unknown client option "tokne"/,
    );
  });

  it('rejects a relative url', () => {
    expect(() => createClient({ url: '/graphql' })).toThrow(TypeError);
  });

  it('rejects a non-positive timeout', () => {
    expect(() => createClient({ url: 'http://127.0.0.1:1/graphql', timeoutMs: 0 })).toThrow(
      /timeoutMs/,
    );
  });

  it('rejects an unknown request option', async () => {
    const client = createClient({ url: 'http://127.0.0.1:1/graphql' });
    await expect(client.request(ORG, { code: '01' }, { timeout: 5 } as never)).rejects.toThrow(
      /unknown request option "timeout"/,
    );
  });

  it('freezes its settings', () => {
    const client = createClient({
      url: 'http://127.0.0.1:1/graphql',
      retry: { maxAttempts: 2 },
      headers: { 'X-Partner': 'a' },
    });
    expect(Object.isFrozen(client.options)).toBe(true);
    expect(Object.isFrozen(client.options.retry)).toBe(true);
    expect(Object.isFrozen(client.options.headers)).toBe(true);
    expect(client.options.headers).toEqual({ 'x-partner': 'a' });
    expect(client.options.retry.maxAttempts).toBe(2);
  });

  it('derives a changed copy with withOptions', () => {
    const client = new DxhubClient({
      url: 'http://127.0.0.1:1/graphql',
      locale: 'en',
      retry: { maxAttempts: 4 },
    });
    const copy = client.withOptions({ locale: 'vi' });
    expect(copy).not.toBe(client);
    expect(copy.options.locale).toBe('vi');
    expect(copy.options.retry.maxAttempts).toBe(4);
    expect(client.options.locale).toBe('en');
  });

  it('rejects subscriptions', async () => {
    const client = createClient({ url: 'http://127.0.0.1:1/graphql' });
    await expect(client.request('subscription { incidents { id } }')).rejects.toThrow(
      /subscriptions are not supported/,
    );
  });
});
