import { startTestHub, type TestHub } from '@dxhub/gateway/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('operation resolution errors', () => {
  let t: TestHub;
  let authorization: string;
  beforeAll(async () => {
    t = await startTestHub();
    authorization = await t.bearer('01', ['network:read']);
  });
  afterAll(async () => t?.dispose());

  async function send(body: Record<string, unknown>, language = 'en') {
    const response = await fetch(t.hub.url, {
      method: 'POST',
      headers: {
        authorization,
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        'accept-language': language,
      },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as {
      errors?: { message: string; extensions?: Record<string, unknown> }[];
    };
    return { status: response.status, error: json.errors?.[0] };
  }

  const cases: [string, Record<string, unknown>, string][] = [
    [
      'unknown operation name',
      { query: 'query A { __typename } query B { __typename }', operationName: 'C' },
      'Unknown operation named "C".',
    ],
    [
      'several operations without a name',
      { query: 'query A { __typename } query B { __typename }' },
      'Must provide operation name if query contains multiple operations.',
    ],
    [
      'a subscription',
      { query: 'subscription { __typename }' },
      'Schema is not configured to execute subscription operation.',
    ],
  ];

  it.each(cases)('rejects %s with 400', async (_name, body, message) => {
    const { status, error } = await send(body);
    expect(status).toBe(400);
    expect(error?.extensions?.code).toBe('OPERATION_RESOLUTION_FAILURE');
    expect(error?.message).toBe(message);
  });

  it('answers in Vietnamese', async () => {
    const { status, error } = await send(
      { query: 'query A { __typename }', operationName: 'B' },
      'vi',
    );
    expect(status).toBe(400);
    expect(error?.extensions?.code).toBe('OPERATION_RESOLUTION_FAILURE');
    expect(error?.message).toBe('Không tìm thấy thao tác tên "B".');
  });

  it('still runs a named operation', async () => {
    const response = await fetch(t.hub.url, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'query A { __typename } query B { __typename }',
        operationName: 'B',
      }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });
});
