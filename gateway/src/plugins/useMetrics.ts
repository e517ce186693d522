import type { GraphQLDataSource } from '@apollo/gateway';
import type { GatewayContext, GatewayPlugin, HttpExchange } from '../http/pipeline.js';
import type { GatewayMetrics } from '../metrics/registry.js';

/** Routes used as the `route` label; any other path is `other`, so scanners cannot add labels. */
const KNOWN_ROUTES = new Set(['/graphql', '/healthz', '/readyz', '/metrics', '/']);

function routeOf(exchange: HttpExchange): string {
  const path = exchange.url.pathname;
  if (KNOWN_ROUTES.has(path)) return path;
  if (path.startsWith('/explorer/')) return '/explorer/*';
  return 'other';
}

/** Error codes in a JSON body sent by a middleware, such as 401 `UNAUTHENTICATED` or 429 `RATE_LIMITED`. */
function errorCodesOf(body: string): string[] {
  try {
    const parsed = JSON.parse(body) as { errors?: { extensions?: { code?: unknown } }[] };
    return (parsed.errors ?? []).map((error) =>
      String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR'),
    );
  } catch {
    return [];
  }
}

/** Bodies longer than this are not inspected for error codes; rejections are far smaller. */
const MAX_INSPECTED_BODY = 64 * 1024;

/**
 * Serves Prometheus metrics at `GET /metrics` and records them: HTTP requests by route and
 * status, requests in flight, GraphQL errors by code (those sent before execution included),
 * operation latency by name and type, each subgraph call's latency and outcome, and the
 * database connections. Register it before `useJwtAuth`, so scrapes need no token and rejected
 * requests are counted too. Expose `/metrics` only to the monitoring network.
 */
export function useMetrics(metrics: GatewayMetrics): GatewayPlugin {
  // Requests that reached Apollo Server, whose errors the Apollo hooks count. Keyed by the
  // headers object, which the GraphQL handler passes on as the context's `headers`.
  const executed = new WeakSet<object>();

  return {
    name: 'metrics',
    http: async (exchange, next) => {
      if (exchange.method === 'GET' && exchange.url.pathname === '/metrics') {
        const text = await metrics.registry.metrics();
        exchange.res.writeHead(200, {
          ...exchange.responseHeaders,
          'content-type': metrics.registry.contentType,
          'cache-control': 'no-store',
        });
        exchange.res.end(text);
        metrics.httpRequests.inc({ method: 'GET', route: '/metrics', status: '200' });
        return;
      }

      const { res } = exchange;
      let sentBody: string | undefined;
      const end = res.end.bind(res) as (...args: unknown[]) => typeof res;
      res.end = ((...args: unknown[]) => {
        const [chunk] = args;
        if (typeof chunk === 'string' && chunk.length <= MAX_INSPECTED_BODY) sentBody = chunk;
        return end(...args);
      }) as typeof res.end;
      res.once('finish', () => {
        metrics.httpRequests.inc({
          method: exchange.method,
          route: routeOf(exchange),
          status: String(res.statusCode),
        });
        if (!executed.has(exchange.headers) && res.statusCode >= 400 && sentBody) {
          for (const code of errorCodesOf(sentBody)) metrics.graphqlErrors.inc({ code });
        }
      });

      metrics.httpInFlight.inc();
      try {
        await next();
      } finally {
        metrics.httpInFlight.dec();
      }
    },
    apollo: {
      async requestDidStart({ contextValue }) {
        executed.add(contextValue.headers);
        const stopTimer = metrics.operationDuration.startTimer();
        return {
          async willSendResponse({ response, operationName, operation }) {
            stopTimer({
              operation: metrics.operationLabel(operationName),
              type: operation?.operation ?? 'unknown',
            });
            const errors =
              response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
            for (const error of errors)
              metrics.graphqlErrors.inc({
                code: String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR'),
              });
          },
        };
      },
    },
    dataSource: (subgraph, source) => observedDataSource(metrics, subgraph, source),
  };
}

/** Codes with which data sources report a subgraph that could not respond at all. */
const FAILURE_CODES = new Set(['SUBGRAPH_UNAVAILABLE', 'SUBGRAPH_TIMEOUT']);

/** Wraps a subgraph's data source to time each call and record its outcome. */
function observedDataSource(
  metrics: GatewayMetrics,
  subgraph: string,
  source: GraphQLDataSource<GatewayContext>,
): GraphQLDataSource<GatewayContext> {
  return {
    process: async (options) => {
      const stopTimer = metrics.subgraphDuration.startTimer({ subgraph });
      let outcome = 'failed';
      try {
        const response = await source.process(options);
        const codes = (response.errors ?? []).map((error) => String(error.extensions?.code));
        if (codes.some((code) => FAILURE_CODES.has(code))) outcome = 'failed';
        else outcome = codes.length > 0 ? 'error' : 'ok';
        return response;
      } finally {
        stopTimer({ outcome });
      }
    },
  };
}
