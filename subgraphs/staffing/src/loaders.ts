import type { SubgraphContext } from '@dxhub/kit';

/** Per-request DataLoaders of the staffing subgraph. */
export type StaffingLoaders = Record<string, never>;

export function createStaffingLoaders(_context: Omit<SubgraphContext<StaffingLoaders>, 'loaders'>): StaffingLoaders {
  return {};
}
