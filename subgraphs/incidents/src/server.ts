import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SubgraphModule } from '@dxhub/kit';
import { gql } from 'graphql-tag';
import { createIncidentsLoaders, type IncidentsLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';

/** The SDL of the incidents subgraph, as written in schema.graphql. */
export const typeDefsSource = fs.readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8');

/** Folder of this subgraph's drizzle-kit migrations. */
export const migrationsFolder = fileURLToPath(new URL('../drizzle', import.meta.url));

/**
 * Folder of the hand-written triggers (workflow, append-only timeline, RED recipients). It is
 * a separate migration set so that regenerating `drizzle/` from the tables leaves it alone;
 * it runs after the tables exist.
 */
export const rulesMigrationsFolder = fileURLToPath(new URL('../drizzle-rules', import.meta.url));

/** The incidents subgraph, ready for the kit to migrate, build and serve. */
export const incidentsSubgraph: SubgraphModule<IncidentsLoaders> = {
  name: 'incidents',
  typeDefs: gql(typeDefsSource),
  resolvers,
  migrations: [
    { schema: 'incidents', folder: migrationsFolder },
    { schema: 'incidents_rules', folder: rulesMigrationsFolder },
  ],
  createLoaders: createIncidentsLoaders,
};
