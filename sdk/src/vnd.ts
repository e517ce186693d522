/** Whole đồng, optional minus sign, no leading zeros; the hub's `VND` scalar uses the same form. */
const VND_PATTERN = /^-?(0|[1-9]\d*)$/;
const INT64_MAX = 9_223_372_036_854_775_807n;

/**
 * Reads a `VND` value as the hub sends it, a decimal string of whole đồng, into an exact `bigint`.
 * Throws `TypeError` for anything else, including numbers, which may already have lost digits.
 *
 * @example
 * ```ts
 * parseVnd('15000000000'); // 15000000000n
 * ```
 */
export function parseVnd(value: string): bigint {
  if (typeof value !== 'string' || !VND_PATTERN.test(value)) {
    throw new TypeError(
      `@dxhub/sdk: a VND amount must be a string of whole đồng such as "15000000000", got ${JSON.stringify(value)}`,
    );
  }
  const amount = BigInt(value);
  if (amount > INT64_MAX || amount < -INT64_MAX) {
    throw new TypeError(`@dxhub/sdk: the VND amount ${value} does not fit in 64 bits`);
  }
  return amount;
}

/**
 * Converts an amount to the string the hub's `VND` scalar accepts. A `number` is accepted only
 * when it is a safe integer, so no digit is silently lost.
 *
 * @example
 * ```ts
 * toVndString(9_007_199_254_740_993n); // '9007199254740993'
 * ```
 */
export function toVndString(amount: bigint | string | number): string {
  if (typeof amount === 'bigint') return parseVnd(amount.toString()).toString();
  if (typeof amount === 'number') {
    if (!Number.isSafeInteger(amount)) {
      throw new TypeError(
        `@dxhub/sdk: ${amount} is not a safe integer number of đồng; pass a bigint or a string`,
      );
    }
    return String(amount);
  }
  return parseVnd(amount).toString();
}

/**
 * Formats an amount for people, such as `15.000.000.000 ₫` in Vietnamese. Works on the exact
 * `bigint`, never through a `number`.
 *
 * @example
 * ```ts
 * formatVnd(15_000_000_000n); // '15.000.000.000 ₫'
 * formatVnd(15_000_000_000n, 'en'); // '₫15,000,000,000'
 * ```
 */
export function formatVnd(amount: bigint, locale: string = 'vi-VN'): string {
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'VND',
    maximumFractionDigits: 0,
  }).format(amount);
}

/** JSON replacer that writes `bigint` values as decimal strings, the form the `VND` scalar takes. */
export function bigintReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
