import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { createEmptyPostgresDatabase, usingPostgres } from '@dxhub/kit/testing';
import { freshHome, runCli } from './helpers.js';

describe('dxhub help and usage', () => {
  it('prints English help by default', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage:');
  });

  it('prints Vietnamese help for a vi locale', async () => {
    const result = await runCli(['--help'], { LANG: 'vi_VN.UTF-8' });
    expect(result.stdout).toContain('Cách dùng:');
  });

  it('lets --lang override the locale', async () => {
    const result = await runCli(['--lang', 'en', '--help'], { LANG: 'vi_VN.UTF-8' });
    expect(result.stdout).toContain('Usage:');
  });

  it('exits 2 on an unknown command', async () => {
    const result = await runCli(['serve']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown command "serve"');
  });

  it('exits 2 on a malformed effective date', async () => {
    const result = await runCli(['import', 'units', 'package.json', '--effective', '2025-02-30']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"2025-02-30" is not a YYYY-MM-DD date');
  });

  it('names a missing mapping file', async () => {
    const args = ['import', 'units', 'package.json', '--effective', '2025-07-01'];
    const result = await runCli([...args, '--mapping', 'no-such-mapping.csv']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('cannot read no-such-mapping.csv (no such file)');
    const vi = await runCli([...args, '--mapping', 'no-such-mapping.csv'], { LANG: 'vi_VN.UTF-8' });
    expect(vi.stderr).toContain('không đọc được tệp no-such-mapping.csv (không có tệp này)');
  });
});

describe('dxhub token', () => {
  it('rejects an unknown scope', async () => {
    const result = await runCli(['token', '--org', '01', '--scope', 'network:read everything'], {
      DXHUB_HOME: freshHome(),
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('everything');
  });

  it('refuses when a JWKS URL is configured', async () => {
    const result = await runCli(['token', '--org', '01', '--scope', 'network:read'], {
      DXHUB_HOME: freshHome(),
      DXHUB_JWKS_URL: 'http://127.0.0.1:9/jwks.json',
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('DXHUB_JWKS_URL');
  });

  it('prints a three-part JWT', async () => {
    const result = await runCli(['token', '--org', '01', '--scope', 'network:read'], {
      DXHUB_HOME: freshHome(),
    });
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('.')).toHaveLength(3);
  });
});

if (!usingPostgres)
  console.log('commands.test.ts: concurrent dxhub migrate needs TEST_DATABASE_URL; skipped.');

describe.skipIf(!usingPostgres)('dxhub migrate on PostgreSQL', () => {
  it('two runs started together both succeed and apply each migration once', async () => {
    const empty = await createEmptyPostgresDatabase();
    try {
      const env = { DXHUB_HOME: freshHome(), DATABASE_URL: empty.url };
      const [a, b] = await Promise.all([runCli(['migrate'], env), runCli(['migrate'], env)]);
      expect(a.code, a.stderr).toBe(0);
      expect(b.code, b.stderr).toBe(0);
      const appliedBy = (output: string) =>
        new Map(
          [...output.matchAll(/^(\w+): (\d+) migration\(s\) applied/gm)].map((m) => [
            m[1],
            Number(m[2]),
          ]),
        );
      const byA = appliedBy(a.stdout);
      const byB = appliedBy(b.stdout);
      expect(byA.size).toBeGreaterThanOrEqual(2);
      const sql = postgres(empty.url, { max: 1, onnotice: () => {} });
      try {
        for (const [schema, countA] of byA) {
          const countB = byB.get(schema) ?? -1;
          // Each set was applied by exactly one of the two runs; the other found it in place.
          expect(Math.min(countA, countB), schema).toBe(0);
          const [row] = await sql.unsafe(
            `select count(*)::int as n from dxhub_meta."__migrations_${schema}"`,
          );
          expect(countA + countB, schema).toBe(row?.n);
        }
      } finally {
        await sql.end();
      }
    } finally {
      await empty.drop();
    }
  });
});
