import type { SubgraphContext } from '@dxhub/kit';
import type { IncidentsLoaders } from '../loaders.js';

export type Context = SubgraphContext<IncidentsLoaders>;

export const resolvers = {
  Query: {
    incidentsVersion: () => '0.1.0',
  },
};
