import { describe, expect, it } from 'vitest';
import { clientOperationName, createLogger, formatTraceparent, parseTraceparent } from '@dxhub/kit';
import { GatewayMetrics } from '../../gateway/src/metrics/registry.js';
import { loadCorsConfig } from '../../gateway/src/plugins/useCors.js';
import { classifyOperation, requestedOperations } from '../../gateway/src/ratelimit/classify.js';
import { loadRateLimitConfig } from '../../gateway/src/ratelimit/config.js';
import { MemoryRateLimitStore, type BucketRule } from '../../gateway/src/ratelimit/store.js';
import { catchConfigError } from '@dxhub/kit/testing';

const rule: BucketRule = { capacity: 3, refillPerSecond: 1 };
const exportFields = new Set(['stixBundle']);

describe('token bucket store', () => {
  it('allows a burst up to capacity', async () => {
    const store = new MemoryRateLimitStore();
    const draw = [{ key: 'a', rule, cost: 1 }];
    for (let i = 0; i < 3; i += 1) expect((await store.draw(draw, 1000)).allowed).toBe(true);
    const refused = await store.draw(draw, 1000);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterMs).toBe(1000);
  });

  it('refills at the configured rate', async () => {
    const store = new MemoryRateLimitStore();
    const draw = [{ key: 'a', rule, cost: 3 }];
    expect((await store.draw(draw, 0)).allowed).toBe(true);
    expect((await store.draw([{ key: 'a', rule, cost: 1 }], 500)).allowed).toBe(false);
    expect((await store.draw([{ key: 'a', rule, cost: 1 }], 1000)).allowed).toBe(true);
  });

  it('draws from all buckets or none', async () => {
    const store = new MemoryRateLimitStore();
    const small: BucketRule = { capacity: 1, refillPerSecond: 0.001 };
    expect((await store.draw([{ key: 'org', rule: small, cost: 1 }], 0)).allowed).toBe(true);
    const refused = await store.draw(
      [
        { key: 'subject', rule, cost: 1 },
        { key: 'org', rule: small, cost: 1 },
      ],
      0,
    );
    expect(refused.allowed).toBe(false);
    expect(refused.limitedBy?.key).toBe('org');
    // The subject bucket kept its three tokens.
    for (let i = 0; i < 3; i += 1)
      expect((await store.draw([{ key: 'subject', rule, cost: 1 }], 0)).allowed).toBe(true);
  });

  it('forgets full buckets past its size', async () => {
    const store = new MemoryRateLimitStore(2);
    for (const key of ['a', 'b', 'c', 'd']) await store.draw([{ key, rule, cost: 1 }], 0);
    expect(store.size).toBeLessThanOrEqual(2);
  });
});

describe('scope class', () => {
  const classify = (query: string, operationName?: string) =>
    classifyOperation({ query, operationName }, exportFields);

  it('counts a mutation as a write', () => {
    expect(classify('mutation M { closePerson(id: "1", validTo: "2025-01-01") { id } }')).toBe(
      'writes',
    );
  });

  it('finds an export field inside a fragment', () => {
    expect(
      classify('query Q { incident(id: "1") { ...F } } fragment F on Incident { stixBundle }'),
    ).toBe('exports');
  });

  it('picks the named operation', () => {
    const document =
      'query A { organizations { totalCount } } mutation B { closePerson(id: "1", validTo: "2025-01-01") { id } }';
    expect(classify(document, 'A')).toBe('reads');
    expect(classify(document, 'B')).toBe('writes');
  });

  it('counts an unparsable query as a read', () => {
    expect(classify('mutation {')).toBe('reads');
  });

  it('reads batches and GET parameters', () => {
    expect(
      requestedOperations([{ query: '{ a }' }, { query: '{ b }' }], new URLSearchParams()),
    ).toHaveLength(2);
    expect(requestedOperations(undefined, new URLSearchParams('query=%7Ba%7D'))[0]?.query).toBe(
      '{a}',
    );
  });
});

describe('operations settings', () => {
  it('reads rate rules', () => {
    const config = loadRateLimitConfig({
      DXHUB_RATE_WRITES_ORG: '120:30',
      DXHUB_RATE_READS_SUBJECT: '90',
    });
    expect(config.rules.writes.organization).toEqual({ perMinute: 120, burst: 30 });
    expect(config.rules.reads.subject).toEqual({ perMinute: 90, burst: 90 });
    expect(config.enabled).toBe(true);
  });

  it('names a malformed rate variable', () => {
    expect(() => loadRateLimitConfig({ DXHUB_RATE_EXPORTS_ORG: 'ten' })).toThrow(
      /DXHUB_RATE_EXPORTS_ORG/,
    );
  });

  it('rejects export fields with no name', () => {
    for (const value of [',', ' , ,', '   ']) {
      const error = catchConfigError(() =>
        loadRateLimitConfig({ DXHUB_RATE_EXPORT_FIELDS: value }),
      );
      expect(error.variable, JSON.stringify(value)).toBe('DXHUB_RATE_EXPORT_FIELDS');
      expect(error.message).toContain(`"${value}" names no field`);
      expect(error.message).toContain('such as stixBundle,exportAuditEvents');
    }
  });

  it('rejects a malformed export field name', () => {
    const error = catchConfigError(() =>
      loadRateLimitConfig({ DXHUB_RATE_EXPORT_FIELDS: 'stixBundle,export-audit' }),
    );
    expect(error.variable).toBe('DXHUB_RATE_EXPORT_FIELDS');
    expect(error.message).toContain('"export-audit" is not a GraphQL field name');
  });

  it('reads export fields', () => {
    expect(
      loadRateLimitConfig({ DXHUB_RATE_EXPORT_FIELDS: ' stixBundle , , report ' }).exportFields,
    ).toEqual(['stixBundle', 'report']);
    expect(loadRateLimitConfig({}).exportFields).toEqual(['stixBundle', 'exportAuditEvents']);
  });

  it('allows no origin by default in production', () => {
    expect(loadCorsConfig({ DXHUB_ENV: 'production' }).allowedOrigins).toEqual([]);
    expect(loadCorsConfig({}).allowedOrigins).toBe('*');
  });

  it('rejects an origin with a path', () => {
    expect(() =>
      loadCorsConfig({ DXHUB_CORS_ORIGINS: 'https://portal.example.gov.vn/app' }),
    ).toThrow(/DXHUB_CORS_ORIGINS/);
    expect(
      loadCorsConfig({ DXHUB_CORS_ORIGINS: 'https://a.example, http://127.0.0.1:5173' })
        .allowedOrigins,
    ).toEqual(['https://a.example', 'http://127.0.0.1:5173']);
  });
});

describe('traceparent', () => {
  it('parses a valid header', () => {
    const parsed = parseTraceparent('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01');
    expect(parsed).toEqual({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      parentId: '00f067aa0ba902b7',
      flags: '01',
    });
    expect(formatTraceparent(parsed as NonNullable<typeof parsed>)).toBe(
      '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    );
  });

  it.each([
    ['upper case', '00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01'],
    ['zero trace id', '00-00000000000000000000000000000000-00f067aa0ba902b7-01'],
    ['zero parent id', '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01'],
    ['version ff', 'ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'],
    ['extra field on 00', '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra'],
    ['short', '00-4bf92f35-00f067aa0ba902b7-01'],
  ])('rejects %s', (_name, header) => {
    expect(parseTraceparent(header)).toBeNull();
  });

  it('accepts extra fields of a later version', () => {
    expect(
      parseTraceparent('01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-later')?.traceId,
    ).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
  });
});

describe('metric labels', () => {
  it('caps operation names', () => {
    const metrics = new GatewayMetrics(createLogger({ level: 'silent' }));
    expect(metrics.operationLabel(null)).toBe('(anonymous)');
    expect(metrics.operationLabel('not a name; drop table')).toBe('other');
    for (let i = 0; i < 200; i += 1) expect(metrics.operationLabel(`Op${i}`)).toBe(`Op${i}`);
    expect(metrics.operationLabel('OneTooMany')).toBe('other');
    expect(metrics.operationLabel('Op7')).toBe('Op7');
  });

  it('strips the gateway fetch suffix', () => {
    expect(clientOperationName('ReadContact__network__0')).toBe('ReadContact');
    expect(clientOperationName('Read__Contact')).toBe('Read__Contact');
    expect(clientOperationName(null)).toBeNull();
  });
});
