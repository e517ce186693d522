import { startTestHub, type TestHub } from '@dxhub/gateway/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  AuthorizationError,
  collect,
  createClient,
  type DocumentInput,
} from '../src/index.js';
import { startLossyProxy } from './support/lossy-proxy.js';

/** The SDK against a real hub: gateway, the five subgraphs and their database. */
describe('SDK against a running hub', () => {
  let t: TestHub;
  const tokenFor = async (org: string, scopes: string[]) =>
    (await t.bearer(org, scopes)).replace(/^Bearer /, '');

  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(async () => t?.dispose());

  it('reads the published limits', async () => {
    const hub = createClient({ url: t.hub.url, token: await tokenFor('bo-tai-chinh', []) });
    const { limits } = await hub.request(
      '{ limits { maxPageSize maxBatchSize } }' as DocumentInput<
        { limits: { maxPageSize: number; maxBatchSize: number } },
        Record<string, never>
      >,
    );
    expect(limits.maxPageSize).toBeGreaterThan(0);
    expect(limits.maxBatchSize).toBeGreaterThan(0);
  });

  it('applies a retried mutation once through the gateway', async () => {
    const proxy = await startLossyProxy(t.hub.url, 1);
    try {
      const token = await tokenFor('bo-cong-thuong', ['incidents:report', 'incidents:read']);
      const hub = createClient({
        url: proxy.url,
        token,
        retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
      });
      const title = 'Retried report of a defaced portal';
      const result = await hub.execute(
        'mutation R($input: ReportIncidentInput!) { reportIncident(input: $input) { id title } }' as DocumentInput<
          { reportIncident: { id: string; title: string } },
          { input: Record<string, unknown> }
        >,
        {
          input: {
            title,
            description: 'Home page replaced',
            category: 'INTRUSIONS',
            severity: 'LOW',
            tlp: 'GREEN',
            detectedAt: '2025-05-01T09:00:00+07:00',
          },
        },
      );
      expect(result.attempts).toBe(2);
      expect(proxy.forwarded()).toBe(2);
      const direct = createClient({ url: t.hub.url, token });
      const mine = (await collect(direct.incidents.list({ tlp: ['GREEN'] }))).filter(
        (incident) => incident.title === title,
      );
      expect(mine.map((incident) => incident.id)).toEqual([result.data.reportIncident.id]);
    } finally {
      await proxy.close();
    }
  });

  it('returns partial data with a FORBIDDEN field', async () => {
    const responseIds: (string | null)[] = [];
    const recordingFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      responseIds.push(response.headers.get('x-request-id'));
      return response;
    };
    const hub = createClient({
      url: t.hub.url,
      token: await tokenFor('bo-tai-chinh', ['network:read']),
      fetch: recordingFetch,
    });
    const document =
      '{ organization(code: "bo-tai-chinh") { code } projects(first: 1) { totalCount } }' as DocumentInput<
        { organization: { code: string } | null; projects: { totalCount: number } | null },
        Record<string, never>
      >;
    const result = await hub.execute(document);
    expect(result.data.organization).toEqual({ code: 'bo-tai-chinh' });
    expect(result.data.projects).toBeNull();
    expect(result.errors[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(result.errors[0]?.path).toEqual(['projects']);

    const error = await hub.request(document).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthorizationError);
    expect((error as AuthorizationError).data).toEqual({
      organization: { code: 'bo-tai-chinh' },
      projects: null,
    });
    expect(responseIds.at(-1)).toMatch(/\S/);
    expect((error as AuthorizationError).requestId).toBe(responseIds.at(-1));
  });

  it('refreshes a rejected token through the provider', async () => {
    const reasons: string[] = [];
    const hub = createClient({
      url: t.hub.url,
      token: async ({ reason }) => {
        reasons.push(reason);
        return reason === 'initial'
          ? 'not-a-valid-token'
          : tokenFor('bo-tai-chinh', ['network:read']);
      },
    });
    const organization = await hub.directory.organization('bo-tai-chinh');
    expect(organization?.code).toBe('bo-tai-chinh');
    expect(reasons).toEqual(['initial', 'refresh']);
  });

  it('rejects a bad static token', async () => {
    const hub = createClient({ url: t.hub.url, token: 'not-a-valid-token' });
    const error = await hub.directory.organization('bo-tai-chinh').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).status).toBe(401);
    expect((error as AuthenticationError).errors[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('keeps VND amounts above 2^53 exact', async () => {
    const hub = createClient({
      url: t.hub.url,
      token: await tokenFor('bo-tai-chinh', ['projects:read', 'projects:write']),
    });
    const budget = 9_007_199_254_740_993n;
    const created = await hub.projects.create({
      code: 'BTC-EXACT-001',
      name: 'Kho dữ liệu tài chính quốc gia',
      ownerCode: 'bo-tai-chinh',
      platform: 'DATA_SHARING',
      deliveryMode: 'OUTSOURCED_SERVICE',
      fundingSource: 'STATE_BUDGET_INVESTMENT',
      budget,
      plannedStartOn: '2025-03-01',
      plannedEndOn: '2027-12-31',
    });
    expect(created.budget).toBe(budget);
    const read = await hub.projects.get('BTC-EXACT-001');
    expect(read?.budget).toBe(budget);
    expect(read?.remainingBudget).toBe(budget);
    const totals = await hub.projects.totals('bo-tai-chinh');
    expect(totals.all.budget).toBe(budget);
  });
});
