import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SubgraphModule } from '@dxhub/kit';
import { gql } from 'graphql-tag';
import { createIncidentsLoaders, type IncidentsLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';

/** The SDL of the incidents subgraph, as written in schema.graphql. */
export const typeDefsSource = fs.readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8');

/** The incidents subgraph, ready for the kit to migrate, build and serve. */
export const incidentsSubgraph: SubgraphModule<IncidentsLoaders> = {
  name: 'incidents',
  typeDefs: gql(typeDefsSource),
  resolvers,
  migrations: [],
  createLoaders: createIncidentsLoaders,
};

/** Folder of this subgraph's drizzle-kit migrations. */
export const migrationsFolder = fileURLToPath(new URL('../drizzle', import.meta.url));
