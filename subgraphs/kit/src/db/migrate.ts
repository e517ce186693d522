import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { Database } from './database.js';
import { rows } from './query.js';

export interface MigrationSet {
  /** PostgreSQL schema the migrations create; also names the bookkeeping table. */
  schema: string;
  /** Folder with drizzle-kit's SQL files and `meta/_journal.json`. */
  folder: string;
}

export interface MigrationResult {
  schema: string;
  applied: string[];
  alreadyApplied: number;
}

/**
 * Key of the transaction-scoped advisory lock all dxhub migrations take, so two processes that
 * start together on one PostgreSQL apply each migration once. The embedded database has one
 * connection, so the lock is trivially held there.
 */
const MIGRATION_LOCK_KEY = 7_304_211_901;

/**
 * Applies the migrations of `set` that are not yet recorded, in one transaction under an
 * advisory lock. Safe to run at every start and from several processes at once.
 */
export async function migrate(database: Database, set: MigrationSet): Promise<MigrationResult> {
  const migrations = readMigrationFiles({ migrationsFolder: set.folder });
  const table = sql.identifier(`__migrations_${set.schema}`);
  return database.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
    await tx.execute(sql`create schema if not exists dxhub_meta`);
    await tx.execute(
      sql`create table if not exists dxhub_meta.${table} (
        hash text primary key,
        created_at bigint not null,
        applied_at timestamptz not null default now()
      )`,
    );
    const done = new Set(
      rows<{ hash: string }>(await tx.execute(sql`select hash from dxhub_meta.${table}`)).map(
        (row) => row.hash,
      ),
    );
    const applied: string[] = [];
    for (const migration of migrations) {
      if (done.has(migration.hash)) continue;
      for (const statement of migration.sql) {
        if (statement.trim()) await tx.execute(sql.raw(statement));
      }
      await tx.execute(
        sql`insert into dxhub_meta.${table} (hash, created_at) values (${migration.hash}, ${migration.folderMillis})`,
      );
      applied.push(String(migration.folderMillis));
    }
    return { schema: set.schema, applied, alreadyApplied: done.size };
  });
}
