import { sql } from 'drizzle-orm';
import { gql } from 'graphql-tag';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  executeOnSubgraph,
  hashIdempotentRequest,
  rows,
  type SubgraphContext,
  type SubgraphModule,
} from '../src/index.js';
import { createTestSubgraph, seedOrgTree, type TestSubgraph } from '../src/testing/index.js';

const typeDefs = gql`
  extend schema
    @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@authenticated"])

  type Query {
    total: Int! @authenticated
  }

  type Addition {
    id: Int!
    amount: Int!
    total: Int!
  }

  type Mutation {
    "Adds a row; waits delayMs first, so duplicates can overlap."
    add(amount: Int!, delayMs: Int): Addition @authenticated
    "Adds a row, unless the test set crashNext: then throws an unexpected error before writing."
    addOrCrash(amount: Int!): Addition @authenticated
  }
`;

/** Makes the next addOrCrash call fail, as a transient server fault would. */
let crashNext = false;

async function insertAddition(ctx: SubgraphContext, amount: number) {
  const inserted = rows<{ id: number }>(
    await ctx.db.execute(
      sql`insert into idemtest.additions (amount) values (${amount}) returning id`,
    ),
  )[0]!;
  const total = rows<{ total: string | number }>(
    await ctx.db.execute(sql`select coalesce(sum(amount), 0) as total from idemtest.additions`),
  )[0]!;
  return { id: Number(inserted.id), amount, total: Number(total.total) };
}

const module: SubgraphModule = {
  name: 'idemtest',
  typeDefs,
  migrations: [],
  createLoaders: () => ({}),
  resolvers: {
    Query: {
      total: async (_s: unknown, _a: unknown, ctx: SubgraphContext) =>
        Number(
          rows<{ total: string | number }>(
            await ctx.db.execute(
              sql`select coalesce(sum(amount), 0) as total from idemtest.additions`,
            ),
          )[0]!.total,
        ),
    },
    Mutation: {
      add: async (
        _s: unknown,
        args: { amount: number; delayMs?: number },
        ctx: SubgraphContext,
      ) => {
        if (args.delayMs) await new Promise((resolve) => setTimeout(resolve, args.delayMs));
        return insertAddition(ctx, args.amount);
      },
      addOrCrash: async (_s: unknown, args: { amount: number }, ctx: SubgraphContext) => {
        if (crashNext) {
          crashNext = false;
          throw new Error('simulated failure before any write');
        }
        return insertAddition(ctx, args.amount);
      },
    },
  },
};

const ADD =
  'mutation Add($amount: Int!, $delayMs: Int) { add(amount: $amount, delayMs: $delayMs) { id amount total } }';
const ADD_OR_CRASH =
  'mutation AddOrCrash($amount: Int!) { addOrCrash(amount: $amount) { id total } }';

describe('idempotency keys', () => {
  let sg: TestSubgraph;
  let bearer: string;
  let otherBearer: string;

  const send = async (
    query: string,
    variables: Record<string, unknown>,
    key: string | undefined,
    authorization = bearer,
  ) => {
    const headers: Record<string, string> = { authorization };
    if (key !== undefined) headers['idempotency-key'] = key;
    return executeOnSubgraph(sg.runtime, { query, variables }, headers);
  };

  const countAdditions = async (): Promise<number> =>
    Number(
      rows<{ n: string | number }>(
        await sg.db.database.db.execute(sql`select count(*) as n from idemtest.additions`),
      )[0]!.n,
    );

  beforeAll(async () => {
    sg = await createTestSubgraph(module, async (db) => {
      await seedOrgTree(db.database);
      await db.database.exec(
        'create schema idemtest; create table idemtest.additions (id serial primary key, amount int not null)',
      );
    });
    bearer = await sg.auth.bearer('01', [], { subject: 'officer-a' });
    otherBearer = await sg.auth.bearer('01', [], { subject: 'officer-b' });
  });
  afterAll(async () => sg?.dispose());
  beforeEach(async () => {
    await sg.db.database.exec('truncate idemtest.additions; delete from idempotency.keys');
  });

  it('applies a retried mutation once', async () => {
    const first = await send(ADD, { amount: 5 }, 'key-retry-1');
    const second = await send(ADD, { amount: 5 }, 'key-retry-1');
    expect(first.errors).toBeUndefined();
    expect(second).toEqual(first);
    expect(await countAdditions()).toBe(1);
  });

  it('applies a mutation without a key every time', async () => {
    await send(ADD, { amount: 5 }, undefined);
    await send(ADD, { amount: 5 }, undefined);
    expect(await countAdditions()).toBe(2);
  });

  it('rejects a key reused with other variables', async () => {
    await send(ADD, { amount: 5 }, 'key-reused');
    const reused = await send(ADD, { amount: 6 }, 'key-reused');
    expect(reused.data ?? null).toBeNull();
    expect(reused.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(reused.errors?.[0]?.extensions?.reason).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await countAdditions()).toBe(1);
  });

  it('treats variable order as the same request', async () => {
    const first = await send(ADD, { amount: 3, delayMs: 0 }, 'key-order');
    const second = await send(ADD, { delayMs: 0, amount: 3 }, 'key-order');
    expect(second).toEqual(first);
    expect(await countAdditions()).toBe(1);
  });

  it('applies concurrent duplicates once', async () => {
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => send(ADD, { amount: 7, delayMs: 300 }, 'key-concurrent')),
    );
    expect(await countAdditions()).toBe(1);
    for (const response of responses) {
      expect(response.errors).toBeUndefined();
      expect(response).toEqual(responses[0]);
    }
  });

  it('keeps keys of different callers apart', async () => {
    await send(ADD, { amount: 1 }, 'key-shared-name', bearer);
    const other = await send(ADD, { amount: 1 }, 'key-shared-name', otherBearer);
    expect(other.errors).toBeUndefined();
    expect(await countAdditions()).toBe(2);
  });

  it('ignores the key on a query', async () => {
    const result = await send('query { total }', {}, 'key-query');
    expect(result.data).toEqual({ total: 0 });
    const stored = rows(await sg.db.database.db.execute(sql`select key from idempotency.keys`));
    expect(stored).toHaveLength(0);
  });

  it('rejects a malformed key', async () => {
    const result = await send(ADD, { amount: 1 }, 'has space');
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.field).toBe('Idempotency-Key');
    expect(await countAdditions()).toBe(0);
  });

  it('accepts a quoted structured-field key', async () => {
    const first = await send(ADD, { amount: 2 }, '"key-quoted"');
    const second = await send(ADD, { amount: 2 }, 'key-quoted');
    expect(second).toEqual(first);
    expect(await countAdditions()).toBe(1);
  });

  it('frees the key after an internal error', async () => {
    crashNext = true;
    const failed = await send(ADD_OR_CRASH, { amount: 4 }, 'key-transient');
    expect(failed.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    const stored = rows(await sg.db.database.db.execute(sql`select key from idempotency.keys`));
    expect(stored).toHaveLength(0);
    // The same request with the same key runs again and applies.
    const retried = await send(ADD_OR_CRASH, { amount: 4 }, 'key-transient');
    expect(retried.errors).toBeUndefined();
    expect(await countAdditions()).toBe(1);
    const replayed = await send(ADD_OR_CRASH, { amount: 4 }, 'key-transient');
    expect(replayed).toEqual(retried);
    expect(await countAdditions()).toBe(1);
  });

  it('reuses an expired key as new', async () => {
    await send(ADD, { amount: 5 }, 'key-expired');
    await sg.db.database.exec(
      `update idempotency.keys set expires_at = now() - interval '1 second'`,
    );
    const again = await send(ADD, { amount: 6 }, 'key-expired');
    expect(again.errors).toBeUndefined();
    expect(await countAdditions()).toBe(2);
  });

  it('takes over a key whose holder died', async () => {
    const variables = { amount: 9 };
    const requestHash = hashIdempotentRequest({ query: ADD, operationName: null, variables });
    const claims = (await sg.runtime.contextFor({ authorization: bearer })).caller!.claims;
    await sg.db.database.db.execute(sql`
      insert into idempotency.keys (subgraph, client_id, subject, key, request_hash, status, locked_until, expires_at)
      values ('idemtest', ${claims.clientId}, ${claims.subject}, 'key-stale', ${requestHash}, 'IN_PROGRESS',
        now() - interval '1 second', now() + interval '1 hour')`);
    const result = await send(ADD, variables, 'key-stale');
    expect(result.errors).toBeUndefined();
    expect(await countAdditions()).toBe(1);
  });

  it('answers CONFLICT while the holder still runs', async () => {
    const variables = { amount: 9 };
    const requestHash = hashIdempotentRequest({ query: ADD, operationName: null, variables });
    const claims = (await sg.runtime.contextFor({ authorization: bearer })).caller!.claims;
    await sg.db.database.db.execute(sql`
      insert into idempotency.keys (subgraph, client_id, subject, key, request_hash, status, locked_until, expires_at)
      values ('idemtest', ${claims.clientId}, ${claims.subject}, 'key-held', ${requestHash}, 'IN_PROGRESS',
        now() + interval '1 hour', now() + interval '1 hour')`);
    const result = await send(ADD, variables, 'key-held');
    expect(result.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(result.errors?.[0]?.extensions?.reason).toBe('IDEMPOTENCY_KEY_IN_PROGRESS');
    expect(result.errors?.[0]?.extensions?.retryAfter).toBe(1);
    expect(await countAdditions()).toBe(0);
  }, 30_000);

  describe('over HTTP', () => {
    let url: string;
    beforeAll(async () => {
      url = await sg.serve();
    });

    const post = (variables: Record<string, unknown>, key: string) =>
      fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: bearer,
          'idempotency-key': key,
        },
        body: JSON.stringify({ query: ADD, variables }),
      });

    it('replays the first response with a marker header', async () => {
      const first = await post({ amount: 8 }, 'key-http');
      const second = await post({ amount: 8 }, 'key-http');
      expect(first.status).toBe(200);
      expect(second.status).toBe(200);
      expect(second.headers.get('idempotent-replayed')).toBe('true');
      expect(await second.json()).toEqual(await first.json());
      expect(await countAdditions()).toBe(1);
    });

    it('answers 409 for a reused key', async () => {
      await post({ amount: 8 }, 'key-http-409');
      const reused = await post({ amount: 1 }, 'key-http-409');
      expect(reused.status).toBe(409);
      const body = (await reused.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors[0]?.extensions.code).toBe('CONFLICT');
    });
  });
});
