// Public surface of @dxhub/incidents: the subgraph module for the gateway and its access matrix.
export {
  incidentsSubgraph,
  typeDefsSource,
  migrationsFolder,
  rulesMigrationsFolder,
} from './server.js';
export { accessSuite, ACCESS_SUITE_ORGS } from './access-suite.js';
export { INCIDENT_ERROR_CODES } from './errors.js';
export type { ForbiddenReason, IncidentErrorCode } from './errors.js';
