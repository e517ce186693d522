/**
 * When and how often a failed attempt is repeated. Queries are retried; mutations only when they
 * carry an idempotency key, which the client adds to every mutation unless the call opts out.
 *
 * @example
 * ```ts
 * const policy: RetryPolicy = { maxAttempts: 5, baseDelayMs: 200, maxDelayMs: 5_000, maxRetryAfterMs: 30_000 };
 * ```
 */
export interface RetryPolicy {
  /** Attempts in all, the first included; 1 turns retries off. */
  maxAttempts: number;
  /** Upper bound of the first backoff delay, in milliseconds; it doubles with each retry. */
  baseDelayMs: number;
  /** Cap of one backoff delay, in milliseconds. */
  maxDelayMs: number;
  /**
   * Longest `Retry-After` the client waits for, in milliseconds; a longer one ends the request
   * with the error so that the caller can plan.
   */
  maxRetryAfterMs: number;
}

/**
 * Retry settings the client uses when none are given: 3 attempts, backoff from 250 ms up to
 * 8 s, and a `Retry-After` of at most 60 s.
 *
 * @example
 * ```ts
 * const hub = createClient({ url, retry: { maxAttempts: DEFAULT_RETRY_POLICY.maxAttempts + 2 } });
 * ```
 */
export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maxAttempts: 3,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
});

/**
 * Exponential backoff with full jitter: a random delay between 0 and
 * `min(maxDelayMs, baseDelayMs * 2^(retry - 1))`, so that clients that failed together spread out.
 * `retry` counts from 1.
 */
export function backoffDelay(
  retry: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(random() * ceiling);
}

/**
 * Reads a `Retry-After` header, in delay seconds or as an HTTP date, into milliseconds from `now`.
 * Returns undefined when the header is absent or unreadable.
 */
export function parseRetryAfter(
  header: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Waits `ms` milliseconds, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
