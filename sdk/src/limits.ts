import type { DxhubClient } from './client.js';
import { HubLimitsDocument } from './generated/graphql.js';
import type { RequestOptions } from './options.js';

/**
 * Caps the hub publishes through its `limits` query: the largest page a connection returns
 * (`first`) and the most rows one bulk mutation accepts.
 *
 * @example
 * ```ts
 * const { maxPageSize, maxBatchSize } = await hubLimits(hub);
 * ```
 */
export interface HubLimits {
  maxPageSize: number;
  maxBatchSize: number;
}

const cache = new WeakMap<DxhubClient, Promise<HubLimits>>();

/**
 * Returns the hub's page and batch caps, queried once per client. A failed look-up is not kept,
 * so the next call queries again.
 *
 * @example
 * ```ts
 * const limits = await hubLimits(hub);
 * console.log(`at most ${limits.maxBatchSize} rows per bulk call`);
 * ```
 */
export function hubLimits(
  client: DxhubClient,
  options: Pick<RequestOptions, 'signal' | 'timeoutMs'> = {},
): Promise<HubLimits> {
  let pending = cache.get(client);
  if (!pending) {
    pending = client
      .request(HubLimitsDocument, {}, { signal: options.signal, timeoutMs: options.timeoutMs })
      .then(({ limits }) => {
        if (!Number.isInteger(limits?.maxPageSize) || !Number.isInteger(limits?.maxBatchSize)) {
          throw new TypeError(
            '@dxhub/sdk: the hub returned limits without whole maxPageSize and maxBatchSize',
          );
        }
        return Object.freeze({
          maxPageSize: limits.maxPageSize,
          maxBatchSize: limits.maxBatchSize,
        });
      });
    cache.set(client, pending);
    pending.catch(() => {
      if (cache.get(client) === pending) cache.delete(client);
    });
  }
  return pending;
}
