import { sql } from 'drizzle-orm';
import { integer, pgTable, text, uuid, varchar } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anyOf, arrayLiteral, rows, type Database } from '../src/index.js';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.js';

const things = pgTable('any_of_things', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  code: varchar('code', { length: 20 }).notNull(),
  rank: integer('rank').notNull(),
});

const IDS = [
  '0b7c3a4e-58f5-4c3e-9a57-1f0f7c1d2a01',
  '0b7c3a4e-58f5-4c3e-9a57-1f0f7c1d2a02',
  '0b7c3a4e-58f5-4c3e-9a57-1f0f7c1d2a03',
];
// Names an array literal must quote: a quote, a backslash, a comma, braces, spaces and
// Vietnamese letters.
const NAMES = ['Xã "Hòa" Bình', 'C:\\đường\\dẫn', 'a,b {c}'];

describe('anyOf', () => {
  let test: TestDatabase;
  let database: Database;

  beforeAll(async () => {
    test = await createTestDatabase();
    database = test.database;
    await database.db.execute(
      sql`create table any_of_things (id uuid primary key, name text not null, code varchar(20) not null, rank int not null)`,
    );
    await database.db
      .insert(things)
      .values(
        IDS.map((id, index) => ({ id, name: NAMES[index]!, code: `C${index}`, rank: index })),
      );
  });
  afterAll(async () => {
    await test.dispose();
  });

  async function names(condition: ReturnType<typeof anyOf>): Promise<string[]> {
    const found = await database.db
      .select({ name: things.name })
      .from(things)
      .where(condition)
      .orderBy(things.rank);
    return found.map((row) => row.name);
  }

  it('matches uuid ids in any case', async () => {
    expect(await names(anyOf(things.id, [IDS[2]!, IDS[0]!.toUpperCase()]))).toEqual([
      NAMES[0],
      NAMES[2],
    ]);
  });

  it('matches text with quotes, backslashes and commas', async () => {
    expect(await names(anyOf(things.name, NAMES))).toEqual(NAMES);
    expect(await names(anyOf(things.name, ['Xã "Hòa"']))).toEqual([]);
  });

  it('matches varchar columns', async () => {
    expect(await names(anyOf(things.code, new Set(['C1', 'C9'])))).toEqual([NAMES[1]]);
  });

  it('matches nothing for no values', async () => {
    expect(await names(anyOf(things.id, []))).toEqual([]);
  });

  it('sends one parameter for many values', async () => {
    const many = Array.from({ length: 500 }, (_, index) => `code-${index}`);
    const query = database.db.select().from(things).where(anyOf(things.code, many)).toSQL();
    expect(query.params).toHaveLength(1);
    expect(query.sql).toContain('= any($1::text[])');
  });

  it('rejects a malformed uuid like inArray', async () => {
    await expect(names(anyOf(things.id, ['not-a-uuid']))).rejects.toThrow();
  });

  it('rejects an unsupported column type', () => {
    expect(() => anyOf(things.rank, ['1'])).toThrow(/uuid, text and varchar columns, not integer/);
  });

  it('writes an array literal that PostgreSQL reads back', async () => {
    const literal = arrayLiteral(NAMES);
    const found = rows<{ n: string | number; first: string; second: string; third: string }>(
      await database.db.execute(
        sql`select cardinality(${literal}::text[]) as n, (${literal}::text[])[1] as first,
          (${literal}::text[])[2] as second, (${literal}::text[])[3] as third`,
      ),
    );
    expect(Number(found[0]?.n)).toBe(NAMES.length);
    expect([found[0]?.first, found[0]?.second, found[0]?.third]).toEqual(NAMES);
  });
});
