import { fetch as undiciFetch } from 'undici';
import type { GatewayConfig, SubgraphEndpoint } from './config.js';
import type { SubgraphHealth } from './plugins/useHealth.js';

/** How long `/readyz` waits for one subgraph service's `/healthz`, in milliseconds. */
const PROBE_TIMEOUT_MS = 1000;

/**
 * Returns the endpoint of a subgraph: its configured one, else `fallbackUrl` (the supergraph's routing
 * URL) with the default timeout. Throws `TypeError` when neither exists.
 */
export function serviceEndpoint(
  config: Pick<GatewayConfig, 'subgraphs' | 'subgraphTimeoutMs'>,
  name: string,
  fallbackUrl?: string,
): SubgraphEndpoint {
  const configured = config.subgraphs[name];
  if (configured) return configured;
  if (fallbackUrl) return { url: fallbackUrl, timeoutMs: config.subgraphTimeoutMs };
  throw new TypeError(`dxhub gateway: no endpoint configured for subgraph "${name}"`);
}

/** Asks a subgraph service's `/healthz` (next to its `/graphql`) whether it runs. */
export async function probeSubgraphService(
  name: string,
  graphqlUrl: string,
): Promise<SubgraphHealth> {
  const healthUrl = new URL('/healthz', graphqlUrl);
  try {
    const response = await undiciFetch(healthUrl, {
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    await response.body?.cancel();
    return response.ok
      ? { name, mode: 'service', status: 'up' }
      : { name, mode: 'service', status: 'down', detail: `HTTP ${response.status}` };
  } catch (error) {
    const code = (error as { cause?: { code?: unknown }; name?: string }).cause?.code;
    const detail =
      (error as { name?: string }).name === 'TimeoutError'
        ? `timed out after ${PROBE_TIMEOUT_MS} ms`
        : String(code ?? 'unreachable');
    return { name, mode: 'service', status: 'down', detail };
  }
}
