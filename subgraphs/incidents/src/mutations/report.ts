import { eq } from 'drizzle-orm';
import { memberOrgId } from '../access/viewer.js';
import type { Context } from '../context.js';
import { linkIndicators, upsertIndicators } from '../db/indicator-queries.js';
import { resolveOrgRefs, type OrganizationRefInput, type OrgRow } from '../db/org-queries.js';
import {
  affectedOrganizations,
  incidents,
  MAX_DESCRIPTION_LENGTH,
  MAX_TITLE_LENGTH,
  recipients,
  type IncidentRow,
} from '../db/schema.js';
import type { IndicatorType } from '../domain/indicators.js';
import {
  INCIDENT_RESPONSE_TEAM_KIND,
  type IncidentCategory,
  type IncidentSeverity,
} from '../domain/taxonomy.js';
import type { TlpMarking } from '../domain/tlp.js';
import { incidentError } from '../errors.js';
import {
  appendTimeline,
  checkDetectedAt,
  cleanText,
  loadForChange,
  normaliseIndicatorInputs,
  reloadIncident,
  type TimelineInput,
} from './support.js';

export interface ReportIncidentInput {
  title: string;
  description: string;
  category: IncidentCategory;
  severity: IncidentSeverity;
  tlp: TlpMarking;
  detectedAt: Date;
  affectedOrganizations?: OrganizationRefInput[] | null;
  handlingTeam?: OrganizationRefInput | null;
  recipients?: OrganizationRefInput[] | null;
  indicators?: { type: IndicatorType; value: string }[] | null;
}

export interface UpdateIncidentInput {
  title?: string | null;
  description?: string | null;
  category?: IncidentCategory | null;
  detectedAt?: Date | null;
  affectedOrganizations?: OrganizationRefInput[] | null;
}

/** Throws INCIDENTS_NOT_A_RESPONSE_TEAM unless the organisation is of the incident-response kind. */
export function checkResponseTeam(ctx: Context, field: string, org: OrgRow): void {
  if (org.kind !== INCIDENT_RESPONSE_TEAM_KIND) {
    throw incidentError('INCIDENTS_NOT_A_RESPONSE_TEAM', ctx.locale, {
      field,
      value: org.code,
      kind: org.kind,
    });
  }
}

/**
 * Checks that named recipients come with TLP:RED and only with it; returns the distinct
 * recipient ids other than the reporter, who reads the incident anyway.
 */
export function checkRecipients(
  ctx: Context,
  field: string,
  tlp: TlpMarking,
  named: readonly OrgRow[],
  reporterOrgId: string,
): string[] {
  const ids = [...new Set(named.map((org) => org.id))].filter((id) => id !== reporterOrgId);
  if (tlp === 'RED' && ids.length === 0)
    throw incidentError('INCIDENTS_RED_NEEDS_RECIPIENTS', ctx.locale, { field });
  if (tlp !== 'RED' && named.length > 0) {
    throw incidentError('INCIDENTS_RECIPIENTS_NEED_RED', ctx.locale, { field, tlp });
  }
  return ids;
}

/** Resolves a list of organisation references, keyed `field.index`, and returns them in order. */
function refsOf(field: string, refs: readonly OrganizationRefInput[] | null | undefined) {
  return (refs ?? []).map((ref, index) => ({ field: `${field}.${index}`, ref }));
}

/** Reports an incident with the caller's organisation as reporter. */
export async function reportIncident(
  ctx: Context,
  input: ReportIncidentInput,
): Promise<IncidentRow | null> {
  const reporterOrgId = await memberOrgId(ctx, {
    en: 'report incidents',
    vi: 'báo cáo sự cố an toàn thông tin mạng',
  });
  const now = new Date();
  const title = cleanText(ctx.locale, 'input.title', input.title, {
    max: MAX_TITLE_LENGTH,
    required: true,
  });
  const description = cleanText(ctx.locale, 'input.description', input.description, {
    max: MAX_DESCRIPTION_LENGTH,
    required: false,
  });
  checkDetectedAt(ctx.locale, 'input.detectedAt', input.detectedAt, { at: now, isNewReport: true });
  const indicatorValues = normaliseIndicatorInputs(
    ctx.locale,
    { list: 'input.indicators', item: (index) => `input.indicators.${index}.value` },
    input.indicators ?? [],
  );

  const affectedRefs = refsOf('input.affectedOrganizations', input.affectedOrganizations);
  const recipientRefs = refsOf('input.recipients', input.recipients);
  const teamRefs = input.handlingTeam
    ? [{ field: 'input.handlingTeam', ref: input.handlingTeam }]
    : [];
  const orgs = await resolveOrgRefs(ctx.db, ctx.locale, [
    ...affectedRefs,
    ...recipientRefs,
    ...teamRefs,
  ]);
  const team = orgs.get('input.handlingTeam');
  if (team) checkResponseTeam(ctx, 'input.handlingTeam', team);
  const named = recipientRefs.map(({ field }) => orgs.get(field) as OrgRow);
  const recipientIds = checkRecipients(ctx, 'input.recipients', input.tlp, named, reporterOrgId);
  const affectedIds = [...new Set(affectedRefs.map(({ field }) => (orgs.get(field) as OrgRow).id))];

  const actor = { subject: ctx.caller?.subject ?? '', orgId: reporterOrgId };
  const changed = await ctx.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(incidents)
      .values({
        reporterOrgId,
        title,
        description,
        category: input.category,
        severity: input.severity,
        tlp: input.tlp,
        detectedAt: input.detectedAt,
        reportedAt: now,
        handlingTeamId: team?.id ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: incidents.id });
    const incidentId = (created as { id: string }).id;
    if (affectedIds.length > 0) {
      await tx
        .insert(affectedOrganizations)
        .values(affectedIds.map((orgId) => ({ incidentId, orgId })));
    }
    if (recipientIds.length > 0) {
      await tx.insert(recipients).values(recipientIds.map((orgId) => ({ incidentId, orgId })));
    }
    const indicatorRows = await upsertIndicators(tx, indicatorValues, now);
    await linkIndicators(
      tx,
      incidentId,
      indicatorRows.map((row) => row.id),
      now,
    );
    const entries: TimelineInput[] = [{ kind: 'REPORTED', toValue: 'REPORTED' }];
    if (indicatorRows.length > 0)
      entries.push({ kind: 'INDICATORS_ADDED', toValue: String(indicatorRows.length) });
    const entryIds = await appendTimeline(tx, incidentId, actor, now, entries);
    return [incidentId, ...indicatorRows.map((row) => row.id), ...entryIds];
  });

  ctx.audit.note('MUTATION', changed);
  return reloadIncident(ctx, changed[0] as string);
}

/** Changes the descriptive fields of an incident; records which fields changed. */
export async function updateIncident(
  ctx: Context,
  id: string,
  input: UpdateIncidentInput,
): Promise<IncidentRow | null> {
  const { incident, actor } = await loadForChange(ctx, id, { en: 'edit', vi: 'sửa' });
  const now = new Date();
  const changes: Partial<IncidentRow> = {};
  if (input.title != null) {
    const title = cleanText(ctx.locale, 'input.title', input.title, {
      max: MAX_TITLE_LENGTH,
      required: true,
    });
    if (title !== incident.title) changes.title = title;
  }
  if (input.description != null) {
    const description = cleanText(ctx.locale, 'input.description', input.description, {
      max: MAX_DESCRIPTION_LENGTH,
      required: false,
    });
    if (description !== incident.description) changes.description = description;
  }
  if (input.category != null && input.category !== incident.category)
    changes.category = input.category;
  if (input.detectedAt != null) {
    // A check constraint enforces the same bound in the database.
    checkDetectedAt(ctx.locale, 'input.detectedAt', input.detectedAt, {
      at: incident.reportedAt,
      isNewReport: false,
    });
    if (input.detectedAt.getTime() !== incident.detectedAt.getTime())
      changes.detectedAt = input.detectedAt;
  }

  let affectedIds: string[] | null = null;
  if (input.affectedOrganizations) {
    const refs = refsOf('input.affectedOrganizations', input.affectedOrganizations);
    const orgs = await resolveOrgRefs(ctx.db, ctx.locale, refs);
    const wanted = [...new Set(refs.map(({ field }) => (orgs.get(field) as OrgRow).id))].sort();
    const current = (await ctx.loaders.affectedOrgIds.load(id)).map((row) => row.orgId).sort();
    if (wanted.join() !== current.join()) affectedIds = wanted;
  }

  const changedFields = [
    ...Object.keys(changes),
    ...(affectedIds ? ['affectedOrganizations'] : []),
  ];
  if (changedFields.length === 0) return incident;

  const changed = await ctx.db.transaction(async (tx) => {
    await tx
      .update(incidents)
      .set({ ...changes, updatedAt: now })
      .where(eq(incidents.id, id));
    if (affectedIds) {
      await tx.delete(affectedOrganizations).where(eq(affectedOrganizations.incidentId, id));
      if (affectedIds.length > 0) {
        await tx
          .insert(affectedOrganizations)
          .values(affectedIds.map((orgId) => ({ incidentId: id, orgId })));
      }
    }
    const details: TimelineInput = {
      kind: 'DETAILS_UPDATED',
      toValue: changedFields.join(', '),
      note: changes.category ? `category: ${incident.category} -> ${changes.category}` : null,
    };
    return [id, ...(await appendTimeline(tx, id, actor, now, [details]))];
  });

  ctx.audit.note('MUTATION', changed);
  ctx.loaders.affectedOrgIds.clear(id);
  return reloadIncident(ctx, id);
}
