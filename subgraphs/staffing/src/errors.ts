import { DxError, defineErrors, type FieldError, type Locale } from '@dxhub/kit';

/**
 * Domain error codes of the staffing subgraph, sent in `extensions.code`. The two rule codes
 * name the rule and carry its numbers in `extensions` as well as in the message.
 */
export const STAFFING_ERRORS = {
  STAFFING_BELOW_FILLED_POSTS: {
    status: 409,
    en:
      'Rule violated: a unit never goes below its filled posts. {org} has {allocated} posts allocated and ' +
      '{filled} filled for {year}; moving {posts} would leave {remaining}. Move at most {available} posts, ' +
      'or record a new allocation decision first.',
    vi:
      'Vi phạm quy tắc: biên chế được giao của đơn vị không được thấp hơn biên chế có mặt. {org} được giao ' +
      '{allocated} biên chế, có mặt {filled} (năm {year}); điều chuyển {posts} biên chế sẽ chỉ còn {remaining}. ' +
      'Hãy điều chuyển tối đa {available} biên chế, hoặc ghi nhận quyết định giao biên chế mới trước.',
  },
  STAFFING_HEADCOUNT_WOULD_GROW: {
    status: 409,
    en:
      'Rule violated: a transfer never grows the headcount of a body and its units. {from} is neither {body} ' +
      'nor a unit under it, so moving {posts} posts to {to} would raise the total of {body} and its units for ' +
      '{year} from {total} to {totalAfter}. Move posts from {body} or one of its units.',
    vi:
      'Vi phạm quy tắc: điều chuyển biên chế không được làm tăng tổng biên chế của cơ quan và các đơn vị ' +
      'trực thuộc. {from} không phải {body} hay đơn vị trực thuộc {body}, nên điều chuyển {posts} biên chế ' +
      'sang {to} sẽ làm tổng biên chế năm {year} của {body} và các đơn vị trực thuộc tăng từ {total} lên ' +
      '{totalAfter}. Hãy điều chuyển từ {body} hoặc một đơn vị trực thuộc.',
  },
  STAFFING_NOT_AN_IT_UNIT: {
    status: 400,
    en:
      'Invalid transfer target: {org} is of kind {kind} on {date}, not an IT unit. Posts can only be ' +
      'transferred to the IT / digital-transformation unit of a body; choose an organisation of kind IT_UNIT.',
    vi:
      'Đơn vị nhận không hợp lệ: {org} thuộc loại {kind} vào ngày {date}, không phải đơn vị chuyên trách về ' +
      'công nghệ thông tin. Chỉ được điều chuyển biên chế sang đơn vị chuyên trách về công nghệ thông tin ' +
      'của cơ quan; hãy chọn đơn vị có loại IT_UNIT.',
  },
};

defineErrors(STAFFING_ERRORS);

/** A message in both languages. */
export interface Bilingual {
  en: string;
  vi: string;
}

/** Entity names used in NOT_FOUND messages. */
const ENTITY_NAMES = {
  Organization: { en: 'organisation', vi: 'đơn vị' },
  Position: { en: 'position', vi: 'vị trí việc làm' },
  Assignment: { en: 'assignment', vi: 'bố trí vị trí việc làm' },
  Transfer: { en: 'transfer of posts', vi: 'điều chuyển biên chế' },
  Course: { en: 'training course', vi: 'khóa bồi dưỡng, tập huấn' },
  TrainingSession: { en: 'training session', vi: 'lớp bồi dưỡng, tập huấn' },
} satisfies Record<string, Bilingual>;

export type EntityName = keyof typeof ENTITY_NAMES;

/** BAD_USER_INPUT naming the field, the problem and, through `reason`, what to send instead. */
export function badInput(
  locale: Locale,
  field: string,
  reason: Bilingual,
  value?: unknown,
): DxError {
  return new DxError('BAD_USER_INPUT', {
    locale,
    params: { field, reason: reason[locale] },
    fieldErrors: [
      {
        field,
        code: 'INVALID',
        message: reason[locale],
        ...(value === undefined ? {} : { value }),
      },
    ],
    extensions: { field },
  });
}

/** BAD_USER_INPUT carrying one entry per failed row or field, for bulk input. */
export function badRows(
  locale: Locale,
  field: string,
  reason: Bilingual,
  fieldErrors: FieldError[],
): DxError {
  return new DxError('BAD_USER_INPUT', {
    locale,
    params: { field, reason: reason[locale] },
    fieldErrors,
    extensions: { field },
  });
}

export function notFound(locale: Locale, entity: EntityName, value: string): DxError {
  return new DxError('NOT_FOUND', {
    locale,
    params: { entity: ENTITY_NAMES[entity][locale], value },
    extensions: { entity },
  });
}

export function forbidden(locale: Locale, reason: Bilingual): DxError {
  return new DxError('FORBIDDEN', {
    locale,
    params: { reason: reason[locale] },
    extensions: { reason: 'JURISDICTION' },
  });
}

/** A PostgreSQL error as both drivers report it, possibly wrapped by drizzle. */
interface PgErrorFields {
  code?: string;
  detail?: string;
  constraint?: string;
  constraint_name?: string;
}

/** Finds the PostgreSQL error inside a thrown value; drizzle wraps it in `cause`. */
export function postgresError(error: unknown): PgErrorFields | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth += 1) {
    const fields = current as PgErrorFields & { cause?: unknown };
    if (typeof fields.code === 'string' && /^[0-9A-Z]{5}$/.test(fields.code)) return fields;
    current = fields.cause;
  }
  return undefined;
}

/** Returns the name of the constraint a PostgreSQL error reports (postgres.js and PGlite differ). */
export function violatedConstraint(error: PgErrorFields): string | undefined {
  return error.constraint_name ?? error.constraint;
}

/** Domain codes raised by the triggers in invariants.sql, by SQLSTATE. */
const TRIGGER_CODES: Record<string, string> = {
  DXS01: 'STAFFING_BELOW_FILLED_POSTS',
  DXS02: 'STAFFING_HEADCOUNT_WOULD_GROW',
  DXS03: 'STAFFING_NOT_AN_IT_UNIT',
};

/**
 * Turns a rule violation raised by a staffing trigger into its coded error, with the numbers
 * from the trigger's JSON detail as message params and extensions, and an organisation that is
 * not valid on the decision date into NOT_FOUND. Returns undefined for any other error.
 */
export function ruleViolation(error: unknown, locale: Locale): DxError | undefined {
  const pg = postgresError(error);
  if (!pg?.code) return undefined;
  const code = TRIGGER_CODES[pg.code];
  if (!code && pg.code !== 'DXS04') return undefined;
  let numbers: Record<string, unknown> = {};
  try {
    numbers = JSON.parse(pg.detail ?? '{}') as Record<string, unknown>;
  } catch {
    // The message then shows its placeholders, which still names the rule.
  }
  // DXS04: a unit stopped being valid on the decision date after the resolver looked it up.
  if (!code)
    return notFound(locale, 'Organization', `${String(numbers.org)} (${String(numbers.date)})`);
  return new DxError(code, {
    locale,
    params: numbers,
    extensions: { rule: code, ...numbers },
    cause: error,
  });
}
