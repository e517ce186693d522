import { toConnection } from '@dxhub/kit';
import { validate as isUuid } from 'uuid';
import type { Context } from '../context.js';
import { organisationMembership, type IncidentRelation } from '../db/incident-queries.js';
import { incidentsOfParent, statisticsOfParent, type PerParentListArgs } from './per-parent.js';

interface OrganizationArgs extends PerParentListArgs {
  relations: IncidentRelation[];
  includeSubunits: boolean;
}

function membershipOf(args: OrganizationArgs) {
  const relations = [...new Set(args.relations)].sort();
  return {
    name: `organisation:${relations.join('+')}:${args.includeSubunits ? 'subtree' : 'unit'}`,
    sql: organisationMembership(relations, args.includeSubunits),
  };
}

/**
 * Fields the incidents subgraph adds to the network subgraph's Organization: the incidents
 * related to a unit (or the units below it) and their counts, both limited by the marking.
 */
export const organizationResolvers = {
  Organization: {
    __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
    incidents: (organization: { id: string }, args: OrganizationArgs, ctx: Context) => {
      // A reference that is not a UUID names no unit: an empty page that stays at `after`.
      if (!isUuid(organization.id)) return toConnection([], 0, 0, () => [], { after: args.after });
      return incidentsOfParent(ctx, organization.id, membershipOf(args), args);
    },
    incidentStatistics: (organization: { id: string }, args: OrganizationArgs, ctx: Context) => {
      if (!isUuid(organization.id))
        return { total: 0, byCategory: [], bySeverity: [], byStatus: [] };
      return statisticsOfParent(ctx, organization.id, membershipOf(args), args);
    },
  },
};
