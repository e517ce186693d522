/**
 * Returns the rows of a `db.execute` result. postgres.js returns an array, PGlite an object with
 * `rows`; code that runs on both reads results through this.
 */
export function rows<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  const withRows = result as { rows?: T[] };
  if (withRows && Array.isArray(withRows.rows)) return withRows.rows;
  throw new TypeError('dxhub kit: unexpected query result shape');
}
