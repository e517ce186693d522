import type { SubgraphContext } from '@dxhub/kit';

/** Per-request DataLoaders of the surveys subgraph. */
export type SurveysLoaders = Record<string, never>;

export function createSurveysLoaders(_context: Omit<SubgraphContext<SurveysLoaders>, 'loaders'>): SurveysLoaders {
  return {};
}
