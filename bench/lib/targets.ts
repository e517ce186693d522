// The systems under test, each started in its own child process on a free port of 127.0.0.1,
// so the CPU time and memory read from /proc belong to one gateway.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { SUBGRAPH_NAMES, withoutSecurityPurpose } from '@dxhub/gateway';
import { freePort, startService, type Service } from './processes.js';

export const REPOSITORY_ROOT = path.resolve(import.meta.dirname, '../..');
const CHILDREN = path.resolve(import.meta.dirname, '../children');
const COMMITTED_SUPERGRAPH = path.join(REPOSITORY_ROOT, 'schema/supergraph.graphql');
const require = createRequire(import.meta.url);

export type TargetId = 'floor' | 'hub' | 'hub-in-process' | 'apollo' | 'hive';

/** Row labels of the tables, in table order. */
export const TARGET_LABELS: Record<TargetId, string> = {
  hub: 'dxhub gateway, subgraphs over HTTP',
  'hub-in-process': 'dxhub gateway, subgraphs in-process (`dxhub start`)',
  apollo: 'plain @apollo/gateway',
  hive: 'Hive Gateway',
  floor: 'direct subgraph calls (floor)',
};

/** Reads the version of an installed package of the bench workspace. */
export function packageVersion(name: string): string {
  let directory = path.dirname(require.resolve(name));
  while (
    !fs.existsSync(path.join(directory, 'package.json')) ||
    JSON.parse(fs.readFileSync(path.join(directory, 'package.json'), 'utf8')).name !== name
  ) {
    const parent = path.dirname(directory);
    if (parent === directory) return 'unknown';
    directory = parent;
  }
  return (
    JSON.parse(fs.readFileSync(path.join(directory, 'package.json'), 'utf8')) as { version: string }
  ).version;
}

/** Environment every dxhub child shares: its home, keys and log level, and rate limits no run reaches. */
function dxhubEnvironment(workDir: string, keysDir: string): Record<string, string> {
  return {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    // The hub turns off @apollo/gateway's telemetry, which sends usage metrics to Apollo and
    // probes cloud metadata services. Plain @apollo/gateway gets the same setting, so neither
    // gateway spends CPU on it.
    APOLLO_TELEMETRY_DISABLED: 'true',
    DXHUB_HOME: path.join(workDir, 'home'),
    DXHUB_KEYS_DIR: keysDir,
    // The rate limiter stays on and counts every request. Its buckets are sized so that no
    // benchmark run empties them, because an empty bucket would measure 429 responses instead.
    DXHUB_RATE_READS_SUBJECT: '1000000:1000000',
    DXHUB_RATE_READS_ORG: '1000000:1000000',
  };
}

/** One data set's subgraph services and the supergraph files that route to them. */
export interface SubgraphFleet {
  services: Service[];
  /** The committed supergraph with these services' URLs. */
  supergraphPath: string;
  /** The same without the SECURITY purpose, for @apollo/gateway. */
  apolloSupergraphPath: string;
  urls: Record<string, string>;
}

/** Starts the five subgraphs as HTTP services on `databaseUrl` and writes supergraphs routing to them. */
export async function startSubgraphFleet(options: {
  label: string;
  databaseUrl: string;
  workDir: string;
  keysDir: string;
  token: string;
  /** Extra `node` options of every service, such as `--cpu-prof`. */
  nodeOptions?: string[];
}): Promise<SubgraphFleet> {
  const urls: Record<string, string> = {};
  const starts = SUBGRAPH_NAMES.map(async (name) => {
    const port = await freePort();
    urls[name] = `http://127.0.0.1:${port}/graphql`;
    return startService({
      name: `${name} (${options.label})`,
      args: [
        // As the Dockerfile and `pnpm start` run every dxhub process. The gateways under test run
        // with Node's defaults, so none of them gets a flag the others lack.
        '--max-semi-space-size=64',
        ...(options.nodeOptions ?? []),
        '--import',
        'tsx',
        path.join(CHILDREN, 'subgraph-service.ts'),
        name,
      ],
      env: {
        ...dxhubEnvironment(options.workDir, options.keysDir),
        PORT: String(port),
        DATABASE_URL: options.databaseUrl,
      },
      url: urls[name],
      token: options.token,
      logFile: path.join(options.workDir, `subgraph-${name}-${options.label}.log`),
      cwd: REPOSITORY_ROOT,
    });
  });
  const settled = await Promise.allSettled(starts);
  const services = settled.flatMap((result) =>
    result.status === 'fulfilled' ? [result.value] : [],
  );
  const failure = settled.find((result) => result.status === 'rejected');
  if (failure) {
    await Promise.all(services.map((service) => service.stop()));
    throw failure.reason;
  }

  let supergraph = fs.readFileSync(COMMITTED_SUPERGRAPH, 'utf8');
  for (const name of SUBGRAPH_NAMES) {
    supergraph = supergraph.replace(
      new RegExp(`(@join__graph\\(name: "${name}", url: ")[^"]*(")`),
      `$1${urls[name]}$2`,
    );
  }
  const supergraphPath = path.join(options.workDir, `supergraph-${options.label}.graphql`);
  const apolloSupergraphPath = path.join(
    options.workDir,
    `supergraph-${options.label}.apollo.graphql`,
  );
  fs.writeFileSync(supergraphPath, supergraph);
  fs.writeFileSync(apolloSupergraphPath, withoutSecurityPurpose(supergraph));
  return { services, supergraphPath, apolloSupergraphPath, urls };
}

/** Starts one gateway target on `fleet` (or, for the in-process hub, on `databaseUrl` directly). */
export async function startGateway(
  target: Exclude<TargetId, 'floor'>,
  options: {
    label: string;
    fleet: SubgraphFleet;
    databaseUrl: string;
    workDir: string;
    keysDir: string;
    token: string;
    /** Extra `node` options, such as `--cpu-prof`. */
    nodeOptions?: string[];
  },
): Promise<Service> {
  const port = await freePort();
  const node = options.nodeOptions ?? [];
  const base = { ...dxhubEnvironment(options.workDir, options.keysDir), PORT: String(port) };
  const logFile = path.join(options.workDir, `gateway-${target}-${options.label}.log`);
  const common = {
    name: target,
    token: options.token,
    logFile,
    cwd: REPOSITORY_ROOT,
    url: `http://127.0.0.1:${port}/graphql`,
  };

  switch (target) {
    case 'hub': {
      const env: Record<string, string> = {
        ...base,
        DXHUB_SUPERGRAPH: options.fleet.supergraphPath,
      };
      for (const [name, url] of Object.entries(options.fleet.urls))
        env[`${name.toUpperCase()}_URL`] = url;
      return startService({
        ...common,
        args: [...node, '--import', 'tsx', path.join(CHILDREN, 'hub.ts'), 'services'],
        env,
      });
    }
    case 'hub-in-process':
      return startService({
        ...common,
        args: [...node, '--import', 'tsx', path.join(CHILDREN, 'hub.ts'), 'in-process'],
        env: {
          ...base,
          DXHUB_SUPERGRAPH: options.fleet.supergraphPath,
          DATABASE_URL: options.databaseUrl,
        },
      });
    case 'apollo':
      return startService({
        ...common,
        args: [...node, '--import', 'tsx', path.join(CHILDREN, 'apollo-gateway.ts')],
        env: { ...base, BENCH_SUPERGRAPH: options.fleet.apolloSupergraphPath },
      });
    case 'hive': {
      const bin = path.join(
        path.dirname(require.resolve('@graphql-hive/gateway/package.json')),
        'dist/bin.js',
      );
      return startService({
        ...common,
        args: [
          ...node,
          bin,
          'supergraph',
          options.fleet.supergraphPath,
          '-c',
          path.join(CHILDREN, 'hive-gateway.config.mjs'),
          '--host',
          '127.0.0.1',
          '--port',
          String(port),
        ],
        env: base,
      });
    }
  }
}
