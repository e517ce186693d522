import type { TokenProvider } from './auth.js';
import type { PrintDocument } from './document.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry.js';

/**
 * Settings of a {@link DxhubClient}. Only `url` is required.
 *
 * @example
 * ```ts
 * const options: ClientOptions = {
 *   url: 'http://127.0.0.1:4000/graphql',
 *   token: process.env.DXHUB_TOKEN,
 *   locale: 'vi',
 *   timeoutMs: 10_000,
 *   retry: { maxAttempts: 5 },
 * };
 * ```
 */
export interface ClientOptions {
  /** The hub's GraphQL endpoint, such as `http://127.0.0.1:4000/graphql`. */
  url: string;
  /** An access token, or a function that supplies one and is called again after a 401. */
  token?: string | TokenProvider | undefined;
  /** Sent as `Accept-Language`. The hub writes messages in Vietnamese for `vi` and in English otherwise. */
  locale?: string | undefined;
  /** Limit of one attempt, in milliseconds, reading the body included. Default 30 000. */
  timeoutMs?: number | undefined;
  /** Retry settings, merged over {@link DEFAULT_RETRY_POLICY}; `false` sends each request once. */
  retry?: Partial<RetryPolicy> | false | undefined;
  /** Extra headers sent with every request. */
  headers?: Record<string, string> | undefined;
  /** The `fetch` to use; the global one by default. */
  fetch?: typeof fetch | undefined;
  /** Turns a parsed document without source text into a string; `print` from `graphql` fits. */
  print?: PrintDocument | undefined;
}

/**
 * Options of one call; each overrides the client's setting of the same name for that call.
 *
 * @example
 * ```ts
 * await hub.request(ReportIncidentDocument, { input }, { idempotencyKey: 'incident-2025-07-01-001', timeoutMs: 5_000 });
 * ```
 */
export interface RequestOptions {
  /** Cancels the call, retries and waits included. */
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  retry?: Partial<RetryPolicy> | false | undefined;
  /**
   * Key that makes a mutation apply once however often it is sent. Every mutation gets a random
   * key unless one is given here; `false` sends none, and the mutation is then never retried.
   */
  idempotencyKey?: string | false | undefined;
  /** The operation to run when the document contains several. */
  operationName?: string | undefined;
  headers?: Record<string, string> | undefined;
}

/**
 * Client settings after defaults are applied; frozen.
 *
 * @example
 * ```ts
 * const { timeoutMs, retry }: ResolvedClientOptions = hub.options;
 * ```
 */
export interface ResolvedClientOptions {
  readonly url: string;
  readonly token: string | TokenProvider | undefined;
  readonly locale: string | undefined;
  readonly timeoutMs: number;
  readonly retry: Readonly<RetryPolicy>;
  readonly headers: Readonly<Record<string, string>>;
  readonly fetch: typeof fetch | undefined;
  readonly print: PrintDocument | undefined;
}

/**
 * Time limit of one attempt when none is given, in milliseconds.
 *
 * @example
 * ```ts
 * const patient = createClient({ url, timeoutMs: 2 * DEFAULT_TIMEOUT_MS });
 * ```
 */
export const DEFAULT_TIMEOUT_MS = 30_000;

const CLIENT_KEYS = new Set([
  'url',
  'token',
  'locale',
  'timeoutMs',
  'retry',
  'headers',
  'fetch',
  'print',
]);
const REQUEST_KEYS = new Set([
  'signal',
  'timeoutMs',
  'retry',
  'idempotencyKey',
  'operationName',
  'headers',
]);
const RETRY_KEYS = new Set(['maxAttempts', 'baseDelayMs', 'maxDelayMs', 'maxRetryAfterMs']);

function rejectUnknownKeys(value: object, known: Set<string>, what: string): void {
  for (const key of Object.keys(value)) {
    if (!known.has(key)) {
      throw new TypeError(
        `@dxhub/sdk: unknown ${what} "${key}"; known ones are ${[...known].join(', ')}`,
      );
    }
  }
}

function checkPositive(value: unknown, name: string, { integer = false, zero = false } = {}): void {
  const valid =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (zero ? value >= 0 : value > 0) &&
    (!integer || Number.isInteger(value));
  if (!valid) {
    throw new TypeError(
      `@dxhub/sdk: ${name} must be a ${integer ? 'whole ' : ''}number above ${zero ? 'or equal to ' : ''}0, got ${String(value)}`,
    );
  }
}

function checkHeaders(headers: unknown, name: string): Record<string, string> {
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) {
    throw new TypeError(`@dxhub/sdk: ${name} must be an object of header names to string values`);
  }
  const copy: Record<string, string> = {};
  for (const [header, value] of Object.entries(headers)) {
    if (typeof value !== 'string')
      throw new TypeError(`@dxhub/sdk: header ${header} in ${name} must be a string`);
    copy[header.toLowerCase()] = value;
  }
  return copy;
}

/** Merges retry settings over `base`, checking each value; `false` means one attempt. */
export function resolveRetry(
  retry: Partial<RetryPolicy> | false | undefined,
  base: Readonly<RetryPolicy>,
): Readonly<RetryPolicy> {
  if (retry === undefined) return base;
  if (retry === false) return Object.freeze({ ...base, maxAttempts: 1 });
  if (typeof retry !== 'object' || retry === null)
    throw new TypeError('@dxhub/sdk: retry must be an object or false');
  rejectUnknownKeys(retry, RETRY_KEYS, 'retry option');
  const merged = { ...base, ...retry };
  checkPositive(merged.maxAttempts, 'retry.maxAttempts', { integer: true });
  checkPositive(merged.baseDelayMs, 'retry.baseDelayMs', { zero: true });
  checkPositive(merged.maxDelayMs, 'retry.maxDelayMs', { zero: true });
  checkPositive(merged.maxRetryAfterMs, 'retry.maxRetryAfterMs', { zero: true });
  return Object.freeze(merged);
}

/** Checks client options, applies defaults and freezes the result. Misuse throws `TypeError`. */
export function resolveClientOptions(options: ClientOptions): ResolvedClientOptions {
  if (typeof options !== 'object' || options === null)
    throw new TypeError('@dxhub/sdk: createClient needs an options object with a url');
  rejectUnknownKeys(options, CLIENT_KEYS, 'client option');

  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    throw new TypeError(
      `@dxhub/sdk: url must be an absolute http(s) URL such as http://127.0.0.1:4000/graphql, got ${JSON.stringify(options.url)}`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`@dxhub/sdk: url must use http or https, got ${url.protocol}`);
  }
  const token = options.token;
  if (token !== undefined && typeof token !== 'string' && typeof token !== 'function') {
    throw new TypeError('@dxhub/sdk: token must be a string or a function that returns one');
  }
  if (options.locale !== undefined && typeof options.locale !== 'string')
    throw new TypeError('@dxhub/sdk: locale must be a string such as "vi"');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  checkPositive(timeoutMs, 'timeoutMs');
  if (options.fetch !== undefined && typeof options.fetch !== 'function')
    throw new TypeError('@dxhub/sdk: fetch must be a function');
  if (options.print !== undefined && typeof options.print !== 'function')
    throw new TypeError('@dxhub/sdk: print must be a function');

  return Object.freeze({
    url: url.toString(),
    token,
    locale: options.locale,
    timeoutMs,
    retry: resolveRetry(options.retry, DEFAULT_RETRY_POLICY),
    headers: Object.freeze(
      options.headers === undefined ? {} : checkHeaders(options.headers, 'headers'),
    ),
    fetch: options.fetch,
    print: options.print,
  });
}

/** Checks the options of one call. Misuse throws `TypeError`. */
export function checkRequestOptions(options: RequestOptions): void {
  if (typeof options !== 'object' || options === null)
    throw new TypeError('@dxhub/sdk: request options must be an object');
  rejectUnknownKeys(options, REQUEST_KEYS, 'request option');
  if (options.timeoutMs !== undefined) checkPositive(options.timeoutMs, 'timeoutMs');
  if (options.headers !== undefined) checkHeaders(options.headers, 'headers');
  const key = options.idempotencyKey;
  if (
    key !== undefined &&
    key !== false &&
    (typeof key !== 'string' || !/^[\x21-\x7e]{1,255}$/.test(key))
  ) {
    throw new TypeError(
      '@dxhub/sdk: idempotencyKey must be 1 to 255 visible ASCII characters, or false',
    );
  }
}
