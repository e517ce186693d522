// `pnpm bench`: the hub's gateway against plain @apollo/gateway, Hive Gateway and direct
// subgraph calls, on the same subgraph services, machine and run. Then the cost of the same
// operations with 1,000 and with 100,000 generated rows behind them. Writes bench/RESULTS.md.
// Method, options and how to read the tables: README.md beside this file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { COORDINATING_AGENCY_CODE } from '@dxhub/kit';
import postgres from 'postgres';
import { createDevelopmentToken, loadGatewayConfig } from '@dxhub/gateway';
import { createDataset, type Dataset } from './lib/dataset.js';
import { loadFloor, loadGateway, type LoadOptions, type LoadResult } from './lib/load.js';
import { OPERATIONS, type Operation } from './lib/operations.js';
import { cpuSeconds, postgresCpuSeconds, sampleMemory, type Service } from './lib/processes.js';
import { positiveOption } from './lib/options.js';
import { recordExpectedResults, type ExpectedResult } from './lib/reference.js';
import { toRunRecord, type RunRecord, type RunUsage } from './lib/report.js';
import {
  startGateway,
  startSubgraphFleet,
  type SubgraphFleet,
  type TargetId,
} from './lib/targets.js';
import { writeResults } from './lib/results.js';
import { roundOrder } from './lib/stats.js';

const { values: flags } = parseArgs({
  options: {
    'database-url': {
      type: 'string',
      default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    },
    connections: { type: 'string', default: '16' },
    duration: { type: 'string', default: '3.5' },
    warmup: { type: 'string', default: '1' },
    settle: { type: 'string', default: '0.5' },
    rounds: { type: 'string', default: '5' },
    'scale-rounds': { type: 'string', default: '2' },
    'small-rows': { type: 'string', default: '1000' },
    'large-rows': { type: 'string', default: '100000' },
    output: { type: 'string', default: path.join(import.meta.dirname, 'RESULTS.md') },
    'keep-databases': { type: 'boolean', default: false },
    'cpu-prof-dir': { type: 'string' },
  },
});

function positive(name: keyof typeof flags): number {
  return positiveOption('bench', name, flags[name] as string | undefined);
}

const settings = {
  connections: positive('connections'),
  durationMs: positive('duration') * 1000,
  warmupMs: positive('warmup') * 1000,
  settleMs: positive('settle') * 1000,
  rounds: positive('rounds'),
  scaleRounds: positive('scale-rounds'),
  smallRows: positive('small-rows'),
  largeRows: positive('large-rows'),
};

/**
 * Main comparison targets. The hub and plain @apollo/gateway run back to back in every round
 * and the others rotate around them; see {@link roundOrder}.
 */
const MAIN_TARGETS: TargetId[] = ['hub', 'apollo', 'hive', 'hub-in-process', 'floor'];
const SCALE_TARGETS: TargetId[] = ['hub', 'floor'];

function log(message: string): void {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

/** A data set with its running subgraph services, gateways and expected results. */
interface Stage {
  label: string;
  dataset: Dataset;
  fleet: SubgraphFleet;
  gateways: Map<TargetId, Service>;
  expected: Map<Operation['id'], ExpectedResult[]>;
}

function drive(
  stage: Stage,
  target: TargetId,
  operation: Operation,
  options: LoadOptions,
): Promise<LoadResult> {
  const expected = stage.expected.get(operation.id)!;
  const gateway = stage.gateways.get(target);
  return gateway ? loadGateway(gateway.url, expected, options) : loadFloor(expected, options);
}

/**
 * Runs one target on one operation and reads its CPU time and memory around the run. A short
 * unmeasured settle phase comes first, so connections left idle by the other targets' runs are
 * reopened before the clock starts. The settle phase's failures are returned separately.
 */
async function measure(
  stage: Stage,
  target: TargetId,
  operation: Operation,
  options: LoadOptions,
): Promise<{
  result: LoadResult;
  settle: LoadResult;
  usage: RunUsage;
}> {
  const settle = await drive(stage, target, operation, {
    ...options,
    durationMs: settings.settleMs,
  });
  const gateway = stage.gateways.get(target);
  const subgraphPids = stage.fleet.services.map((service) => service.pid);
  const subgraphCpu = () => subgraphPids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);

  const gatewayBefore = gateway ? cpuSeconds(gateway.pid) : 0;
  const subgraphsBefore = subgraphCpu();
  const postgresBefore = postgresCpuSeconds();
  const clientBefore = process.cpuUsage();
  const memory = gateway ? sampleMemory([gateway.pid]) : null;
  const result = await drive(stage, target, operation, options);
  const peaks = memory?.stop();
  const client = process.cpuUsage(clientBefore);
  return {
    result,
    settle,
    usage: {
      gatewayCpuSeconds: gateway ? cpuSeconds(gateway.pid) - gatewayBefore : 0,
      subgraphCpuSeconds: subgraphCpu() - subgraphsBefore,
      postgresCpuSeconds: postgresCpuSeconds() - postgresBefore,
      clientCpuSeconds: (client.user + client.system) / 1e6,
      peakRssBytes: gateway ? (peaks?.get(gateway.pid) ?? 0) : 0,
    },
  };
}

/** Alternates the targets over the rounds, operation by operation, after one warm-up each. */
async function runRounds(
  stage: Stage,
  phase: RunRecord['phase'],
  targets: TargetId[],
  rounds: number,
  token: string,
): Promise<RunRecord[]> {
  const load = { connections: settings.connections, token };
  for (const operation of OPERATIONS) {
    for (const target of targets) {
      const result = await drive(stage, target, operation, {
        ...load,
        durationMs: settings.warmupMs,
      });
      log(
        `warm-up ${stage.label} ${operation.id} ${target}: ${(result.requests / result.seconds).toFixed(0)} req/s, ${result.errors + result.mismatches} failures`,
      );
    }
  }
  const runs: RunRecord[] = [];
  for (let round = 1; round <= rounds; round += 1) {
    for (const operation of OPERATIONS) {
      const order = roundOrder(targets, round);
      for (const target of order) {
        const { result, settle, usage } = await measure(stage, target, operation, {
          ...load,
          durationMs: settings.durationMs,
        });
        const record = toRunRecord(
          { phase, round, operation: operation.id, target },
          result,
          usage,
          settle,
        );
        runs.push(record);
        log(
          `${phase} round ${round}/${rounds} ${operation.id} ${target}: ${record.requestsPerSecond.toFixed(0)} req/s, p50 ${record.p50Ms.toFixed(1)} ms, p99 ${record.p99Ms.toFixed(1)} ms, ${record.errors} errors, ${record.mismatches} mismatches`,
        );
      }
    }
  }
  return runs;
}

/** `node` options of every gateway process: the V8 CPU profiler when `--cpu-prof-dir` is given. */
function gatewayNodeOptions(): string[] {
  const directory = flags['cpu-prof-dir'];
  return directory ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(directory)}`] : [];
}

async function startStage(
  label: string,
  dataset: Dataset,
  gatewayTargets: Exclude<TargetId, 'floor'>[],
  context: { workDir: string; keysDir: string; token: string },
  cleanups: (() => Promise<void>)[],
): Promise<Stage> {
  const fleet = await startSubgraphFleet({ label, databaseUrl: dataset.url, ...context });
  cleanups.push(async () => {
    await Promise.all(fleet.services.map((service) => service.stop()));
  });
  const gateways = new Map<TargetId, Service>();
  const starts = await Promise.allSettled(
    gatewayTargets.map(async (target) => {
      const service = await startGateway(target, {
        label,
        fleet,
        databaseUrl: dataset.url,
        ...context,
        nodeOptions: gatewayNodeOptions(),
      });
      gateways.set(target, service);
      cleanups.push(() => service.stop());
    }),
  );
  const failed = starts.find((start) => start.status === 'rejected');
  if (failed) throw failed.reason;
  log(
    `${label}: subgraph services and ${gatewayTargets.join(', ')} serving; recording expected results`,
  );
  const expected = await recordExpectedResults(
    fleet.apolloSupergraphPath,
    dataset.url,
    context.token,
    OPERATIONS,
  );
  return { label, dataset, fleet, gateways, expected };
}

async function main(): Promise<void> {
  const started = performance.now();
  const loadAverageAtStart = os.loadavg();
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dxhub-bench-'));
  const keysDir = path.join(workDir, 'keys');
  log(`work folder with child logs: ${workDir}`);

  const config = loadGatewayConfig({ auth: { keysDir } });
  const token = await createDevelopmentToken(config, {
    org: COORDINATING_AGENCY_CODE,
    scopes: ['network:read', 'staffing:read', 'projects:read', 'incidents:read', 'surveys:read'],
    ttlSeconds: 3 * 3600,
  });
  const context = { workDir, keysDir, token };
  const cleanups: (() => Promise<void>)[] = [];
  const datasets: Dataset[] = [];
  let succeeded = false;
  const release = async () => {
    while (cleanups.length > 0)
      await cleanups.pop()!().catch((error: unknown) => console.error(error));
    if (!flags['keep-databases'])
      for (const dataset of datasets.splice(0))
        await dataset.drop().catch((error: unknown) => console.error(error));
  };
  // An interrupted run still stops its child processes and drops its databases.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`${signal} received; stopping the child processes`);
      release().finally(() => process.exit(130));
    });
  }

  try {
    log(
      `loading two databases: ${settings.smallRows} and ${settings.largeRows} generated rows per table`,
    );
    const loads = await Promise.allSettled(
      [
        ['small', settings.smallRows],
        ['large', settings.largeRows],
      ].map(([label, rows]) =>
        createDataset({
          adminUrl: flags['database-url']!,
          name: `dxhub_bench_${process.pid}_${label}`,
          rows: rows as number,
          keysDir,
        }),
      ),
    );
    for (const load of loads) if (load.status === 'fulfilled') datasets.push(load.value);
    const failedLoad = loads.find((load) => load.status === 'rejected');
    if (failedLoad) throw failedLoad.reason;
    const [small, large] = datasets as [Dataset, Dataset];
    log(`loaded in ${small.loadSeconds.toFixed(0)} s and ${large.loadSeconds.toFixed(0)} s`);
    await checkpoint(flags['database-url']!);

    const main = await startStage(
      'small',
      small,
      ['hub', 'apollo', 'hive', 'hub-in-process'],
      context,
      cleanups,
    );
    const mainRuns = await runRounds(main, 'main', MAIN_TARGETS, settings.rounds, token);
    while (cleanups.length > 0) await cleanups.pop()!();

    const scale = await startStage('large', large, ['hub'], context, cleanups);
    const scaleRuns = await runRounds(scale, 'scale', SCALE_TARGETS, settings.scaleRounds, token);
    while (cleanups.length > 0) await cleanups.pop()!();

    const markdown = await writeResults({
      output: flags.output!,
      settings,
      mainRuns,
      scaleRuns,
      mainTargets: MAIN_TARGETS,
      scaleTargets: SCALE_TARGETS,
      datasets: { small, large },
      expected: main.expected,
      databaseUrl: small.url,
      loadAverageAtStart,
      wallSeconds: (performance.now() - started) / 1000,
    });
    console.log(markdown);
    log(`wrote ${flags.output} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    succeeded = true;
  } finally {
    await release();
    // The child logs are kept when something failed, for the path printed at the start.
    if (succeeded) fs.rmSync(workDir, { recursive: true, force: true });
  }
}

/**
 * Writes the loads' dirty pages out before the first measured run, so that no checkpoint the
 * loads started writes them during the runs. When the server rejects it (a role without
 * superuser or pg_checkpoint), the benchmark logs one line and goes on.
 */
async function checkpoint(adminUrl: string): Promise<void> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await sql`checkpoint`;
    log('checkpoint done');
  } catch (error) {
    log(
      `checkpoint failed: ${(error as Error).message}; a checkpoint may run during the measured runs`,
    );
  } finally {
    await sql.end();
  }
}

await main();
