import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBaseConfig, openDatabase, rows } from '../src/index.js';
import { createEmptyPostgresDatabase, usingPostgres } from '../src/testing/index.js';

if (!usingPostgres) {
  console.log('prepared-statement tests need PostgreSQL: set TEST_DATABASE_URL to run them');
}

describe.skipIf(!usingPostgres)('prepared statements on PostgreSQL', () => {
  let empty: Awaited<ReturnType<typeof createEmptyPostgresDatabase>>;

  beforeAll(async () => {
    empty = await createEmptyPostgresDatabase();
  });
  afterAll(async () => {
    await empty.drop();
  });

  /** Runs one parameterised statement twice on a one-connection pool and counts the statements it prepared. */
  async function preparedAfterQueries(options: { preparedStatements?: boolean }): Promise<number> {
    const database = await openDatabase({ databaseUrl: empty.url, maxConnections: 1, ...options });
    try {
      for (let round = 0; round < 2; round += 1) {
        const found = rows<{ n: number }>(
          await database.db.execute(sql`select ${round}::int as n`),
        );
        expect(found[0]?.n).toBe(round);
      }
      const counted = rows<{ n: number | string }>(
        await database.db.execute(
          sql`select count(*) as n from pg_prepared_statements where statement like ${'select $1::int as n%'}`,
        ),
      );
      return Number(counted[0]?.n);
    } finally {
      await database.close();
    }
  }

  it('prepares a statement once', async () => {
    expect(await preparedAfterQueries({})).toBe(1);
  });

  it('prepares nothing when off', async () => {
    expect(await preparedAfterQueries({ preparedStatements: false })).toBe(0);
  });

  it('skips statements with many parameters', async () => {
    const database = await openDatabase({ databaseUrl: empty.url, maxConnections: 1 });
    try {
      const values = Array.from({ length: 40 }, (_, index) => sql`${index}::int`);
      await database.db.execute(sql`select greatest(${sql.join(values, sql`, `)}) as most`);
      const counted = rows<{ n: number | string }>(
        await database.db.execute(
          sql`select count(*) as n from pg_prepared_statements where statement like ${'select greatest(%'}`,
        ),
      );
      expect(Number(counted[0]?.n)).toBe(0);
    } finally {
      await database.close();
    }
  });

  it('prepares no transaction statements when off', async () => {
    const database = await openDatabase({
      databaseUrl: empty.url,
      maxConnections: 1,
      preparedStatements: false,
    });
    try {
      await database.db.transaction(async (tx) => {
        await tx.execute(sql`select ${1}::int as n`);
        await tx.transaction(async (inner) => {
          await inner.execute(sql`select ${2}::int as n`);
        });
      });
      const counted = rows<{ n: number | string }>(
        await database.db.execute(sql`select count(*) as n from pg_prepared_statements`),
      );
      expect(Number(counted[0]?.n)).toBe(0);
    } finally {
      await database.close();
    }
  });
});

describe('DXHUB_DB_PREPARED_STATEMENTS', () => {
  async function openWith(value: string) {
    const before = process.env.DXHUB_DB_PREPARED_STATEMENTS;
    process.env.DXHUB_DB_PREPARED_STATEMENTS = value;
    try {
      return await openDatabase({ inMemory: true });
    } finally {
      if (before === undefined) delete process.env.DXHUB_DB_PREPARED_STATEMENTS;
      else process.env.DXHUB_DB_PREPARED_STATEMENTS = before;
    }
  }

  it('rejects a value besides on or off', async () => {
    await expect(openWith('maybe')).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: 'DXHUB_DB_PREPARED_STATEMENTS: expected one of on, off, got "maybe"',
    });
  });

  it('is read into the configuration', () => {
    expect(loadBaseConfig({}, { DXHUB_DB_PREPARED_STATEMENTS: 'off' }).preparedStatements).toBe(
      false,
    );
    expect(loadBaseConfig({}, {}).preparedStatements).toBe(true);
    expect(() => loadBaseConfig({}, { DXHUB_DB_PREPARED_STATEMENTS: 'yes' })).toThrow(
      /DXHUB_DB_PREPARED_STATEMENTS: expected one of on, off/,
    );
  });

  it('accepts off on the embedded database', async () => {
    const database = await openWith('off');
    await database.close();
  });
});
