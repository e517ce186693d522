// Drizzle tables of the network subgraph, all inside the PostgreSQL schema "network".
// The org tree is defined in the kit because other subgraphs read it; its migration lives here.
export { networkSchema, orgTree } from '@dxhub/kit/org-tree';
