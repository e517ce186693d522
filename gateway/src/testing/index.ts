// Test helpers of @dxhub/gateway: a hub on throw-away keys and database, and three small
// federated subgraphs for gateway behaviour that must not depend on the domain subgraphs.
export { startTestHub } from './hub.js';
export type { HubResponse, TestHub, TestHubOptions } from './hub.js';
export {
  SPANNING_QUERY,
  TEST_SUBGRAPHS,
  TEST_UNITS,
  alphaModule,
  betaModule,
  gammaModule,
  testSubgraphControls,
} from './modules.js';
