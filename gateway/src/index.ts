// Public surface of @dxhub/gateway, used by the dxhub command line and the cross-service tests.
// Each name is exported on purpose.
import './errors.js';

export {
  COMMITTED_SUPERGRAPH_PATH,
  DEFAULT_SUBGRAPH_PORTS,
  SUBGRAPH_NAMES,
  loadGatewayConfig,
} from './config.js';
export type {
  GatewayConfig,
  GatewayOverrides,
  QueryLimits,
  SubgraphEndpoint,
  SubgraphName,
  SupergraphSource,
} from './config.js';
export { SUBGRAPHS, subgraphModule } from './registry.js';
export { disableApolloTelemetry, startHub } from './hub.js';
export type { Hub, HubMode, StartHubOptions } from './hub.js';
export { startSubgraphService } from './services.js';
export type { SubgraphService } from './services.js';
export { createDevelopmentToken } from './token.js';
export type { DevelopmentTokenRequest } from './token.js';
export { GatewayError } from './errors.js';
export type { GatewayErrorCode, LimitName } from './errors.js';
export { CompositionError, composeHub } from './supergraph/compose.js';
export type { HubComposition, SubgraphSdl } from './supergraph/compose.js';
export { loadSupergraph, withoutSecurityPurpose } from './supergraph/source.js';
export type { LoadedSupergraph } from './supergraph/source.js';
export { AccessRequirements } from './supergraph/requirements.js';
export { FORWARDED_HEADERS } from './datasources/failure.js';
export type {
  GatewayContext,
  GatewayPlugin,
  HttpExchange,
  HttpMiddleware,
} from './http/pipeline.js';
export type { ReadinessSource, SubgraphHealth } from './plugins/useHealth.js';
