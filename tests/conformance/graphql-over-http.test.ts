import { startTestHub, type TestHub } from '@dxhub/gateway/testing';
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('GraphQL over HTTP audits', () => {
  let t: TestHub;
  let authorization: string;
  beforeAll(async () => {
    t = await startTestHub();
    authorization = await t.bearer('01', ['network:read']);
  });
  afterAll(async () => t?.dispose());

  // The audits' requests carry a valid token, as every client of the hub must.
  const audits = serverAudits({
    url: () => t.hub.url,
    fetchFn: (input: RequestInfo | URL, init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      headers.set('authorization', authorization);
      return fetch(input, { ...init, headers });
    },
  });

  it('sends a body with its length', async () => {
    const response = await fetch(t.hub.url, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ organizations(first: 2) { nodes { code name } } }' }),
    });
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get('transfer-encoding')).toBeNull();
    expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
    expect(JSON.parse(text).errors).toBeUndefined();
  });

  it('runs the whole audit list', () => {
    expect(audits.length).toBeGreaterThan(30);
  });

  it.each(audits.map((audit) => [`${audit.id} ${audit.name}`, audit] as const))(
    '%s',
    async (_name, audit) => {
      const result = await audit.fn();
      const detail =
        result.status === 'ok' ? '' : `${result.reason}: ${JSON.stringify(result.response.status)}`;
      expect(result.status, detail).toBe('ok');
    },
  );
});
