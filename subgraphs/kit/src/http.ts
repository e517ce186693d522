import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { HeaderMap } from '@apollo/server';
import { TokenError } from './auth/token.js';
import { DxError } from './errors.js';
import { negotiateLocale } from './locale.js';
import type { Logger } from './logger.js';
import type { SubgraphRuntime } from './subgraph.js';

/** Largest request body accepted, in bytes, unless a server sets its own. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** Raised when a request body is over the size cap; the server responds with 413. */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`Request body is larger than ${limit} bytes`);
  }
}

/**
 * Reads a request body as text, rejecting it once it passes `limit` bytes. On rejection the
 * request is paused rather than drained, so the caller should respond with `connection: close`.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      req.pause();
      reject(new BodyTooLargeError(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let rejected = false;
    req.on('data', (chunk: Buffer) => {
      if (rejected) return;
      size += chunk.length;
      if (size > limit) {
        rejected = true;
        req.pause();
        reject(new BodyTooLargeError(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Flattens Node's header object into lower-cased single values. */
export function flatHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** Sends a GraphQL-shaped JSON error response with the given status. */
export function sendError(
  res: ServerResponse,
  status: number,
  error: DxError,
  extraHeaders: Record<string, string> = {},
): void {
  const body = JSON.stringify({ errors: [error.toJSON()] });
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    ...extraHeaders,
  });
  res.end(body);
}

/** Sends a 401 for a rejected token, in the caller's language, with the reason code. */
export function sendTokenError(
  res: ServerResponse,
  headers: Record<string, string>,
  error: TokenError,
): void {
  const locale = negotiateLocale(headers['accept-language']);
  sendError(
    res,
    401,
    new DxError('UNAUTHENTICATED', {
      locale,
      params: { reason: error.describe(locale) },
      extensions: { reason: error.reason },
    }),
    { 'www-authenticate': `Bearer error="invalid_token", error_description="${error.reason}"` },
  );
}

/**
 * Serves a subgraph on its own port: `POST /graphql` (token verified before execution),
 * `GET /healthz` and `GET /readyz`. This is how `docker-compose.yml` runs each subgraph.
 */
export function serveSubgraph(
  runtime: SubgraphRuntime,
  options: { host: string; port: number; logger: Logger; maxBodyBytes?: number },
): Promise<http.Server> {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/healthz' || url.pathname === '/readyz') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 'ok', subgraph: runtime.name }));
      return;
    }
    if (url.pathname !== '/graphql') {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('Not found: the GraphQL endpoint is /graphql\n');
      return;
    }
    const headers = flatHeaders(req);
    try {
      const context = await runtime.contextFor(headers);
      const body = req.method === 'POST' ? await readBody(req, maxBodyBytes) : '';
      const headerMap = new HeaderMap();
      for (const [name, value] of Object.entries(headers)) headerMap.set(name, value);
      let parsedBody: unknown = body;
      if (body && headerMap.get('content-type')?.includes('json')) {
        try {
          parsedBody = JSON.parse(body);
        } catch {
          sendError(
            res,
            400,
            new DxError('BAD_USER_INPUT', {
              locale: context.locale,
              params: { field: 'body', reason: 'the request body is not valid JSON' },
            }),
          );
          return;
        }
      }
      const response = await runtime.apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
          method: req.method ?? 'GET',
          headers: headerMap,
          search: url.search,
          body: parsedBody,
        },
        context: async () => context,
      });
      const outHeaders: Record<string, string> = {};
      for (const [name, value] of response.headers) outHeaders[name] = value;
      if (response.body.kind === 'complete') {
        // A known length spares the gateway from decoding chunked encoding on every call.
        outHeaders['content-length'] = String(Buffer.byteLength(response.body.string));
        res.writeHead(response.status ?? 200, outHeaders);
        res.end(response.body.string);
      } else {
        res.writeHead(response.status ?? 200, outHeaders);
        for await (const chunk of response.body.asyncIterator) res.write(chunk);
        res.end();
      }
    } catch (error) {
      if (error instanceof TokenError) return sendTokenError(res, headers, error);
      if (error instanceof BodyTooLargeError) {
        return sendError(
          res,
          413,
          new DxError('BAD_USER_INPUT', { params: { field: 'body', reason: error.message } }),
          { connection: 'close' },
        );
      }
      options.logger.error({ err: error }, 'request failed');
      if (!res.headersSent) {
        sendError(
          res,
          500,
          new DxError('INTERNAL_SERVER_ERROR', {
            params: { requestId: headers['x-request-id'] ?? '-' },
          }),
        );
      } else {
        res.destroy();
      }
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve(server));
  });
}
