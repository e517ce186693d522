import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger, serveSubgraph, type SubgraphModule } from '@dxhub/kit';
import { createTestSubgraph, seedOrgTree, type TestSubgraph } from '@dxhub/kit/testing';
import { parse } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NetworkError, createClient, type DocumentInput } from '../src/index.js';
import { startLossyProxy } from './support/lossy-proxy.js';

/** Resolver runs of `record`, by amount: what the test counts to see a mutation applied once. */
const applied: string[] = [];

const module: SubgraphModule = {
  name: 'sdkidem',
  typeDefs: parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@authenticated"])
    scalar VND
    type Query { applied: Int! @authenticated }
    type Receipt { number: Int! amount: VND! }
    type Mutation { record(amount: VND!): Receipt! @authenticated }
  `),
  migrations: [],
  createLoaders: () => ({}),
  resolvers: {
    Query: { applied: () => applied.length },
    Mutation: {
      record: (_source: unknown, args: { amount: string }) => {
        applied.push(args.amount);
        return { number: applied.length, amount: args.amount };
      },
    },
  },
};

const RECORD =
  'mutation Record($amount: VND!) { record(amount: $amount) { number amount } }' as DocumentInput<
    { record: { number: number; amount: string } },
    { amount: bigint }
  >;

describe('SDK retries against idempotency keys', () => {
  let sg: TestSubgraph;
  let subgraphServer: Server;
  let subgraphUrl: string;
  let token: string;

  beforeAll(async () => {
    sg = await createTestSubgraph(module, async (db) => {
      await seedOrgTree(db.database);
    });
    subgraphServer = await serveSubgraph(sg.runtime, {
      host: '127.0.0.1',
      port: 0,
      logger: createLogger({ level: 'silent' }),
    });
    subgraphUrl = `http://127.0.0.1:${(subgraphServer.address() as AddressInfo).port}/graphql`;
    token = await sg.auth.token('01', []);
  });
  afterAll(async () => {
    await new Promise((resolve) => subgraphServer?.close(resolve));
    await sg?.dispose();
  });
  beforeEach(() => {
    applied.length = 0;
  });

  it('applies a mutation once when its answer is lost', async () => {
    const proxy = await startLossyProxy(subgraphUrl, 2);
    try {
      const client = createClient({
        url: proxy.url,
        token,
        retry: { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 20 },
      });
      const amount = 9_007_199_254_740_993n;
      const result = await client.execute(RECORD, { amount });
      expect(proxy.forwarded()).toBe(3);
      expect(result.attempts).toBe(3);
      expect(applied).toEqual(['9007199254740993']);
      expect(result.data.record).toEqual({ number: 1, amount: '9007199254740993' });
      expect(BigInt(result.data.record.amount)).toBe(amount);
    } finally {
      await proxy.close();
    }
  });

  it('applies twice without a key, and reports the lost answer', async () => {
    const proxy = await startLossyProxy(subgraphUrl, 1);
    try {
      const client = createClient({
        url: proxy.url,
        token,
        retry: { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 20 },
      });
      const error = await client
        .request(RECORD, { amount: 5n }, { idempotencyKey: false })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NetworkError);
      expect(proxy.forwarded()).toBe(1);
      // A caller that sends the mutation again by hand applies it a second time.
      await client.request(RECORD, { amount: 5n }, { idempotencyKey: false });
      expect(applied).toEqual(['5', '5']);
    } finally {
      await proxy.close();
    }
  });

  it('reports a reused key as a conflict', async () => {
    const client = createClient({ url: subgraphUrl, token });
    await client.request(RECORD, { amount: 1n }, { idempotencyKey: 'sdk-reused-key' });
    const error = await client
      .request(RECORD, { amount: 2n }, { idempotencyKey: 'sdk-reused-key' })
      .catch((e: unknown) => e);
    expect((error as { code: string }).code).toBe('CONFLICT');
    expect((error as { reason: string }).reason).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((error as { status: number }).status).toBe(409);
    expect(applied).toEqual(['1']);
  });
});
