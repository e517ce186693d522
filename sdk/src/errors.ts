/**
 * Stable codes of {@link DxhubError}. Branch on these, never on message text; each code has one
 * subclass, so `switch (error.code)` narrows the type.
 *
 * - `NETWORK_ERROR`: the request did not reach the hub or the connection broke.
 * - `TIMEOUT`: an attempt took longer than `timeoutMs`.
 * - `ABORTED`: the caller's `AbortSignal` fired.
 * - `UNAUTHENTICATED`: the token is missing, invalid or expired (HTTP 401).
 * - `FORBIDDEN`: the token lacks a scope or the record is outside the caller's jurisdiction.
 * - `BAD_USER_INPUT`: an argument was rejected; `fieldErrors` names each field.
 * - `NOT_FOUND`: a record named by the request does not exist.
 * - `CONFLICT`: the change conflicts with stored data, or an idempotency key was reused.
 * - `RATE_LIMITED`: too many requests; `retryAfterMs` is the wait before the next try.
 * - `GRAPHQL_ERROR`: any other GraphQL error; `serverCode` holds its `extensions.code`.
 * - `HTTP_ERROR`: the hub responded with an HTTP error and no GraphQL body.
 * - `INVALID_RESPONSE`: the body was not a GraphQL response.
 *
 * @example
 * ```ts
 * const retryLater: DxhubErrorCode[] = ['NETWORK_ERROR', 'TIMEOUT', 'RATE_LIMITED'];
 * if (isDxhubError(error) && retryLater.includes(error.code)) schedule(run);
 * ```
 */
export type DxhubErrorCode =
  | 'NETWORK_ERROR'
  | 'TIMEOUT'
  | 'ABORTED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'GRAPHQL_ERROR'
  | 'HTTP_ERROR'
  | 'INVALID_RESPONSE';

const ERROR_CODES = new Set<DxhubErrorCode>([
  'NETWORK_ERROR',
  'TIMEOUT',
  'ABORTED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'GRAPHQL_ERROR',
  'HTTP_ERROR',
  'INVALID_RESPONSE',
]);

/**
 * One entry of a GraphQL response's `errors` list, as the hub sends it.
 *
 * @example
 * ```ts
 * const entry: GraphQLErrorEntry = { message: 'Not allowed', path: ['organization', 'people'], extensions: { code: 'FORBIDDEN' } };
 * ```
 */
export interface GraphQLErrorEntry {
  message: string;
  path?: readonly (string | number)[];
  locations?: readonly { line: number; column: number }[];
  extensions?: Record<string, unknown>;
}

/**
 * A rejected input field inside a `BAD_USER_INPUT` error.
 *
 * @example
 * ```ts
 * for (const field of error.fieldErrors) console.log(field.path, field.message);
 * ```
 */
export interface FieldError {
  /** Dotted input path, such as `input.email` or `rows.12.code`. */
  path: string;
  /** Stable code of the problem, such as `INVALID_FORMAT`, when the hub sends one. */
  code: string | undefined;
  message: string;
}

/**
 * Details every {@link DxhubError} may carry besides its message.
 *
 * @example
 * ```ts
 * const details: DxhubErrorDetails = { requestId: 'a1b2', status: 503, attempts: 3 };
 * ```
 */
export interface DxhubErrorDetails {
  /** Request id to quote when reporting the failure: the hub's, or the one the SDK sent. */
  requestId?: string | undefined;
  /** HTTP status of the last response, when one arrived. */
  status?: number | undefined;
  /** The GraphQL errors of the response. */
  errors?: readonly GraphQLErrorEntry[];
  /** The partial `data` the hub returned next to the errors, or undefined. */
  data?: unknown;
  /** How many attempts were made, retries included. */
  attempts?: number;
  cause?: unknown;
}

/**
 * Base class of every error a request through the SDK rejects with.
 *
 * @example
 * ```ts
 * try {
 *   await hub.request(OrganizationDocument, { code: '01' });
 * } catch (error) {
 *   if (error instanceof DxhubError) console.error(error.code, error.requestId);
 *   throw error;
 * }
 * ```
 */
export class DxhubError extends Error {
  /** Stable code of the failure. */
  readonly code: DxhubErrorCode;
  readonly requestId: string | undefined;
  readonly status: number | undefined;
  readonly errors: readonly GraphQLErrorEntry[];
  readonly data: unknown;
  readonly attempts: number;

  constructor(code: DxhubErrorCode, message: string, details: DxhubErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.code = code;
    this.requestId = details.requestId;
    this.status = details.status;
    this.errors = details.errors ?? [];
    this.data = details.data;
    this.attempts = details.attempts ?? 1;
  }

  /** `extensions.code` of the first GraphQL error, when there is one. */
  get serverCode(): string | undefined {
    const code = this.errors[0]?.extensions?.code;
    return typeof code === 'string' ? code : undefined;
  }
}

/**
 * The request did not reach the hub or the connection broke before a response arrived.
 *
 * @example
 * ```ts
 * if (error instanceof NetworkError) console.error('hub unreachable:', error.cause);
 * ```
 */
export class NetworkError extends DxhubError {
  declare readonly code: 'NETWORK_ERROR';
  constructor(message: string, details: DxhubErrorDetails = {}) {
    super('NETWORK_ERROR', message, details);
  }
}

/**
 * An attempt took longer than its `timeoutMs`.
 *
 * @example
 * ```ts
 * if (error instanceof TimeoutError) console.error(`no answer within ${error.timeoutMs} ms`);
 * ```
 */
export class TimeoutError extends DxhubError {
  declare readonly code: 'TIMEOUT';
  /** The per-attempt limit that passed, in milliseconds. */
  readonly timeoutMs: number;
  constructor(timeoutMs: number, details: DxhubErrorDetails = {}) {
    super('TIMEOUT', `@dxhub/sdk: the hub did not answer within ${timeoutMs} ms`, details);
    this.timeoutMs = timeoutMs;
  }
}

/**
 * The caller's `AbortSignal` fired; `cause` is the signal's reason.
 *
 * @example
 * ```ts
 * const controller = new AbortController();
 * setTimeout(() => controller.abort(), 1000);
 * await hub.request(doc, {}, { signal: controller.signal }).catch((e) => e instanceof RequestAbortedError);
 * ```
 */
export class RequestAbortedError extends DxhubError {
  declare readonly code: 'ABORTED';
  constructor(details: DxhubErrorDetails = {}) {
    super('ABORTED', '@dxhub/sdk: the request was aborted by its signal', details);
  }
}

/**
 * The token is missing, invalid or expired, and a token provider, when configured, did not
 * supply a working one.
 *
 * @example
 * ```ts
 * if (error instanceof AuthenticationError) await signInAgain();
 * ```
 */
export class AuthenticationError extends DxhubError {
  declare readonly code: 'UNAUTHENTICATED';
  constructor(message: string, details: DxhubErrorDetails = {}) {
    super('UNAUTHENTICATED', message, details);
  }
}

/**
 * The token lacks a scope, or the record lies outside the caller's jurisdiction. When other
 * fields resolved, `data` contains them and the denied fields are null.
 *
 * @example
 * ```ts
 * if (error instanceof AuthorizationError) console.warn('denied at', error.errors.map((e) => e.path));
 * ```
 */
export class AuthorizationError extends DxhubError {
  declare readonly code: 'FORBIDDEN';
  constructor(message: string, details: DxhubErrorDetails = {}) {
    super('FORBIDDEN', message, details);
  }
}

/**
 * An argument was rejected. `fieldErrors` lists each rejected field with its input path.
 *
 * @example
 * ```ts
 * if (error instanceof ValidationError) for (const f of error.fieldErrors) form.mark(f.path, f.message);
 * ```
 */
export class ValidationError extends DxhubError {
  declare readonly code: 'BAD_USER_INPUT';
  readonly fieldErrors: readonly FieldError[];
  constructor(
    message: string,
    fieldErrors: readonly FieldError[],
    details: DxhubErrorDetails = {},
  ) {
    super('BAD_USER_INPUT', message, details);
    this.fieldErrors = fieldErrors;
  }
}

/**
 * A record named by the request does not exist.
 *
 * @example
 * ```ts
 * const org = await hub.directory.organization('99999').catch((e) => (e instanceof NotFoundError ? null : Promise.reject(e)));
 * ```
 */
export class NotFoundError extends DxhubError {
  declare readonly code: 'NOT_FOUND';
  constructor(message: string, details: DxhubErrorDetails = {}) {
    super('NOT_FOUND', message, details);
  }
}

/**
 * The change conflicts with stored data, or an idempotency key was sent again with a different
 * request (`reason` is then `IDEMPOTENCY_KEY_REUSED`).
 *
 * @example
 * ```ts
 * if (error instanceof ConflictError && error.reason === 'IDEMPOTENCY_KEY_REUSED') key = crypto.randomUUID();
 * ```
 */
export class ConflictError extends DxhubError {
  declare readonly code: 'CONFLICT';
  constructor(message: string, details: DxhubErrorDetails = {}) {
    super('CONFLICT', message, details);
  }

  /** `extensions.reason` of the first error, such as `IDEMPOTENCY_KEY_REUSED`. */
  get reason(): string | undefined {
    const reason = this.errors[0]?.extensions?.reason;
    return typeof reason === 'string' ? reason : undefined;
  }
}

/**
 * The hub refused the request because of its rate limit. The SDK has already retried when the
 * wait was short enough; `retryAfterMs` is the wait the hub asked for.
 *
 * @example
 * ```ts
 * if (error instanceof RateLimitError) setTimeout(run, error.retryAfterMs ?? 60_000);
 * ```
 */
export class RateLimitError extends DxhubError {
  declare readonly code: 'RATE_LIMITED';
  readonly retryAfterMs: number | undefined;
  constructor(message: string, retryAfterMs: number | undefined, details: DxhubErrorDetails = {}) {
    super('RATE_LIMITED', message, details);
    this.retryAfterMs = retryAfterMs;
  }
}

/**
 * A GraphQL error with a code that has no class of its own: `INTERNAL_SERVER_ERROR`, a document
 * the schema rejects (`GRAPHQL_VALIDATION_FAILED`), or a domain code of one subgraph.
 *
 * @example
 * ```ts
 * if (error instanceof GraphQLResponseError && error.serverCode === 'INTERNAL_SERVER_ERROR') report(error.requestId);
 * ```
 */
export class GraphQLResponseError extends DxhubError {
  declare readonly code: 'GRAPHQL_ERROR';
  constructor(message: string, details: DxhubErrorDetails = {}) {
    super('GRAPHQL_ERROR', message, details);
  }
}

/**
 * The hub, or a proxy in front of it, responded with an HTTP error and no GraphQL body.
 *
 * @example
 * ```ts
 * if (error instanceof HttpError && error.status === 502) console.error('proxy could not reach the hub');
 * ```
 */
export class HttpError extends DxhubError {
  declare readonly code: 'HTTP_ERROR';
  constructor(message: string, details: DxhubErrorDetails = {}) {
    super('HTTP_ERROR', message, details);
  }
}

/**
 * The hub responded with a body that is not a GraphQL response (not JSON, or neither `data` nor
 * `errors`).
 *
 * @example
 * ```ts
 * if (error instanceof InvalidResponseError) console.error('check the url option: it must end in /graphql');
 * ```
 */
export class InvalidResponseError extends DxhubError {
  declare readonly code: 'INVALID_RESPONSE';
  constructor(message: string, details: DxhubErrorDetails = {}) {
    super('INVALID_RESPONSE', message, details);
  }
}

/**
 * Returns true for errors thrown by the SDK. Prefer it to `instanceof` when an application may
 * load both the ESM and the CommonJS build, whose classes differ.
 *
 * @example
 * ```ts
 * catch (error) { if (isDxhubError(error) && error.code === 'TIMEOUT') retryLater(); }
 * ```
 */
export function isDxhubError(value: unknown): value is DxhubError {
  if (value instanceof DxhubError) return true;
  if (!(value instanceof Error) || !('attempts' in value) || !('requestId' in value)) return false;
  return ERROR_CODES.has((value as { code?: unknown }).code as DxhubErrorCode);
}

function fieldErrorsOf(errors: readonly GraphQLErrorEntry[]): FieldError[] {
  const fields: FieldError[] = [];
  for (const error of errors) {
    const listed = error.extensions?.fieldErrors;
    if (Array.isArray(listed)) {
      for (const entry of listed as { field?: unknown; code?: unknown; message?: unknown }[]) {
        fields.push({
          path: String(entry.field ?? ''),
          code: typeof entry.code === 'string' ? entry.code : undefined,
          message: String(entry.message ?? error.message),
        });
      }
      continue;
    }
    const field = error.extensions?.field;
    const path = typeof field === 'string' ? field : (error.path?.join('.') ?? '');
    fields.push({ path, code: undefined, message: error.message });
  }
  return fields;
}

/** Reads `extensions.retryAfter` (seconds) of the first rate-limit error, in milliseconds. */
function retryAfterOf(errors: readonly GraphQLErrorEntry[]): number | undefined {
  for (const error of errors) {
    const value = error.extensions?.retryAfter;
    let seconds = Number.NaN;
    if (typeof value === 'number') seconds = value;
    else if (typeof value === 'string') seconds = Number(value);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  }
  return undefined;
}

/**
 * Builds the error for a GraphQL response with errors, picking the class from the first error's
 * `extensions.code`.
 */
export function errorFromGraphQL(
  errors: readonly GraphQLErrorEntry[],
  details: Omit<DxhubErrorDetails, 'errors'> & { retryAfterMs?: number | undefined },
): DxhubError {
  const first = errors[0];
  const message = first?.message ?? 'The hub returned an error without a message';
  const all: DxhubErrorDetails = { ...details, errors };
  switch (first?.extensions?.code) {
    case 'UNAUTHENTICATED':
      return new AuthenticationError(message, all);
    case 'FORBIDDEN':
      return new AuthorizationError(message, all);
    case 'BAD_USER_INPUT':
      return new ValidationError(
        message,
        fieldErrorsOf(errors.filter((e) => e.extensions?.code === 'BAD_USER_INPUT')),
        all,
      );
    case 'NOT_FOUND':
      return new NotFoundError(message, all);
    case 'CONFLICT':
      return new ConflictError(message, all);
    case 'RATE_LIMITED':
      return new RateLimitError(message, details.retryAfterMs ?? retryAfterOf(errors), all);
    default:
      return new GraphQLResponseError(message, all);
  }
}
