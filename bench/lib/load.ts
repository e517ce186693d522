// Closed-loop load generator with a fixed number of connections, each sending its next request
// as soon as the previous response arrives (the model of autocannon and k6's constant VUs).
// Requests cycle through the variable sets in order, and every response is checked.
//
// A gateway target gets one POST per operation. The floor target sends, per operation, the
// subgraph calls a gateway would make (see reference.ts) straight to the subgraph services,
// level by level, so one floor "request" is the whole operation without a gateway.
import { Pool } from 'undici';
import type { ExpectedResult, SubgraphCall } from './reference.js';

export interface LoadOptions {
  connections: number;
  durationMs: number;
  token: string;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  /** Latencies in milliseconds, sorted ascending. */
  latenciesMs: Float64Array;
  /** Transport failures, non-200 statuses and responses carrying GraphQL errors. */
  errors: number;
  /** 200 responses without errors whose data differ from the expected body. */
  mismatches: number;
  /** The first error or mismatch, shortened, to say what went wrong. */
  firstProblem: string | null;
}

type Outcome = 'ok' | 'error' | 'mismatch';

/**
 * Compares a response body with the expected data. A body seen to match once is remembered
 * per expected item, so later identical bodies are accepted by one string comparison and the
 * check does not take the load generator's time away from the target.
 */
class ResponseChecker {
  private readonly accepted = new WeakMap<object, string>();

  check(key: object, text: string, expectedData: string): { outcome: Outcome; detail?: string } {
    if (this.accepted.get(key) === text) return { outcome: 'ok' };
    let body: { data?: unknown; errors?: unknown };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      return { outcome: 'error', detail: `not JSON: ${text.slice(0, 200)}` };
    }
    if (body.errors) return { outcome: 'error', detail: JSON.stringify(body.errors).slice(0, 300) };
    if (JSON.stringify(body.data) !== expectedData) {
      return {
        outcome: 'mismatch',
        detail: `got ${JSON.stringify(body.data).slice(0, 200)}, expected ${expectedData.slice(0, 200)}`,
      };
    }
    this.accepted.set(key, text);
    return { outcome: 'ok' };
  }
}

/** Sends one request; `expectedData` is the `data` the response must carry. */
type Exchange = (index: number) => Promise<{ outcome: Outcome; detail?: string }>;

function pools(urls: string[], connections: number): Map<string, Pool> {
  const byOrigin = new Map<string, Pool>();
  for (const url of urls) {
    const origin = new URL(url).origin;
    if (!byOrigin.has(origin))
      byOrigin.set(
        origin,
        new Pool(origin, { connections, pipelining: 1, keepAliveTimeout: 60_000 }),
      );
  }
  return byOrigin;
}

async function post(
  pool: Pool,
  url: string,
  body: string,
  token: string,
): Promise<{ status: number; text: string }> {
  const response = await pool.request({
    path: new URL(url).pathname,
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      authorization: `Bearer ${token}`,
    },
    body,
  });
  return { status: response.statusCode, text: await response.body.text() };
}

async function drive(exchange: Exchange, count: number, options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  let mismatches = 0;
  let firstProblem: string | null = null;
  const started = performance.now();
  const end = started + options.durationMs;

  const worker = async () => {
    while (performance.now() < end) {
      const index = next % count;
      next += 1;
      const sent = performance.now();
      let result: { outcome: Outcome; detail?: string };
      try {
        result = await exchange(index);
      } catch (error) {
        result = { outcome: 'error', detail: (error as Error).message };
      }
      latencies.push(performance.now() - sent);
      if (result.outcome !== 'ok') {
        if (result.outcome === 'error') errors += 1;
        else mismatches += 1;
        firstProblem ??= `${result.outcome} on variable set ${index}: ${result.detail ?? ''}`;
      }
    }
  };
  await Promise.all(Array.from({ length: options.connections }, worker));
  const seconds = (performance.now() - started) / 1000;
  const sorted = Float64Array.from(latencies).sort();
  return {
    requests: latencies.length,
    seconds,
    latenciesMs: sorted,
    errors,
    mismatches,
    firstProblem,
  };
}

/** Drives a gateway at `url` with the request bodies of `expected`, checking each response's data. */
export async function loadGateway(
  url: string,
  expected: ExpectedResult[],
  options: LoadOptions,
): Promise<LoadResult> {
  const pool = pools([url], options.connections).get(new URL(url).origin)!;
  const checker = new ResponseChecker();
  const exchange: Exchange = async (index) => {
    const item = expected[index]!;
    const { status, text } = await post(pool, url, item.requestBody, options.token);
    if (status !== 200)
      return { outcome: 'error', detail: `HTTP ${status}: ${text.slice(0, 200)}` };
    return checker.check(item, text, item.data);
  };
  try {
    return await drive(exchange, expected.length, options);
  } finally {
    await pool.close();
  }
}

/** Drives the subgraph services directly with the recorded calls of `expected`, level by level. */
export async function loadFloor(
  expected: ExpectedResult[],
  options: LoadOptions,
): Promise<LoadResult> {
  const urls = expected.flatMap((item) => item.levels.flat().map((call) => call.url));
  const byOrigin = pools(urls, options.connections);
  const checker = new ResponseChecker();
  const dataOf = new WeakMap<SubgraphCall, string>();
  for (const call of expected.flatMap((item) => item.levels.flat())) {
    dataOf.set(call, JSON.stringify((JSON.parse(call.expected) as { data?: unknown }).data));
  }

  const send = async (call: SubgraphCall) => {
    const { status, text } = await post(
      byOrigin.get(new URL(call.url).origin)!,
      call.url,
      call.body,
      options.token,
    );
    if (status !== 200)
      return {
        outcome: 'error' as const,
        detail: `${call.subgraph}: HTTP ${status}: ${text.slice(0, 200)}`,
      };
    return checker.check(call, text, dataOf.get(call)!);
  };
  const exchange: Exchange = async (index) => {
    for (const level of expected[index]!.levels) {
      const results = await Promise.all(level.map(send));
      const problem = results.find((result) => result.outcome !== 'ok');
      if (problem) return problem;
    }
    return { outcome: 'ok' };
  };
  try {
    return await drive(exchange, expected.length, options);
  } finally {
    await Promise.all([...byOrigin.values()].map((pool) => pool.close()));
  }
}

/** Returns the latency at `fraction` (0.5 for p50) of sorted latencies, by nearest rank. */
export function percentile(sorted: Float64Array, fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))]!;
}
