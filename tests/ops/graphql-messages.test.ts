import { startTestHub, type TestHub } from '@dxhub/gateway/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const MISSPELLED_FIELD = '{ organizations(first: 1) { nodes { nam } } }';
const UNCLOSED_SELECTION = '{ organizations(first: 1) { nodes { name }';

describe('graphql-js messages through the gateway', () => {
  let t: TestHub;
  let authorization: string;
  beforeAll(async () => {
    t = await startTestHub();
    authorization = await t.bearer('01', ['network:read']);
  });
  afterAll(async () => t?.dispose());

  it('validation error in Vietnamese', async () => {
    const response = await t.post(
      { query: MISSPELLED_FIELD },
      { authorization, 'accept-language': 'vi' },
    );
    const [error, ...rest] = response.body.errors ?? [];
    expect(rest).toEqual([]);
    expect(error?.message).toBe(
      'Không thể truy vấn trường "nam" trên kiểu "Organization". Có phải ý bạn là "name"?',
    );
    expect(error?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('validation error in English', async () => {
    const response = await t.post(
      { query: MISSPELLED_FIELD },
      { authorization, 'accept-language': 'en' },
    );
    const [error, ...rest] = response.body.errors ?? [];
    expect(rest).toEqual([]);
    expect(error?.message).toBe(
      'Cannot query field "nam" on type "Organization". Did you mean "name"?',
    );
    expect(error?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('syntax error in Vietnamese', async () => {
    const response = await t.post(
      { query: UNCLOSED_SELECTION },
      { authorization, 'accept-language': 'vi-VN,vi;q=0.9,en;q=0.5' },
    );
    const [error, ...rest] = response.body.errors ?? [];
    expect(rest).toEqual([]);
    expect(error?.message).toBe('Lỗi cú pháp: cần tên nhưng gặp cuối tài liệu.');
    expect(error?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('syntax error in English', async () => {
    const response = await t.post(
      { query: UNCLOSED_SELECTION },
      { authorization, 'accept-language': 'en' },
    );
    const [error, ...rest] = response.body.errors ?? [];
    expect(rest).toEqual([]);
    expect(error?.message).toBe('Syntax Error: Expected Name, found <EOF>.');
    expect(error?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('variable error in Vietnamese', async () => {
    const response = await t.post(
      {
        query: 'query ($first: Int) { organizations(first: $first) { nodes { name } } }',
        variables: { first: 'hai' },
      },
      { authorization, 'accept-language': 'vi' },
    );
    const [error, ...rest] = response.body.errors ?? [];
    expect(rest).toEqual([]);
    expect(error?.message).toBe(
      'Biến "$first" có giá trị không hợp lệ "hai"; Giá trị không hợp lệ cho kiểu Int, cần một số nguyên: "hai"',
    );
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  const unresolvable: [string, Record<string, unknown>, string][] = [
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

  it.each(unresolvable)('rejects %s with 400', async (_name, body, message) => {
    const response = await t.post(body, {
      authorization,
      accept: 'application/graphql-response+json',
      'accept-language': 'en',
    });
    const [error] = response.body.errors ?? [];
    expect(response.status).toBe(400);
    expect(error?.extensions?.code).toBe('OPERATION_RESOLUTION_FAILURE');
    expect(error?.message).toBe(message);
  });

  it('unknown operation in Vietnamese', async () => {
    const response = await t.post(
      { query: 'query A { __typename }', operationName: 'B' },
      { authorization, accept: 'application/graphql-response+json', 'accept-language': 'vi' },
    );
    const [error] = response.body.errors ?? [];
    expect(response.status).toBe(400);
    expect(error?.extensions?.code).toBe('OPERATION_RESOLUTION_FAILURE');
    expect(error?.message).toBe('Không tìm thấy thao tác tên "B".');
  });

  it('runs the named one of several operations', async () => {
    const response = await t.post(
      { query: 'query A { __typename } query B { __typename }', operationName: 'B' },
      { authorization },
    );
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ data: { __typename: 'Query' } });
  });
});
