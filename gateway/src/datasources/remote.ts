import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { negotiateLocale, type Logger } from '@dxhub/kit';
import { Agent, fetch as undiciFetch } from 'undici';
import type { GatewayContext } from '../http/pipeline.js';
import {
  describeTransportError,
  forwardedHeaders,
  incomingContext,
  subgraphFailure,
  type SubgraphResponse,
} from './failure.js';

type Fetcher = NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource>[0]>['fetcher'];

/** Settings of one subgraph service's connection pool. */
export interface ServicePoolOptions {
  url: string;
  timeoutMs: number;
  connections: number;
  keepAliveMs: number;
}

function isTimeout(error: unknown): boolean {
  const name = (error as { name?: unknown }).name;
  return name === 'TimeoutError' || name === 'AbortError';
}

/** Returns the GraphQL body a subgraph sent with a non-2xx status, such as 401 for a rejected token. */
function graphqlBodyOf(error: unknown): SubgraphResponse | null {
  const body = (error as { extensions?: { response?: { body?: unknown } } }).extensions?.response
    ?.body;
  if (!body || typeof body !== 'object' || !Array.isArray((body as { errors?: unknown }).errors))
    return null;
  return body as SubgraphResponse;
}

/**
 * Calls a subgraph service over HTTP through a keep-alive pool (undici `Agent`), forwarding the
 * client's token, language, trace context and request id. Each call has the subgraph's timeout;
 * a call that times out or cannot connect returns `SUBGRAPH_TIMEOUT` or
 * `SUBGRAPH_UNAVAILABLE` naming the subgraph, so only this subgraph's fields are lost.
 */
export class ServiceDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly agent: Agent;

  constructor(
    readonly name: string,
    private readonly pool: ServicePoolOptions,
    private readonly logger: Logger,
  ) {
    const agent = new Agent({
      connections: pool.connections,
      keepAliveTimeout: pool.keepAliveMs,
      connectTimeout: pool.timeoutMs,
    });
    const fetcher = ((url: string, init: Parameters<typeof undiciFetch>[1]) =>
      undiciFetch(url, {
        ...init,
        dispatcher: agent,
        signal: AbortSignal.timeout(pool.timeoutMs),
      })) as unknown as Fetcher;
    super({ url: pool.url, fetcher });
    this.agent = agent;
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const context = incomingContext(options);
    for (const [name, value] of Object.entries(forwardedHeaders(context)))
      options.request.http?.headers.set(name, value);
  }

  override async process(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): Promise<SubgraphResponse> {
    const context = incomingContext(options);
    const locale = negotiateLocale(context?.headers['accept-language']);
    try {
      return await super.process(options);
    } catch (error) {
      const answered = graphqlBodyOf(error);
      if (answered) return answered;
      const log = { subgraph: this.name, url: this.pool.url, requestId: context?.requestId };
      if (isTimeout(error)) {
        this.logger.warn({ ...log, timeoutMs: this.pool.timeoutMs }, 'subgraph call timed out');
        return subgraphFailure(
          this.name,
          { kind: 'timeout', timeoutMs: this.pool.timeoutMs },
          locale,
        );
      }
      const reason = describeTransportError(error);
      this.logger.warn({ ...log, reason }, 'subgraph call failed');
      return subgraphFailure(this.name, { kind: 'unavailable', reason }, locale);
    }
  }

  /** Closes the pool's connections; calls still running finish first. */
  async close(): Promise<void> {
    await this.agent.close();
  }
}
