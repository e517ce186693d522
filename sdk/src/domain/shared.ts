import { InvalidResponseError } from '../errors.js';
import type { RequestOptions } from '../options.js';
import { parseVnd } from '../vnd.js';

/** Returns `value`, or throws when the hub sent null for a field that a successful call fills. */
export function required<T>(value: T | null | undefined, field: string): T {
  if (value === null || value === undefined) {
    throw new InvalidResponseError(`@dxhub/sdk: the hub returned no ${field} and no error`);
  }
  return value;
}

/** Replaces the listed `VND` string fields of a result with exact `bigint` values. */
export function withVnd<T extends object, K extends keyof T>(
  value: T,
  fields: readonly K[],
): Omit<T, K> & { [P in K]: bigint } {
  const copy = { ...value } as Record<string, unknown>;
  for (const field of fields) copy[field as string] = parseVnd(value[field] as unknown as string);
  return copy as Omit<T, K> & { [P in K]: bigint };
}

/** Request options for batch `index` of a call whose caller gave one idempotency key. */
export function batchRequestOptions(options: RequestOptions, index: number): RequestOptions {
  const key = options.idempotencyKey;
  return typeof key === 'string' ? { ...options, idempotencyKey: `${key}.${index}` } : options;
}
