import { DxError } from '@dxhub/kit';
import { and, eq } from 'drizzle-orm';
import type { Context } from '../context.js';
import { resolveOrgRefs, type OrganizationRefInput, type OrgRow } from '../db/org-queries.js';
import { incidents, MAX_NOTE_LENGTH, recipients, type IncidentRow } from '../db/schema.js';
import type { IncidentSeverity, IncidentStatus } from '../domain/taxonomy.js';
import { widensAudience, type TlpMarking } from '../domain/tlp.js';
import { STATUS_TRANSITIONS, canTransition } from '../domain/workflow.js';
import { forbidden, incidentError } from '../errors.js';
import { checkRecipients, checkResponseTeam } from './report.js';
import {
  appendTimeline,
  cleanText,
  loadForChange,
  reloadIncident,
  touchIncident,
} from './support.js';

function noteOf(ctx: Context, note: string | null | undefined): string | null {
  if (note == null) return null;
  return cleanText(ctx.locale, 'note', note, { max: MAX_NOTE_LENGTH, required: false }) || null;
}

/** Throws CONFLICT when a guarded update found the incident changed by another request. */
function changedMeanwhile(ctx: Context, id: string): DxError {
  return new DxError('CONFLICT', {
    locale: ctx.locale,
    params: {
      reason:
        ctx.locale === 'vi'
          ? `sự cố an toàn thông tin mạng ${id} vừa được thay đổi bởi một yêu cầu khác; hãy tải lại rồi thử lại`
          : `incident ${id} was changed by another request meanwhile; load it again and retry`,
    },
  });
}

/** Moves an incident along the workflow, guarded against a concurrent move. */
export async function transitionIncident(
  ctx: Context,
  id: string,
  to: IncidentStatus,
  note: string | null | undefined,
): Promise<IncidentRow | null> {
  const { incident, actor } = await loadForChange(ctx, id, {
    en: 'change the status of',
    vi: 'đổi trạng thái',
  });
  const text = noteOf(ctx, note);
  const from = incident.status;
  if (!canTransition(from, to)) {
    const allowed = STATUS_TRANSITIONS[from];
    throw incidentError(
      'INCIDENTS_INVALID_TRANSITION',
      ctx.locale,
      {
        id,
        from,
        to,
        allowed:
          allowed.length > 0
            ? allowed.join(', ')
            : ctx.locale === 'vi'
              ? 'không có (sự cố đã kết thúc)'
              : 'none (the incident is final)',
      },
      { extensions: { from, to, allowedTransitions: allowed } },
    );
  }

  const now = new Date();
  const changed = await ctx.db.transaction(async (tx) => {
    const updated = await tx
      .update(incidents)
      .set({ status: to, updatedAt: now })
      .where(and(eq(incidents.id, id), eq(incidents.status, from)))
      .returning({ id: incidents.id });
    if (updated.length === 0) throw changedMeanwhile(ctx, id);
    return [
      id,
      ...(await appendTimeline(tx, id, actor, now, [
        { kind: 'STATUS_CHANGED', fromValue: from, toValue: to, note: text },
      ])),
    ];
  });
  ctx.audit.note('MUTATION', changed);
  return reloadIncident(ctx, id);
}

/** Changes an incident's severity and records the change. */
export async function changeSeverity(
  ctx: Context,
  id: string,
  severity: IncidentSeverity,
  note: string | null | undefined,
): Promise<IncidentRow | null> {
  const { incident, actor } = await loadForChange(ctx, id, {
    en: 'change the severity of',
    vi: 'đổi mức độ nghiêm trọng của',
  });
  const text = noteOf(ctx, note);
  if (incident.severity === severity) return incident;

  const now = new Date();
  const changed = await ctx.db.transaction(async (tx) => {
    await tx.update(incidents).set({ severity, updatedAt: now }).where(eq(incidents.id, id));
    const entry = {
      kind: 'SEVERITY_CHANGED' as const,
      fromValue: incident.severity,
      toValue: severity,
      note: text,
    };
    return [id, ...(await appendTimeline(tx, id, actor, now, [entry]))];
  });
  ctx.audit.note('MUTATION', changed);
  return reloadIncident(ctx, id);
}

/** Writes a marking for the timeline: the marking, and for RED the recipients' codes. */
function describeMarking(tlp: TlpMarking, recipientOrgs: readonly (OrgRow | null)[]): string {
  if (tlp !== 'RED') return tlp;
  const codes = recipientOrgs.map((org) => org?.code ?? '?').sort();
  return `RED (${codes.join(', ')})`;
}

/**
 * Changes the marking and, for RED, the named recipients. A change that lets more
 * organisations read the incident needs `incidents:manage`; raising it does not.
 */
export async function changeMarking(
  ctx: Context,
  id: string,
  tlp: TlpMarking,
  recipientRefs: readonly OrganizationRefInput[] | null | undefined,
  note: string | null | undefined,
): Promise<IncidentRow | null> {
  const { incident, actor } = await loadForChange(ctx, id, {
    en: 'change the marking of',
    vi: 'đổi nhãn TLP của',
  });
  const text = noteOf(ctx, note);
  const refs = (recipientRefs ?? []).map((ref, index) => ({ field: `recipients.${index}`, ref }));
  const orgs = await resolveOrgRefs(ctx.db, ctx.locale, refs);
  const named = refs.map(({ field }) => orgs.get(field) as OrgRow);
  const recipientIds = checkRecipients(ctx, 'recipients', tlp, named, incident.reporterOrgId);
  const currentIds = (await ctx.loaders.recipientOrgIds.load(id)).map((row) => row.orgId);

  const unchanged =
    incident.tlp === tlp && [...currentIds].sort().join() === [...recipientIds].sort().join();
  if (unchanged) return incident;
  const from = { tlp: incident.tlp, recipientIds: currentIds };
  const to = { tlp, recipientIds };
  if (widensAudience(from, to) && !ctx.caller?.hasScope('incidents:manage')) {
    throw forbidden(ctx.locale, 'MARKING_NEEDS_MANAGE', {
      en: `changing the marking of incident ${id} from ${incident.tlp} to ${tlp} lets more organisations read it, which needs scope incidents:manage; ask a holder of that scope, or keep the marking`,
      vi: `đổi nhãn của sự cố an toàn thông tin mạng ${id} từ ${incident.tlp} sang ${tlp} cho thêm đơn vị được đọc, việc này cần phạm vi incidents:manage; hãy nhờ người có phạm vi đó, hoặc giữ nguyên nhãn`,
    });
  }

  const currentOrgs = await ctx.loaders.org.loadMany(currentIds);
  const fromValue = describeMarking(
    incident.tlp,
    currentOrgs.map((org) => (org instanceof Error ? null : org)),
  );
  const toValue = describeMarking(tlp, named);
  const now = new Date();
  const changed = await ctx.db.transaction(async (tx) => {
    // Triggers require this order: recipients go before the incident leaves RED and come
    // after it is RED.
    await tx.delete(recipients).where(eq(recipients.incidentId, id));
    await tx.update(incidents).set({ tlp, updatedAt: now }).where(eq(incidents.id, id));
    if (recipientIds.length > 0) {
      await tx.insert(recipients).values(recipientIds.map((orgId) => ({ incidentId: id, orgId })));
    }
    return [
      id,
      ...(await appendTimeline(tx, id, actor, now, [
        { kind: 'MARKING_CHANGED', fromValue, toValue, note: text },
      ])),
    ];
  });
  ctx.audit.note('MUTATION', changed);
  ctx.loaders.recipientOrgIds.clear(id);
  return reloadIncident(ctx, id);
}

/** Sets the handling team, which must be of the incident-response kind. */
export async function assignHandlingTeam(
  ctx: Context,
  id: string,
  teamRef: OrganizationRefInput,
  note: string | null | undefined,
): Promise<IncidentRow | null> {
  const { incident, actor } = await loadForChange(ctx, id, {
    en: 'assign the handling team of',
    vi: 'giao đội ứng cứu sự cố cho',
  });
  const text = noteOf(ctx, note);
  const team = (await resolveOrgRefs(ctx.db, ctx.locale, [{ field: 'team', ref: teamRef }])).get(
    'team',
  ) as OrgRow;
  checkResponseTeam(ctx, 'team', team);
  if (incident.handlingTeamId === team.id) return incident;

  const previous = incident.handlingTeamId
    ? await ctx.loaders.org.load(incident.handlingTeamId)
    : null;
  const now = new Date();
  const changed = await ctx.db.transaction(async (tx) => {
    await tx
      .update(incidents)
      .set({ handlingTeamId: team.id, updatedAt: now })
      .where(eq(incidents.id, id));
    const entry = {
      kind: 'HANDLING_TEAM_CHANGED' as const,
      fromValue: previous?.code ?? null,
      toValue: team.code,
      note: text,
    };
    return [id, ...(await appendTimeline(tx, id, actor, now, [entry]))];
  });
  ctx.audit.note('MUTATION', changed);
  return reloadIncident(ctx, id);
}

/** Adds a note to the timeline. */
export async function addNote(ctx: Context, id: string, note: string): Promise<IncidentRow | null> {
  const { actor } = await loadForChange(ctx, id, { en: 'add notes to', vi: 'thêm ghi chú cho' });
  const text = cleanText(ctx.locale, 'note', note, { max: MAX_NOTE_LENGTH, required: true });
  const now = new Date();
  const changed = await ctx.db.transaction(async (tx) => {
    await touchIncident(tx, id, now);
    return [id, ...(await appendTimeline(tx, id, actor, now, [{ kind: 'NOTE', note: text }]))];
  });
  ctx.audit.note('MUTATION', changed);
  return reloadIncident(ctx, id);
}
