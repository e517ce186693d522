import { sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { rows } from '../db/query.js';

/**
 * Counts the client connections to the database by state (`active`, `idle`, `idle in
 * transaction`, ...) as `pg_stat_activity` reports them. The connection that runs this query counts as idle,
 * the state it returns to, so a hub with one open connection reports one.
 * Counts every client of the database, so several dxhub processes sharing it are summed.
 * Returns an empty list on the embedded database, which is one connection inside this process.
 */
export async function databaseConnectionStates(
  database: Database,
): Promise<{ state: string; count: number }[]> {
  if (database.kind !== 'postgres') return [];
  const found = rows<{ state: string | null; count: string | number }>(
    await database.db.execute(sql`
      select case when pid = pg_backend_pid() then 'idle' else coalesce(state, 'unknown') end as state,
             count(*) as count
        from pg_stat_activity
       where datname = current_database() and backend_type = 'client backend'
       group by 1`),
  );
  return found.map((row) => ({ state: row.state ?? 'unknown', count: Number(row.count) }));
}
