import type { Database, Logger, TokenVerifier } from '@dxhub/kit';
import type { QueryLimits } from '../config.js';
import type { GatewayPlugin } from '../http/pipeline.js';
import { GatewayMetrics } from '../metrics/registry.js';
import { loadRateLimitConfig } from '../ratelimit/config.js';
import { useBrowserLanding } from './useBrowserLanding.js';
import { loadCorsConfig, useCors } from './useCors.js';
import { useEndpointPath } from './useEndpointPath.js';
import { useErrorMasking } from './useErrorMasking.js';
import { useExplorer } from './useExplorer.js';
import { useHealth, type ReadinessSource } from './useHealth.js';
import { useIntrospectionNotice } from './useIntrospectionNotice.js';
import { useJwtAuth } from './useJwtAuth.js';
import { useMetrics } from './useMetrics.js';
import { useOperationCheck } from './useOperationCheck.js';
import { useQueryLimits } from './useQueryLimits.js';
import { useRateLimit } from './useRateLimit.js';
import { useRequestBody } from './useRequestBody.js';
import { useRequestId } from './useRequestId.js';
import { useScopeGate, type ScopeGateSource } from './useScopeGate.js';
import { useTracing } from './useTracing.js';

/** Services of the hub that the built-in plugins use. */
export interface PluginDependencies {
  verifier: TokenVerifier;
  limits: QueryLimits;
  readiness: ReadinessSource;
  scopeGate: ScopeGateSource;
  logger: Logger;
  /** The in-process subgraphs' database, whose connections `/metrics` reports; null in services mode. */
  database: Database | null;
}

/**
 * Returns the gateway's plugins in the order a request meets them. Plugins that respond without
 * a token (health, CORS preflight, the explorer page) come before `useJwtAuth`, and plugins that
 * need the caller (rate limits per organisation) come after it. Apollo plugins run their hooks in
 * this order too, so `useQueryLimits` rewrites its errors before `useErrorMasking` reads them.
 */
export function gatewayPlugins(deps: PluginDependencies): GatewayPlugin[] {
  const metrics = new GatewayMetrics(deps.logger);
  metrics.observeDatabase(deps.database);
  return [
    useTracing(),
    useRequestId(),
    useMetrics(metrics),
    useCors(loadCorsConfig()),
    useHealth(deps.readiness),
    useExplorer(),
    useBrowserLanding(),
    useEndpointPath(),
    useJwtAuth(deps.verifier),
    useRequestBody({ maxBodyBytes: deps.limits.maxBodyBytes }),
    // Batch size and token count come before the rate limiter. A request over them is rejected
    // without spending the caller's tokens, and the limiter classifies only bounded queries.
    useQueryLimits(deps.limits),
    useRateLimit({ config: loadRateLimitConfig() }),
    useOperationCheck(),
    useScopeGate(deps.scopeGate),
    useIntrospectionNotice(),
    useErrorMasking(),
  ];
}

export type {
  GatewayPlugin,
  HttpExchange,
  HttpMiddleware,
  GatewayContext,
} from '../http/pipeline.js';
export type { ReadinessSource, SubgraphHealth } from './useHealth.js';
