import type { SubgraphContext } from '@dxhub/kit';

/** Per-request DataLoaders of the projects subgraph. */
export type ProjectsLoaders = Record<string, never>;

export function createProjectsLoaders(_context: Omit<SubgraphContext<ProjectsLoaders>, 'loaders'>): ProjectsLoaders {
  return {};
}
