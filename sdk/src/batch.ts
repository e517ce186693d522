import type { DxhubClient } from './client.js';
import { RequestAbortedError } from './errors.js';
import { hubLimits } from './limits.js';

/**
 * Settings of how {@link inBatches} splits its work.
 *
 * @example
 * ```ts
 * const options: BatchOptions = { batchSize: 1_000, signal: controller.signal };
 * ```
 */
export interface BatchOptions {
  /** Rows per call; capped at the hub's `maxBatchSize`, which is also the default. */
  batchSize?: number;
  /** Stops before the next batch when it fires. */
  signal?: AbortSignal;
}

/**
 * Splits `items` into batches no larger than the hub's `maxBatchSize` and calls `send` for each,
 * one after another, in order. Returns the results in batch order. A batch that fails stops the
 * run; the batches before it stay applied.
 *
 * @example
 * ```ts
 * const results = await inBatches(hub, rows, (batch) =>
 *   hub.request(ImportStaffingDocument, { rows: batch }),
 * );
 * ```
 */
export async function inBatches<TItem, TResult>(
  client: DxhubClient,
  items: readonly TItem[],
  send: (batch: TItem[], index: number) => Promise<TResult>,
  options: BatchOptions = {},
): Promise<TResult[]> {
  if (
    options.batchSize !== undefined &&
    (!Number.isInteger(options.batchSize) || options.batchSize < 1)
  ) {
    throw new TypeError(
      `@dxhub/sdk: batchSize must be a whole number above 0, got ${String(options.batchSize)}`,
    );
  }
  if (items.length === 0) return [];
  const { maxBatchSize } = await hubLimits(client, { signal: options.signal });
  const size = Math.min(options.batchSize ?? maxBatchSize, maxBatchSize);
  const results: TResult[] = [];
  for (let start = 0, index = 0; start < items.length; start += size, index += 1) {
    if (options.signal?.aborted) throw new RequestAbortedError({ cause: options.signal.reason });
    results.push(await send(items.slice(start, start + size), index));
  }
  return results;
}
