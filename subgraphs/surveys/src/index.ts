export { surveysSubgraph, typeDefsSource, migrationsFolder } from './server.js';
