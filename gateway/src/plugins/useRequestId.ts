import type { GatewayPlugin } from '../http/pipeline.js';

/** Header carrying the request id in both directions; subgraphs receive it too. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** A client-supplied id is kept only in this shape, so it cannot inject text into logs. */
const CLIENT_ID_PATTERN = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * Gives every request an id: the client's `x-request-id` when it is well-formed, a fresh UUID
 * otherwise. The id is echoed in the response, put on the request's log lines and forwarded to
 * the subgraphs, so one id follows a request through every service.
 */
export function useRequestId(): GatewayPlugin {
  return {
    name: 'requestId',
    http: async (exchange, next) => {
      const offered = exchange.headers[REQUEST_ID_HEADER];
      // The server gave the exchange a fresh UUID already; it stays unless the client sent one.
      if (offered && CLIENT_ID_PATTERN.test(offered)) exchange.requestId = offered;
      exchange.responseHeaders[REQUEST_ID_HEADER] = exchange.requestId;
      exchange.bindLog({ requestId: exchange.requestId });
      await next();
    },
  };
}
