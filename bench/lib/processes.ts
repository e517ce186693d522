// Child processes of the benchmark: started with their own environment and log file, probed
// until they serve GraphQL, measured through /proc, and stopped with SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { request } from 'undici';

/** Clock ticks per second of `utime` and `stime` in /proc/PID/stat; 100 on Linux x86-64 and arm64. */
const CLOCK_TICKS_PER_SECOND = 100;

/** A running child process that serves GraphQL at `url`. */
export interface Service {
  name: string;
  url: string;
  pid: number;
  logFile: string;
  stop(): Promise<void>;
}

/** Returns a TCP port on 127.0.0.1 that was free a moment ago. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Sends `{ __typename }` with the token until the endpoint responds with 200, or throws after `timeoutMs`. */
async function waitUntilServing(
  url: string,
  token: string,
  child: ChildProcess,
  logFile: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(
        `bench: ${url} exited with code ${child.exitCode} before serving; see ${logFile}`,
      );
    }
    try {
      const response = await request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: '{"query":"{ __typename }"}',
      });
      const text = await response.body.text();
      if (response.statusCode === 200 && text.includes('"__typename"')) return;
      lastProblem = `HTTP ${response.statusCode}: ${text.slice(0, 200)}`;
    } catch (error) {
      lastProblem = (error as Error).message;
    }
    await delay(200);
  }
  throw new Error(
    `bench: ${url} did not serve within ${timeoutMs} ms (${lastProblem}); see ${logFile}`,
  );
}

/**
 * Starts `node ARGS` with `env` added to this process's environment, its output in `logFile`,
 * and waits until `url` serves a GraphQL request carrying `token`.
 */
export async function startService(options: {
  name: string;
  args: string[];
  env: Record<string, string>;
  url: string;
  token: string;
  logFile: string;
  cwd: string;
  timeoutMs?: number;
}): Promise<Service> {
  const log = fs.openSync(options.logFile, 'a');
  const child = spawn(process.execPath, options.args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const killed = await Promise.race([exited.then(() => true), delay(15_000, false)]);
    if (!killed) {
      child.kill('SIGKILL');
      await exited;
    }
  };
  try {
    await waitUntilServing(
      options.url,
      options.token,
      child,
      options.logFile,
      options.timeoutMs ?? 90_000,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { name: options.name, url: options.url, pid: child.pid!, logFile: options.logFile, stop };
}

/** CPU time (user plus system) the process has used so far, in seconds. */
export function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name in parentheses may contain spaces; the fields after it are fixed.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const userTicks = Number(fields[11]);
  const systemTicks = Number(fields[12]);
  return (userTicks + systemTicks) / CLOCK_TICKS_PER_SECOND;
}

/**
 * CPU time of every PostgreSQL server process on this machine (backends, background workers,
 * the postmaster), in seconds. Processes that end between two readings drop out of the
 * second, so a reading is exact only while the connections stay open, as during a run.
 */
export function postgresCpuSeconds(): number {
  let total = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const comm = fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      if (comm === 'postgres' || comm.startsWith('postgres:')) total += cpuSeconds(Number(entry));
    } catch {
      // The process ended while /proc was read.
    }
  }
  return total;
}

/** Resident memory of the process now, in bytes. */
export function residentBytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(status);
  return match ? Number(match[1]) * 1024 : 0;
}

/**
 * Samples the resident memory of `pids` every `intervalMs` until `stop()`, which returns the
 * highest total seen for each pid in bytes.
 */
export function sampleMemory(pids: number[], intervalMs = 100): { stop(): Map<number, number> } {
  const peaks = new Map<number, number>(pids.map((pid) => [pid, residentBytes(pid)]));
  const timer = setInterval(() => {
    for (const pid of pids) peaks.set(pid, Math.max(peaks.get(pid) ?? 0, residentBytes(pid)));
  }, intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      for (const pid of pids) peaks.set(pid, Math.max(peaks.get(pid) ?? 0, residentBytes(pid)));
      return peaks;
    },
  };
}
