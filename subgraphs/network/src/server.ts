import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SubgraphModule } from '@dxhub/kit';
import { gql } from 'graphql-tag';
import { createNetworkLoaders, type NetworkLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';

/** The SDL of the network subgraph, as written in schema.graphql. */
export const typeDefsSource = fs.readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8');

/** The network subgraph, ready for the kit to migrate, build and serve. */
export const networkSubgraph: SubgraphModule<NetworkLoaders> = {
  name: 'network',
  typeDefs: gql(typeDefsSource),
  resolvers,
  migrations: [{ schema: 'network', folder: fileURLToPath(new URL('../drizzle', import.meta.url)) }],
  createLoaders: createNetworkLoaders,
};

/** Folder of this subgraph's drizzle-kit migrations. */
export const migrationsFolder = fileURLToPath(new URL('../drizzle', import.meta.url));
