import { afterEach, describe, expect, it } from 'vitest';
import {
  collect,
  createClient,
  inBatches,
  paginate,
  paginatePages,
  type DocumentInput,
} from '../src/index.js';
import {
  startScriptedServer,
  type ReceivedRequest,
  type ScriptedResponse,
} from './support/scripted-server.js';

type Server = Awaited<ReturnType<typeof startScriptedServer>>;
let server: Server | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const CODES = Array.from({ length: 23 }, (_, i) => String(i + 1).padStart(2, '0'));

interface Org {
  code: string;
}
const LIST =
  'query List($first: Int, $after: String, $level: String) { organizations(first: $first, after: $after, level: $level) { nodes { code } pageInfo { hasNextPage endCursor } totalCount } }' as DocumentInput<
    {
      organizations: {
        nodes: Org[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        totalCount: number;
      };
    },
    { first?: number | null; after?: string | null; level?: string | null }
  >;

/** Builds a fake hub with `limits` and a connection over CODES whose cursor is the index of the last row. */
function hubResponder(limits: { maxPageSize: number; maxBatchSize: number }) {
  return (request: ReceivedRequest): ScriptedResponse => {
    if (request.body.query.includes('limits')) return { json: { data: { limits } } };
    const { first, after } = request.body.variables as { first: number; after?: string };
    if (first > limits.maxPageSize) {
      return {
        json: {
          data: null,
          errors: [
            { message: 'first too large', extensions: { code: 'BAD_USER_INPUT', field: 'first' } },
          ],
        },
      };
    }
    const start = after === undefined ? 0 : Number(after) + 1;
    const nodes = CODES.slice(start, start + first).map((code) => ({ code }));
    const end = start + nodes.length - 1;
    return {
      json: {
        data: {
          organizations: {
            nodes,
            pageInfo: {
              hasNextPage: end < CODES.length - 1,
              endCursor: nodes.length ? String(end) : null,
            },
            totalCount: CODES.length,
          },
        },
      },
    };
  };
}

describe('pagination', () => {
  it('iterates over every node', async () => {
    server = await startScriptedServer([hubResponder({ maxPageSize: 10, maxBatchSize: 4 })]);
    const client = createClient({ url: server.url });
    const codes = (
      await collect(paginate(client, LIST, { level: 'PROVINCE' }, (d) => d.organizations))
    ).map((o) => o.code);
    expect(codes).toEqual(CODES);
    const pageRequests = server.received.filter((r) => !r.body.query.includes('limits'));
    expect(pageRequests.map((r) => r.body.variables.first)).toEqual([10, 10, 10]);
    expect(pageRequests.map((r) => r.body.variables.after)).toEqual([undefined, '9', '19']);
    expect(pageRequests[0]?.body.variables.level).toBe('PROVINCE');
  });

  it('caps the page size at the hub limit', async () => {
    server = await startScriptedServer([hubResponder({ maxPageSize: 7, maxBatchSize: 4 })]);
    const client = createClient({ url: server.url });
    const pages = await collect(
      paginatePages(client, LIST, {}, (d) => d.organizations, { pageSize: 500 }),
    );
    expect(pages.map((p) => p.nodes.length)).toEqual([7, 7, 7, 2]);
    expect(pages[0]?.totalCount).toBe(23);
    expect(pages.at(-1)?.hasNextPage).toBe(false);
  });

  it('stops at maxItems', async () => {
    server = await startScriptedServer([hubResponder({ maxPageSize: 10, maxBatchSize: 4 })]);
    const client = createClient({ url: server.url });
    const orgs = await collect(
      paginate(client, LIST, {}, (d) => d.organizations, { maxItems: 12 }),
    );
    expect(orgs).toHaveLength(12);
    const pageRequests = server.received.filter((r) => !r.body.query.includes('limits'));
    expect(pageRequests.map((r) => r.body.variables.first)).toEqual([10, 2]);
  });

  it('asks for limits once per client', async () => {
    server = await startScriptedServer([hubResponder({ maxPageSize: 50, maxBatchSize: 4 })]);
    const client = createClient({ url: server.url });
    await collect(paginate(client, LIST, {}, (d) => d.organizations));
    await collect(paginate(client, LIST, {}, (d) => d.organizations));
    expect(server.received.filter((r) => r.body.query.includes('limits'))).toHaveLength(1);
  });

  it('rejects a cursor that does not advance', async () => {
    server = await startScriptedServer([
      (request) =>
        request.body.query.includes('limits')
          ? { json: { data: { limits: { maxPageSize: 5, maxBatchSize: 5 } } } }
          : {
              json: {
                data: {
                  organizations: {
                    nodes: [{ code: '01' }],
                    pageInfo: { hasNextPage: true, endCursor: 'same' },
                    totalCount: 9,
                  },
                },
              },
            },
    ]);
    const client = createClient({ url: server.url });
    await expect(collect(paginate(client, LIST, {}, (d) => d.organizations))).rejects.toThrow(
      /endCursor did not advance/,
    );
  });
});

describe('inBatches', () => {
  it('splits rows by the hub batch cap', async () => {
    server = await startScriptedServer([hubResponder({ maxPageSize: 10, maxBatchSize: 4 })]);
    const client = createClient({ url: server.url });
    const rows = Array.from({ length: 10 }, (_, i) => i);
    const seen: number[][] = [];
    const results = await inBatches(
      client,
      rows,
      async (batch, index) => {
        seen.push(batch);
        return index;
      },
      { batchSize: 100 },
    );
    expect(seen).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
      [8, 9],
    ]);
    expect(results).toEqual([0, 1, 2]);
  });

  it('uses a smaller batch size when asked', async () => {
    server = await startScriptedServer([hubResponder({ maxPageSize: 10, maxBatchSize: 4 })]);
    const client = createClient({ url: server.url });
    const sizes: number[] = [];
    await inBatches(client, [1, 2, 3, 4, 5], async (batch) => sizes.push(batch.length), {
      batchSize: 2,
    });
    expect(sizes).toEqual([2, 2, 1]);
  });

  it('sends nothing for no rows', async () => {
    server = await startScriptedServer([hubResponder({ maxPageSize: 10, maxBatchSize: 4 })]);
    const client = createClient({ url: server.url });
    expect(await inBatches(client, [], async () => 1)).toEqual([]);
    expect(server.received).toHaveLength(0);
  });
});
