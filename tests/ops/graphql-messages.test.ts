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

  const validation: [name: string, query: string, vietnamese: string, english: string][] = [
    [
      'field conflict',
      '{ organizations(first: 1) { nodes { name: code name } } }',
      'Các trường "name" xung đột vì "code" và "name" là hai trường khác nhau. Nếu muốn lấy cả hai, hãy đặt alias khác nhau cho các trường.',
      'Fields "name" conflict because "code" and "name" are different fields. Use different aliases on the fields to fetch both if this was intentional.',
    ],
    [
      'fragment cycle',
      'fragment A on Query { ...B } fragment B on Query { ...A } { ...A }',
      'Fragment "A" không được dùng bên trong chính nó (qua "B").',
      'Cannot spread fragment "A" within itself via "B".',
    ],
    [
      'duplicate directive',
      '{ __typename @skip(if: false) @skip(if: false) }',
      'Directive "@skip" chỉ được dùng một lần ở vị trí này.',
      'The directive "@skip" can only be used once at this location.',
    ],
  ];

  it.each(validation)('%s in both languages', async (_name, query, vietnamese, english) => {
    for (const [language, message] of [
      ['vi', vietnamese],
      ['en', english],
    ] as const) {
      const response = await t.post({ query }, { authorization, 'accept-language': language });
      const [error, ...rest] = response.body.errors ?? [];
      expect(rest).toEqual([]);
      expect(error?.message).toBe(message);
      expect(error?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    }
  });

  /** Sends a raw request to the hub's GraphQL endpoint and returns the status and its one error. */
  async function send(
    init: { method: string; search?: string; contentType?: string; body?: string },
    language: string,
  ) {
    const response = await fetch(`${t.hub.url}${init.search ?? ''}`, {
      method: init.method,
      headers: {
        authorization,
        accept: 'application/graphql-response+json',
        'accept-language': language,
        ...(init.contentType ? { 'content-type': init.contentType } : {}),
      },
      ...(init.body === undefined ? {} : { body: init.body }),
    });
    const body = (await response.json()) as {
      errors?: { message: string; extensions?: { code?: unknown } }[];
    };
    expect(body.errors).toHaveLength(1);
    return { status: response.status, error: body.errors![0]! };
  }

  const badRequests: [
    name: string,
    init: { method: string; search?: string; contentType?: string; body?: string },
    status: number,
    vietnamese: string,
    english: string,
  ][] = [
    [
      'POST without body',
      { method: 'POST', contentType: 'application/json' },
      400,
      'Yêu cầu POST thiếu nội dung, có Content-Type không hợp lệ hoặc gửi một đối tượng JSON rỗng. Hãy gửi một đối tượng JSON có khóa "query" với Content-Type: application/json.',
      'POST body missing, invalid Content-Type, or JSON object has no keys.',
    ],
    [
      'empty query',
      { method: 'POST', contentType: 'application/json', body: '{"query":""}' },
      400,
      'Thao tác GraphQL phải có `query` khác rỗng hoặc phần mở rộng (extension) `persistedQuery`.',
      'GraphQL operations must contain a non-empty `query` or a `persistedQuery` extension.',
    ],
    [
      'variables not an object',
      {
        method: 'POST',
        contentType: 'application/json',
        body: '{"query":"{ __typename }","variables":[1]}',
      },
      400,
      '`variables` trong nội dung yêu cầu POST, nếu có, phải là một đối tượng.',
      '`variables` in a POST body must be an object if provided.',
    ],
    [
      'mutation over GET',
      { method: 'GET', search: `?query=${encodeURIComponent('mutation { __typename }')}` },
      405,
      'Yêu cầu GET chỉ dùng được cho thao tác query, không dùng được cho thao tác mutation',
      'GET requests only support query operations, not mutation operations',
    ],
  ];

  it.each(badRequests)(
    'BAD_REQUEST for %s in both languages',
    async (_name, init, status, vietnamese, english) => {
      for (const [language, message] of [
        ['vi', vietnamese],
        ['en', english],
      ] as const) {
        const { status: actual, error } = await send(init, language);
        expect(actual).toBe(status);
        expect(error.message).toBe(message);
        expect(error.extensions?.code).toBe('BAD_REQUEST');
      }
    },
  );

  it('malformed JSON in Vietnamese', async () => {
    const { status, error } = await send(
      { method: 'POST', contentType: 'application/json', body: '{"query":' },
      'vi',
    );
    expect(status).toBe(400);
    expect(error.message).toBe(
      'Giá trị không hợp lệ ở body: nội dung yêu cầu không phải JSON hợp lệ.',
    );
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
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
