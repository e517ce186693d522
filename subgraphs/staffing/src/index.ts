export { staffingSubgraph, typeDefsSource, migrationsFolder } from './server.js';
