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
import { listenFailure } from './listenError.js';

/**
 * How long the gateway must see no new connection, with nothing in flight, before it stops
 * listening while shutting down, in milliseconds. Node accepts queued connections a few at a
 * time while the event loop is busy (measured here: about ten per 400 ms under load), so this
 * is longer than such a gap; it is an estimate, not a guarantee.
 */
const DRAIN_QUIET_MS = 1000;
const DRAIN_POLL_MS = 50;

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
  let closing = false;
  /** Responses in progress, so closing can tell their clients not to reuse the connection. */
  const active = new Set<http.ServerResponse>();
  let lastConnectionAt = 0;

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
      draining: closing,
      responseHeaders: closing ? { connection: 'close' } : {},
      state: new Map(),
    };
    active.add(res);
    res.on('close', () => active.delete(res));

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

  server.on('connection', () => {
    lastConnectionAt = Date.now();
  });

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
    close: (graceMs) =>
      new Promise<void>((resolve) => {
        closing = true;
        for (const res of active) if (!res.headersSent) res.shouldKeepAlive = false;
        let stopped = false;
        const stopListening = () => {
          if (stopped) return;
          stopped = true;
          clearInterval(poll);
          // http.Server.close() also ends idle keep-alive connections.
          server.close(() => {
            clearTimeout(deadline);
            resolve();
          });
        };
        const deadline = setTimeout(() => {
          options.logger.warn(
            { graceMs },
            'requests still running after the shutdown grace period; closing their connections',
          );
          stopListening();
          server.closeAllConnections();
        }, graceMs);
        // Under load, connections wait in the kernel's accept queue while the event loop works;
        // closing the listener now would reset them although their clients already sent a
        // request. So the gateway keeps accepting, responding with `Connection: close`, until
        // nothing is in flight and no connection arrived for DRAIN_QUIET_MS, or the deadline.
        const poll = setInterval(() => {
          if (active.size === 0 && Date.now() - lastConnectionAt >= DRAIN_QUIET_MS) stopListening();
        }, DRAIN_POLL_MS);
      }),
  };
}
