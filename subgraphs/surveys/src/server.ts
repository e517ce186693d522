import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SubgraphModule } from '@dxhub/kit';
import { gql } from 'graphql-tag';
import { createSurveysLoaders, type SurveysLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';

/** The SDL of the surveys subgraph, as written in schema.graphql. */
export const typeDefsSource = fs.readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8');

/** Folder of this subgraph's drizzle-kit migrations. */
export const migrationsFolder = fileURLToPath(new URL('../drizzle', import.meta.url));

/** The surveys subgraph, ready for the kit to migrate, build and serve. */
export const surveysSubgraph: SubgraphModule<SurveysLoaders> = {
  name: 'surveys',
  typeDefs: gql(typeDefsSource),
  resolvers,
  migrations: [{ schema: 'surveys', folder: migrationsFolder }],
  createLoaders: createSurveysLoaders,
};
