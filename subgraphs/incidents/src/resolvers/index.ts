import { scalarResolvers } from '@dxhub/kit';
import { incidentResolvers } from './incident.js';
import { indicatorResolvers } from './indicator.js';
import { mutationResolvers } from './mutation.js';
import { organizationResolvers } from './organization.js';
import { queryResolvers } from './query.js';
import { statisticsResolvers } from './statistics.js';

export type { Context } from '../context.js';

/** Resolvers of the incidents subgraph, one file per type or root field group. */
export const resolvers = {
  ...scalarResolvers,
  ...queryResolvers,
  ...mutationResolvers,
  ...incidentResolvers,
  ...indicatorResolvers,
  ...organizationResolvers,
  ...statisticsResolvers,
};
