import type { SubgraphContext } from '@dxhub/kit';
import type { SurveysLoaders } from '../loaders.js';

export type Context = SubgraphContext<SurveysLoaders>;

export const resolvers = {
  Query: {
    surveysVersion: () => '0.1.0',
  },
};
