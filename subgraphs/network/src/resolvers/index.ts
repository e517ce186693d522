import type { SubgraphContext } from '@dxhub/kit';
import type { NetworkLoaders } from '../loaders.js';

export type Context = SubgraphContext<NetworkLoaders>;

export const resolvers = {
  Query: {
    networkVersion: () => '0.1.0',
  },
};
