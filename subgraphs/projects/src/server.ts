import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SubgraphModule } from '@dxhub/kit';
import { gql } from 'graphql-tag';
import './errors.js';
import { createProjectsLoaders, type ProjectsLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';

/** The SDL of the projects subgraph, as written in schema.graphql. */
export const typeDefsSource = fs.readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8');

/** Folder of this subgraph's drizzle-kit migrations. */
export const migrationsFolder = fileURLToPath(new URL('../drizzle', import.meta.url));

/** The projects subgraph, ready for the kit to migrate, build and serve. */
export const projectsSubgraph: SubgraphModule<ProjectsLoaders> = {
  name: 'projects',
  typeDefs: gql(typeDefsSource),
  resolvers,
  migrations: [{ schema: 'projects', folder: migrationsFolder }],
  createLoaders: createProjectsLoaders,
};
