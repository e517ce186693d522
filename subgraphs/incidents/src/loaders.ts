import type { SubgraphContext } from '@dxhub/kit';

/** Per-request DataLoaders of the incidents subgraph. */
export type IncidentsLoaders = Record<string, never>;

export function createIncidentsLoaders(_context: Omit<SubgraphContext<IncidentsLoaders>, 'loaders'>): IncidentsLoaders {
  return {};
}
