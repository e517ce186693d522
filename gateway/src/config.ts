import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ConfigError,
  DEFAULT_MAX_BODY_BYTES,
  loadBaseConfig,
  readChoice,
  readInteger,
  readString,
  type BaseConfig,
} from '@dxhub/kit';

type Env = Record<string, string | undefined>;

/** The five subgraphs, in migration order; the network subgraph owns the org tree the others read. */
export const SUBGRAPH_NAMES = ['network', 'staffing', 'projects', 'surveys', 'incidents'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

/** Port each subgraph service uses in the default subgraph URLs and the committed supergraph. */
export const DEFAULT_SUBGRAPH_PORTS: Record<SubgraphName, number> = {
  network: 4001,
  staffing: 4002,
  projects: 4003,
  surveys: 4004,
  incidents: 4005,
};

/** The committed supergraph, `schema/supergraph.graphql` at the repository root. */
export const COMMITTED_SUPERGRAPH_PATH = fileURLToPath(
  new URL('../../schema/supergraph.graphql', import.meta.url),
);

/**
 * Source of the gateway's supergraph: a file (the committed one by default, watched and
 * reloaded), or a composition of the registered subgraph modules made at start.
 */
export type SupergraphSource = { kind: 'file'; path: string } | { kind: 'compose' };

/** Limits applied to every GraphQL request before it is planned. */
export interface QueryLimits {
  /** Deepest selection nesting, introspection excluded. */
  maxDepth: number;
  maxAliases: number;
  /** Fields selected at the root of one operation, fragments expanded. */
  maxRootFields: number;
  /** Lexical tokens in one document. */
  maxTokens: number;
  maxDirectives: number;
  /** Largest request body, in bytes. */
  maxBodyBytes: number;
  /** Operations in one batched request; 1 turns batching off. */
  maxBatchSize: number;
}

export interface SubgraphEndpoint {
  /** GraphQL URL of the subgraph service, used in services mode. */
  url: string;
  /** Time allowed for one call to this subgraph, in milliseconds. */
  timeoutMs: number;
}

/** Everything the gateway process reads at start: the kit's shared settings plus its own. */
export interface GatewayConfig extends BaseConfig {
  supergraph: SupergraphSource;
  /** Reload the supergraph file when it changes on disk. */
  watchSupergraph: boolean;
  /** Time allowed for one subgraph call unless its endpoint sets its own, in milliseconds. */
  subgraphTimeoutMs: number;
  /**
   * Endpoint of each subgraph by name: the five registered ones always, plus any a caller adds
   * for subgraph modules of its own.
   */
  subgraphs: Record<string, SubgraphEndpoint>;
  /** Open connections kept per subgraph service in services mode. */
  subgraphConnections: number;
  /** How long an idle keep-alive connection to a subgraph service stays open, in milliseconds. */
  subgraphKeepAliveMs: number;
  limits: QueryLimits;
  /** Introspection is served only to requests with a valid token in any case. */
  introspection: boolean;
  /** "Did you mean ...?" hints in validation errors; off in production by default. */
  fieldSuggestions: boolean;
  /**
   * Whether the hub runs query plans itself (src/execution) instead of through
   * `@apollo/gateway`'s executor; on by default. Off is the way back if a response differs.
   */
  planRunner: boolean;
  /** How long `close()` waits for in-flight requests before cutting connections, in milliseconds. */
  shutdownGraceMs: number;
}

/** Options passed in code; each wins over the environment. Nested groups merge key by key. */
export type GatewayOverrides = Partial<Omit<GatewayConfig, 'auth' | 'limits' | 'subgraphs'>> & {
  auth?: Partial<GatewayConfig['auth']>;
  limits?: Partial<QueryLimits>;
  subgraphs?: Record<string, Partial<SubgraphEndpoint>>;
};

function readBoolean(env: Env, name: string, fallback: boolean): boolean {
  const value = readChoice(env, name, fallback ? 'true' : 'false', [
    'true',
    'false',
    '1',
    '0',
  ] as const);
  return value === 'true' || value === '1';
}

function readSupergraph(env: Env): SupergraphSource {
  const raw = readString(env, 'DXHUB_SUPERGRAPH', COMMITTED_SUPERGRAPH_PATH);
  if (raw === 'compose') return { kind: 'compose' };
  return { kind: 'file', path: path.resolve(raw) };
}

function readSubgraphUrl(env: Env, name: SubgraphName): string {
  const variable = `${name.toUpperCase()}_URL`;
  const raw = readString(env, variable, `http://127.0.0.1:${DEFAULT_SUBGRAPH_PORTS[name]}/graphql`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(variable, {
      en: `"${raw}" is not a valid URL; expected http://HOST:PORT/graphql`,
      vi: `"${raw}" không phải URL hợp lệ; hãy đặt theo dạng http://HOST:PORT/graphql`,
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(variable, {
      en: `has protocol "${url.protocol}"; expected http: or https:, as in http://HOST:PORT/graphql`,
      vi: `có giao thức không hợp lệ "${url.protocol}"; hãy dùng http: hoặc https:, theo dạng http://HOST:PORT/graphql`,
    });
  }
  return raw;
}

function readLimits(env: Env): QueryLimits {
  return {
    maxDepth: readInteger(env, 'DXHUB_MAX_DEPTH', 12, { min: 1, max: 100 }),
    maxAliases: readInteger(env, 'DXHUB_MAX_ALIASES', 15, { min: 0, max: 1000 }),
    maxRootFields: readInteger(env, 'DXHUB_MAX_ROOT_FIELDS', 10, { min: 1, max: 1000 }),
    maxTokens: readInteger(env, 'DXHUB_MAX_TOKENS', 2000, { min: 100, max: 100_000 }),
    maxDirectives: readInteger(env, 'DXHUB_MAX_DIRECTIVES', 20, { min: 0, max: 1000 }),
    maxBodyBytes: readInteger(env, 'DXHUB_MAX_BODY_BYTES', DEFAULT_MAX_BODY_BYTES, {
      min: 1024,
      max: 64 * 1024 * 1024,
    }),
    maxBatchSize: readInteger(env, 'DXHUB_MAX_BATCH', 5, { min: 1, max: 100 }),
  };
}

/**
 * Reads the gateway's configuration once at start: {@link loadBaseConfig} plus the gateway
 * settings below. `overrides` come from code or command-line options and win over `env`. Throws
 * `ConfigError` naming the variable at the first missing or malformed value.
 *
 * Variables: `DXHUB_SUPERGRAPH` (path, or `compose`), `DXHUB_SUPERGRAPH_WATCH`,
 * `DXHUB_SUBGRAPH_TIMEOUT_MS`, `<NAME>_URL` and `<NAME>_TIMEOUT_MS` per subgraph (for example
 * `NETWORK_URL`), `DXHUB_SUBGRAPH_CONNECTIONS`, `DXHUB_SUBGRAPH_KEEPALIVE_MS`, `DXHUB_MAX_DEPTH`,
 * `DXHUB_MAX_ALIASES`, `DXHUB_MAX_ROOT_FIELDS`, `DXHUB_MAX_TOKENS`, `DXHUB_MAX_DIRECTIVES`,
 * `DXHUB_MAX_BODY_BYTES`, `DXHUB_MAX_BATCH`, `DXHUB_INTROSPECTION`, `DXHUB_FIELD_SUGGESTIONS`,
 * `DXHUB_SHUTDOWN_GRACE_MS`.
 */
export function loadGatewayConfig(
  overrides: GatewayOverrides = {},
  env: Env = process.env,
): GatewayConfig {
  const { auth, limits, subgraphs, ...rest } = overrides;
  const base = loadBaseConfig(
    { ...rest, ...(auth ? { auth: auth as BaseConfig['auth'] } : {}) },
    env,
  );

  const defaultTimeoutMs =
    overrides.subgraphTimeoutMs ??
    readInteger(env, 'DXHUB_SUBGRAPH_TIMEOUT_MS', 10_000, { min: 100, max: 300_000 });
  const endpoints: Record<string, SubgraphEndpoint> = {};
  for (const name of SUBGRAPH_NAMES) {
    endpoints[name] = {
      url: readSubgraphUrl(env, name),
      timeoutMs: readInteger(env, `${name.toUpperCase()}_TIMEOUT_MS`, defaultTimeoutMs, {
        min: 100,
        max: 300_000,
      }),
    };
  }
  for (const [name, endpoint] of Object.entries(subgraphs ?? {})) {
    const merged = {
      ...endpoints[name],
      timeoutMs: endpoints[name]?.timeoutMs ?? defaultTimeoutMs,
      ...endpoint,
    };
    if (!merged.url)
      throw new TypeError(`dxhub gateway: the override of subgraph "${name}" needs a url`);
    endpoints[name] = merged as SubgraphEndpoint;
  }

  const fromEnv: Omit<GatewayConfig, keyof BaseConfig> = {
    supergraph: readSupergraph(env),
    subgraphTimeoutMs: defaultTimeoutMs,
    watchSupergraph: readBoolean(env, 'DXHUB_SUPERGRAPH_WATCH', true),
    subgraphs: endpoints,
    subgraphConnections: readInteger(env, 'DXHUB_SUBGRAPH_CONNECTIONS', 32, { min: 1, max: 1024 }),
    subgraphKeepAliveMs: readInteger(env, 'DXHUB_SUBGRAPH_KEEPALIVE_MS', 30_000, {
      min: 1000,
      max: 600_000,
    }),
    limits: { ...readLimits(env), ...limits },
    introspection: readBoolean(env, 'DXHUB_INTROSPECTION', true),
    fieldSuggestions: readBoolean(env, 'DXHUB_FIELD_SUGGESTIONS', base.env !== 'production'),
    planRunner: readBoolean(env, 'DXHUB_PLAN_RUNNER', true),
    shutdownGraceMs: readInteger(env, 'DXHUB_SHUTDOWN_GRACE_MS', 10_000, { min: 0, max: 600_000 }),
  };
  const gatewayOverrides = Object.fromEntries(
    Object.entries(rest).filter(([key]) => key in fromEnv),
  ) as Partial<Omit<GatewayConfig, keyof BaseConfig>>;
  return {
    ...base,
    ...fromEnv,
    ...gatewayOverrides,
    subgraphs: endpoints,
    limits: { ...fromEnv.limits },
  };
}
