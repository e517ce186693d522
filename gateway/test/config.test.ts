import { describe, expect, it } from 'vitest';
import { COMMITTED_SUPERGRAPH_PATH, loadGatewayConfig } from '../src/index.js';
import { catchConfigError } from '@dxhub/kit/testing';

describe('gateway config', () => {
  it('has safe defaults', () => {
    const config = loadGatewayConfig({}, {});
    expect(config.supergraph).toEqual({ kind: 'file', path: COMMITTED_SUPERGRAPH_PATH });
    expect(config.subgraphs.network).toEqual({
      url: 'http://127.0.0.1:4001/graphql',
      timeoutMs: 10_000,
    });
    expect(config.subgraphs.incidents?.url).toBe('http://127.0.0.1:4005/graphql');
    expect(config.limits).toEqual({
      maxDepth: 12,
      maxAliases: 15,
      maxRootFields: 10,
      maxTokens: 2000,
      maxDirectives: 20,
      maxBodyBytes: 1024 * 1024,
      maxBatchSize: 5,
    });
    expect(config.introspection).toBe(true);
    expect(config.fieldSuggestions).toBe(true);
  });

  it('reads subgraph URLs and timeouts', () => {
    const config = loadGatewayConfig(
      {},
      {
        STAFFING_URL: 'http://staffing:4002/graphql',
        DXHUB_SUBGRAPH_TIMEOUT_MS: '2000',
        NETWORK_TIMEOUT_MS: '500',
      },
    );
    expect(config.subgraphs.staffing).toEqual({
      url: 'http://staffing:4002/graphql',
      timeoutMs: 2000,
    });
    expect(config.subgraphs.network?.timeoutMs).toBe(500);
  });

  it('turns suggestions off in production', () => {
    const config = loadGatewayConfig(
      {},
      { DXHUB_ENV: 'production', DXHUB_JWKS_URL: 'https://id.example.gov.vn/jwks' },
    );
    expect(config.fieldSuggestions).toBe(false);
  });

  it('names the malformed variable', () => {
    expect(
      catchConfigError(() => loadGatewayConfig({}, { PROJECTS_URL: 'not a url' })).variable,
    ).toBe('PROJECTS_URL');
    expect(
      catchConfigError(() => loadGatewayConfig({}, { SURVEYS_URL: 'ftp://x/graphql' })).variable,
    ).toBe('SURVEYS_URL');
    expect(catchConfigError(() => loadGatewayConfig({}, { DXHUB_MAX_DEPTH: '0' })).variable).toBe(
      'DXHUB_MAX_DEPTH',
    );
    expect(
      catchConfigError(() => loadGatewayConfig({}, { DXHUB_MAX_BATCH: 'many' })).variable,
    ).toBe('DXHUB_MAX_BATCH');
    expect(
      catchConfigError(() => loadGatewayConfig({}, { DXHUB_INTROSPECTION: 'maybe' })).variable,
    ).toBe('DXHUB_INTROSPECTION');
    expect(catchConfigError(() => loadGatewayConfig({}, { PORT: '70000' })).variable).toBe('PORT');
  });

  it('lets overrides win over the environment', () => {
    const config = loadGatewayConfig(
      {
        port: 5000,
        limits: { maxDepth: 4 },
        subgraphs: { network: { timeoutMs: 300 }, extra: { url: 'http://127.0.0.1:9/graphql' } },
      },
      { PORT: '4000', DXHUB_MAX_DEPTH: '8', DXHUB_MAX_ALIASES: '3' },
    );
    expect(config.port).toBe(5000);
    expect(config.limits.maxDepth).toBe(4);
    expect(config.limits.maxAliases).toBe(3);
    expect(config.subgraphs.network).toEqual({
      url: 'http://127.0.0.1:4001/graphql',
      timeoutMs: 300,
    });
    expect(config.subgraphs.extra).toEqual({
      url: 'http://127.0.0.1:9/graphql',
      timeoutMs: 10_000,
    });
  });

  it('reads compose as the supergraph source', () => {
    expect(loadGatewayConfig({}, { DXHUB_SUPERGRAPH: 'compose' }).supergraph).toEqual({
      kind: 'compose',
    });
  });
});
