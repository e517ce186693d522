import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SubgraphModule } from '@dxhub/kit';
import { gql } from 'graphql-tag';
import './errors.js';
import { createStaffingLoaders, type StaffingLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';

/** The SDL of the staffing subgraph, as written in schema.graphql. */
export const typeDefsSource = fs.readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8');

/** Folder of this subgraph's drizzle-kit migrations. */
export const migrationsFolder = fileURLToPath(new URL('../drizzle', import.meta.url));

/** The staffing subgraph, ready for the kit to migrate, build and serve. */
export const staffingSubgraph: SubgraphModule<StaffingLoaders> = {
  name: 'staffing',
  typeDefs: gql(typeDefsSource),
  resolvers: resolvers as unknown as SubgraphModule<StaffingLoaders>['resolvers'],
  migrations: [{ schema: 'staffing', folder: migrationsFolder }],
  createLoaders: createStaffingLoaders,
};
