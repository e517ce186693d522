import { setTimeout as delay } from 'node:timers/promises';
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { executeOnSubgraph, negotiateLocale, type Logger, type SubgraphRuntime } from '@dxhub/kit';
import type { GatewayContext } from '../http/pipeline.js';
import {
  describeTransportError,
  forwardedHeaders,
  incomingContext,
  subgraphFailure,
  type SubgraphResponse,
} from './failure.js';

/**
 * Calls a subgraph running in the same process through `executeOnSubgraph`, with the same
 * forwarded headers an HTTP call would carry, so the subgraph verifies the token again and
 * applies its own access rules. A call that passes `timeoutMs` returns
 * `SUBGRAPH_TIMEOUT`. The subgraph's work is not cancelled, and its late result is dropped.
 */
export class InProcessDataSource implements GraphQLDataSource<GatewayContext> {
  constructor(
    private readonly runtime: SubgraphRuntime,
    private readonly timeoutMs: number,
    private readonly logger: Logger,
  ) {}

  async process(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): Promise<SubgraphResponse> {
    const context = incomingContext(options);
    const headers = forwardedHeaders(context);
    const locale = negotiateLocale(headers['accept-language']);
    const { query, variables, operationName } = options.request;
    const timer = new AbortController();

    try {
      const call = executeOnSubgraph(this.runtime, { query, variables, operationName }, headers);
      const timeout = delay(this.timeoutMs, 'timeout' as const, { signal: timer.signal });
      const result = await Promise.race([call, timeout]);
      if (result === 'timeout') {
        call.catch(() => {});
        this.logger.warn(
          {
            subgraph: this.runtime.name,
            timeoutMs: this.timeoutMs,
            requestId: headers['x-request-id'],
          },
          'subgraph call timed out',
        );
        return subgraphFailure(
          this.runtime.name,
          { kind: 'timeout', timeoutMs: this.timeoutMs },
          locale,
        );
      }
      return result;
    } catch (error) {
      this.logger.error(
        { err: error, subgraph: this.runtime.name, requestId: headers['x-request-id'] },
        'subgraph call failed',
      );
      return subgraphFailure(
        this.runtime.name,
        { kind: 'unavailable', reason: describeTransportError(error) },
        locale,
      );
    } finally {
      timer.abort();
    }
  }
}
