export { projectsSubgraph, typeDefsSource, migrationsFolder } from './server.js';
