import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { Logger as DrizzleLogger } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { lockDataFolder } from './lock.js';

/** The drizzle handle every subgraph uses, whichever driver is behind it. */
export type Db = PgDatabase<PgQueryResultHKT, Record<string, never>>;

/** Raised when the database cannot be opened; its message is meant for the operator as is. */
export class DatabaseOpenError extends Error {
  readonly code = 'DATABASE_UNAVAILABLE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseOpenError';
  }
}

/** Counts SQL statements sent through a handle, so tests can assert N+1 freedom. */
export class StatementCounter implements DrizzleLogger {
  count = 0;
  readonly recent: string[] = [];
  logQuery(query: string): void {
    this.count += 1;
    this.recent.push(query);
    if (this.recent.length > 200) this.recent.shift();
  }
}

export interface Database {
  kind: 'embedded' | 'postgres';
  db: Db;
  statements: StatementCounter;
  /** Runs raw SQL text, possibly several statements, outside drizzle (migrations, setup). */
  exec(sqlText: string): Promise<void>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  /** Keeps the embedded database in memory; for tests. */
  inMemory?: boolean;
  /** Name written in the data folder's lock file, shown to a second process. */
  command?: string;
  /** Pool size for PostgreSQL. */
  maxConnections?: number;
}

function describeHost(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  return `${url.hostname}:${url.port || '5432'}${url.pathname}`;
}

async function openPostgres(databaseUrl: string, maxConnections: number): Promise<Database> {
  const client = postgres(databaseUrl, {
    max: maxConnections,
    onnotice: () => {},
    connect_timeout: 10,
  });
  try {
    await client`select 1`;
  } catch (error) {
    await client.end({ timeout: 1 }).catch(() => {});
    const reason = (error as { code?: string; message?: string }).code ?? (error as Error).message;
    throw new DatabaseOpenError(
      `Cannot connect to PostgreSQL at ${describeHost(databaseUrl)} (${reason}). ` +
        'Check that the server runs and that DATABASE_URL names the right host, port, user and database.',
      { cause: error },
    );
  }
  const statements = new StatementCounter();
  const db = drizzlePostgres(client, { logger: statements }) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    statements,
    exec: async (sqlText) => {
      await client.unsafe(sqlText);
    },
    close: () => client.end({ timeout: 5 }),
  };
}

async function openEmbedded(options: OpenDatabaseOptions): Promise<Database> {
  let release = (): void => {};
  let client: PGlite;
  if (options.inMemory) {
    client = await PGlite.create({ extensions: { pg_trgm } });
  } else {
    const dataDir = options.dataDir;
    if (!dataDir) throw new TypeError('dxhub kit: openDatabase needs dataDir or databaseUrl');
    try {
      fs.mkdirSync(dataDir, { recursive: true });
      fs.accessSync(dataDir, fs.constants.W_OK);
    } catch (error) {
      throw new DatabaseOpenError(
        `The data folder ${dataDir} cannot be written (${(error as NodeJS.ErrnoException).code}). ` +
          'Choose a writable folder with DXHUB_DATA_DIR, or fix its permissions.',
        { cause: error },
      );
    }
    release = lockDataFolder(dataDir, options.command ?? process.argv.slice(1).join(' '));
    try {
      client = await PGlite.create(dataDir, { extensions: { pg_trgm } });
    } catch (error) {
      release();
      throw new DatabaseOpenError(
        `The embedded database in ${dataDir} could not be opened: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }
  const statements = new StatementCounter();
  const db = drizzlePglite(client, { logger: statements }) as unknown as Db;
  return {
    kind: 'embedded',
    db,
    statements,
    exec: async (sqlText) => {
      await client.exec(sqlText);
    },
    close: async () => {
      await client.close();
      release();
    },
  };
}

/** Opens PostgreSQL when `databaseUrl` is set, else the embedded database in `dataDir`. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.maxConnections ?? 10);
  return openEmbedded(options);
}
