import { groupedLoader, keyedLoader, type SubgraphContext, anyOf } from '@dxhub/kit';
import type DataLoader from 'dataloader';
import { and, asc, type SQL } from 'drizzle-orm';
import { validate as isUuid } from 'uuid';
import { viewerOf, type Viewer } from './access/viewer.js';
import { indicatorsOfIncidents, type LinkedIndicator } from './db/indicator-queries.js';
import { orgsByIds, type OrgRow } from './db/org-queries.js';
import {
  affectedOrganizations,
  incidents,
  recipients,
  timelineEntries,
  type IncidentRow,
  type TimelineRow,
} from './db/schema.js';
import { incidentVisibleTo } from './db/visibility.js';
import { RESTRICTED_MARKINGS } from './domain/tlp.js';

/** Per-request DataLoaders of the incidents subgraph, plus the caller's visibility rule. */
export interface IncidentsLoaders {
  /** The caller as the visibility rules see it, looked up once per request. */
  viewer(): Promise<Viewer>;
  /** The SQL visibility condition for this caller. */
  visibility(): Promise<SQL>;
  /** Incidents by id, only those the caller may read. */
  incident: DataLoader<string, IncidentRow | null>;
  affectedOrgIds: DataLoader<string, { incidentId: string; orgId: string }[]>;
  recipientOrgIds: DataLoader<string, { incidentId: string; orgId: string }[]>;
  indicatorsOfIncident: DataLoader<string, LinkedIndicator[]>;
  timeline: DataLoader<string, TimelineRow[]>;
  org: DataLoader<string, OrgRow | null>;
  /**
   * A loader for one shape of per-parent list (one set of field arguments), created on first
   * use, so sibling fields with equal arguments share one statement.
   */
  perParent<V>(signature: string, create: () => DataLoader<string, V>): DataLoader<string, V>;
  /** Notes reads of AMBER, AMBER+STRICT and RED incidents for the audit log, once per incident. */
  noteReads(rows: readonly IncidentRow[]): void;
}

export function createIncidentsLoaders(
  context: Omit<SubgraphContext<IncidentsLoaders>, 'loaders'>,
): IncidentsLoaders {
  const { db } = context;
  let viewer: Promise<Viewer> | undefined;
  const loadViewer = (): Promise<Viewer> => (viewer ??= viewerOf(context as SubgraphContext));
  const visibility = async (): Promise<SQL> => incidentVisibleTo((await loadViewer()).orgId);

  const noted = new Set<string>();
  const noteReads = (rows: readonly IncidentRow[]): void => {
    const fresh = rows
      .filter((row) => RESTRICTED_MARKINGS.has(row.tlp) && !noted.has(row.id))
      .map((row) => row.id);
    for (const id of fresh) noted.add(id);
    // TLP AMBER and RED reads go to the audit log so a leak can be traced to its reader.
    context.audit.note('RESTRICTED_READ', fresh);
  };

  const incident = keyedLoader<string, IncidentRow>(
    async (ids) => {
      const valid = ids.filter((id) => isUuid(id));
      if (valid.length === 0) return [];
      const found = await db
        .select()
        .from(incidents)
        .where(and(anyOf(incidents.id, valid), await visibility()));
      noteReads(found);
      return found;
    },
    (row) => row.id,
  );

  const perParentLoaders = new Map<string, DataLoader<string, unknown>>();

  return {
    viewer: loadViewer,
    visibility,
    incident,
    affectedOrgIds: groupedLoader(
      (ids) =>
        db
          .select({
            incidentId: affectedOrganizations.incidentId,
            orgId: affectedOrganizations.orgId,
          })
          .from(affectedOrganizations)
          .where(anyOf(affectedOrganizations.incidentId, ids)),
      (row) => row.incidentId,
    ),
    recipientOrgIds: groupedLoader(
      (ids) =>
        db
          .select({ incidentId: recipients.incidentId, orgId: recipients.orgId })
          .from(recipients)
          .where(anyOf(recipients.incidentId, ids)),
      (row) => row.incidentId,
    ),
    indicatorsOfIncident: groupedLoader(
      (ids) => indicatorsOfIncidents(db, ids),
      (row) => row.incidentId,
    ),
    timeline: groupedLoader(
      (ids) =>
        db
          .select()
          .from(timelineEntries)
          .where(anyOf(timelineEntries.incidentId, ids))
          .orderBy(asc(timelineEntries.seq)),
      (row) => row.incidentId,
    ),
    org: keyedLoader(
      (ids) => orgsByIds(db, ids),
      (row) => row.id,
    ),
    perParent<V>(signature: string, create: () => DataLoader<string, V>): DataLoader<string, V> {
      let loader = perParentLoaders.get(signature) as DataLoader<string, V> | undefined;
      if (!loader) {
        loader = create();
        perParentLoaders.set(signature, loader as DataLoader<string, unknown>);
      }
      return loader;
    },
    noteReads,
  };
}
