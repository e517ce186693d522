import { DxError, IDEMPOTENCY_KEY_HEADER, type Locale } from '@dxhub/kit';
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayContext } from '../http/pipeline.js';
// Registers SUBGRAPH_UNAVAILABLE and SUBGRAPH_TIMEOUT, which the failures below are made of.
import '../errors.js';

/** Response a data source returns to the gateway for one subgraph call. */
export type SubgraphResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

/** Returns the client request's context, which only calls made for an incoming operation have. */
export function incomingContext(
  options: GraphQLDataSourceProcessOptions<GatewayContext>,
): GatewayContext | undefined {
  return 'incomingRequestContext' in options ? options.context : undefined;
}

/** Headers passed from the client's request to every subgraph call. */
export const FORWARDED_HEADERS = [
  'authorization',
  'accept-language',
  'x-request-id',
  'traceparent',
  'tracestate',
  IDEMPOTENCY_KEY_HEADER,
] as const;

/** Picks the incoming headers that are forwarded, and always sets the request id. */
export function forwardedHeaders(context: GatewayContext | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  if (!context) return headers;
  for (const name of FORWARDED_HEADERS) {
    const value = context.headers[name];
    if (value !== undefined) headers[name] = value;
  }
  headers['x-request-id'] = context.requestId;
  return headers;
}

/** Why a subgraph call produced no response. */
export type SubgraphFailure =
  { kind: 'timeout'; timeoutMs: number } | { kind: 'unavailable'; reason: string };

/**
 * Builds the response of a subgraph that failed as a whole: no data and one coded error naming
 * it. It is returned rather than thrown, so the gateway keeps the error's code, adds `serviceName` and
 * nulls only the fields this subgraph would have resolved.
 */
export function subgraphFailure(
  subgraph: string,
  failure: SubgraphFailure,
  locale: Locale,
): SubgraphResponse {
  const error =
    failure.kind === 'timeout'
      ? new DxError('SUBGRAPH_TIMEOUT', {
          locale,
          params: { subgraph, timeoutMs: failure.timeoutMs },
          extensions: { subgraph },
        })
      : new DxError('SUBGRAPH_UNAVAILABLE', {
          locale,
          params: { subgraph, reason: failure.reason },
          extensions: { subgraph },
        });
  // No `extensions.http`: Apollo Server would turn it into the status of the whole response,
  // which still carries the other subgraphs' data and so must stay 200.
  const { http: _status, ...extensions } = error.toJSON().extensions ?? {};
  return { errors: [{ ...error.toJSON(), extensions }] };
}

/** Describes a transport error briefly and without secrets: its errno code or its name. */
export function describeTransportError(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  if (typeof cause?.code === 'string') return cause.code;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.name : 'unknown error';
}
