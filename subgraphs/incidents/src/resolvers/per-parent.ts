import { cursorScope, pageSize, toConnection, type Connection } from '@dxhub/kit';
import DataLoader from 'dataloader';
import type { SQL } from 'drizzle-orm';
import type { Context } from '../context.js';
import {
  filterConditions,
  incidentCursorKey,
  incidentFilterScope,
  pageIncidentIdsPerParent,
  parseIncidentCursor,
  statisticsPerParent,
  type IdPage,
  type IncidentFilter,
  type IncidentStatistics,
} from '../db/incident-queries.js';
import type { IncidentRow } from '../db/schema.js';

export interface PerParentListArgs {
  filter?: IncidentFilter | null;
  updatedSince?: Date | null;
  first?: number | null;
  after?: string | null;
}

/**
 * Resolves a connection of incidents under one parent (an organisation or an indicator). Every
 * parent asked for with the same arguments in one request shares one statement for the ids and
 * counts, and the rows come through the incident loader.
 */
export async function incidentsOfParent(
  ctx: Context,
  parentKey: string,
  membership: { name: string; sql: SQL },
  args: PerParentListArgs,
): Promise<Connection<IncidentRow>> {
  const size = pageSize(args.first, ctx.locale);
  const scope = cursorScope(
    `incidents of ${membership.name}`,
    parentKey,
    ...incidentFilterScope(args.filter),
    args.updatedSince,
  );
  const cursor = parseIncidentCursor(args.after, ctx.locale, scope);
  const signature = JSON.stringify([
    'page',
    membership.name,
    args.filter ?? null,
    args.updatedSince ?? null,
    size,
    args.after ?? null,
  ]);
  const loader = ctx.loaders.perParent<IdPage>(signature, () => {
    return new DataLoader<string, IdPage>(
      async (keys) => {
        const where = [
          await ctx.loaders.visibility(),
          ...filterConditions(args.filter, args.updatedSince),
        ];
        const pages = await pageIncidentIdsPerParent(
          ctx.db,
          keys,
          membership.sql,
          where,
          size,
          cursor,
        );
        return keys.map((key) => pages.get(key) ?? { ids: [], totalCount: 0 });
      },
      { maxBatchSize: 5000 },
    );
  });

  const page = await loader.load(parentKey);
  const loaded = await ctx.loaders.incident.loadMany(page.ids);
  const found = loaded.filter((row): row is IncidentRow => row !== null && !(row instanceof Error));
  return toConnection(found, size, page.totalCount, incidentCursorKey, {
    after: args.after,
    scope,
  });
}

/** Resolves incident statistics under one parent; parents with equal arguments share one statement. */
export async function statisticsOfParent(
  ctx: Context,
  parentKey: string,
  membership: { name: string; sql: SQL },
  args: { filter?: IncidentFilter | null; updatedSince?: Date | null },
): Promise<IncidentStatistics> {
  const signature = JSON.stringify([
    'statistics',
    membership.name,
    args.filter ?? null,
    args.updatedSince ?? null,
  ]);
  const loader = ctx.loaders.perParent<IncidentStatistics>(signature, () => {
    return new DataLoader<string, IncidentStatistics>(
      async (keys) => {
        const where = [
          await ctx.loaders.visibility(),
          ...filterConditions(args.filter, args.updatedSince),
        ];
        const stats = await statisticsPerParent(ctx.db, keys, membership.sql, where);
        return keys.map(
          (key) => stats.get(key) ?? { total: 0, byCategory: [], bySeverity: [], byStatus: [] },
        );
      },
      { maxBatchSize: 5000 },
    );
  });
  return loader.load(parentKey);
}
