import { ApolloGateway, type GraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import {
  createTokenVerifier,
  enableAuditCheckpoints,
  openDatabase,
  startSubgraph,
  type Database,
  type LocalKeys,
  type Logger,
  type SubgraphModule,
  type SubgraphRuntime,
  type TokenVerifier,
} from '@dxhub/kit';
import type { GatewayConfig } from './config.js';
import { InProcessDataSource } from './datasources/inProcess.js';
import { withPlanRunner } from './execution/executor.js';
import { ServiceDataSource } from './datasources/remote.js';
import { GatewayError } from './errors.js';
import { graphqlHandler } from './http/graphql.js';
import type { GatewayContext, GatewayPlugin } from './http/pipeline.js';
import { listenGateway } from './http/server.js';
import { gatewayPlugins } from './plugins/index.js';
import type { SubgraphHealth } from './plugins/useHealth.js';
import { composeHub } from './supergraph/compose.js';
import { loadSupergraph, watchSupergraphFile, type LoadedSupergraph } from './supergraph/source.js';
import { probeSubgraphService, serviceEndpoint } from './endpoints.js';

export type HubMode = 'in-process' | 'services';

export interface StartHubOptions {
  config: GatewayConfig;
  logger: Logger;
  /** `in-process`: all subgraphs in this process on one database; `services`: subgraphs over HTTP. */
  mode: HubMode;
  /** Subgraph modules to serve, in start order; the five registered ones by default. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each module has its own loader type
  subgraphs?: readonly SubgraphModule<any>[];
  /** Plugins added after the built-in ones, such as a test's probe. */
  plugins?: GatewayPlugin[];
}

/** A running hub. */
export interface Hub {
  /** The GraphQL endpoint, `http://HOST:PORT/graphql`. */
  url: string;
  mode: HubMode;
  /** The development key pair, for printing a token hint; null when a JWKS URL is configured. */
  localKeys: LocalKeys | null;
  verifier: TokenVerifier;
  /** The shared database of the in-process subgraphs; null in services mode. */
  database: Database | null;
  /** The supergraph being served. */
  supergraph(): LoadedSupergraph;
  /**
   * Reads the supergraph again and switches to it if it changed; requests in flight finish on
   * the old one. Rejects with `GatewayError` `SUPERGRAPH_INVALID` and keeps serving the old
   * one when the new one is invalid. Also runs on SIGHUP and when the file changes.
   */
  reload(): Promise<{ changed: boolean; hash: string }>;
  /** Stops accepting requests, finishes those in flight, stops the subgraphs, closes the database. */
  close(): Promise<void>;
}

/** Returns the host clients use for a listen address; a wildcard address is reached through loopback. */
function reachableHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

/** Opens the databases and starts each subgraph in order; on failure, undoes what was started. */
async function startInProcessSubgraphs(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see StartHubOptions.subgraphs
  modules: readonly SubgraphModule<any>[],
  config: GatewayConfig,
  logger: Logger,
  verifier: TokenVerifier,
): Promise<{
  database: Database;
  auditDatabase: Database;
  runtimes: Map<string, SubgraphRuntime>;
}> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    command: 'dxhub start',
    preparedStatements: config.preparedStatements,
  });
  const runtimes = new Map<string, SubgraphRuntime>();
  let auditDatabase = database;
  try {
    if (config.auditDatabaseUrl && config.auditDatabaseUrl !== config.databaseUrl) {
      auditDatabase = await openDatabase({
        databaseUrl: config.auditDatabaseUrl,
        preparedStatements: config.preparedStatements,
      });
    }
    await enableAuditCheckpoints(auditDatabase, config, logger);
    for (const module of modules) {
      runtimes.set(
        module.name,
        await startSubgraph(module, { database, logger, verifier, auditDatabase }),
      );
    }
  } catch (error) {
    for (const runtime of runtimes.values()) await runtime.stop().catch(() => {});
    if (auditDatabase !== database) await auditDatabase.close().catch(() => {});
    await database.close().catch(() => {});
    throw error;
  }
  return { database, auditDatabase, runtimes };
}

/** Builds a data source that fails every call, for a subgraph the supergraph names but this process does not run. */
function missingSubgraph(name: string): GraphQLDataSource {
  return {
    process: async () => ({
      errors: [
        {
          message: `The ${name} subgraph is not running in this process.`,
          extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: name },
        },
      ],
    }),
  };
}

/**
 * Starts the hub: the token verifier, the subgraphs (in this process, or reached over HTTP in
 * services mode), the federation gateway on the static supergraph, and the HTTP server with
 * `/graphql`, `/healthz` and `/readyz`. The supergraph is reloaded on SIGHUP and, when read
 * from a file, when the file changes.
 */
/**
 * Turns off @apollo/gateway's built-in telemetry unless the operator set
 * `APOLLO_TELEMETRY_DISABLED`. In @apollo/gateway 2.14, an unset variable makes every
 * `ApolloGateway` export usage metrics to usage-reporting.api.apollographql.com and probe the
 * AWS, GCP, Azure and Alibaba Cloud metadata services to describe the host. A hub on a closed
 * government network must send nothing outside it.
 */
export function disableApolloTelemetry(env: NodeJS.ProcessEnv = process.env): void {
  env.APOLLO_TELEMETRY_DISABLED ??= 'true';
}

export async function startHub(options: StartHubOptions): Promise<Hub> {
  const { config, mode } = options;
  const logger = options.logger.child({ component: 'gateway' });
  // Loaded on demand, so a hub started with its own modules does not load the domain subgraphs.
  const modules = options.subgraphs ?? (await import('./registry.js')).SUBGRAPHS;
  const { verifier, localKeys } = await createTokenVerifier(
    config.auth,
    config.env === 'development',
  );

  const inProcess =
    mode === 'in-process' ? await startInProcessSubgraphs(modules, config, logger, verifier) : null;
  const services = new Map<string, ServiceDataSource>();
  const cleanups: (() => Promise<void> | void)[] = [];
  const undo = async () => {
    for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => {});
  };
  if (inProcess) {
    cleanups.push(async () => {
      for (const runtime of inProcess.runtimes.values()) await runtime.stop();
      if (inProcess.auditDatabase !== inProcess.database) await inProcess.auditDatabase.close();
      await inProcess.database.close();
    });
  }

  try {
    // A subgraph without a configured endpoint runs only in this process. Its routing URL is
    // never called, so it gets a name under the reserved .invalid domain.
    const routingUrl = (name: string) =>
      config.subgraphs[name]?.url ?? `http://${name}.in-process.invalid/graphql`;
    const compose = () => composeHub(modules, routingUrl).supergraphSdl;
    let current = loadSupergraph(config.supergraph, compose);
    let pushUpdate: ((supergraphSdl: string) => void) | undefined;

    disableApolloTelemetry();
    // The data source of each subgraph, as wrapped by the plugins, for the hub's plan runner.
    const dataSources = new Map<string, GraphQLDataSource<GatewayContext>>();
    const gateway = new ApolloGateway({
      logger,
      supergraphSdl: async ({ update }) => {
        pushUpdate = update;
        return { supergraphSdl: current.gatewaySdl };
      },
      buildService: ({ name, url }) => {
        const source = buildSource(name, url);
        dataSources.set(name, source);
        return source;
      },
    });
    const buildSource = (
      name: string,
      url: string | undefined,
    ): GraphQLDataSource<GatewayContext> => {
      // Plugins may wrap each data source (metrics); `plugins` is set before the first call.
      const wrapped = (source: GraphQLDataSource<GatewayContext>) =>
        plugins.reduce(
          (inner, plugin) => (plugin.dataSource ? plugin.dataSource(name, inner) : inner),
          source,
        );
      if (inProcess) {
        const runtime = inProcess.runtimes.get(name);
        if (!runtime) return missingSubgraph(name);
        return wrapped(
          new InProcessDataSource(
            runtime,
            config.subgraphs[name]?.timeoutMs ?? config.subgraphTimeoutMs,
            logger,
          ),
        );
      }
      const endpoint = serviceEndpoint(config, name, url);
      const source = new ServiceDataSource(
        name,
        {
          ...endpoint,
          connections: config.subgraphConnections,
          keepAliveMs: config.subgraphKeepAliveMs,
        },
        logger,
      );
      services.set(name, source);
      return wrapped(source);
    };

    const plugins = [
      ...gatewayPlugins({
        verifier,
        limits: config.limits,
        scopeGate: { requirements: () => current.requirements },
        readiness: {
          supergraph: () => ({
            loadedAt: current.loadedAt,
            hash: current.hash,
            source: current.source,
          }),
          subgraphs: () => subgraphStates(),
        },
        logger,
        database: inProcess?.database ?? null,
      }),
      ...(options.plugins ?? []),
    ];

    const subgraphNames = () => modules.map((module) => module.name);
    const subgraphStates = async (): Promise<SubgraphHealth[]> => {
      if (inProcess)
        return subgraphNames().map((name) => ({
          name,
          mode: 'in-process',
          status: inProcess.runtimes.has(name) ? 'up' : 'down',
        }));
      return Promise.all(
        subgraphNames().map((name) => probeSubgraphService(name, routingUrl(name))),
      );
    };

    const apollo = new ApolloServer<GatewayContext>({
      gateway: config.planRunner ? withPlanRunner(gateway, dataSources, logger) : gateway,
      introspection: config.introspection,
      includeStacktraceInErrorResponses: false,
      hideSchemaDetailsFromClientErrors: !config.fieldSuggestions,
      // With batching off, useQueryLimits rejects a JSON array as QUERY_LIMIT_EXCEEDED before
      // Apollo Server receives it, so Apollo's uncoded BAD_REQUEST for a batch is only a fallback.
      allowBatchedHttpRequests: config.limits.maxBatchSize > 1,
      // Browsers never attach the bearer token by themselves, so a forged cross-site request has
      // no token and useJwtAuth rejects it. The CSRF header requirement would only break the
      // plain GET requests that GraphQL over HTTP allows.
      csrfPrevention: false,
      // `dxhub start` drains on SIGTERM and SIGINT itself. Apollo Server's own handlers, on by
      // default unless NODE_ENV is test, would stop the server at once, dropping the requests
      // the drain waits for, and then raise the signal again.
      stopOnTerminationSignals: false,
      validationRules: plugins.flatMap((plugin) => plugin.validationRules ?? []),
      plugins: [
        ApolloServerPluginLandingPageDisabled(),
        // The subgraphs send no cache hints, so the gateway has no cache policy to compute.
        ApolloServerPluginCacheControlDisabled(),
        ...plugins.flatMap((plugin) => (plugin.apollo ? [plugin.apollo] : [])),
      ],
      logger,
    });
    await apollo.start();
    cleanups.push(() => apollo.stop());
    cleanups.push(async () => {
      for (const source of services.values()) await source.close();
    });

    const http = await listenGateway({
      host: config.host,
      port: config.port,
      logger,
      middlewares: plugins.flatMap((plugin) => (plugin.http ? [plugin.http] : [])),
      terminal: graphqlHandler(apollo),
    });
    cleanups.push(() => http.close(config.shutdownGraceMs));

    let reloading: Promise<{ changed: boolean; hash: string }> | null = null;
    const reloadOnce = async (): Promise<{ changed: boolean; hash: string }> => {
      const next = loadSupergraph(config.supergraph, compose);
      if (next.hash === current.hash) return { changed: false, hash: current.hash };
      if (!pushUpdate)
        throw new TypeError('dxhub gateway: the gateway has not loaded its first supergraph');
      try {
        pushUpdate(next.gatewaySdl);
      } catch (error) {
        throw new GatewayError(
          'SUPERGRAPH_INVALID',
          {
            en: `The gateway rejected the new supergraph from ${next.source}: ${(error as Error).message}. It keeps serving the previous one.`,
            vi: `Gateway không nhận supergraph mới từ ${next.source}: ${(error as Error).message}. Supergraph cũ vẫn được dùng.`,
          },
          { cause: error },
        );
      }
      current = next;
      logger.info({ hash: next.hash, source: next.source }, 'supergraph reloaded');
      return { changed: true, hash: next.hash };
    };
    const reload = () => {
      reloading ??= reloadOnce().finally(() => {
        reloading = null;
      });
      return reloading;
    };
    const reloadInBackground = (trigger: string) => {
      reload().catch((error: unknown) =>
        logger.error(
          { err: error, trigger },
          'supergraph reload failed; the previous supergraph stays',
        ),
      );
    };

    const onSighup = () => reloadInBackground('SIGHUP');
    process.on('SIGHUP', onSighup);
    cleanups.push(() => {
      process.off('SIGHUP', onSighup);
    });
    if (config.supergraph.kind === 'file' && config.watchSupergraph) {
      cleanups.push(
        watchSupergraphFile(
          config.supergraph.path,
          () => reloadInBackground('file change'),
          logger,
        ),
      );
    }

    const url = `http://${reachableHost(config.host)}:${http.port}/graphql`;
    logger.info(
      { url, mode, supergraph: current.source, subgraphs: subgraphNames() },
      'gateway ready',
    );

    let closing: Promise<void> | null = null;
    return {
      url,
      mode,
      localKeys,
      verifier,
      database: inProcess?.database ?? null,
      supergraph: () => current,
      reload,
      close: () => {
        closing ??= (async () => {
          logger.info('gateway stopping');
          await undo();
          logger.info('gateway stopped');
        })();
        return closing;
      },
    };
  } catch (error) {
    await undo();
    throw error;
  }
}
