import type { ApolloServerPlugin } from '@apollo/server';
import type { SubgraphContext } from '../context.js';
import { clientOperationName } from '../audit/log.js';
import { parseTraceparent } from './traceparent.js';

/**
 * Logs one line per request a subgraph serves, at `info`, when the response is sent: operation
 * name, duration in milliseconds, the error codes returned, and the trace id from the caller's
 * `traceparent`. The context's logger already carries the request id, the caller's organisation
 * and the raw `traceparent`, so one search by trace or request id finds the line in every service.
 */
export function useRequestLog(): ApolloServerPlugin<SubgraphContext> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ contextValue: context, response, operationName, operation }) {
          const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const codes = (result?.errors ?? []).map((error) =>
            String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR'),
          );
          const trace = parseTraceparent(context.headers.traceparent);
          context.logger.info(
            {
              operationName: clientOperationName(operationName ?? null),
              operationType: operation?.operation ?? null,
              durationMs: Number(process.hrtime.bigint() - started) / 1e6,
              ...(trace ? { traceId: trace.traceId, parentSpanId: trace.parentId } : {}),
              ...(codes.length > 0 ? { errorCodes: codes } : {}),
            },
            'subgraph request',
          );
        },
      };
    },
  };
}
