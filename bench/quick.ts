// `pnpm bench:quick`: a short comparison for tuning work. It loads (or reuses) one data set,
// starts the subgraph services and the chosen gateways, and runs the chosen operations in
// alternating rounds like `pnpm bench`. It writes no record; it prints each run with the CPU
// time per request of every process, PostgreSQL's included, and the paired ratios. Options:
// see `--help`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { COORDINATING_AGENCY_CODE } from '@dxhub/kit';
import { createDevelopmentToken, loadGatewayConfig } from '@dxhub/gateway';
import postgres from 'postgres';
import { createDataset, databaseUrl, type Dataset } from './lib/dataset.js';
import { loadFloor, loadGateway, percentile, type LoadResult } from './lib/load.js';
import { OPERATIONS } from './lib/operations.js';
import { cpuSeconds, postgresCpuSeconds, type Service } from './lib/processes.js';
import { positiveOption } from './lib/options.js';
import { recordExpectedResults } from './lib/reference.js';
import { median, pairedRatios, roundOrder, spread } from './lib/stats.js';
import { startGateway, startSubgraphFleet, type TargetId } from './lib/targets.js';

const HELP = `usage: pnpm bench:quick [options]
  --targets LIST      comma-separated: hub, apollo, hive, hub-in-process, floor (default hub,apollo)
  --operations LIST   comma-separated: search, overview, entities (default all)
  --rounds N          alternating rounds (default 5)
  --duration S        measured seconds per run (default 3)
  --rows N            generated rows per table (default 1000)
  --database NAME     reuse this database if it exists, create and keep it if not
  --database-url URL  server to use (default postgres://postgres@127.0.0.1:5432/postgres)
  --cpu-prof-dir DIR  write a V8 CPU profile of each gateway and subgraph process to DIR`;

const { values: flags } = parseArgs({
  options: {
    targets: { type: 'string', default: 'hub,apollo' },
    operations: { type: 'string', default: 'search,overview,entities' },
    rounds: { type: 'string', default: '5' },
    duration: { type: 'string', default: '3' },
    rows: { type: 'string', default: '1000' },
    database: { type: 'string' },
    'database-url': {
      type: 'string',
      default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    },
    'cpu-prof-dir': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (flags.help) {
  console.log(HELP);
  process.exit(0);
}

const KNOWN_TARGETS: TargetId[] = ['hub', 'apollo', 'hive', 'hub-in-process', 'floor'];
const targets = flags.targets.split(',').map((name) => {
  if (!KNOWN_TARGETS.includes(name as TargetId))
    throw new TypeError(
      `bench:quick: unknown target "${name}"; expected one of ${KNOWN_TARGETS.join(', ')}`,
    );
  return name as TargetId;
});
const operations = flags.operations.split(',').map((id) => {
  const operation = OPERATIONS.find((candidate) => candidate.id === id);
  if (!operation)
    throw new TypeError(
      `bench:quick: unknown operation "${id}"; expected search, overview or entities`,
    );
  return operation;
});
const rounds = positiveOption('bench:quick', 'rounds', flags.rounds);
const durationMs = positiveOption('bench:quick', 'duration', flags.duration) * 1000;
const rowCount = positiveOption('bench:quick', 'rows', flags.rows);

async function databaseExists(adminUrl: string, name: string): Promise<boolean> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql`select 1 from pg_database where datname = ${name}`;
    return rows.length > 0;
  } finally {
    await sql.end();
  }
}

const log = (message: string) =>
  console.log(`[quick ${new Date().toISOString().slice(11, 19)}] ${message}`);

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dxhub-bench-quick-'));
const keysDir = path.join(workDir, 'keys');
const config = loadGatewayConfig({ auth: { keysDir } });
const token = await createDevelopmentToken(config, {
  org: COORDINATING_AGENCY_CODE,
  scopes: ['network:read', 'staffing:read', 'projects:read', 'incidents:read', 'surveys:read'],
  ttlSeconds: 3 * 3600,
});

const adminUrl = flags['database-url'];
const name = flags.database ?? `dxhub_bench_quick_${process.pid}`;
let dataset: (Pick<Dataset, 'url'> & { drop?: () => Promise<void> }) | undefined;
const stops: (() => Promise<void>)[] = [];
try {
  if (flags.database && (await databaseExists(adminUrl, name))) {
    dataset = { url: databaseUrl(adminUrl, name) };
    log(`reusing database ${name}; drop it to load a fresh one if a run reports missing data`);
  } else {
    const created = await createDataset({ adminUrl, name, rows: rowCount, keysDir });
    dataset = flags.database ? { url: created.url } : created;
    log(`loaded ${name} in ${created.loadSeconds.toFixed(0)} s`);
  }
  const profile = flags['cpu-prof-dir']
    ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(flags['cpu-prof-dir'])}`]
    : [];
  const fleet = await startSubgraphFleet({
    label: 'quick',
    databaseUrl: dataset.url,
    workDir,
    keysDir,
    token,
    nodeOptions: profile,
  });
  stops.push(() => Promise.all(fleet.services.map((service) => service.stop())).then(() => {}));
  const gateways = new Map<TargetId, Service>();
  for (const target of targets) {
    if (target === 'floor') continue;
    const service = await startGateway(target, {
      label: 'quick',
      fleet,
      databaseUrl: dataset.url,
      workDir,
      keysDir,
      token,
      nodeOptions: profile,
    });
    gateways.set(target, service);
    stops.push(() => service.stop());
  }

  const expected = await recordExpectedResults(
    fleet.apolloSupergraphPath,
    dataset.url,
    token,
    operations,
  );

  const drive = (target: TargetId, id: string, ms: number): Promise<LoadResult> => {
    const options = { connections: 16, durationMs: ms, token };
    const gateway = gateways.get(target);
    const items = expected.get(id as never)!;
    return gateway ? loadGateway(gateway.url, items, options) : loadFloor(items, options);
  };
  for (const operation of operations)
    for (const target of targets) await drive(target, operation.id, 1500);

  const subgraphCpu = () =>
    fleet.services.reduce((sum, service) => sum + cpuSeconds(service.pid), 0);
  const rps = new Map<string, Map<number, number>>();
  for (let round = 1; round <= rounds; round += 1) {
    for (const operation of operations) {
      const order = roundOrder(targets, round);
      for (const target of order) {
        await drive(target, operation.id, 500);
        const gateway = gateways.get(target);
        const before = {
          gateway: gateway ? cpuSeconds(gateway.pid) : 0,
          subgraphs: subgraphCpu(),
          postgres: postgresCpuSeconds(),
          client: process.cpuUsage(),
        };
        const result = await drive(target, operation.id, durationMs);
        const client = process.cpuUsage(before.client);
        const per = (seconds: number) => ((seconds * 1000) / result.requests).toFixed(2);
        const requestsPerSecond = result.requests / result.seconds;
        const key = `${operation.id}/${target}`;
        if (!rps.has(key)) rps.set(key, new Map());
        if (result.errors + result.mismatches === 0) rps.get(key)!.set(round, requestsPerSecond);
        log(
          `round ${round} ${operation.id} ${target}: ${requestsPerSecond.toFixed(1)} req/s, p50 ${percentile(result.latenciesMs, 0.5).toFixed(1)} ms, ` +
            `CPU ms/req gateway ${per(gateway ? cpuSeconds(gateway.pid) - before.gateway : 0)}, subgraphs ${per(subgraphCpu() - before.subgraphs)}, ` +
            `postgres ${per(postgresCpuSeconds() - before.postgres)}, load generator ${per((client.user + client.system) / 1e6)}; failures ${result.errors + result.mismatches}${result.firstProblem ? ` (${result.firstProblem})` : ''}`,
        );
      }
    }
  }
  for (const operation of operations) {
    for (const target of targets) {
      const values = [...(rps.get(`${operation.id}/${target}`)?.values() ?? [])];
      log(`${operation.id} ${target}: median ${median(values).toFixed(1)} req/s`);
    }
    for (const other of targets.slice(1)) {
      const ratios = spread(
        pairedRatios(
          rps.get(`${operation.id}/${targets[0]}`) ?? new Map(),
          rps.get(`${operation.id}/${other}`) ?? new Map(),
        ),
      );
      log(
        `${operation.id} ${targets[0]} / ${other}: ${ratios.median.toFixed(2)} (${ratios.min.toFixed(2)}–${ratios.max.toFixed(2)}), ${ratios.count} pairs`,
      );
    }
  }
} finally {
  while (stops.length > 0) await stops.pop()!().catch((error: unknown) => console.error(error));
  if (dataset?.drop) await dataset.drop();
  fs.rmSync(workDir, { recursive: true, force: true });
}
