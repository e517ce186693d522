export { projectsSubgraph, typeDefsSource, migrationsFolder } from './server.js';
export { accessSuite } from './access-suite.js';
export { PROJECTS_ERRORS } from './errors.js';
export type { ProjectsErrorCode } from './errors.js';
