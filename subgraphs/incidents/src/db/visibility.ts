import { sql, type SQL } from 'drizzle-orm';
import { incidents, recipients } from './schema.js';

/**
 * Returns the SQL condition "the viewer may read this row of incidents.incidents" under TLP 2.0. Every
 * list, count, entity resolution and indicator look-up adds it, so a hidden incident never
 * leaves the database. `viewerOrgId` is the caller's organisation in network.org_tree, or null
 * when the token's organisation is not a network member (such a caller reads CLEAR only).
 *
 * - CLEAR: everyone; GREEN: every network member;
 * - AMBER: the reporter, the organisations above it in the tree, the handling team;
 * - AMBER_STRICT: the reporter and the handling team;
 * - RED: the reporter and the named recipients.
 */
export function incidentVisibleTo(viewerOrgId: string | null): SQL {
  if (!viewerOrgId) return sql`${incidents.tlp} = 'CLEAR'`;
  return sql`(${incidents.tlp} in ('CLEAR', 'GREEN')
    or ${incidents.reporterOrgId} = ${viewerOrgId}::uuid
    or (${incidents.tlp} in ('AMBER', 'AMBER_STRICT') and ${incidents.handlingTeamId} = ${viewerOrgId}::uuid)
    or (${incidents.tlp} = 'AMBER' and ${incidents.reporterOrgId} in (
      select below.id from network.org_tree below where below.ancestor_ids @> array[${viewerOrgId}::uuid]))
    or (${incidents.tlp} = 'RED' and exists (
      select 1 from ${recipients} named where named.incident_id = ${incidents.id} and named.org_id = ${viewerOrgId}::uuid)))`;
}
