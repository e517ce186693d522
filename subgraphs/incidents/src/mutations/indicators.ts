import { and, eq } from 'drizzle-orm';
import { validate as isUuid } from 'uuid';
import type { Context } from '../context.js';
import { linkIndicators, upsertIndicators } from '../db/indicator-queries.js';
import { incidentIndicators, type IncidentRow } from '../db/schema.js';
import type { IndicatorType } from '../domain/indicators.js';
import { notFound } from '../errors.js';
import {
  appendTimeline,
  loadForChange,
  normaliseIndicatorInputs,
  reloadIncident,
  touchIncident,
} from './support.js';

/**
 * Adds indicators to an incident. Each value is normalised first, so a value another incident
 * already reported links to the existing record, which then shows both incidents.
 */
export async function addIndicators(
  ctx: Context,
  id: string,
  inputs: readonly { type: IndicatorType; value: string }[],
): Promise<IncidentRow | null> {
  const { actor } = await loadForChange(ctx, id, {
    en: 'add indicators to',
    vi: 'thêm dấu hiệu xâm phạm cho',
  });
  const values = normaliseIndicatorInputs(
    ctx.locale,
    { list: 'indicators', item: (index) => `indicators.${index}.value` },
    inputs,
  );
  if (values.length === 0) return reloadIncident(ctx, id);

  const now = new Date();
  const changed = await ctx.db.transaction(async (tx) => {
    const rows = await upsertIndicators(tx, values, now);
    const added = await linkIndicators(
      tx,
      id,
      rows.map((row) => row.id),
      now,
    );
    if (added.length === 0) return rows.map((row) => row.id);
    await touchIncident(tx, id, now);
    const entryIds = await appendTimeline(tx, id, actor, now, [
      { kind: 'INDICATORS_ADDED', toValue: String(added.length) },
    ]);
    return [id, ...rows.map((row) => row.id), ...entryIds];
  });
  ctx.audit.note('MUTATION', changed);
  ctx.loaders.indicatorsOfIncident.clear(id);
  return reloadIncident(ctx, id);
}

/** Unlinks an indicator from an incident; the shared record stays for other incidents. */
export async function removeIndicator(
  ctx: Context,
  id: string,
  indicatorId: string,
): Promise<IncidentRow | null> {
  const { actor } = await loadForChange(ctx, id, {
    en: 'remove indicators from',
    vi: 'gỡ dấu hiệu xâm phạm khỏi',
  });
  const linked = isUuid(indicatorId)
    ? (await ctx.loaders.indicatorsOfIncident.load(id)).find((row) => row.id === indicatorId)
    : undefined;
  if (!linked) throw notFound(ctx.locale, 'Indicator', indicatorId);

  const now = new Date();
  const changed = await ctx.db.transaction(async (tx) => {
    await tx
      .delete(incidentIndicators)
      .where(
        and(eq(incidentIndicators.incidentId, id), eq(incidentIndicators.indicatorId, indicatorId)),
      );
    await touchIncident(tx, id, now);
    const entry = {
      kind: 'INDICATOR_REMOVED' as const,
      fromValue: `${linked.type} ${linked.value}`,
    };
    return [id, indicatorId, ...(await appendTimeline(tx, id, actor, now, [entry]))];
  });
  ctx.audit.note('MUTATION', changed);
  ctx.loaders.indicatorsOfIncident.clear(id);
  return reloadIncident(ctx, id);
}
