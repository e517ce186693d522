export { createTestDatabase, createEmptyPostgresDatabase, usingPostgres } from './database.js';
export type { TestDatabase } from './database.js';
export { seedOrgTree, STANDARD_ORGS } from './org-tree.js';
export type { OrgSeed, SeededOrg } from './org-tree.js';
export { createTestAuth } from './auth.js';
export type { TestAuth } from './auth.js';
export { createTestSubgraph } from './subgraph.js';
export type { TestSubgraph } from './subgraph.js';
