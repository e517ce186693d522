// The reference run: a plain @apollo/gateway inside this process, whose data sources record
// every subgraph call. It gives each variable set its expected response body. It also gives the
// floor its subgraph calls, which are the requests the gateway sends, in the order and with the
// parallelism of the query plan, so the load generator can send them without a gateway.
import {
  ApolloGateway,
  RemoteGraphQLDataSource,
  type GraphQLDataSourceProcessOptions,
} from '@apollo/gateway';
import fs from 'node:fs';
import { ApolloServer } from '@apollo/server';
import {
  COMMUNE_PAGE_AS_OF,
  COMMUNE_PAGE_QUERY,
  variableSets,
  type Operation,
  type Variables,
} from './operations.js';

interface Context {
  authorization: string;
  /** The subgraph calls made for this one execution. */
  calls: SubgraphCall[];
}

/** Executions recorded at once; each has its own context, so their calls stay apart. */
const RECORDING_CONCURRENCY = 4;

/** One subgraph call as the gateway made it, with the response it received. */
export interface SubgraphCall {
  subgraph: string;
  url: string;
  /** JSON request body: query, variables and operation name. */
  body: string;
  /** The subgraph's response, as JSON text of the parsed body. */
  expected: string;
  startedAt: number;
  endedAt: number;
}

/** The calls of one operation in plan order: the calls of one level run in parallel, levels in sequence. */
export type CallLevels = SubgraphCall[][];

/** Expected response of one variable set of one operation, and the subgraph calls behind it. */
export interface ExpectedResult {
  /** Request body a client sends to a gateway. */
  requestBody: string;
  /** `JSON.stringify(data)` of the response. */
  data: string;
  levels: CallLevels;
}

class RecordingDataSource extends RemoteGraphQLDataSource<Context> {
  constructor(
    private readonly subgraph: string,
    url: string,
  ) {
    super({ url });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<Context>): void {
    if ('authorization' in context)
      request.http?.headers.set('authorization', context.authorization);
  }

  override async process(options: GraphQLDataSourceProcessOptions<Context>) {
    const startedAt = performance.now();
    const response = await super.process(options);
    const { query, variables, operationName } = options.request;
    if (!('calls' in options.context)) return response;
    options.context.calls.push({
      subgraph: this.subgraph,
      url: this.url!,
      body: JSON.stringify({ query, variables, operationName }),
      expected: JSON.stringify(response),
      startedAt,
      endedAt: performance.now(),
    });
    return response;
  }
}

/**
 * Groups calls into levels. A call joins the current level when it started before every call
 * of that level had ended, which is how the gateway's parallel fetches look. A call that
 * waited for a response starts the next level.
 */
export function groupIntoLevels(calls: SubgraphCall[]): CallLevels {
  const levels: CallLevels = [];
  let current: SubgraphCall[] = [];
  let firstEnd = Infinity;
  for (const call of [...calls].sort((a, b) => a.startedAt - b.startedAt)) {
    if (current.length > 0 && call.startedAt >= firstEnd) {
      levels.push(current);
      current = [];
      firstEnd = Infinity;
    }
    current.push(call);
    firstEnd = Math.min(firstEnd, call.endedAt);
  }
  if (current.length > 0) levels.push(current);
  return levels;
}

/** A reference gateway in this process on `supergraphSdl` (without the SECURITY purpose). */
export class ReferenceGateway {
  private constructor(
    private readonly server: ApolloServer<Context>,
    private readonly token: string,
  ) {}

  static async start(supergraphSdl: string, token: string): Promise<ReferenceGateway> {
    const gateway = new ApolloGateway({
      supergraphSdl,
      buildService: ({ name, url }) => new RecordingDataSource(name, url!),
    });
    const server = new ApolloServer<Context>({ gateway });
    await server.start();
    return new ReferenceGateway(server, token);
  }

  /** Runs one operation and returns its data; throws when the response has errors. */
  async execute(
    query: string,
    variables: Variables,
    operationName?: string,
  ): Promise<{ data: Record<string, unknown>; calls: SubgraphCall[] }> {
    const contextValue: Context = { authorization: `Bearer ${this.token}`, calls: [] };
    const response = await this.server.executeOperation(
      { query, variables, ...(operationName ? { operationName } : {}) },
      { contextValue },
    );
    if (response.body.kind !== 'single')
      throw new Error('bench: the reference gateway sent an incremental response');
    const { data, errors } = response.body.singleResult;
    if (errors?.length || !data) {
      throw new Error(
        `bench: ${operationName ?? 'the operation'} failed on the reference gateway with ${JSON.stringify(variables)}: ${JSON.stringify(errors)}`,
      );
    }
    return { data, calls: contextValue.calls };
  }

  /** Runs every variable set of `operation` once, a few at a time, and records what each must return. */
  async expect(operation: Operation, sets: Variables[]): Promise<ExpectedResult[]> {
    const results: ExpectedResult[] = new Array(sets.length);
    let next = 0;
    const worker = async () => {
      while (next < sets.length) {
        const index = next;
        next += 1;
        results[index] = await this.expectOne(operation, sets[index]!);
      }
    };
    await Promise.all(Array.from({ length: RECORDING_CONCURRENCY }, worker));
    return results;
  }

  private async expectOne(operation: Operation, variables: Variables): Promise<ExpectedResult> {
    const { data, calls } = await this.execute(operation.query, variables, operation.operationName);
    for (const call of calls) {
      if ((JSON.parse(call.expected) as { errors?: unknown }).errors) {
        throw new Error(
          `bench: the ${call.subgraph} subgraph returned errors for ${operation.id} with ${JSON.stringify(variables)}: ${call.expected.slice(0, 500)}`,
        );
      }
    }
    return {
      requestBody: JSON.stringify({
        query: operation.query,
        variables,
        operationName: operation.operationName,
      }),
      data: JSON.stringify(data),
      levels: groupIntoLevels(calls),
    };
  }

  async stop(): Promise<void> {
    await this.server.stop();
  }
}

/**
 * Records the expected results of `operations` on the database at `databaseUrl`: builds their
 * variable sets, then runs each set once through a reference gateway on the supergraph file.
 */
export async function recordExpectedResults(
  apolloSupergraphPath: string,
  databaseUrl: string,
  token: string,
  operations: readonly Operation[],
): Promise<Map<Operation['id'], ExpectedResult[]>> {
  const reference = await ReferenceGateway.start(
    fs.readFileSync(apolloSupergraphPath, 'utf8'),
    token,
  );
  try {
    const sets = await variableSets(databaseUrl, async (first, after) => {
      const { data } = await reference.execute(COMMUNE_PAGE_QUERY, {
        first,
        after,
        asOf: COMMUNE_PAGE_AS_OF,
      });
      return (
        data.organizations as { pageInfo: { endCursor: string | null; hasNextPage: boolean } }
      ).pageInfo;
    });
    const expected = new Map<Operation['id'], ExpectedResult[]>();
    for (const operation of operations)
      expected.set(operation.id, await reference.expect(operation, sets.get(operation.id)!));
    return expected;
  } finally {
    await reference.stop();
  }
}
