import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadLocalKeys, signDevelopmentToken } from '@dxhub/kit';
import { createEmptyPostgresDatabase, usingPostgres } from '@dxhub/kit/testing';
import {
  collect,
  freePort,
  freshHome,
  runCli,
  spawnCli,
  waitForOk,
  type CliResult,
} from '../cli/helpers.js';

/** A hub started with `dxhub start` in a child process, on its own data and keys. */
export interface HubProcess {
  /** `http://127.0.0.1:PORT`, without a path. */
  origin: string;
  home: string;
  /** Environment the hub runs with; CLI commands run against the same data. */
  env: Record<string, string | undefined>;
  child: ChildProcess;
  /** Everything the hub wrote to standard output so far. */
  output(): string;
  /** Parsed JSON log lines written so far. */
  logLines(): Record<string, unknown>[];
  /** A development token the hub accepts. */
  token(org: string, scopes: string[], subject?: string): Promise<string>;
  /** Runs a `dxhub` command against the hub's data. */
  cli(args: string[]): Promise<CliResult>;
  /** Sends SIGTERM and resolves with the exit code (null when killed by a signal). */
  stop(): Promise<number | null>;
  /** Stops the hub if it still runs, then drops its database and folder. */
  dispose(): Promise<void>;
}

/**
 * Starts the hub as `pnpm start` would and waits for `/readyz`. Uses a fresh PostgreSQL database
 * when `TEST_DATABASE_URL` is set, the embedded database in a fresh folder otherwise.
 */
export async function startHubProcess(extraEnv: Record<string, string> = {}): Promise<HubProcess> {
  const home = freshHome();
  const port = await freePort();
  const database = usingPostgres ? await createEmptyPostgresDatabase() : null;
  const env: Record<string, string | undefined> = {
    DXHUB_HOME: path.join(home, '.dxhub'),
    PORT: String(port),
    LOG_LEVEL: 'info',
    DATABASE_URL: database?.url,
    DXHUB_SUPERGRAPH_WATCH: 'false',
    ...extraEnv,
  };
  const child = spawnCli(['start'], env);
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitForOk(`${origin}/readyz`, 120_000);
  } catch (error) {
    child.kill('SIGKILL');
    await database?.drop();
    throw new Error(`the hub did not start: ${(error as Error).message}\n${stdout}\n${stderr}`);
  }

  let keys: Awaited<ReturnType<typeof loadLocalKeys>> = null;
  let stopped: Promise<number | null> | null = null;
  const hub: HubProcess = {
    origin,
    home,
    env,
    child,
    output: () => stdout,
    logLines: () =>
      stdout
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    token: async (org, scopes, subject) => {
      keys ??= await loadLocalKeys(path.join(home, '.dxhub', 'keys'), false);
      if (!keys) throw new Error('the hub created no development key');
      return signDevelopmentToken(
        keys,
        { issuer: 'urn:dxhub:dev', audience: 'urn:dxhub:api' },
        { orgCode: org, scopes, ...(subject ? { subject } : {}), clientId: 'ops-test' },
      );
    },
    cli: (args) => runCli(args, env),
    stop: () => {
      stopped ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        return exited;
      })();
      return stopped;
    },
    dispose: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        await exited;
        clearTimeout(timer);
      }
      await database?.drop();
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
  return hub;
}

interface GraphQLRequestBody {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

/**
 * Sends one GraphQL request (or a batch, as a JSON array) to the hub and returns the status,
 * headers and parsed body.
 */
export async function graphql(
  origin: string,
  body: GraphQLRequestBody | GraphQLRequestBody[],
  headers: Record<string, string> = {},
): Promise<{
  status: number;
  headers: Headers;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
}> {
  const response = await fetch(`${origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as never,
  };
}

export { collect };
