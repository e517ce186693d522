import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, TEST_SUBGRAPHS, type TestHub } from '../src/testing/index.js';

describe('introspection turned off', () => {
  let t: TestHub;
  let auth: string;
  beforeAll(async () => {
    t = await startTestHub({ subgraphs: TEST_SUBGRAPHS, overrides: { introspection: false } });
    auth = await t.bearer('01', []);
  });
  afterAll(async () => t?.dispose());

  const introspection = { query: '{ __schema { queryType { name } } }' };

  it('keeps the validation codes', async () => {
    const response = await t.post(introspection, { authorization: auth });
    expect(response.status).toBe(400);
    expect(response.body.data).toBeUndefined();
    const error = response.body.errors?.[0];
    expect(error?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(error?.extensions?.validationErrorCode).toBe('INTROSPECTION_DISABLED');
  });

  it('names DXHUB_INTROSPECTION in English', async () => {
    const response = await t.post(introspection, { authorization: auth });
    const message = response.body.errors?.[0]?.message;
    expect(message).toContain('Introspection is turned off on this hub by DXHUB_INTROSPECTION');
    expect(message).toContain('DXHUB_INTROSPECTION=true');
    expect(message).not.toContain('ApolloServer');
  });

  it('names DXHUB_INTROSPECTION in Vietnamese', async () => {
    const response = await t.post(
      { query: '{ __type(name: "Query") { name } }' },
      { authorization: auth, 'accept-language': 'vi-VN,vi;q=0.9' },
    );
    const message = response.body.errors?.[0]?.message;
    expect(message).toContain('Truy vấn introspection đã bị tắt');
    expect(message).toContain('DXHUB_INTROSPECTION=true');
  });

  it('still serves other queries', async () => {
    const response = await t.post({ query: '{ alphaVersion }' }, { authorization: auth });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ data: { alphaVersion: 'alpha-1' } });
  });
});
