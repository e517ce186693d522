import { scalarResolvers, type SubgraphModule } from '@dxhub/kit';
import type { NetworkLoaders } from '../loaders.js';
import { auditQueries } from './audit.js';
import { committeeMutations } from './mutations/committees.js';
import { organizationMutations } from './mutations/organization.js';
import { peopleMutations } from './mutations/people.js';
import { organizationProgressType, organizationQueries, organizationType } from './organization.js';
import { membershipType, personQueries, personType } from './person.js';
import { committeeMemberType, committeeQueries, committeeType } from './steering-committee.js';

export type { Context } from './common.js';

/** Resolvers of every type of the network schema. */
export const resolvers: SubgraphModule<NetworkLoaders>['resolvers'] = {
  ...scalarResolvers,
  Query: {
    ...organizationQueries,
    ...personQueries,
    ...committeeQueries,
    ...auditQueries,
  },
  Mutation: {
    ...organizationMutations,
    ...peopleMutations,
    ...committeeMutations,
  },
  Organization: organizationType,
  OrganizationProgress: organizationProgressType,
  Person: personType,
  Membership: membershipType,
  SteeringCommittee: committeeType,
  SteeringCommitteeMember: committeeMemberType,
};
