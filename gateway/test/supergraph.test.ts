import fs from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { Supergraph } from '@apollo/federation-internals';
import { createLogger } from '@dxhub/kit';
import { describe, expect, it } from 'vitest';
import {
  AccessRequirements,
  COMMITTED_SUPERGRAPH_PATH,
  composeHub,
  CompositionError,
  GatewayError,
  loadSupergraph,
  withoutSecurityPurpose,
} from '../src/index.js';
import { alphaModule, betaModule, TEST_SUBGRAPHS } from '../src/testing/index.js';
import { gql } from 'graphql-tag';

const url = (name: string) => `http://127.0.0.1/${name}`;

async function gatewayAccepts(supergraphSdl: string): Promise<true | string> {
  const gateway = new ApolloGateway({ supergraphSdl, logger: createLogger({ level: 'silent' }) });
  try {
    await gateway.load();
    return true;
  } catch (error) {
    return (error as Error).message;
  } finally {
    await gateway.stop().catch(() => {});
  }
}

describe('supergraph', () => {
  it('keeps for: SECURITY in the composed supergraph', () => {
    const { supergraphSdl } = composeHub(TEST_SUBGRAPHS, url);
    expect(supergraphSdl).toMatch(
      /@link\(url: "https:\/\/specs\.apollo\.dev\/requiresScopes\/v0\.1", for: SECURITY\)/,
    );
    expect(supergraphSdl).toMatch(
      /@link\(url: "https:\/\/specs\.apollo\.dev\/authenticated\/v0\.1", for: SECURITY\)/,
    );
  });

  it('gateway rejects the original and loads the copy', async () => {
    const { supergraphSdl } = composeHub(TEST_SUBGRAPHS, url);
    const original = await gatewayAccepts(supergraphSdl);
    expect(original).not.toBe(true);
    expect(String(original)).toContain('SECURITY');
    const copy = withoutSecurityPurpose(supergraphSdl);
    expect(copy).not.toContain('for: SECURITY');
    expect(copy).toContain('for: EXECUTION');
    expect(copy).toContain('@requiresScopes(scopes: [["hub:admin"]])');
    expect(await gatewayAccepts(copy)).toBe(true);
  });

  it('commits a supergraph other routers accept', () => {
    const committed = fs.readFileSync(COMMITTED_SUPERGRAPH_PATH, 'utf8');
    expect(committed).toContain('for: SECURITY');
    // Every check except "is each SECURITY feature enforced by this gateway", which routers that
    // enforce @authenticated and @requiresScopes themselves pass.
    const supergraph = Supergraph.build(committed, { supportedFeatures: null });
    expect([...supergraph.subgraphs().names()].sort()).toEqual([
      'incidents',
      'network',
      'projects',
      'staffing',
      'surveys',
    ]);
  });

  it('writes the API schema without federation machinery', () => {
    const { apiSdl, subgraphs } = composeHub([alphaModule, betaModule], url);
    expect(apiSdl).toContain('type Unit');
    expect(apiSdl).toContain('headcount: Int');
    expect(apiSdl).not.toContain('join__');
    expect(apiSdl).not.toContain('@requiresScopes');
    expect(subgraphs.map((s) => [s.name, s.url])).toEqual([
      ['alpha', url('alpha')],
      ['beta', url('beta')],
    ]);
  });

  it('reports composition errors with codes', () => {
    const clash = {
      name: 'clash',
      typeDefs: gql`
        extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
        type Query {
          alphaVersion: Int
        }
      `,
    };
    let failure: unknown;
    try {
      composeHub([alphaModule, clash], url);
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(CompositionError);
    expect((failure as CompositionError).errors.map((e) => e.code)).toContain(
      'INVALID_FIELD_SHARING',
    );
  });

  it('reads scope requirements per field', () => {
    const requirements = AccessRequirements.fromSupergraph(
      composeHub(TEST_SUBGRAPHS, url).supergraphSdl,
    );
    expect(requirements.forField('Query', 'secret', 'String')).toEqual({
      authenticated: true,
      scopes: [[['hub:admin']]],
    });
    expect(requirements.forField('Query', 'alphaVersion', 'String')).toEqual({
      authenticated: true,
      scopes: [],
    });
    expect(requirements.forField('Unit', 'code', 'String')).toEqual({
      authenticated: false,
      scopes: [],
    });
  });

  it('rejects a missing supergraph file with a coded error', () => {
    let failure: unknown;
    try {
      loadSupergraph({ kind: 'file', path: '/nonexistent/supergraph.graphql' }, () => '');
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(GatewayError);
    expect((failure as GatewayError).code).toBe('SUPERGRAPH_INVALID');
    expect((failure as GatewayError).localizedMessage('vi')).toContain('pnpm compose');
  });
});
