import { gql } from 'graphql-tag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DxError, type SubgraphContext, type SubgraphModule } from '../src/index.js';
import { createTestSubgraph, seedOrgTree, type TestSubgraph } from '../src/testing/index.js';

const typeDefs = gql`
  extend schema
    @link(
      url: "https://specs.apollo.dev/federation/v2.7"
      import: ["@key", "@authenticated", "@requiresScopes"]
    )

  type Query {
    open: String
    signedIn: String @authenticated
    secret: Secret @requiresScopes(scopes: [["network:read"]])
    both: String @requiresScopes(scopes: [["network:read", "network:pii"], ["hub:admin"]])
    myOrg: String
    broken: String
    coded: String
    echo(text: String!): String
    echoAll(items: [EchoItem!]!): [String!]!
  }

  input EchoItem {
    text: String!
  }

  type Secret {
    plain: String
    personal: String @requiresScopes(scopes: [["network:pii"]])
  }
`;

const module: SubgraphModule = {
  name: 'kittest',
  typeDefs,
  migrations: [],
  createLoaders: () => ({}),
  resolvers: {
    Query: {
      open: () => 'open',
      signedIn: () => 'yes',
      secret: () => ({ plain: 'plain', personal: 'personal' }),
      both: () => 'both',
      myOrg: async (_s: unknown, _a: unknown, ctx: SubgraphContext) =>
        (await ctx.caller?.org())?.code ?? null,
      broken: () => {
        throw new Error('select * from secret_table where password = $1');
      },
      echo: (_s: unknown, args: { text: string }) => args.text,
      echoAll: (_s: unknown, args: { items: { text: string }[] }) =>
        args.items.map((item) => item.text),
      coded: (_s: unknown, _a: unknown, ctx: SubgraphContext) => {
        throw new DxError('NOT_FOUND', {
          locale: ctx.locale,
          params: { entity: 'Organization', value: '99' },
        });
      },
    },
  },
};

describe('subgraph runtime', () => {
  let sg: TestSubgraph;
  beforeAll(async () => {
    sg = await createTestSubgraph(module, async (db) => {
      await seedOrgTree(db.database);
    });
  });
  afterAll(async () => sg?.dispose());

  it('rejects a request without a token', async () => {
    const result = await sg.run('{ open }', undefined, null);
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(result.errors?.[0]?.extensions?.reason).toBe('TOKEN_MISSING');
  });

  it('nulls a field whose scope is missing and keeps the rest', async () => {
    const result = await sg.run('{ open signedIn secret { plain personal } }', undefined, {
      org: '01',
      scopes: [],
    });
    expect(result.data).toEqual({ open: 'open', signedIn: 'yes', secret: null });
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(result.errors?.[0]?.path).toEqual(['secret']);
  });

  it('checks nested field scopes separately', async () => {
    const result = await sg.run('{ secret { plain personal } }', undefined, {
      org: '01',
      scopes: ['network:read'],
    });
    expect(result.data).toEqual({ secret: { plain: 'plain', personal: null } });
    expect(result.errors?.[0]?.path).toEqual(['secret', 'personal']);
  });

  it('accepts any one alternative scope set in full', async () => {
    const partial = await sg.run('{ both }', undefined, { org: '01', scopes: ['network:read'] });
    expect(partial.data).toEqual({ both: null });
    const full = await sg.run('{ both }', undefined, {
      org: '01',
      scopes: ['network:read', 'network:pii'],
    });
    expect(full.data).toEqual({ both: 'both' });
    const admin = await sg.run('{ both }', undefined, { org: '01', scopes: ['hub:admin'] });
    expect(admin.data).toEqual({ both: 'both' });
  });

  it('resolves the caller organisation from the org tree', async () => {
    const result = await sg.run('{ myOrg }', undefined, { org: '001', scopes: [] });
    expect(result.data).toEqual({ myOrg: '001' });
  });

  it('masks unexpected errors and keeps coded ones', async () => {
    const result = await sg.run('{ broken coded }', undefined, {
      org: '01',
      scopes: [],
      locale: 'vi',
    });
    const [broken, coded] = result.errors ?? [];
    expect(broken?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(broken?.message).not.toContain('secret_table');
    expect(broken?.extensions?.stacktrace).toBeUndefined();
    expect(coded?.extensions?.code).toBe('NOT_FOUND');
    expect(coded?.message).toBe('Không tìm thấy Organization 99.');
  });

  it('puts variable strings in NFC', async () => {
    const decomposed = 'Hòa Bình'.normalize('NFD');
    const result = await sg.run(
      'query ($t: String!) { echo(text: $t) }',
      { t: decomposed },
      { org: '01', scopes: [] },
    );
    expect(result.data?.echo).toBe('Hòa Bình'.normalize('NFC'));
  });

  it('puts nested variable strings in NFC', async () => {
    const decomposed = 'Phường Hòa Bình'.normalize('NFD');
    const items = [{ text: 'ascii' }, { text: decomposed }];
    const result = await sg.run(
      'query ($items: [EchoItem!]!) { echoAll(items: $items) }',
      { items },
      { org: '01', scopes: [] },
    );
    expect(result.data?.echoAll).toEqual(['ascii', 'Phường Hòa Bình'.normalize('NFC')]);
    // The caller's variables are copied where a string changes, never rewritten in place.
    expect(items[1]?.text).toBe(decomposed);
  });

  it('rejects a nested NUL character with its path', async () => {
    const result = await sg.run(
      'query ($items: [EchoItem!]!) { echoAll(items: $items) }',
      { items: [{ text: 'a' }, { text: 'b\u0000' }] },
      { org: '01', scopes: [] },
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.field).toBe('variables.items.1.text');
  });

  it('rejects a NUL character with its path', async () => {
    const result = await sg.run(
      'query ($t: String!) { echo(text: $t) }',
      { t: 'a\u0000b' },
      { org: '01', scopes: [] },
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.field).toBe('variables.t');
  });

  it('rejects an overlong string', async () => {
    const result = await sg.run(
      'query ($t: String!) { echo(text: $t) }',
      { t: 'a'.repeat(20_001) },
      { org: '01', scopes: [] },
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.reason).toBe('TOO_LONG');
  });
});

describe('subgraph HTTP service', () => {
  let sg: TestSubgraph;
  let url: string;
  beforeAll(async () => {
    sg = await createTestSubgraph(module, async (db) => {
      await seedOrgTree(db.database);
    });
    url = await sg.serve();
  });
  afterAll(async () => sg?.dispose());

  it('sends a complete body with its length', async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: await sg.auth.bearer('01', []),
      },
      body: JSON.stringify({
        query: 'query ($t: String!) { echo(text: $t) }',
        variables: { t: 'Hòa' },
      }),
    });
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get('transfer-encoding')).toBeNull();
    expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
    expect(JSON.parse(text)).toEqual({ data: { echo: 'Hòa' } });
  });
});
