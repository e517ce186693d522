import type { Context } from '../context.js';
import { indicatorMembership } from '../db/incident-queries.js';
import type { IndicatorRow } from '../db/schema.js';
import { stixPattern } from '../stix/patterns.js';
import { incidentsOfParent, type PerParentListArgs } from './per-parent.js';

export const indicatorResolvers = {
  Indicator: {
    stixPattern: (indicator: IndicatorRow) => stixPattern(indicator.type, indicator.value),
    incidents: (indicator: IndicatorRow, args: Omit<PerParentListArgs, 'filter'>, ctx: Context) =>
      incidentsOfParent(ctx, indicator.id, { name: 'indicator', sql: indicatorMembership }, args),
  },
};
