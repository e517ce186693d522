import type { SubgraphContext } from '@dxhub/kit';
import type { ProjectsLoaders } from '../loaders.js';

export type Context = SubgraphContext<ProjectsLoaders>;

export const resolvers = {
  Query: {
    projectsVersion: () => '0.1.0',
  },
};
