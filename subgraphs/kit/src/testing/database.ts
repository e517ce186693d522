import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase, type Database } from '../db/database.js';

export interface TestDatabase {
  database: Database;
  /** URL of the fresh PostgreSQL database; undefined on the embedded one. */
  url: string | undefined;
  /** Closes the handle and drops the database. */
  dispose(): Promise<void>;
}

/** True when tests run against real PostgreSQL (`TEST_DATABASE_URL` set). */
export const usingPostgres = Boolean(process.env.TEST_DATABASE_URL);

/** Creates an empty PostgreSQL database next to `TEST_DATABASE_URL`; returns its URL and a drop function. */
export async function createEmptyPostgresDatabase(): Promise<{
  url: string;
  drop(): Promise<void>;
}> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new TypeError('dxhub kit: TEST_DATABASE_URL is not set');
  const name = `dxhub_t_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const again = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await again.unsafe(`drop database if exists ${name} with (force)`);
      await again.end();
    },
  };
}

/**
 * Gives a test file its own empty database: a fresh PostgreSQL database when
 * `TEST_DATABASE_URL` is set, an in-memory embedded one otherwise.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (!usingPostgres) {
    const database = await openDatabase({ inMemory: true });
    return { database, url: undefined, dispose: () => database.close() };
  }
  const empty = await createEmptyPostgresDatabase();
  const database = await openDatabase({ databaseUrl: empty.url, maxConnections: 10 });
  return {
    database,
    url: empty.url,
    dispose: async () => {
      await database.close();
      await empty.drop();
    },
  };
}
