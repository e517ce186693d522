import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DxError, flatHeaders, negotiateLocale, type Logger } from '@dxhub/kit';
import {
  runMiddlewares,
  sendGraphQLError,
  type HttpExchange,
  type HttpMiddleware,
} from './pipeline.js';
import { trackForDrain } from './drain.js';
import { listenFailure } from './listenError.js';

/** A listening HTTP server that can stop gracefully. */
export interface GatewayHttpServer {
  server: http.Server;
  /** Port actually bound, useful when 0 was asked for. */
  port: number;
  /**
   * Stops accepting connections, lets requests in flight finish for up to `graceMs`, then cuts
   * the connections still open. Resolves when the server is closed.
   */
  close(graceMs: number): Promise<void>;
}

/**
 * Serves `middlewares` then `terminal` on `host:port`. An error no middleware handled is
 * logged with the request id, and the client receives a masked `INTERNAL_SERVER_ERROR`.
 * Rejects with `ListenConfigError` when HOST or PORT keeps the server from listening.
 */
export async function listenGateway(options: {
  host: string;
  port: number;
  logger: Logger;
  middlewares: readonly HttpMiddleware[];
  terminal: (exchange: HttpExchange) => Promise<void>;
}): Promise<GatewayHttpServer> {
  const server = http.createServer((req, res) => {
    const headers = flatHeaders(req);
    const bindings: Record<string, unknown> = {};
    let logger: Logger | null = options.logger;
    const exchange: HttpExchange = {
      req,
      res,
      url: new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`),
      method: req.method ?? 'GET',
      headers,
      requestId: randomUUID(),
      locale: negotiateLocale(headers['accept-language']),
      get logger() {
        logger ??= options.logger.child(bindings);
        return logger;
      },
      bindLog(fields) {
        Object.assign(bindings, fields);
        logger = null;
      },
      claims: null,
      body: undefined,
      draining: drain.draining,
      responseHeaders: drain.draining ? { connection: 'close' } : {},
      state: new Map(),
    };
    runMiddlewares(options.middlewares, exchange, options.terminal).catch((error: unknown) => {
      exchange.logger.error(
        { err: error, requestId: exchange.requestId, path: exchange.url.pathname },
        'request failed',
      );
      if (res.headersSent) {
        res.destroy();
        return;
      }
      sendGraphQLError(
        exchange,
        new DxError('INTERNAL_SERVER_ERROR', {
          locale: exchange.locale,
          params: { requestId: exchange.requestId },
        }),
      );
    });
  });

  const drain = trackForDrain(server);

  // Node rejects headers over its limit (16 KiB by default) before any middleware runs. Send a
  // coded body instead of its bare 431, because an oversized token is the usual cause.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return;
    if (error.code === 'HPE_HEADER_OVERFLOW') {
      const body = JSON.stringify({
        errors: [
          {
            message:
              'Request headers are too large: send a shorter Authorization token and fewer or smaller headers.',
            extensions: {
              code: 'BAD_USER_INPUT',
              reason: 'HEADERS_TOO_LARGE',
              http: { status: 431 },
            },
          },
        ],
      });
      socket.end(
        `HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-type: application/json; charset=utf-8\r\n` +
          `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
      );
      return;
    }
    socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => reject(listenFailure(error, options));
    server.once('error', onError);
    server.listen(options.port, options.host, () => {
      server.off('error', onError);
      resolve();
    });
  });

  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: (graceMs) => drain.drain(graceMs, options.logger),
  };
}
