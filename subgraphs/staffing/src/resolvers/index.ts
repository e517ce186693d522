import type { SubgraphContext } from '@dxhub/kit';
import type { StaffingLoaders } from '../loaders.js';

export type Context = SubgraphContext<StaffingLoaders>;

export const resolvers = {
  Query: {
    staffingVersion: () => '0.1.0',
  },
};
