import { DxError, defineErrors, type FieldError, type Locale } from '@dxhub/kit';
import { vietnamTimestamp } from './time.js';

/**
 * Domain error codes of the surveys subgraph, sent in `extensions.code`. Messages use the
 * glossary's wording: survey = khảo sát, response = phiếu trả lời, respondent = đơn vị trả lời.
 */
export const SURVEY_ERRORS = {
  SURVEYS_NOT_PUBLISHED: {
    status: 409,
    en: 'Survey {surveyId} is a draft and takes no responses yet. Publish it with publishSurvey first.',
    vi: 'Khảo sát {surveyId} còn là bản nháp nên chưa nhận phiếu trả lời. Hãy công bố khảo sát bằng publishSurvey trước.',
  },
  SURVEYS_NOT_YET_OPEN: {
    status: 409,
    en: 'Survey {surveyId} opens at {opensAt}. Submit the response after that time, or save it as a draft now.',
    vi: 'Khảo sát {surveyId} mở lúc {opensAt}. Hãy nộp phiếu trả lời sau thời điểm đó, hoặc lưu nháp ngay bây giờ.',
  },
  SURVEYS_CLOSED: {
    status: 409,
    en: 'Survey {surveyId} closed at {closesAt} and takes no more responses or changes.',
    vi: 'Khảo sát {surveyId} đã đóng lúc {closesAt} nên không nhận thêm phiếu trả lời hay thay đổi nào.',
  },
  SURVEYS_FROZEN: {
    status: 409,
    en: 'Survey {surveyId} was published, so its questions, audience and settings can no longer change. Create a new version with createSurveyVersion and edit that draft.',
    vi: 'Khảo sát {surveyId} đã được công bố nên không thể thay đổi câu hỏi, đối tượng hay thiết lập. Hãy tạo phiên bản mới bằng createSurveyVersion và sửa bản nháp đó.',
  },
  SURVEYS_NOT_IN_AUDIENCE: {
    status: 403,
    en: 'Organisation {respondent} is not among the units survey {surveyId} asks. Only the units fixed when the survey was published can respond.',
    vi: 'Đơn vị {respondent} không thuộc đối tượng của khảo sát {surveyId}. Chỉ các đơn vị trả lời được xác định khi công bố khảo sát mới được trả lời.',
  },
  SURVEYS_RESPONSE_SUBMITTED: {
    status: 409,
    en: 'The response of {respondent} to survey {surveyId} is already submitted. Call submitSurveyResponse again to replace it before the survey closes.',
    vi: 'Phiếu trả lời của {respondent} cho khảo sát {surveyId} đã được nộp. Hãy gọi lại submitSurveyResponse để thay thế trước khi khảo sát đóng.',
  },
  SURVEYS_ANSWERS_INVALID: {
    status: 400,
    en: '{count} answer(s) are invalid: {summary}. Each entry of extensions.fieldErrors names the question and what to fix.',
    vi: '{count} câu trả lời có giá trị không hợp lệ: {summary}. Mỗi mục trong extensions.fieldErrors nêu câu hỏi và cách sửa.',
  },
  SURVEYS_ANONYMOUS: {
    status: 403,
    en: 'Survey {surveyId} is anonymous: individual responses are never shown, only results over groups of at least {threshold} responses.',
    vi: 'Khảo sát {surveyId} là khảo sát ẩn danh: không hiển thị từng phiếu trả lời, chỉ hiển thị kết quả của nhóm có từ {threshold} phiếu trở lên.',
  },
  SURVEYS_EMPTY_AUDIENCE: {
    status: 422,
    en: 'The audience of survey {surveyId} contains no organisation valid on {date}. Change its levels, kinds or unit, or its opening time, and publish again.',
    vi: 'Đối tượng của khảo sát {surveyId} không có đơn vị nào có hiệu lực vào ngày {date}. Hãy sửa cấp, loại, đơn vị hoặc thời điểm mở rồi công bố lại.',
  },
  SURVEYS_NO_QUESTIONS: {
    status: 422,
    en: 'Survey {surveyId} has no questions. Add at least one with updateSurvey before publishing.',
    vi: 'Khảo sát {surveyId} chưa có câu hỏi nào. Hãy thêm ít nhất một câu hỏi bằng updateSurvey trước khi công bố.',
  },
  SURVEYS_CLOSING_TIME_PASSED: {
    status: 422,
    en: 'Survey {surveyId} would close at {closesAt}, which has already passed. Set a later closing time.',
    vi: 'Khảo sát {surveyId} có thời điểm đóng {closesAt} đã qua. Hãy đặt thời điểm đóng muộn hơn.',
  },
  SURVEYS_EXPORT_FILTER_ANONYMOUS: {
    status: 403,
    en: 'Survey {surveyId} is anonymous, so its export covers your whole jurisdiction and takes no filter. Remove the filter, or use results for filtered figures.',
    vi: 'Khảo sát {surveyId} là khảo sát ẩn danh nên tệp xuất gồm toàn bộ phạm vi quản lý của bạn và không nhận bộ lọc. Hãy bỏ bộ lọc, hoặc dùng results để xem số liệu theo bộ lọc.',
  },
  SURVEYS_EXPORT_WITHHELD: {
    status: 403,
    en: 'The answers of survey {surveyId} cannot be exported yet: {reason}.',
    vi: 'Chưa thể xuất câu trả lời của khảo sát {surveyId}: {reason}.',
  },
} as const;

export type SurveyErrorCode = keyof typeof SURVEY_ERRORS;

defineErrors(SURVEY_ERRORS);

/** Builds a surveys domain error in the request's language. */
export function surveyError(
  code: SurveyErrorCode,
  locale: Locale,
  params: Record<string, unknown>,
  fieldErrors?: FieldError[],
): DxError {
  return new DxError(code, {
    locale,
    params,
    ...(fieldErrors ? { fieldErrors } : {}),
    extensions: { ...params },
  });
}

/** A message in both languages, picked by the request's locale. */
export interface Bilingual {
  en: string;
  vi: string;
}

/** BAD_USER_INPUT naming the input field, the rejected value and what to do. */
export function badInput(
  locale: Locale,
  field: string,
  reason: Bilingual,
  value?: unknown,
): DxError {
  return new DxError('BAD_USER_INPUT', {
    locale,
    params: { field, reason: reason[locale] },
    extensions: { field, ...(value === undefined ? {} : { value }) },
  });
}

/** BAD_USER_INPUT carrying one field error per problem, for inputs with several parts. */
export function badInputs(locale: Locale, field: string, fieldErrors: FieldError[]): DxError {
  const first = fieldErrors[0];
  const summary = fieldErrors
    .slice(0, 3)
    .map((e) => `${e.field}: ${e.message}`)
    .join('; ');
  const more =
    fieldErrors.length > 3
      ? locale === 'vi'
        ? ` và ${fieldErrors.length - 3} lỗi khác`
        : ` and ${fieldErrors.length - 3} more`
      : '';
  return new DxError('BAD_USER_INPUT', {
    locale,
    params: {
      field: fieldErrors.length === 1 && first ? first.field : field,
      reason: summary + more,
    },
    fieldErrors,
    extensions: { field },
  });
}

/**
 * Names of the records this subgraph reports as not found, keyed by GraphQL type name. The key
 * is sent in `extensions.entity` in every language, and the name goes into the message.
 */
const ENTITY_NAMES = {
  Survey: { en: 'survey', vi: 'khảo sát' },
  Organization: { en: 'organisation', vi: 'đơn vị' },
} satisfies Record<string, Bilingual>;

/** Builds NOT_FOUND for a record looked up by a value, naming its kind in the request's language. */
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

/** FORBIDDEN with a reason in both languages. */
export function forbidden(locale: Locale, reason: Bilingual): DxError {
  return new DxError('FORBIDDEN', { locale, params: { reason: reason[locale] } });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Returns the id when it is a UUID; otherwise throws BAD_USER_INPUT naming the argument. */
export function requireUuid(locale: Locale, field: string, value: string): string {
  if (UUID.test(value)) return value.toLowerCase();
  throw badInput(
    locale,
    field,
    {
      en: `"${value}" is not an id; pass the id field (a UUID) of the record`,
      vi: `"${value}" không phải là mã định danh; hãy truyền trường id (dạng UUID) của bản ghi`,
    },
    value,
  );
}

/** True when the string has the shape of a UUID. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * Maps an error raised by one of the invariant triggers to its coded error. Such a message
 * starts with a surveys error code; any other error returns undefined.
 */
export function triggerError(
  error: unknown,
  locale: Locale,
  params: Record<string, unknown>,
): DxError | undefined {
  for (let current: unknown = error; current; current = (current as { cause?: unknown }).cause) {
    const message = (current as { message?: unknown }).message;
    if (typeof message !== 'string') continue;
    const match = /(SURVEYS_[A-Z_]+):/.exec(message);
    if (match && match[1] && match[1] in SURVEY_ERRORS) {
      // The closing and opening triggers end their message with the time in question.
      const raw = /(?:closed|opens) at (.+)$/.exec(message)?.[1];
      const at = raw?.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00');
      const when = at && !Number.isNaN(Date.parse(at)) ? vietnamTimestamp(new Date(at)) : undefined;
      return surveyError(match[1] as SurveyErrorCode, locale, {
        closesAt: when,
        opensAt: when,
        ...params,
      });
    }
  }
  return undefined;
}
