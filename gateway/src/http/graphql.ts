import { HeaderMap, type ApolloServer } from '@apollo/server';
import { localizeGraphQLMessage, type Locale } from '@dxhub/kit';
import type { GatewayContext, HttpExchange } from './pipeline.js';

/**
 * Error codes of a well-formed request that GraphQL rejected (syntax, validation, variable
 * coercion, abuse limits). GraphQL over HTTP requires status 200 for these when the client
 * accepts `application/json`, and for 4xx with `application/graphql-response+json`.
 */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'QUERY_LIMIT_EXCEEDED',
]);

/**
 * Chooses the status to send. Apollo Server responds 400 to every request error whatever the
 * media type, so a legacy `application/json` response whose errors are all GraphQL request errors is
 * sent with 200, as GraphQL over HTTP requires for that media type.
 */
function statusFor(status: number, contentType: string | undefined, body: string): number {
  if (status !== 400 || !contentType?.startsWith('application/json')) return status;
  let parsed: { data?: unknown; errors?: { extensions?: { code?: unknown } }[] };
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    return status;
  }
  const errors = parsed.errors ?? [];
  const allRequestErrors =
    errors.length > 0 &&
    errors.every((error) => REQUEST_ERROR_CODES.has(String(error.extensions?.code)));
  return allRequestErrors ? 200 : status;
}

/**
 * Translates the `BAD_REQUEST` messages of an error body for a Vietnamese request. Apollo Server
 * rejects an HTTP request it cannot read as GraphQL (no body, `variables` not an object, a
 * repeated search parameter, an unsupported method) before any request plugin runs, so these
 * errors never pass through `useErrorMasking`. Returns the body unchanged when nothing was
 * translated.
 */
function localizeBadRequests(body: string, locale: Locale): string {
  if (locale !== 'vi') return body;
  let parsed: { errors?: unknown } | null;
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    return body;
  }
  if (typeof parsed !== 'object' || parsed === null || !Array.isArray(parsed.errors)) return body;

  let changed = false;
  const errors = (parsed.errors as { message?: unknown; extensions?: { code?: unknown } }[]).map(
    (error) => {
      if (error?.extensions?.code !== 'BAD_REQUEST' || typeof error.message !== 'string')
        return error;
      const message = localizeGraphQLMessage(error.message, locale);
      if (message === error.message) return error;
      changed = true;
      return { ...error, message };
    },
  );
  // Apollo Server ends its JSON bodies with a newline.
  return changed ? `${JSON.stringify({ ...parsed, errors })}\n` : body;
}

/**
 * Builds the last step of the pipeline, which hands `/graphql` requests to Apollo Server (and so
 * to the gateway's planner). Other paths never reach it, because `useEndpointPath` responds to them.
 */
export function graphqlHandler(
  apollo: ApolloServer<GatewayContext>,
): (exchange: HttpExchange) => Promise<void> {
  return async (exchange) => {
    // useEndpointPath responded to every other path before the token check.
    if (exchange.url.pathname !== '/graphql')
      throw new TypeError(`dxhub gateway: the GraphQL handler got ${exchange.url.pathname}`);
    const claims = exchange.claims;
    if (!claims)
      throw new TypeError(
        'dxhub gateway: the GraphQL handler ran before useJwtAuth set the claims',
      );

    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(exchange.headers)) headers.set(name, value);
    const context: GatewayContext = {
      requestId: exchange.requestId,
      locale: exchange.locale,
      claims,
      headers: exchange.headers,
      logger: exchange.logger,
    };
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: exchange.method,
        headers,
        search: exchange.url.search,
        body: exchange.body,
      },
      context: async () => context,
    });

    const outHeaders: Record<string, string> = { ...exchange.responseHeaders };
    for (const [name, value] of response.headers) outHeaders[name] = value;
    if (response.body.kind === 'complete') {
      const status = statusFor(
        response.status ?? 200,
        outHeaders['content-type'],
        response.body.string,
      );
      const body =
        status >= 400 && outHeaders['content-type']?.startsWith('application/')
          ? localizeBadRequests(response.body.string, exchange.locale)
          : response.body.string;
      // With the length known, Node sends the body in one piece instead of chunked encoding,
      // which the client would have to decode.
      outHeaders['content-length'] = String(Buffer.byteLength(body));
      exchange.res.writeHead(status, outHeaders);
      exchange.res.end(body);
      return;
    }
    exchange.res.writeHead(response.status ?? 200, outHeaders);
    for await (const chunk of response.body.asyncIterator) exchange.res.write(chunk);
    exchange.res.end();
  };
}
