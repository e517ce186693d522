// Writes bench/RESULTS.md from one run of `pnpm bench`: machine, versions, command, date, data
// and the tables. Every figure in it comes from the runs passed in.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import type { Dataset } from './dataset.js';
import { OPERATIONS, type Operation } from './operations.js';
import type { ExpectedResult } from './reference.js';
import {
  flaggedList,
  ratioTable,
  resultsTable,
  scaleTable,
  settleList,
  type RunRecord,
} from './report.js';
import { REPOSITORY_ROOT, TARGET_LABELS, packageVersion, type TargetId } from './targets.js';

export interface ResultsInput {
  output: string;
  settings: {
    connections: number;
    durationMs: number;
    warmupMs: number;
    settleMs: number;
    rounds: number;
    scaleRounds: number;
    smallRows: number;
    largeRows: number;
  };
  mainRuns: RunRecord[];
  scaleRuns: RunRecord[];
  mainTargets: TargetId[];
  scaleTargets: TargetId[];
  datasets: { small: Dataset; large: Dataset };
  expected: Map<Operation['id'], ExpectedResult[]>;
  databaseUrl: string;
  loadAverageAtStart: number[];
  wallSeconds: number;
}

/** Reads a git fact without changing anything; `unknown` outside a repository. */
function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: REPOSITORY_ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

/**
 * Lists the tracked files that differ from the commit, leaving out the record being written:
 * the previous run changed it, and it does not change what is measured.
 */
export function changedSourceFiles(output: string): string[] {
  const names = git(['diff', '--name-only', 'HEAD']);
  if (names === 'unknown' || names === '') return [];
  const record = path.relative(REPOSITORY_ROOT, path.resolve(output));
  return names.split('\n').filter((file) => file !== record);
}

function cpuModel(): string {
  const cpus = os.cpus();
  return `${cpus[0]?.model.trim() ?? 'unknown CPU'} × ${cpus.length}`;
}

async function postgresVersion(databaseUrl: string): Promise<string> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ server_version: string }[]>`show server_version`;
    return row?.server_version ?? 'unknown';
  } finally {
    await sql.end();
  }
}

function describeCalls(expected: ExpectedResult[]): string {
  const first = expected[0];
  if (!first) return '—';
  return first.levels.map((level) => level.map((call) => call.subgraph).join(' + ')).join(' → ');
}

function datasetLine(dataset: Dataset): string {
  const counts = Object.entries(dataset.counts)
    .map(([table, count]) => `${table} ${count.toLocaleString('en-US')}`)
    .join(', ');
  const steps = Object.entries(dataset.stepSeconds)
    .map(([step, seconds]) => `${step} ${seconds.toFixed(0)} s`)
    .join(', ');
  return `${dataset.rows.toLocaleString('en-US')} generated rows per table: ${counts}; ${dataset.surveys} published surveys; loaded in ${dataset.loadSeconds.toFixed(0)} s (${steps}), while the other data set loaded beside it`;
}

/** Builds the record, writes it to `input.output` and returns it. */
export async function writeResults(input: ResultsInput): Promise<string> {
  const { settings } = input;
  const commit = git(['rev-parse', '--short', 'HEAD']);
  const changedFiles = changedSourceFiles(input.output);
  const command = `pnpm bench${process.argv.slice(2).length ? ` ${process.argv.slice(2).join(' ')}` : ''}`;
  const loadAtEnd = os.loadavg();

  const operations = OPERATIONS.map(
    (operation) =>
      `- \`${operation.id}\`: ${operation.title}; ${input.expected.get(operation.id)?.length ?? 0} variable sets; subgraph calls per request: ${describeCalls(input.expected.get(operation.id) ?? [])}`,
  ).join('\n');
  const targets = input.mainTargets
    .map((target) => `\`${target}\` = ${TARGET_LABELS[target]}`)
    .join('; ');

  const markdown = `# Gateway benchmark results

Written by \`${command}\` on ${new Date().toISOString()}; the next run replaces this file.
How the figures are measured and how to read them: [README.md](README.md).

## Machine and versions

- Machine: ${cpuModel()}, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB memory, Linux ${os.release()}
- Load average (1, 5, 15 min) at the start: ${input.loadAverageAtStart.map((value) => value.toFixed(2)).join(', ')}; at the end: ${loadAtEnd.map((value) => value.toFixed(2)).join(', ')}
- Node.js ${process.version}, PostgreSQL ${await postgresVersion(input.databaseUrl)}
- dxhub commit ${commit}${changedFiles.length > 0 ? `, with uncommitted changes to ${changedFiles.join(', ')}` : ''}
- @apollo/gateway ${packageVersion('@apollo/gateway')}, @apollo/server ${packageVersion('@apollo/server')}, @graphql-hive/gateway ${packageVersion('@graphql-hive/gateway')}, graphql ${packageVersion('graphql')}, undici ${packageVersion('undici')} (load generator)
- Settings: ${settings.connections} connections; one ${settings.warmupMs / 1000} s warm-up per target and operation; each run ${settings.durationMs / 1000} s measured after ${settings.settleMs / 1000} s unmeasured; ${settings.rounds} rounds (main), ${settings.scaleRounds} rounds (scale)
- Wall time of the whole command: ${input.wallSeconds.toFixed(0)} s

## Data

- Small: official 2024 units plus ${datasetLine(input.datasets.small)}
- Large: official 2024 units plus ${datasetLine(input.datasets.large)}

Operations:

${operations}

Targets: ${targets}.

## Gateways side by side (small data set)

Each cell is the median over the runs without errors, with the lowest and highest run in
brackets. CPU time is per request: the gateway process, the five subgraph services together,
PostgreSQL's processes, and the benchmark process that generates the load. All of them share
this machine's cores, so a gateway's throughput depends on the sum, and the gateway's own part
bounds how far one gateway can lead another. The in-process hub runs the subgraphs inside its
own process, so its gateway CPU includes their work and its subgraph CPU is near zero.

${resultsTable(input.mainRuns, OPERATIONS, input.mainTargets)}

### Paired ratios

Each ratio is computed within a round, from runs made one after the other, then the median
and range are taken over the rounds. Requests/s above 1 means the first target is faster;
gateway CPU per request below 1 means it needs less CPU.

${ratioTable(input.mainRuns, OPERATIONS, [
  ['hub', 'apollo'],
  ['hub', 'hive'],
  ['hub', 'floor'],
  ['hub-in-process', 'hub'],
])}

## Scale: 1,000 against 100,000 rows

The same operations on the large data set, measured in ${settings.scaleRounds} alternating rounds; the
small columns are the main comparison's runs above.

${scaleTable(input.mainRuns, input.scaleRuns, OPERATIONS, input.scaleTargets, { small: settings.smallRows, large: settings.largeRows })}

## Flagged runs

${flaggedList([...input.mainRuns, ...input.scaleRuns])}

Failures in the unmeasured settle phases, which reopen idle connections before each run:

${settleList([...input.mainRuns, ...input.scaleRuns])}
`;
  fs.writeFileSync(input.output, markdown);
  return markdown;
}
