import type { SubgraphContext } from '@dxhub/kit';

/** Per-request DataLoaders of the network subgraph. */
export type NetworkLoaders = Record<string, never>;

export function createNetworkLoaders(_context: Omit<SubgraphContext<NetworkLoaders>, 'loaders'>): NetworkLoaders {
  return {};
}
