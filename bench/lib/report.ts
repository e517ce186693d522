// Tables of the benchmark record: what `pnpm bench` prints and writes to bench/RESULTS.md.
import type { LoadResult } from './load.js';
import { percentile } from './load.js';
import type { Operation } from './operations.js';
import { pairedRatios, spread, type Spread } from './stats.js';
import { TARGET_LABELS, type TargetId } from './targets.js';

/** One measured run of one target on one operation. */
export interface RunRecord {
  phase: 'main' | 'scale';
  round: number;
  operation: Operation['id'];
  target: TargetId;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  errors: number;
  mismatches: number;
  firstProblem: string | null;
  /** CPU time of the gateway process per request, in milliseconds; 0 for the floor. */
  gatewayCpuMs: number;
  /** CPU time of the five subgraph services per request, in milliseconds. */
  subgraphCpuMs: number;
  /** CPU time of PostgreSQL's processes per request, in milliseconds. */
  postgresCpuMs: number;
  /** CPU time of the benchmark process, the load generator, per request, in milliseconds. */
  clientCpuMs: number;
  /** Highest resident memory of the gateway process during the run, in bytes; 0 for the floor. */
  peakRssBytes: number;
  /** Errors and mismatches in the unmeasured settle phase before the run, with the first one. */
  settleFailures: number;
  settleProblem: string | null;
}

/** Resources a run used, read from /proc and from this process before and after it. */
export interface RunUsage {
  gatewayCpuSeconds: number;
  subgraphCpuSeconds: number;
  postgresCpuSeconds: number;
  clientCpuSeconds: number;
  peakRssBytes: number;
}

export function toRunRecord(
  base: Pick<RunRecord, 'phase' | 'round' | 'operation' | 'target'>,
  result: LoadResult,
  usage: RunUsage,
  settle: LoadResult,
): RunRecord {
  const per = (seconds: number) =>
    result.requests > 0 ? (seconds * 1000) / result.requests : Number.NaN;
  return {
    ...base,
    requestsPerSecond: result.requests / result.seconds,
    p50Ms: percentile(result.latenciesMs, 0.5),
    p99Ms: percentile(result.latenciesMs, 0.99),
    requests: result.requests,
    errors: result.errors,
    mismatches: result.mismatches,
    firstProblem: result.firstProblem,
    gatewayCpuMs: per(usage.gatewayCpuSeconds),
    subgraphCpuMs: per(usage.subgraphCpuSeconds),
    postgresCpuMs: per(usage.postgresCpuSeconds),
    clientCpuMs: per(usage.clientCpuSeconds),
    peakRssBytes: usage.peakRssBytes,
    settleFailures: settle.errors + settle.mismatches,
    settleProblem: settle.firstProblem,
  };
}

/** True when a run had an error or a mismatch; such runs are listed, never averaged in. */
export function isFlagged(run: RunRecord): boolean {
  return run.errors > 0 || run.mismatches > 0;
}

function formatNumber(value: number, digits: number): string {
  if (!Number.isFinite(value)) return '—';
  return value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** `median (min–max)`, the form every measured cell takes. */
function formatSpread(value: Spread, digits: number): string {
  if (value.count === 0) return '—';
  return `${formatNumber(value.median, digits)} (${formatNumber(value.min, digits)}–${formatNumber(value.max, digits)})`;
}

function clean(runs: RunRecord[]): RunRecord[] {
  return runs.filter((run) => !isFlagged(run));
}

/** The main table: one row per operation and target, medians over the unflagged runs. */
export function resultsTable(
  runs: RunRecord[],
  operations: readonly Operation[],
  targets: TargetId[],
): string {
  const lines = [
    '| operation | target | runs ok / flagged | requests/s | p50 ms | p99 ms | errors + mismatches | gateway CPU ms/req | subgraph CPU ms/req | PostgreSQL CPU ms/req | load generator CPU ms/req | gateway peak RSS MiB |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const operation of operations) {
    for (const target of targets) {
      const all = runs.filter((run) => run.operation === operation.id && run.target === target);
      if (all.length === 0) continue;
      const ok = clean(all);
      const failures = all.reduce((sum, run) => sum + run.errors + run.mismatches, 0);
      const peak = Math.max(...all.map((run) => run.peakRssBytes));
      lines.push(
        [
          '',
          operation.id,
          TARGET_LABELS[target],
          `${ok.length} / ${all.length - ok.length}`,
          formatSpread(spread(ok.map((run) => run.requestsPerSecond)), 0),
          formatSpread(spread(ok.map((run) => run.p50Ms)), 1),
          formatSpread(spread(ok.map((run) => run.p99Ms)), 1),
          String(failures),
          target === 'floor' ? '—' : formatSpread(spread(ok.map((run) => run.gatewayCpuMs)), 2),
          formatSpread(spread(ok.map((run) => run.subgraphCpuMs)), 2),
          formatSpread(spread(ok.map((run) => run.postgresCpuMs)), 2),
          formatSpread(spread(ok.map((run) => run.clientCpuMs)), 2),
          target === 'floor' ? '—' : formatNumber(peak / 1024 / 1024, 0),
          '',
        ]
          .join(' | ')
          .trim(),
      );
    }
  }
  return lines.join('\n');
}

function byRound(
  runs: RunRecord[],
  operation: string,
  target: TargetId,
  value: (run: RunRecord) => number,
): Map<number, number> {
  return new Map(
    clean(runs)
      .filter((run) => run.operation === operation && run.target === target)
      .map((run) => [run.round, value(run)]),
  );
}

/** Computes the paired ratio of two targets on one operation: median and range over the rounds. */
export function ratioOf(
  runs: RunRecord[],
  operation: string,
  numerator: TargetId,
  denominator: TargetId,
  value: (run: RunRecord) => number,
): Spread {
  return spread(
    pairedRatios(
      byRound(runs, operation, numerator, value),
      byRound(runs, operation, denominator, value),
    ),
  );
}

/** Ratios of the hub's throughput and CPU per request to each other target, per operation. */
export function ratioTable(
  runs: RunRecord[],
  operations: readonly Operation[],
  pairs: [TargetId, TargetId][],
): string {
  const lines = [
    '| operation | ratio | requests/s ratio | gateway CPU/req ratio | pairs |',
    '|---|---|---|---|---|',
  ];
  for (const operation of operations) {
    for (const [numerator, denominator] of pairs) {
      const throughput = ratioOf(
        runs,
        operation.id,
        numerator,
        denominator,
        (run) => run.requestsPerSecond,
      );
      const cpu =
        denominator === 'floor' || numerator === 'floor'
          ? null
          : ratioOf(runs, operation.id, numerator, denominator, (run) => run.gatewayCpuMs);
      lines.push(
        `| ${operation.id} | ${numerator} / ${denominator} | ${formatSpread(throughput, 2)} | ${cpu ? formatSpread(cpu, 2) : '—'} | ${throughput.count} |`,
      );
    }
  }
  return lines.join('\n');
}

/** Scale table: each operation's cost at the small and the large data set, per target. */
export function scaleTable(
  small: RunRecord[],
  large: RunRecord[],
  operations: readonly Operation[],
  targets: TargetId[],
  rows: { small: number; large: number },
): string {
  const smallLabel = rows.small.toLocaleString('en-US');
  const largeLabel = rows.large.toLocaleString('en-US');
  const lines = [
    `| operation | target | requests/s at ${smallLabel} | requests/s at ${largeLabel} | p50 ms at ${smallLabel} | p50 ms at ${largeLabel} | subgraph CPU ms/req at ${smallLabel} | subgraph CPU ms/req at ${largeLabel} |`,
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const operation of operations) {
    for (const target of targets) {
      const pick = (runs: RunRecord[]) =>
        clean(runs).filter((run) => run.operation === operation.id && run.target === target);
      const a = pick(small);
      const b = pick(large);
      lines.push(
        `| ${operation.id} | ${TARGET_LABELS[target]} | ${formatSpread(spread(a.map((run) => run.requestsPerSecond)), 0)} | ${formatSpread(spread(b.map((run) => run.requestsPerSecond)), 0)} | ${formatSpread(spread(a.map((run) => run.p50Ms)), 1)} | ${formatSpread(spread(b.map((run) => run.p50Ms)), 1)} | ${formatSpread(spread(a.map((run) => run.subgraphCpuMs)), 2)} | ${formatSpread(spread(b.map((run) => run.subgraphCpuMs)), 2)} |`,
      );
    }
  }
  return lines.join('\n');
}

function shorten(problem: string | null): string {
  return (problem ?? '').replace(/\s+/g, ' ').slice(0, 300);
}

/** Lists each flagged run with the first problem it met. */
export function flaggedList(runs: RunRecord[]): string {
  const flagged = runs.filter(isFlagged);
  if (flagged.length === 0) return 'No measured run had an error or a mismatch.';
  return flagged
    .map(
      (run) =>
        `- ${run.phase} round ${run.round}, ${run.operation}, ${run.target}: ${run.errors} errors, ${run.mismatches} mismatches; first: ${shorten(run.firstProblem)}`,
    )
    .join('\n');
}

/** Lists each run whose unmeasured settle phase failed. The tables do not count these failures. */
export function settleList(runs: RunRecord[]): string {
  const failed = runs.filter((run) => run.settleFailures > 0);
  if (failed.length === 0) return 'No settle phase had an error or a mismatch.';
  return failed
    .map(
      (run) =>
        `- ${run.phase} round ${run.round}, ${run.operation}, ${run.target}: ${run.settleFailures} failures; first: ${shorten(run.settleProblem)}`,
    )
    .join('\n');
}
