import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase, rows, type Database } from '../src/index.js';
import { createEmptyPostgresDatabase, usingPostgres } from '../src/testing/index.js';
import { sql } from 'drizzle-orm';

const slowSet = {
  schema: 'slowtest',
  folder: fileURLToPath(new URL('./fixtures/slow-migration', import.meta.url)),
};

if (!usingPostgres) {
  console.log(
    'migrate.test.ts: the concurrent-migration test needs TEST_DATABASE_URL (real PostgreSQL); skipped.',
  );
}

describe.skipIf(!usingPostgres)('migrate on PostgreSQL', () => {
  let empty: { url: string; drop(): Promise<void> };
  let first: Database;
  let second: Database;

  beforeAll(async () => {
    empty = await createEmptyPostgresDatabase();
    first = await openDatabase({ databaseUrl: empty.url, maxConnections: 2 });
    second = await openDatabase({ databaseUrl: empty.url, maxConnections: 2 });
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
    await empty?.drop();
  });

  it('applies a slow migration once when two runs overlap', async () => {
    // The migration creates a table without IF NOT EXISTS and records the session that ran it,
    // so without the lock the second run either fails or leaves a second probe row.
    const [a, b] = await Promise.all([migrate(first, slowSet), migrate(second, slowSet)]);
    expect([a.applied.length, b.applied.length].sort()).toEqual([0, 1]);
    const probes = rows<{ backend_pid: number }>(
      await first.db.execute(sql`select backend_pid from slowtest.probe`),
    );
    expect(probes).toHaveLength(1);
    const recorded = rows<{ n: string | number }>(
      await first.db.execute(sql`select count(*) as n from dxhub_meta.__migrations_slowtest`),
    );
    expect(Number(recorded[0]?.n)).toBe(1);
  });

  it('changes nothing on a later run', async () => {
    const again = await migrate(first, slowSet);
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toBe(1);
  });
});

describe('migrate on the embedded database', () => {
  it('applies once and is idempotent', async () => {
    const database = await openDatabase({ inMemory: true });
    try {
      const quick = { ...slowSet };
      const firstRun = await migrate(database, quick);
      const secondRun = await migrate(database, quick);
      expect(firstRun.applied).toHaveLength(1);
      expect(secondRun.applied).toHaveLength(0);
    } finally {
      await database.close();
    }
  });
});
