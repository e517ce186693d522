// Summaries of repeated runs: medians with their range, and paired ratios of alternating runs.

/** Median of the values; NaN for none. */
export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Median with the lowest and highest value, the spread shown in every table. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  count: number;
}

export function spread(values: number[]): Spread {
  return {
    median: median(values),
    min: values.length ? Math.min(...values) : Number.NaN,
    max: values.length ? Math.max(...values) : Number.NaN,
    count: values.length,
  };
}

/**
 * Ratios `numerator / denominator` of runs made in the same round, so both sides of a pair
 * met the same machine load. Rounds where either side is missing or flagged are left out.
 */
export function pairedRatios(
  numerator: Map<number, number>,
  denominator: Map<number, number>,
): number[] {
  const ratios: number[] = [];
  for (const [round, value] of numerator) {
    const other = denominator.get(round);
    if (other !== undefined && other > 0) ratios.push(value / other);
  }
  return ratios;
}

/**
 * Returns the order of `targets` for one round. The first two targets, the pair the record's
 * main ratio compares, run back to back in every round, and which of them goes first alternates,
 * so their paired ratio compares runs made seconds apart under the same machine load. The
 * other targets rotate around the pair from round to round.
 */
export function roundOrder<T>(targets: readonly T[], round: number): T[] {
  if (targets.length < 2) return [...targets];
  const [first, second, ...others] = targets as [T, T, ...T[]];
  const pair = round % 2 === 1 ? [first, second] : [second, first];
  const rotated = others.map((_, index) => others[(index + round - 1) % others.length]!);
  const position = (round - 1) % (others.length + 1);
  return [...rotated.slice(0, position), ...pair, ...rotated.slice(position)];
}
