import type { Context } from '../context.js';
import type { OrgRow } from '../db/org-queries.js';
import type { IncidentRow, TimelineRow } from '../db/schema.js';
import type { IndicatorType } from '../domain/indicators.js';
import { CATEGORY_LABELS, SEVERITY_LABELS, STATUS_LABELS } from '../domain/taxonomy.js';
import { STATUS_TRANSITIONS } from '../domain/workflow.js';
import { buildStixBundle } from '../stix/bundle.js';

const INCIDENT_SCOPES = ['incidents:read', 'incidents:report', 'incidents:manage'];

function orgRef(id: string): { id: string } {
  return { id };
}

function since<T>(rows: readonly T[], at: Date | null | undefined, timeOf: (row: T) => Date): T[] {
  if (!at) return [...rows];
  return rows.filter((row) => timeOf(row).getTime() >= at.getTime());
}

export const incidentResolvers = {
  Incident: {
    /** Resolves a federated reference; null when the caller may not read the incident. */
    __resolveReference: async (
      reference: { id: string },
      ctx: Context,
    ): Promise<IncidentRow | null> => {
      if (!INCIDENT_SCOPES.some((scope) => ctx.caller?.hasScope(scope))) return null;
      return ctx.loaders.incident.load(reference.id);
    },
    categoryLabel: (incident: IncidentRow, _args: unknown, ctx: Context) =>
      CATEGORY_LABELS[incident.category][ctx.locale],
    severityLabel: (incident: IncidentRow, _args: unknown, ctx: Context) =>
      SEVERITY_LABELS[incident.severity][ctx.locale],
    statusLabel: (incident: IncidentRow, _args: unknown, ctx: Context) =>
      STATUS_LABELS[incident.status][ctx.locale],
    allowedTransitions: (incident: IncidentRow) => STATUS_TRANSITIONS[incident.status],
    reporter: (incident: IncidentRow) => orgRef(incident.reporterOrgId),
    handlingTeam: (incident: IncidentRow) =>
      incident.handlingTeamId ? orgRef(incident.handlingTeamId) : null,
    affectedOrganizations: async (incident: IncidentRow, _args: unknown, ctx: Context) =>
      (await ctx.loaders.affectedOrgIds.load(incident.id)).map((row) => orgRef(row.orgId)),
    recipients: async (incident: IncidentRow, _args: unknown, ctx: Context) =>
      (await ctx.loaders.recipientOrgIds.load(incident.id)).map((row) => orgRef(row.orgId)),
    indicators: async (
      incident: IncidentRow,
      args: { type?: IndicatorType | null; updatedSince?: Date | null },
      ctx: Context,
    ) => {
      const linked = await ctx.loaders.indicatorsOfIncident.load(incident.id);
      return since(linked, args.updatedSince, (row) => row.addedAt).filter(
        (row) => !args.type || row.type === args.type,
      );
    },
    timeline: async (
      incident: IncidentRow,
      args: { updatedSince?: Date | null },
      ctx: Context,
    ): Promise<TimelineRow[]> =>
      since(await ctx.loaders.timeline.load(incident.id), args.updatedSince, (row) => row.at),
    stixBundle: async (incident: IncidentRow, _args: unknown, ctx: Context): Promise<string> => {
      const [reporter, affectedLinks, indicators] = await Promise.all([
        ctx.loaders.org.load(incident.reporterOrgId),
        ctx.loaders.affectedOrgIds.load(incident.id),
        ctx.loaders.indicatorsOfIncident.load(incident.id),
      ]);
      const affected = await ctx.loaders.org.loadMany(affectedLinks.map((row) => row.orgId));
      const bundle = buildStixBundle({
        incident,
        reporter,
        affected: affected.filter((org): org is OrgRow => org !== null && !(org instanceof Error)),
        indicators,
      });
      return JSON.stringify(bundle);
    },
  },
  TimelineEntry: {
    actorOrganization: (entry: TimelineRow) => (entry.actorOrgId ? orgRef(entry.actorOrgId) : null),
    createdAt: (entry: TimelineRow) => entry.at,
    updatedAt: (entry: TimelineRow) => entry.at,
  },
};
