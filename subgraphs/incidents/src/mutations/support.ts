import { MAX_BATCH_SIZE, type Db, type FieldError, type Locale } from '@dxhub/kit';
import { eq } from 'drizzle-orm';
import { validate as isUuid } from 'uuid';
import type { Context } from '../context.js';
import { incidents, timelineEntries, type IncidentRow, type TimelineKind } from '../db/schema.js';
import { normaliseIndicator, type IndicatorType } from '../domain/indicators.js';
import type { Label } from '../domain/taxonomy.js';
import { forbidden, incidentError, invalidField, notFound } from '../errors.js';

/** Author of a change: the token subject and the organisation it acts for. */
export interface Actor {
  subject: string;
  orgId: string;
}

/** An incident the caller may change, with the caller as actor. */
export interface Changeable {
  incident: IncidentRow;
  actor: Actor;
}

/**
 * Loads an incident for a change by its reporter or handling team. Throws NOT_FOUND when the
 * incident does not exist or the caller may not read it, so a hidden incident and a missing one
 * look alike, and FORBIDDEN (NOT_INVOLVED) when the caller reads it but is neither.
 */
export async function loadForChange(ctx: Context, id: string, action: Label): Promise<Changeable> {
  const incident = isUuid(id) ? await ctx.loaders.incident.load(id) : null;
  if (!incident) throw notFound(ctx.locale, 'Incident', id);
  const viewer = await ctx.loaders.viewer();
  const orgId = viewer.orgId;
  if (!orgId || (orgId !== incident.reporterOrgId && orgId !== incident.handlingTeamId)) {
    throw forbidden(ctx.locale, 'NOT_INVOLVED', {
      en: `only the reporting organisation and the handling team may ${action.en} incident ${id}, and ${viewer.orgCode} is neither`,
      vi: `chỉ đơn vị báo cáo và đội ứng cứu sự cố được ${action.vi} sự cố an toàn thông tin mạng ${id}; đơn vị ${viewer.orgCode} không phải hai đơn vị này`,
    });
  }
  return { incident, actor: { subject: ctx.caller?.subject ?? '', orgId } };
}

/** A timeline entry to append; `at` and the actor are filled in by {@link appendTimeline}. */
export interface TimelineInput {
  kind: TimelineKind;
  fromValue?: string | null;
  toValue?: string | null;
  note?: string | null;
}

/** Appends timeline entries of one incident; returns their ids for the audit log. */
export async function appendTimeline(
  db: Db,
  incidentId: string,
  actor: Actor,
  at: Date,
  entries: readonly TimelineInput[],
): Promise<string[]> {
  if (entries.length === 0) return [];
  const inserted = await db
    .insert(timelineEntries)
    .values(
      entries.map((entry) => ({
        incidentId,
        at,
        kind: entry.kind,
        actor: actor.subject,
        actorOrgId: actor.orgId,
        fromValue: entry.fromValue ?? null,
        toValue: entry.toValue ?? null,
        note: entry.note ?? null,
      })),
    )
    .returning({ id: timelineEntries.id });
  return inserted.map((row) => row.id);
}

/** Sets an incident's `updatedAt`, for changes that touch only its related tables. */
export async function touchIncident(db: Db, incidentId: string, at: Date): Promise<void> {
  await db.update(incidents).set({ updatedAt: at }).where(eq(incidents.id, incidentId));
}

/** Reads the incident again after a change; null when the change hid it from the caller. */
export async function reloadIncident(ctx: Context, id: string): Promise<IncidentRow | null> {
  return ctx.loaders.incident.clear(id).load(id);
}

/**
 * Normalises free text to NFC and trims it. Throws BAD_USER_INPUT when a required text is
 * empty or any text is longer than `max` characters.
 */
export function cleanText(
  locale: Locale,
  field: string,
  value: string,
  options: { max: number; required: boolean },
): string {
  const text = value.normalize('NFC').trim();
  if (options.required && text === '') {
    throw invalidField(locale, field, 'REQUIRED', {
      en: 'the value is required and is empty',
      vi: 'bắt buộc nhưng đang để trống',
    });
  }
  if (text.length > options.max) {
    throw invalidField(locale, field, 'TOO_LONG', {
      en: `the text has ${text.length} characters; at most ${options.max} are allowed`,
      vi: `nội dung dài ${text.length} ký tự; tối đa ${options.max} ký tự`,
    });
  }
  return text;
}

/**
 * Throws BAD_USER_INPUT when a detection time is later than the report time: `latest.at` is
 * the report time of an existing incident, or the time a new report is being stored.
 */
export function checkDetectedAt(
  locale: Locale,
  field: string,
  detectedAt: Date,
  latest: { at: Date; isNewReport: boolean },
): void {
  if (detectedAt.getTime() <= latest.at.getTime()) return;
  const reason = !latest.isNewReport
    ? {
        en: `${detectedAt.toISOString()} is later than the report at ${latest.at.toISOString()}; give the time the incident was detected`,
        vi: `${detectedAt.toISOString()} muộn hơn thời điểm báo cáo ${latest.at.toISOString()}; hãy nhập thời điểm phát hiện sự cố`,
      }
    : {
        en: `${detectedAt.toISOString()} is later than now; give the time the incident was detected`,
        vi: `${detectedAt.toISOString()} muộn hơn thời điểm hiện tại; hãy nhập thời điểm phát hiện sự cố`,
      };
  throw invalidField(locale, field, 'AFTER_REPORT', reason, detectedAt.toISOString());
}

/** Returns the last sentence of INCIDENTS_INVALID_INDICATOR, which states what was not done. */
function rejectionOutcome(use: 'change' | 'lookup', rejected: number, total: number): Label {
  if (use === 'lookup') {
    return {
      en: `${rejected} of ${total} values to look up are invalid for their type, so nothing was read. Correct them and send the query again.`,
      vi: `${rejected} trên ${total} giá trị cần tra cứu không hợp lệ với loại đã chọn nên chưa có dữ liệu nào được đọc. Hãy sửa rồi gửi lại truy vấn.`,
    };
  }
  return {
    en: `${rejected} of ${total} indicators were rejected and none was saved. Correct them and send the request again.`,
    vi: `${rejected} trên ${total} dấu hiệu bị từ chối và chưa dấu hiệu nào được lưu. Hãy sửa rồi gửi lại yêu cầu.`,
  };
}

/**
 * Validates and normalises indicator inputs. Returns each distinct (type, value) once; throws
 * INCIDENTS_INVALID_INDICATOR with one field error per rejected input, so nothing is saved
 * until every value is valid. `fields` names the input list and the field of the value at an
 * index. `use` picks the last sentence of the message: a change saved nothing, and a look-up
 * read nothing. E-mail values are left out of messages, as they may name a person.
 */
export function normaliseIndicatorInputs(
  locale: Locale,
  fields: { list: string; item: (index: number) => string },
  inputs: readonly { type: IndicatorType; value: string }[],
  use: 'change' | 'lookup' = 'change',
): { type: IndicatorType; value: string }[] {
  if (inputs.length > MAX_BATCH_SIZE) {
    throw invalidField(locale, fields.list, 'TOO_MANY', {
      en: `${inputs.length} indicators were sent; send at most ${MAX_BATCH_SIZE} per request`,
      vi: `đã gửi ${inputs.length} dấu hiệu; mỗi yêu cầu gửi tối đa ${MAX_BATCH_SIZE} dấu hiệu`,
    });
  }

  const accepted = new Map<string, { type: IndicatorType; value: string }>();
  const rejected: { input: { type: IndicatorType; value: string }; error: FieldError }[] = [];
  inputs.forEach((input, index) => {
    const checked = normaliseIndicator(input.type, input.value);
    if (checked.ok) {
      accepted.set(`${checked.type} ${checked.value}`, {
        type: checked.type,
        value: checked.value,
      });
      return;
    }
    const error: FieldError = {
      field: fields.item(index),
      code: checked.problem.code,
      message: checked.problem.reason[locale],
      ...(input.type === 'EMAIL' ? {} : { value: input.value }),
    };
    rejected.push({ input, error });
  });

  const first = rejected[0];
  if (first) {
    const withheld =
      locale === 'vi' ? '(không nhắc lại địa chỉ e-mail)' : '(e-mail address not repeated)';
    throw incidentError(
      'INCIDENTS_INVALID_INDICATOR',
      locale,
      {
        type: first.input.type,
        field: first.error.field,
        value: first.error.value === undefined ? withheld : JSON.stringify(first.error.value),
        reason: first.error.message,
        outcome: rejectionOutcome(use, rejected.length, inputs.length)[locale],
      },
      { fieldErrors: rejected.map((entry) => entry.error) },
    );
  }
  return [...accepted.values()];
}
