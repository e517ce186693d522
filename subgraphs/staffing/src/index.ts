export { staffingSubgraph, typeDefsSource, migrationsFolder } from './server.js';
export { accessSuite, ACCESS_SUITE_ORGS } from './access-suite.js';
export { STAFFING_ERRORS } from './errors.js';
