export { networkSubgraph, typeDefsSource, migrationsFolder } from './server.js';
