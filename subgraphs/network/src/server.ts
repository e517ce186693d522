import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SubgraphModule } from '@dxhub/kit';
import { gql } from 'graphql-tag';
import { seedCentralBodies } from './import/agencies.js';
import { createNetworkLoaders, type NetworkLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';

/** The SDL of the network subgraph, as written in schema.graphql. */
export const typeDefsSource = fs.readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8');

/** Folder of this subgraph's drizzle-kit migrations. */
export const migrationsFolder = fileURLToPath(new URL('../drizzle', import.meta.url));

/** The network subgraph, ready for the kit to migrate, seed, build and serve. */
export const networkSubgraph: SubgraphModule<NetworkLoaders> = {
  name: 'network',
  typeDefs: gql(typeDefsSource),
  resolvers,
  migrations: [{ schema: 'network', folder: migrationsFolder }],
  createLoaders: createNetworkLoaders,
  async seed(database, logger) {
    await seedCentralBodies(database, { logger });
  },
};
