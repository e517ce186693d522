import type { GatewayPlugin } from '../http/pipeline.js';
import { sendJson } from '../http/pipeline.js';

/** State of one subgraph as `/readyz` reports it. */
export interface SubgraphHealth {
  name: string;
  mode: 'in-process' | 'service';
  status: 'up' | 'down';
  /** Why the subgraph is down, such as "connection refused" or "timed out after 1000 ms". */
  detail?: string;
}

/** Hub state that `/readyz` reports. */
export interface ReadinessSource {
  /** Null until the first supergraph is loaded; the gateway is not ready before that. */
  supergraph(): { loadedAt: Date; hash: string; source: string } | null;
  subgraphs(): Promise<SubgraphHealth[]>;
}

/**
 * Serves `GET /healthz` (200 while the process runs) and `GET /readyz` (200 once the supergraph
 * is loaded; 503 before, and again while the gateway drains its requests on shutdown, so a load
 * balancer sends new ones elsewhere). The readiness body lists each subgraph's state; one
 * subgraph down does not make the gateway unready, because the rest of the graph still serves
 * requests.
 */
export function useHealth(source: ReadinessSource): GatewayPlugin {
  return {
    name: 'health',
    http: async (exchange, next) => {
      const path = exchange.url.pathname;
      if (path === '/healthz') {
        sendJson(exchange, 200, { status: 'ok' }, { 'cache-control': 'no-store' });
        return;
      }
      if (path !== '/readyz') return next();

      if (exchange.draining) {
        sendJson(exchange, 503, { status: 'draining' }, { 'cache-control': 'no-store' });
        return;
      }
      const supergraph = source.supergraph();
      if (!supergraph) {
        sendJson(
          exchange,
          503,
          { status: 'starting', supergraph: null, subgraphs: [] },
          { 'cache-control': 'no-store' },
        );
        return;
      }
      const subgraphs = await source.subgraphs();
      sendJson(
        exchange,
        200,
        {
          status: subgraphs.every((subgraph) => subgraph.status === 'up') ? 'ready' : 'degraded',
          supergraph: {
            loadedAt: supergraph.loadedAt.toISOString(),
            hash: supergraph.hash,
            source: supergraph.source,
          },
          subgraphs,
        },
        { 'cache-control': 'no-store' },
      );
    },
  };
}
