import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usingPostgres } from '@dxhub/kit/testing';
import { EXAMPLE_OPERATIONS } from '../../gateway/src/explorer/examples.js';
import { graphql, startHubProcess, type HubProcess } from './hub.js';

const AGENCY = 'cuc-chuyen-doi-so-quoc-gia';
const ALLOWED_ORIGIN = 'https://portal.example.gov.vn';

/** Reads one sample's value from Prometheus text; 0 when the series does not exist yet. */
function sample(text: string, series: string): number {
  for (const line of text.split('\n')) {
    if (line.startsWith(`${series} `)) return Number(line.slice(series.length + 1));
  }
  return 0;
}

async function scrape(hub: HubProcess): Promise<string> {
  const response = await fetch(`${hub.origin}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return response.text();
}

const orgQuery = (name: string) => ({
  query: `query ${name} { organization(code: "${AGENCY}") { code name } }`,
});

describe('gateway operations', () => {
  let hub: HubProcess;
  let otherOrg: string;

  beforeAll(async () => {
    hub = await startHubProcess({
      DXHUB_CORS_ORIGINS: ALLOWED_ORIGIN,
      DXHUB_RATE_READS_SUBJECT: '4:4',
      DXHUB_RATE_READS_ORG: '1000:1000',
      DXHUB_RATE_WRITES_SUBJECT: '100:100',
      DXHUB_RATE_WRITES_ORG: '2:2',
    });
    const token = await hub.token(AGENCY, ['network:read'], 'setup');
    const listed = await graphql(
      hub.origin,
      { query: '{ organizations(filter: { level: CENTRAL }, first: 5) { nodes { code } } }' },
      { authorization: `Bearer ${token}` },
    );
    const codes = (
      (listed.body.data?.organizations as { nodes: { code: string }[] } | undefined)?.nodes ?? []
    ).map((n) => n.code);
    const found = codes.find((code) => code !== AGENCY);
    if (!found)
      throw new Error(`no second central body to test with: ${JSON.stringify(listed.body)}`);
    otherOrg = found;
  });

  afterAll(async () => hub?.dispose());

  it('moves metrics counters after traffic', async () => {
    const before = await scrape(hub);
    const token = await hub.token(AGENCY, ['network:read'], 'metrics-probe');
    for (let i = 0; i < 3; i += 1) {
      const result = await graphql(hub.origin, orgQuery('MetricsProbe'), {
        authorization: `Bearer ${token}`,
      });
      expect(result.status).toBe(200);
    }
    const rejected = await graphql(hub.origin, orgQuery('MetricsProbe'), {
      authorization: 'Bearer not-a-token',
    });
    expect(rejected.status).toBe(401);
    const after = await scrape(hub);

    const graphqlOk = 'dxhub_http_requests_total{method="POST",route="/graphql",status="200"}';
    expect(sample(after, graphqlOk) - sample(before, graphqlOk)).toBeGreaterThanOrEqual(3);
    const unauthenticated = 'dxhub_graphql_errors_total{code="UNAUTHENTICATED"}';
    expect(sample(after, unauthenticated) - sample(before, unauthenticated)).toBe(1);
    const operation =
      'dxhub_graphql_operation_duration_seconds_count{operation="MetricsProbe",type="query"}';
    expect(sample(after, operation) - sample(before, operation)).toBe(3);
    const network =
      'dxhub_subgraph_request_duration_seconds_count{subgraph="network",outcome="ok"}';
    expect(sample(after, network) - sample(before, network)).toBeGreaterThanOrEqual(3);
    expect(after).toContain('dxhub_http_requests_in_flight');
    if (usingPostgres)
      expect(after).toMatch(/^dxhub_database_connections\{state="(idle|active)"\} \d+$/m);
  });

  it('runs every explorer example', async () => {
    for (const example of EXAMPLE_OPERATIONS) {
      const token = await hub.token(AGENCY, example.scopes, `example-${example.scopes.join('-')}`);
      const result = await graphql(
        hub.origin,
        { query: example.query, ...(example.variables ? { variables: example.variables } : {}) },
        {
          authorization: `Bearer ${token}`,
        },
      );
      expect(result.status, example.title).toBe(200);
      expect(
        result.body.errors,
        `${example.title}: ${JSON.stringify(result.body.errors)}`,
      ).toBeUndefined();
      expect(result.body.data, example.title).toBeTruthy();
    }
  });

  it('carries traceparent into the subgraph log', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const requestId = `trace-test-${Date.now()}`;
    const token = await hub.token(AGENCY, ['network:read'], 'trace-probe');
    const result = await graphql(hub.origin, orgQuery('TraceProbe'), {
      authorization: `Bearer ${token}`,
      traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
      'x-request-id': requestId,
    });
    expect(result.status).toBe(200);
    expect(result.headers.get('traceresponse')).toMatch(
      new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`),
    );

    const deadline = Date.now() + 10_000;
    let line: Record<string, unknown> | undefined;
    while (!line && Date.now() < deadline) {
      line = hub
        .logLines()
        .find((entry) => entry.msg === 'subgraph request' && entry.requestId === requestId);
      if (!line) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(line, 'no subgraph log line for the request').toBeDefined();
    expect(line?.traceId).toBe(traceId);
    expect(String(line?.traceparent)).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    expect(line?.traceparent).not.toBe(`00-${traceId}-00f067aa0ba902b7-01`);
    expect(line?.org).toBe(AGENCY);
    expect(line?.operationName).toMatch(/^TraceProbe/);
  });

  it('starts a trace for a malformed traceparent', async () => {
    const requestId = `trace-bad-${Date.now()}`;
    const token = await hub.token(AGENCY, ['network:read'], 'trace-probe-2');
    const result = await graphql(hub.origin, orgQuery('TraceFresh'), {
      authorization: `Bearer ${token}`,
      traceparent: '00-00000000000000000000000000000000-00f067aa0ba902b7-01',
      'x-request-id': requestId,
    });
    const traceresponse = result.headers.get('traceresponse') ?? '';
    expect(traceresponse).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/);
    expect(traceresponse).not.toContain('00000000000000000000000000000000');
  });

  it('answers a CORS preflight', async () => {
    const preflight = await fetch(`${hub.origin}/graphql`, {
      method: 'OPTIONS',
      headers: {
        origin: ALLOWED_ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    expect(preflight.headers.get('vary')).toBe('Origin');
  });

  it('refuses a preflight from another origin', async () => {
    const preflight = await fetch(`${hub.origin}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://attacker.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('marks responses for an allowed origin', async () => {
    const token = await hub.token(AGENCY, ['network:read'], 'cors-probe');
    const allowed = await graphql(hub.origin, orgQuery('CorsProbe'), {
      authorization: `Bearer ${token}`,
      origin: ALLOWED_ORIGIN,
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    const other = await graphql(hub.origin, orgQuery('CorsProbe'), {
      authorization: `Bearer ${token}`,
      origin: 'https://attacker.example',
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('rejects an oversized batch before rate limiting', async () => {
    // Six operations exceed both the default batch limit (5) and this client's burst (4).
    const token = await hub.token(AGENCY, ['network:read'], 'batch-client');
    const batch = Array.from({ length: 6 }, () => orgQuery('BatchProbe'));
    const rejected = await graphql(hub.origin, batch, { authorization: `Bearer ${token}` });
    expect(rejected.status).toBe(400);
    expect(rejected.body.errors?.[0]?.extensions?.code).toBe('QUERY_LIMIT_EXCEEDED');
    expect(rejected.body.errors?.[0]?.extensions?.limit).toBe('BATCH_SIZE');
    const single = await graphql(hub.origin, orgQuery('BatchProbe'), {
      authorization: `Bearer ${token}`,
    });
    expect(single.status).toBe(200);
  });

  it('limits one client while another organisation is served', async () => {
    const busy = await hub.token(AGENCY, ['network:read'], 'burst-client');
    const calm = await hub.token(otherOrg, ['network:read'], 'calm-client');
    const send = (token: string) =>
      graphql(hub.origin, orgQuery('RateProbe'), { authorization: `Bearer ${token}` });
    const results = await Promise.all([
      ...Array.from({ length: 10 }, () => send(busy)),
      ...Array.from({ length: 3 }, () => send(calm)),
    ]);
    const busyResults = results.slice(0, 10);
    const calmResults = results.slice(10);

    const limited = busyResults.filter((result) => result.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(5);
    for (const result of limited) {
      expect(Number(result.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(result.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
      expect(result.body.errors?.[0]?.extensions?.limit).toBe('subject');
      expect(result.body.errors?.[0]?.extensions?.scopeClass).toBe('reads');
    }
    for (const result of calmResults) {
      expect(result.status).toBe(200);
      expect(result.body.data?.organization).toBeTruthy();
    }
  });

  it('limits writes per organisation', async () => {
    const mutation = {
      query:
        'mutation WriteProbe { closePerson(id: "00000000-0000-4000-8000-000000000000", validTo: "2025-01-01") { id } }',
    };
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof graphql>> | undefined;
    for (const subject of ['writer-1', 'writer-2', 'writer-3']) {
      const token = await hub.token(otherOrg, ['network:write'], subject);
      last = await graphql(hub.origin, mutation, {
        authorization: `Bearer ${token}`,
        'accept-language': 'vi',
      });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 2).every((status) => status !== 429)).toBe(true);
    expect(statuses[2]).toBe(429);
    expect(last?.body.errors?.[0]?.extensions?.limit).toBe('organization');
    expect(last?.body.errors?.[0]?.extensions?.scopeClass).toBe('writes');
    expect(last?.body.errors?.[0]?.message).toContain(`tổ chức ${otherOrg}`);
  });
});
