import type http from 'node:http';
import type { Logger } from '@dxhub/kit';

/**
 * How long a draining server must see no new connection, with nothing in flight, before it
 * stops listening, in milliseconds. Under load Node accepts queued connections a few at a time
 * (measured here: about ten per 400 ms), so this estimate is longer than such a gap.
 */
const DRAIN_QUIET_MS = 1000;
const DRAIN_POLL_MS = 50;

/** Graceful shutdown of one HTTP server, set up by {@link trackForDrain}. */
export interface ServerDrain {
  /** True from the moment `drain` is called. */
  readonly draining: boolean;
  /**
   * Lets requests in flight finish and keeps serving new connections with `Connection: close`
   * until nothing is in flight and no connection arrived for DRAIN_QUIET_MS. After `graceMs` it
   * closes the connections still open. Resolves when the server is closed.
   */
  drain(graceMs: number, logger: Logger): Promise<void>;
}

/**
 * Tracks the requests and connections of `server` so that it can shut down without resetting a
 * request its client already sent. Closing the listener at once would reset the connections
 * still waiting in the kernel's accept queue, and `closeIdleConnections` counts a connection
 * whose request is not yet parsed as idle. Call it before the server receives traffic.
 */
export function trackForDrain(server: http.Server): ServerDrain {
  let draining = false;
  const active = new Set<http.ServerResponse>();
  let lastConnectionAt = 0;

  server.on('connection', () => {
    lastConnectionAt = Date.now();
  });
  // Ahead of the server's own handler, so the flag is set before it writes the head.
  server.prependListener('request', (_req: http.IncomingMessage, res: http.ServerResponse) => {
    active.add(res);
    res.on('close', () => active.delete(res));
    if (draining) res.shouldKeepAlive = false;
  });

  return {
    get draining() {
      return draining;
    },
    drain: (graceMs, logger) =>
      new Promise<void>((resolve) => {
        draining = true;
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
          if (active.size > 0) {
            logger.warn(
              { graceMs, inFlight: active.size },
              'requests still running after the shutdown grace period; closing their connections',
            );
          } else {
            logger.warn(
              { graceMs },
              'new connections, health probes for one, kept arriving during the shutdown grace period; closing the listener',
            );
          }
          stopListening();
          server.closeAllConnections();
        }, graceMs);
        const poll = setInterval(() => {
          if (active.size === 0 && Date.now() - lastConnectionAt >= DRAIN_QUIET_MS) stopListening();
        }, DRAIN_POLL_MS);
      }),
  };
}
