import { formatTraceparent, newSpanId, newTraceId, parseTraceparent } from '@dxhub/kit';
import type { GatewayPlugin } from '../http/pipeline.js';

/** Response header naming the gateway's span, from W3C Trace Context Level 2 (a draft). */
export const TRACE_RESPONSE_HEADER = 'traceresponse';

/**
 * Continues the caller's W3C trace (`traceparent`, Trace Context Level 1) or starts a new one
 * when the header is missing or malformed. The gateway takes a new span id as its own parent
 * id and rewrites the request's `traceparent`, which the data sources forward to every subgraph
 * call; `tracestate` is forwarded unchanged, or dropped with a malformed `traceparent` as the
 * specification requires. Every log line of the request carries `traceId` and `spanId`, and the
 * response carries `traceresponse`, so a caller can find its request in the logs.
 */
export function useTracing(): GatewayPlugin {
  return {
    name: 'tracing',
    http: async (exchange, next) => {
      const incoming = parseTraceparent(exchange.headers.traceparent);
      if (!incoming) delete exchange.headers.tracestate;
      const trace = {
        traceId: incoming?.traceId ?? newTraceId(),
        parentId: newSpanId(),
        flags: incoming?.flags ?? '00',
      };
      exchange.headers.traceparent = formatTraceparent(trace);
      exchange.responseHeaders[TRACE_RESPONSE_HEADER] = exchange.headers.traceparent;
      exchange.bindLog({
        traceId: trace.traceId,
        spanId: trace.parentId,
        ...(incoming ? { parentSpanId: incoming.parentId } : {}),
      });
      await next();
    },
  };
}
