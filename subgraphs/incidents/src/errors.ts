import {
  defineErrors,
  DxError,
  errorTemplate,
  type FieldError,
  type Locale,
  type MessageTemplate,
} from '@dxhub/kit';
import type { Label } from './domain/taxonomy.js';

/**
 * Error codes of the incidents subgraph, sent in `extensions.code` next to the kit's core codes.
 * Vietnamese wording follows the hub's glossary (sự cố an toàn thông tin mạng, dấu hiệu xâm
 * phạm, đội ứng cứu sự cố).
 */
export const INCIDENT_ERROR_CODES = [
  'INCIDENTS_INVALID_INDICATOR',
  'INCIDENTS_INVALID_TRANSITION',
  'INCIDENTS_NOT_A_RESPONSE_TEAM',
  'INCIDENTS_RED_NEEDS_RECIPIENTS',
  'INCIDENTS_RECIPIENTS_NEED_RED',
] as const;
export type IncidentErrorCode = (typeof INCIDENT_ERROR_CODES)[number];

const TEMPLATES: Record<IncidentErrorCode, MessageTemplate> = {
  INCIDENTS_INVALID_INDICATOR: {
    status: 400,
    // `outcome` is the last sentence: a rejected change saved nothing, a rejected look-up read nothing.
    en: 'Invalid {type} indicator at {field}: {value}: {reason}. {outcome}',
    vi: 'Giá trị không hợp lệ ở dấu hiệu xâm phạm (IOC) loại {type} tại {field}: {value}: {reason}. {outcome}',
  },
  INCIDENTS_INVALID_TRANSITION: {
    status: 409,
    en: 'Conflict: incident {id} is {from} and cannot move to {to}. Allowed next statuses: {allowed}.',
    vi: 'Xung đột dữ liệu: sự cố an toàn thông tin mạng {id} đang ở trạng thái {from}, không thể chuyển sang {to}. Các trạng thái được phép tiếp theo: {allowed}.',
  },
  INCIDENTS_NOT_A_RESPONSE_TEAM: {
    status: 400,
    en: 'Invalid value for {field}: organisation {value} is of kind {kind}, not INCIDENT_RESPONSE_TEAM, so it cannot handle incidents. Choose a team that the query incidentResponseTeams lists.',
    vi: 'Giá trị không hợp lệ ở {field}: đơn vị {value} thuộc loại {kind}, không phải đội ứng cứu sự cố (INCIDENT_RESPONSE_TEAM), nên không thể xử lý sự cố. Hãy chọn một đội trong danh sách của truy vấn incidentResponseTeams.',
  },
  INCIDENTS_RED_NEEDS_RECIPIENTS: {
    status: 400,
    en: 'Invalid value for {field}: a TLP:RED incident needs at least one named recipient organisation besides the reporter. Name the recipients, or choose another marking.',
    vi: 'Giá trị không hợp lệ ở {field}: sự cố an toàn thông tin mạng gắn nhãn TLP:RED cần ít nhất một đơn vị nhận được chỉ định ngoài đơn vị báo cáo. Hãy chỉ định đơn vị nhận, hoặc chọn nhãn khác.',
  },
  INCIDENTS_RECIPIENTS_NEED_RED: {
    status: 400,
    en: 'Invalid value for {field}: named recipients apply to TLP:RED only, and the marking is {tlp}. Remove the recipients, or mark the incident TLP:RED.',
    vi: 'Giá trị không hợp lệ ở {field}: đơn vị nhận chỉ định chỉ dùng cho nhãn TLP:RED, còn nhãn hiện là {tlp}. Hãy bỏ danh sách đơn vị nhận, hoặc gắn nhãn TLP:RED.',
  },
};

// The kit rejects a second registration of a code. A test runner that evaluates this module
// again against the same kit instance would otherwise fail at load.
if (!errorTemplate('INCIDENTS_INVALID_INDICATOR')) defineErrors(TEMPLATES);

/**
 * Names of the records this subgraph reports as not found, keyed by GraphQL type name. The key
 * is sent in `extensions.entity` in every language, and the name goes into the message.
 */
const ENTITY_NAMES = {
  Incident: { en: 'incident', vi: 'sự cố an toàn thông tin mạng' },
  Organization: { en: 'organisation', vi: 'đơn vị' },
  Indicator: { en: 'indicator', vi: 'dấu hiệu xâm phạm (IOC)' },
} satisfies Record<string, Label>;

/** Creates NOT_FOUND for a record, naming its kind in the request's language. */
export function notFound(
  locale: Locale,
  entity: keyof typeof ENTITY_NAMES,
  value: string,
): DxError {
  return new DxError('NOT_FOUND', {
    locale,
    params: { entity: ENTITY_NAMES[entity][locale], value },
    extensions: { entity, value },
  });
}

/** Creates BAD_USER_INPUT for one input field, with a field error a form can attach. */
export function invalidField(
  locale: Locale,
  field: string,
  code: string,
  reason: Label,
  value?: unknown,
): DxError {
  const fieldError: FieldError = {
    field,
    code,
    message: reason[locale],
    ...(value === undefined ? {} : { value }),
  };
  return new DxError('BAD_USER_INPUT', {
    locale,
    params: { field, reason: reason[locale] },
    fieldErrors: [fieldError],
    extensions: { field },
  });
}

/** Creates a domain error of this subgraph. */
export function incidentError(
  code: IncidentErrorCode,
  locale: Locale,
  params: Record<string, unknown>,
  extra: { fieldErrors?: FieldError[]; extensions?: Record<string, unknown> } = {},
): DxError {
  return new DxError(code, { locale, params, ...extra });
}

/**
 * Reasons of this subgraph's FORBIDDEN errors, sent in `extensions.reason` like the kit's
 * SCOPE_MISSING. Access denials share the core code so that access matrices and clients treat
 * them alike, and the reason distinguishes them.
 */
export type ForbiddenReason = 'NOT_INVOLVED' | 'NOT_A_MEMBER' | 'MARKING_NEEDS_MANAGE';

/** Creates FORBIDDEN with a reason code and a sentence in the request's language. */
export function forbidden(locale: Locale, reason: ForbiddenReason, text: Label): DxError {
  return new DxError('FORBIDDEN', {
    locale,
    params: { reason: text[locale] },
    extensions: { reason },
  });
}
