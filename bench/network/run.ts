// Import time of the full 2024 list and search latency on it, on the embedded database and on
// PostgreSQL. Usage and recorded results: README.md beside this file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  createLogger,
  executeOnSubgraph,
  openDatabase,
  startSubgraph,
  type Database,
} from '@dxhub/kit';
import { createEmptyPostgresDatabase, createTestAuth } from '@dxhub/kit/testing';
import { importUnits, networkSubgraph } from '@dxhub/network';

const REFERENCE_DIR = path.resolve(import.meta.dirname, '../../../shared/data/vn-admin');

/** Search texts typed by users: exact names, prefixes, text inside names, with and without diacritics. */
const SEARCHES = [
  'ha noi',
  'Hà Nội',
  'hoa binh',
  'Hòa Bình',
  'dong da',
  'binh',
  'phuong 1',
  'xa',
  'tan',
  'nguyen hue',
];

const { values: options } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    repeats: { type: 'string', default: '30' },
  },
});

interface Target {
  name: string;
  open(): Promise<{ database: Database; dispose(): Promise<void> }>;
}

function embedded(): Target {
  return {
    name: 'embedded (PGlite, data folder on disk)',
    async open() {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dxhub-bench-'));
      const database = await openDatabase({
        dataDir: path.join(dataDir, 'data'),
        command: 'bench/network',
      });
      return {
        database,
        dispose: async () => {
          await database.close();
          fs.rmSync(dataDir, { recursive: true, force: true });
        },
      };
    },
  };
}

function postgres(adminUrl: string): Target {
  return {
    name: 'PostgreSQL',
    async open() {
      process.env.TEST_DATABASE_URL = adminUrl;
      const empty = await createEmptyPostgresDatabase();
      const database = await openDatabase({ databaseUrl: empty.url });
      return {
        database,
        dispose: async () => {
          await database.close();
          await empty.drop();
        },
      };
    },
  };
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
}

async function measure(target: Target, repeats: number): Promise<string[]> {
  const lines: string[] = [];
  const { database, dispose } = await target.open();
  try {
    const auth = await createTestAuth();
    const runtime = await startSubgraph(networkSubgraph, {
      database,
      logger: createLogger({ level: 'silent' }),
      verifier: auth.verifier,
    });

    for (const [file, effective] of [
      ['units-2024.json', '2024-05-01'],
      ['units-2025.json', '2025-07-01'],
    ] as const) {
      const started = performance.now();
      const report = await importUnits(database, path.join(REFERENCE_DIR, file), { effective });
      const seconds = (performance.now() - started) / 1000;
      lines.push(
        `| ${target.name} | import ${file} | ${report.opened} opened, ${report.closed} closed | ${seconds.toFixed(2)} s |`,
      );
    }
    const again = performance.now();
    await importUnits(database, path.join(REFERENCE_DIR, 'units-2025.json'), {
      effective: '2025-07-01',
    });
    lines.push(
      `| ${target.name} | re-import units-2025.json (no change) | — | ${((performance.now() - again) / 1000).toFixed(2)} s |`,
    );

    const headers = { authorization: await auth.bearer('bo-tai-chinh', ['network:read']) };
    const query = `query ($search: String!) {
      organizations(filter: { search: $search, asOf: "2024-06-01" }, first: 20) { totalCount nodes { code name } }
    }`;
    const timings: number[] = [];
    for (const search of SEARCHES) {
      await executeOnSubgraph(runtime, { query, variables: { search } }, headers);
    }
    for (let round = 0; round < repeats; round += 1) {
      for (const search of SEARCHES) {
        const started = performance.now();
        const result = await executeOnSubgraph(runtime, { query, variables: { search } }, headers);
        timings.push(performance.now() - started);
        if (result.errors)
          throw new Error(`search "${search}" failed: ${JSON.stringify(result.errors)}`);
      }
    }
    timings.sort((a, b) => a - b);
    lines.push(
      `| ${target.name} | search, 2024 list as of 2024-06-01, first 20 (${timings.length} requests) | ` +
        `p50 ${percentile(timings, 0.5).toFixed(1)} ms, p95 ${percentile(timings, 0.95).toFixed(1)} ms | max ${timings.at(-1)!.toFixed(1)} ms |`,
    );
    await runtime.stop();
  } finally {
    await dispose();
  }
  return lines;
}

if (!fs.existsSync(path.join(REFERENCE_DIR, 'units-2024.json'))) {
  console.error(
    `The reference lists are not in ${REFERENCE_DIR}; the benchmark needs units-2024.json and units-2025.json.`,
  );
  process.exit(1);
}
const repeats = Number(options.repeats);
if (!Number.isInteger(repeats) || repeats < 1 || repeats > 1000) {
  console.error(`--repeats must be a whole number from 1 to 1000, got "${options.repeats}"`);
  process.exit(1);
}

const targets = [
  embedded(),
  ...(options['database-url'] ? [postgres(options['database-url'])] : []),
];
const load = () =>
  os
    .loadavg()
    .map((value) => value.toFixed(1))
    .join(', ');
console.log(
  `network benchmark: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`,
);
console.log(`load average at start (1, 5, 15 min): ${load()}`);
console.log('| database | step | result | time |');
console.log('| --- | --- | --- | --- |');
for (const target of targets) {
  for (const line of await measure(target, repeats)) console.log(line);
}
console.log(`load average at end (1, 5, 15 min): ${load()}`);
