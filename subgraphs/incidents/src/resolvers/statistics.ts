import type { Context } from '../context.js';
import { CATEGORY_LABELS, SEVERITY_LABELS, STATUS_LABELS } from '../domain/taxonomy.js';
import type { IncidentStatistics } from '../db/incident-queries.js';

/** Labels of the counted values, in the request's language. */
export const statisticsResolvers = {
  CategoryCount: {
    label: (row: IncidentStatistics['byCategory'][number], _args: unknown, ctx: Context) =>
      CATEGORY_LABELS[row.category][ctx.locale],
  },
  SeverityCount: {
    label: (row: IncidentStatistics['bySeverity'][number], _args: unknown, ctx: Context) =>
      SEVERITY_LABELS[row.severity][ctx.locale],
  },
  StatusCount: {
    label: (row: IncidentStatistics['byStatus'][number], _args: unknown, ctx: Context) =>
      STATUS_LABELS[row.status][ctx.locale],
  },
};
