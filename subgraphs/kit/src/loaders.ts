import DataLoader from 'dataloader';

/**
 * A per-request loader for one-to-one look-ups: `fetch` gets every key asked for in one tick and
 * returns the rows found in any order; keys without a row load as null.
 */
export function keyedLoader<K extends string, V>(
  fetch: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (row: V) => K,
): DataLoader<K, V | null> {
  return new DataLoader<K, V | null>(
    async (keys) => {
      const found = new Map<K, V>();
      for (const row of await fetch(keys)) found.set(keyOf(row), row);
      return keys.map((key) => found.get(key) ?? null);
    },
    { maxBatchSize: 5000 },
  );
}

/** A per-request loader for one-to-many look-ups: each key loads the (possibly empty) list of its rows. */
export function groupedLoader<K extends string, V>(
  fetch: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (row: V) => K,
): DataLoader<K, V[]> {
  return new DataLoader<K, V[]>(
    async (keys) => {
      const groups = new Map<K, V[]>();
      for (const row of await fetch(keys)) {
        const key = keyOf(row);
        const list = groups.get(key);
        if (list) list.push(row);
        else groups.set(key, [row]);
      }
      return keys.map((key) => groups.get(key) ?? []);
    },
    { maxBatchSize: 5000 },
  );
}
