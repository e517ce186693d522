import type { Context } from '../context.js';
import type { OrganizationRefInput } from '../db/org-queries.js';
import type { IndicatorType } from '../domain/indicators.js';
import type { IncidentSeverity, IncidentStatus } from '../domain/taxonomy.js';
import type { TlpMarking } from '../domain/tlp.js';
import { addIndicators, removeIndicator } from '../mutations/indicators.js';
import {
  reportIncident,
  updateIncident,
  type ReportIncidentInput,
  type UpdateIncidentInput,
} from '../mutations/report.js';
import {
  addNote,
  assignHandlingTeam,
  changeMarking,
  changeSeverity,
  transitionIncident,
} from '../mutations/workflow.js';
import { idArgument } from './id-argument.js';

type Note = { note?: string | null };

/** Checks the `id` argument of a mutation on one incident. */
const incidentId = (ctx: Context, id: string) => idArgument(ctx.locale, 'id', 'Incident', id);

export const mutationResolvers = {
  Mutation: {
    reportIncident: (_source: unknown, args: { input: ReportIncidentInput }, ctx: Context) =>
      reportIncident(ctx, args.input),
    updateIncident: (
      _source: unknown,
      args: { id: string; input: UpdateIncidentInput },
      ctx: Context,
    ) => updateIncident(ctx, incidentId(ctx, args.id), args.input),
    changeIncidentSeverity: (
      _source: unknown,
      args: { id: string; severity: IncidentSeverity } & Note,
      ctx: Context,
    ) => changeSeverity(ctx, incidentId(ctx, args.id), args.severity, args.note),
    changeIncidentMarking: (
      _source: unknown,
      args: { id: string; tlp: TlpMarking; recipients?: OrganizationRefInput[] | null } & Note,
      ctx: Context,
    ) => changeMarking(ctx, incidentId(ctx, args.id), args.tlp, args.recipients, args.note),
    assignHandlingTeam: (
      _source: unknown,
      args: { id: string; team: OrganizationRefInput } & Note,
      ctx: Context,
    ) => assignHandlingTeam(ctx, incidentId(ctx, args.id), args.team, args.note),
    transitionIncident: (
      _source: unknown,
      args: { id: string; to: IncidentStatus } & Note,
      ctx: Context,
    ) => transitionIncident(ctx, incidentId(ctx, args.id), args.to, args.note),
    addIncidentIndicators: (
      _source: unknown,
      args: { id: string; indicators: { type: IndicatorType; value: string }[] },
      ctx: Context,
    ) => addIndicators(ctx, incidentId(ctx, args.id), args.indicators),
    removeIncidentIndicator: (
      _source: unknown,
      args: { id: string; indicatorId: string },
      ctx: Context,
    ) =>
      removeIndicator(
        ctx,
        incidentId(ctx, args.id),
        idArgument(ctx.locale, 'indicatorId', 'Indicator', args.indicatorId),
      ),
    addIncidentNote: (_source: unknown, args: { id: string; note: string }, ctx: Context) =>
      addNote(ctx, incidentId(ctx, args.id), args.note),
  },
};
