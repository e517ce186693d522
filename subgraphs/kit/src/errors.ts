import { GraphQLError } from 'graphql';
import type { Locale } from './locale.js';

/**
 * Stable error codes, sent in `extensions.code`. Clients branch on these, never on message text.
 * Subgraphs add domain codes through {@link defineErrors}.
 */
export type CoreErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'INTERNAL_SERVER_ERROR';

/** A message template in both languages; `{name}` placeholders are filled from the error's params. */
export interface MessageTemplate {
  en: string;
  vi: string;
  /** HTTP status sent in `extensions.http.status` and used for errors outside GraphQL execution. */
  status: number;
}

const catalogue = new Map<string, MessageTemplate>([
  [
    'UNAUTHENTICATED',
    {
      status: 401,
      en: 'Not authenticated: {reason}. Send a valid access token as "Authorization: Bearer <token>".',
      vi: 'Chưa xác thực (thiếu hoặc sai mã thông báo): {reason}. Hãy gửi mã thông báo hợp lệ trong tiêu đề "Authorization: Bearer <mã>".',
    },
  ],
  [
    'FORBIDDEN',
    {
      status: 403,
      en: 'Not allowed: {reason}.',
      vi: 'Không có quyền: {reason}.',
    },
  ],
  [
    'BAD_USER_INPUT',
    {
      status: 400,
      en: 'Invalid value for {field}: {reason}.',
      vi: 'Giá trị không hợp lệ ở {field}: {reason}.',
    },
  ],
  [
    'NOT_FOUND',
    {
      status: 404,
      en: 'Not found: {entity} {value}.',
      vi: 'Không tìm thấy {entity} {value}.',
    },
  ],
  [
    'CONFLICT',
    {
      status: 409,
      en: 'Conflict: {reason}.',
      vi: 'Xung đột dữ liệu: {reason}.',
    },
  ],
  [
    'RATE_LIMITED',
    {
      status: 429,
      en: 'Too many requests for {subject}: retry after {retryAfter} s.',
      vi: 'Quá nhiều yêu cầu từ {subject}: hãy thử lại sau {retryAfter} giây.',
    },
  ],
  [
    'INTERNAL_SERVER_ERROR',
    {
      status: 500,
      en: 'Internal error. Quote request id {requestId} when reporting it.',
      vi: 'Lỗi hệ thống. Hãy cung cấp mã yêu cầu {requestId} khi báo lỗi.',
    },
  ],
]);

/**
 * Registers domain error codes with their messages. Call at module load; a code may be registered
 * once, so two subgraphs cannot give one code two meanings.
 */
export function defineErrors(entries: Record<string, MessageTemplate>): void {
  for (const [code, template] of Object.entries(entries)) {
    if (catalogue.has(code))
      throw new TypeError(`dxhub kit: error code ${code} is already defined`);
    catalogue.set(code, template);
  }
}

/** Returns the registered template for a code, or undefined. */
export function errorTemplate(code: string): MessageTemplate | undefined {
  return catalogue.get(code);
}

/** Fills a template's `{name}` placeholders; a missing param stays visible as `{name}`. */
export function formatMessage(
  code: string,
  locale: Locale,
  params: Record<string, unknown> = {},
): string {
  const template = catalogue.get(code);
  if (!template) throw new TypeError(`dxhub kit: unknown error code ${code}`);
  return template[locale].replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  );
}

/** Per-field problem inside a BAD_USER_INPUT error, so a form can mark each field. */
export interface FieldError {
  /** Input path, for example `input.email` or `rows.12.code`. */
  field: string;
  /** Stable code of the problem, for example `INVALID_FORMAT`. */
  code: string;
  message: string;
  /** The rejected value, left out for personal fields. */
  value?: unknown;
}

export interface DxErrorOptions {
  locale?: Locale;
  params?: Record<string, unknown>;
  fieldErrors?: FieldError[];
  /** Extra extension entries, such as the allowed transitions of a workflow error. */
  extensions?: Record<string, unknown>;
  cause?: unknown;
}

/**
 * The hub's GraphQL error: a catalogue code, a message in the request's language, and
 * `extensions.http.status`. Thrown by resolvers and by the kit's checks.
 */
export class DxError extends GraphQLError {
  readonly code: string;
  readonly status: number;

  constructor(code: string, options: DxErrorOptions = {}) {
    const template = catalogue.get(code);
    if (!template) throw new TypeError(`dxhub kit: unknown error code ${code}`);
    const locale = options.locale ?? 'en';
    super(formatMessage(code, locale, options.params), {
      originalError: options.cause instanceof Error ? options.cause : undefined,
      extensions: {
        code,
        http: { status: template.status },
        ...(options.fieldErrors ? { fieldErrors: options.fieldErrors } : {}),
        ...options.extensions,
      },
    });
    this.code = code;
    this.status = template.status;
  }
}

/** True for codes whose message a client may see verbatim; anything else is masked. */
export function isKnownErrorCode(code: unknown): code is string {
  return typeof code === 'string' && catalogue.has(code) && code !== 'INTERNAL_SERVER_ERROR';
}
