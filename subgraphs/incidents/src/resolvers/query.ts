import { cursorScope, pageSize } from '@dxhub/kit';
import { and, eq, sql } from 'drizzle-orm';
import type { Context } from '../context.js';
import {
  filterConditions,
  incidentFilterScope,
  pageIncidents,
  parseIncidentCursor,
  statisticsPerParent,
  type IncidentFilter,
} from '../db/incident-queries.js';
import {
  indicatorConditions,
  indicatorVisibleTo,
  pageIndicators,
  parseIndicatorCursor,
  reportedByAtLeast,
} from '../db/indicator-queries.js';
import { responseTeams } from '../db/org-queries.js';
import { indicators } from '../db/schema.js';
import type { IndicatorType } from '../domain/indicators.js';
import { invalidField } from '../errors.js';
import { normaliseIndicatorInputs } from '../mutations/support.js';
import { idArgument } from './id-argument.js';

interface ListArgs {
  updatedSince?: Date | null;
  first?: number | null;
  after?: string | null;
}

interface IndicatorFilter {
  type?: IndicatorType | null;
  values?: string[] | null;
  minIncidents?: number | null;
}

/** Normalises the values of an indicators(filter) look-up, which needs the type to do so. */
function lookupValues(ctx: Context, filter: IndicatorFilter | null | undefined): string[] | null {
  if (!filter?.values) return null;
  const type = filter.type;
  if (!type) {
    throw invalidField(ctx.locale, 'filter.type', 'REQUIRED', {
      en: 'looking up values needs their type, because each type has its own normal form',
      vi: 'tra cứu theo giá trị cần loại dấu hiệu, vì mỗi loại có dạng chuẩn riêng',
    });
  }
  const normalised = normaliseIndicatorInputs(
    ctx.locale,
    { list: 'filter.values', item: (index) => `filter.values.${index}` },
    filter.values.map((value) => ({ type, value })),
    'lookup',
  );
  return normalised.map((entry) => entry.value);
}

function minimumIncidents(ctx: Context, filter: IndicatorFilter | null | undefined): number {
  const minimum = filter?.minIncidents ?? 1;
  if (!Number.isInteger(minimum) || minimum < 1) {
    throw invalidField(
      ctx.locale,
      'filter.minIncidents',
      'OUT_OF_RANGE',
      {
        en: `${minimum} is below 1; give 1 or more`,
        vi: `${minimum} nhỏ hơn 1; hãy nhập từ 1 trở lên`,
      },
      minimum,
    );
  }
  return minimum;
}

export const queryResolvers = {
  Query: {
    incident: async (_source: unknown, args: { id: string }, ctx: Context) =>
      ctx.loaders.incident.load(idArgument(ctx.locale, 'id', 'Incident', args.id)),

    incidents: async (
      _source: unknown,
      args: ListArgs & { filter?: IncidentFilter | null },
      ctx: Context,
    ) => {
      const size = pageSize(args.first, ctx.locale);
      const scope = cursorScope(
        'incidents',
        ...incidentFilterScope(args.filter),
        args.updatedSince,
      );
      const cursor = parseIncidentCursor(args.after, ctx.locale, scope);
      const where = [
        await ctx.loaders.visibility(),
        ...filterConditions(args.filter, args.updatedSince),
      ];
      const connection = await pageIncidents(ctx.db, where, size, cursor, {
        after: args.after,
        scope,
      });
      ctx.loaders.noteReads(connection.nodes);
      for (const row of connection.nodes) ctx.loaders.incident.prime(row.id, row);
      return connection;
    },

    incidentStatistics: async (
      _source: unknown,
      args: { filter?: IncidentFilter | null; updatedSince?: Date | null },
      ctx: Context,
    ) => {
      const where = [
        await ctx.loaders.visibility(),
        ...filterConditions(args.filter, args.updatedSince),
      ];
      const stats = await statisticsPerParent(ctx.db, ['network'], sql`true`, where);
      return stats.get('network');
    },

    indicator: async (
      _source: unknown,
      args: { type: IndicatorType; value: string },
      ctx: Context,
    ) => {
      const [normalised] = normaliseIndicatorInputs(
        ctx.locale,
        { list: 'value', item: () => 'value' },
        [args],
        'lookup',
      );
      if (!normalised) return null;
      const viewer = await ctx.loaders.viewer();
      const [found] = await ctx.db
        .select()
        .from(indicators)
        .where(
          and(
            eq(indicators.type, normalised.type),
            eq(indicators.value, normalised.value),
            indicatorVisibleTo(viewer.orgId),
          ),
        );
      return found ?? null;
    },

    indicators: async (
      _source: unknown,
      args: ListArgs & { filter?: IndicatorFilter | null },
      ctx: Context,
    ) => {
      const size = pageSize(args.first, ctx.locale);
      const values = lookupValues(ctx, args.filter);
      const minimum = minimumIncidents(ctx, args.filter);
      const scope = cursorScope(
        'indicators',
        args.filter?.type,
        values ? [...values].sort() : null,
        minimum,
        args.updatedSince,
      );
      const cursor = parseIndicatorCursor(args.after, ctx.locale, scope);
      const viewer = await ctx.loaders.viewer();
      const visible =
        minimum === 1 ? indicatorVisibleTo(viewer.orgId) : reportedByAtLeast(viewer.orgId, minimum);
      const where = [visible, ...indicatorConditions(args.filter?.type, values, args.updatedSince)];
      return pageIndicators(ctx.db, where, size, cursor, { after: args.after, scope });
    },

    incidentResponseTeams: async (_source: unknown, _args: unknown, ctx: Context) =>
      (await responseTeams(ctx.db)).map((team) => ({ id: team.id })),
  },
};
