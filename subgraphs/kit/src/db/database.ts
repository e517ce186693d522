import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { Logger as DrizzleLogger } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { readPreparedStatements } from '../config.js';
import type { Locale } from '../locale.js';
import { lockDataFolder } from './lock.js';

/** The drizzle handle every subgraph uses, whichever driver is behind it. */
export type Db = PgDatabase<PgQueryResultHKT, Record<string, never>>;

/**
 * Error raised when the database cannot be opened. Its message is English text for the
 * operator, and `localizedMessage` returns it in the operator's language.
 */
export class DatabaseOpenError extends Error {
  readonly code = 'DATABASE_UNAVAILABLE';
  private readonly reasons: Readonly<Record<Locale, string>>;
  constructor(message: string | Readonly<Record<Locale, string>>, options?: { cause?: unknown }) {
    const reasons = typeof message === 'string' ? { en: message, vi: message } : message;
    super(reasons.en, options);
    this.reasons = reasons;
    this.name = 'DatabaseOpenError';
  }

  localizedMessage(locale: Locale): string {
    return this.reasons[locale];
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
  /**
   * Sends statements to PostgreSQL as named prepared statements. When not given, it comes from
   * `DXHUB_DB_PREPARED_STATEMENTS` (on unless set to `off`). Turn it off for a connection pooler
   * in transaction mode that cannot keep prepared statements (PgBouncer before 1.21).
   */
  preparedStatements?: boolean;
}

function describeHost(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  return `${url.hostname}:${url.port || '5432'}${url.pathname}`;
}

/**
 * Statements with at most this many parameters are sent as named prepared statements. Longer
 * ones are mostly `in (...)` lists and batched keys whose text changes with the batch size,
 * and preparing each size would fill every connection's statement cache.
 */
const MAX_PREPARED_PARAMETERS = 32;

type UnsafeOptions = Parameters<postgres.Sql['unsafe']>[2];

/**
 * Makes drizzle's statements prepared ones. drizzle sends every query that is not built with
 * `.prepare(name)` through postgres.js `unsafe` with `prepare: false`, so PostgreSQL parses
 * and plans the same text again on each call. With this wrapper, postgres.js keeps one named
 * statement per text and connection, and PostgreSQL only binds and executes it. PostgreSQL's CPU time per
 * directory search fell from about 2.1 to 1.7 ms with it (tuning log in bench/README.md).
 * Transactions and savepoints get the same behaviour.
 */
function preparingClient<T extends postgres.Sql>(client: T): T {
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === 'unsafe') {
        return (query: string, parameters?: unknown[], options?: UnsafeOptions) =>
          target.unsafe(query, parameters as never, {
            ...options,
            prepare:
              options?.prepare === true || (parameters?.length ?? 0) <= MAX_PREPARED_PARAMETERS,
          });
      }
      if (property === 'begin' || property === 'savepoint') {
        const method = Reflect.get(target, property, receiver) as (...args: unknown[]) => unknown;
        return (...args: unknown[]) => {
          const last = args.length - 1;
          const callback = args[last];
          if (typeof callback === 'function') {
            args[last] = (inner: postgres.Sql) =>
              (callback as (sql: postgres.Sql) => unknown)(preparingClient(inner));
          }
          return method.apply(target, args);
        };
      }
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

async function openPostgres(
  databaseUrl: string,
  maxConnections: number,
  preparedStatements: boolean,
): Promise<Database> {
  const client = postgres(databaseUrl, {
    max: maxConnections,
    // Off, postgres.js prepares nothing, not even the begin, commit and savepoint statements of
    // its transactions. A pooler could run those on a connection where they are not prepared.
    // A commit retried after that error would then end an aborted transaction without a word.
    prepare: preparedStatements,
    onnotice: () => {},
    connect_timeout: 10,
  });
  try {
    await client`select 1`;
  } catch (error) {
    await client.end({ timeout: 1 }).catch(() => {});
    const reason = (error as { code?: string; message?: string }).code ?? (error as Error).message;
    throw new DatabaseOpenError(
      {
        en:
          `Cannot connect to PostgreSQL at ${describeHost(databaseUrl)} (${reason}). ` +
          'Check that the server runs and that DATABASE_URL names the right host, port, user and database.',
        vi:
          `Không kết nối được PostgreSQL tại ${describeHost(databaseUrl)} (${reason}). ` +
          'Hãy kiểm tra máy chủ đang chạy và DATABASE_URL ghi đúng máy chủ, cổng, người dùng và cơ sở dữ liệu.',
      },
      { cause: error },
    );
  }
  const statements = new StatementCounter();
  const db = drizzlePostgres(preparedStatements ? preparingClient(client) : client, {
    logger: statements,
  }) as unknown as Db;
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
      const code = (error as NodeJS.ErrnoException).code;
      throw new DatabaseOpenError(
        {
          en:
            `The data folder ${dataDir} cannot be written (${code}). ` +
            'Choose a writable folder with DXHUB_DATA_DIR, or fix its permissions.',
          vi:
            `Không ghi được vào thư mục dữ liệu ${dataDir} (${code}). ` +
            'Hãy chọn một thư mục ghi được bằng DXHUB_DATA_DIR, hoặc sửa quyền của thư mục này.',
        },
        { cause: error },
      );
    }
    release = lockDataFolder(dataDir, options.command ?? process.argv.slice(1).join(' '));
    try {
      client = await PGlite.create(dataDir, { extensions: { pg_trgm } });
    } catch (error) {
      release();
      throw new DatabaseOpenError(
        {
          en: `The embedded database in ${dataDir} could not be opened: ${(error as Error).message}`,
          vi: `Không mở được cơ sở dữ liệu nhúng trong ${dataDir}: ${(error as Error).message}`,
        },
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
  // Read for the embedded database too, so a malformed value stops every start alike.
  const preparedStatements = options.preparedStatements ?? readPreparedStatements(process.env);
  if (options.databaseUrl) {
    return openPostgres(options.databaseUrl, options.maxConnections ?? 10, preparedStatements);
  }
  return openEmbedded(options);
}
