export { incidentsSubgraph, typeDefsSource, migrationsFolder } from './server.js';
