import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GraphQLDataSource } from '@apollo/gateway';
import type { ApolloServerPlugin } from '@apollo/server';
import type { AccessTokenClaims, DxError, Locale, Logger } from '@dxhub/kit';
import type { ValidationRule } from 'graphql';

/**
 * One HTTP request as it moves through the gateway's middleware. Middlewares read the request,
 * fill the fields they own (`claims`, `body`) and either respond or call `next()`.
 */
export interface HttpExchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
  readonly method: string;
  /** Request headers, lower-cased, repeated values joined with ", ". */
  readonly headers: Record<string, string>;
  requestId: string;
  locale: Locale;
  /**
   * Logger of the request, carrying every field added with `bindLog`. It is made on first use,
   * so the plugins' fields make one child logger instead of one each.
   */
  readonly logger: Logger;
  /** Adds fields to every log line of the request from here on. */
  bindLog(fields: Record<string, unknown>): void;
  /** The verified access token; set by `useJwtAuth` before any GraphQL handling. */
  claims: AccessTokenClaims | null;
  /** The parsed JSON body of a POST; set by `useRequestBody`. */
  body: unknown;
  /** Flag set once the server is shutting down: it finishes its requests but takes no new ones. */
  readonly draining: boolean;
  /** Headers added to whatever response is sent (request id, rate-limit state, CORS). */
  readonly responseHeaders: Record<string, string>;
  /** Values one plugin leaves for another, such as timers or trace spans, keyed by plugin name. */
  readonly state: Map<string, unknown>;
}

/** An HTTP middleware: responds to the request itself, or calls `next()` to pass it on. */
export type HttpMiddleware = (exchange: HttpExchange, next: () => Promise<void>) => Promise<void>;

/** Context that Apollo Server passes to every resolver and data source of the gateway. */
export interface GatewayContext {
  requestId: string;
  locale: Locale;
  claims: AccessTokenClaims;
  /** The incoming request's headers, lower-cased; data sources forward some of them. */
  headers: Record<string, string>;
  logger: Logger;
}

/**
 * A unit of gateway behaviour, one per file in `plugins/` and named `useX`. Each part is
 * optional: an HTTP middleware, an Apollo Server plugin for the GraphQL request lifecycle, and
 * validation rules added to the standard ones. Plugins run in the order they are registered.
 */
export interface GatewayPlugin {
  name: string;
  http?: HttpMiddleware;
  apollo?: ApolloServerPlugin<GatewayContext>;
  validationRules?: ValidationRule[];
  /** Wraps each subgraph's data source, to observe its calls (used by `useMetrics`). */
  dataSource?: (
    subgraph: string,
    source: GraphQLDataSource<GatewayContext>,
  ) => GraphQLDataSource<GatewayContext>;
}

/** Runs `middlewares` in order around `terminal`, the handler reached when all call `next()`. */
export async function runMiddlewares(
  middlewares: readonly HttpMiddleware[],
  exchange: HttpExchange,
  terminal: (exchange: HttpExchange) => Promise<void>,
): Promise<void> {
  const dispatch = async (index: number): Promise<void> => {
    const middleware = middlewares[index];
    if (!middleware) return terminal(exchange);
    let called = false;
    await middleware(exchange, async () => {
      if (called) throw new TypeError('dxhub gateway: a middleware called next() twice');
      called = true;
      await dispatch(index + 1);
    });
  };
  await dispatch(0);
}

/** Sends a JSON body with the exchange's response headers added. */
export function sendJson(
  exchange: HttpExchange,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  exchange.res.writeHead(status, {
    ...exchange.responseHeaders,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  exchange.res.end(text);
}

/**
 * Responds with one GraphQL error and no data, with the HTTP status from the error's catalogue
 * entry. Used for rejections made before GraphQL execution (token, size, limits).
 */
export function sendGraphQLError(
  exchange: HttpExchange,
  error: DxError,
  headers: Record<string, string> = {},
): void {
  const formatted = error.toJSON();
  sendJson(
    exchange,
    error.status,
    {
      errors: [
        { ...formatted, extensions: { ...formatted.extensions, requestId: exchange.requestId } },
      ],
    },
    headers,
  );
}
