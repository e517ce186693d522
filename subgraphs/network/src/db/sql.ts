import { arrayLiteral } from '@dxhub/kit';
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a UUID in its text form; ids from clients are checked before they reach SQL. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/**
 * Binds a list of ids as one `uuid[]` parameter. Drizzle spreads a JS array into a list of
 * parameters, and the two drivers bind arrays differently, so the ids go as one array literal
 * in text, which both bind the same way.
 */
export function uuidArray(ids: readonly string[]): SQL {
  return sql`${arrayLiteral(ids)}::uuid[]`;
}

/** Binds a list of strings as one `text[]` parameter, with commas and quotes in values escaped. */
export function textArray(values: readonly string[]): SQL {
  return sql`${arrayLiteral(values)}::text[]`;
}

/**
 * Cuts a timestamp to milliseconds. Cursors carry JavaScript dates, which hold milliseconds
 * while PostgreSQL stores microseconds, so keyset order and comparison both use this.
 */
export function createdMs(column: SQLWrapper): SQL {
  return sql`date_trunc('milliseconds', ${column})`;
}
