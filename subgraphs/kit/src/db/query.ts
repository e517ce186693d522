import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

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

/** Element types {@link anyOf} casts its parameter to, by the column's SQL type. */
const ARRAY_CASTS: Record<string, SQL> = {
  uuid: sql.raw('uuid[]'),
  text: sql.raw('text[]'),
  varchar: sql.raw('text[]'),
};

/** Writes strings as a PostgreSQL array literal, each element quoted, `"` and `\` escaped. */
export function arrayLiteral(values: Iterable<string>): string {
  const elements: string[] = [];
  for (const value of values) elements.push(`"${value.replace(/["\\]/g, '\\$&')}"`);
  return `{${elements.join(',')}}`;
}

/**
 * Builds `column = any($1::type[])` with the values in one parameter, where drizzle's `inArray`
 * sends one parameter per value. A loader's batch of 500 ids then costs one parameter to build
 * and bind, and the statement stays short enough to be prepared once. Only uuid, text and
 * varchar columns are supported; others raise a TypeError when the condition is built.
 */
export function anyOf(column: AnyPgColumn, values: Iterable<string>): SQL {
  const type = column.getSQLType().replace(/\(.*\)$/, '');
  const cast = ARRAY_CASTS[type];
  if (!cast)
    throw new TypeError(
      `dxhub kit: anyOf supports uuid, text and varchar columns, not ${type} (${column.name})`,
    );
  return sql`${column} = any(${arrayLiteral(values)}::${cast})`;
}
