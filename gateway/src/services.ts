import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createTokenVerifier,
  enableAuditCheckpoints,
  migrateSubgraph,
  openDatabase,
  serveSubgraph,
  startSubgraph,
  type Database,
  type Logger,
} from '@dxhub/kit';
import type { GatewayConfig } from './config.js';
import { GatewayError } from './errors.js';
import { trackForDrain, type ServerDrain } from './http/drain.js';
import { listenFailure } from './http/listenError.js';
import { SUBGRAPHS, subgraphModule } from './registry.js';

/** One subgraph served alone over HTTP. */
export interface SubgraphService {
  /** Its GraphQL endpoint, `http://HOST:PORT/graphql`. */
  url: string;
  /** Stops accepting requests, finishes those in flight, stops the subgraph, closes the database. */
  close(): Promise<void>;
}

/**
 * Runs one subgraph as a service on `config.host:config.port` against `DATABASE_URL`, which is
 * how `docker-compose.yml` runs each subgraph. The network subgraph's migrations are applied
 * first (idempotently, under the migration lock), because every subgraph reads its org tree.
 * Throws `GatewayError` `SUBGRAPH_SERVICE_INVALID` without `DATABASE_URL`: the embedded database
 * belongs to one process, so separate services cannot share it. Throws `ListenConfigError` when
 * HOST or PORT keeps the service from listening.
 */
export async function startSubgraphService(
  name: string,
  options: { config: GatewayConfig; logger: Logger },
): Promise<SubgraphService> {
  const { config } = options;
  const module = subgraphModule(name);
  if (!config.databaseUrl) {
    throw new GatewayError('SUBGRAPH_SERVICE_INVALID', {
      en: `Running the ${name} subgraph as a service needs DATABASE_URL, because the embedded database serves one process only. Set DATABASE_URL, or run "dxhub start" without --subgraph.`,
      vi: `Chạy dịch vụ con ${name} riêng cần DATABASE_URL, vì cơ sở dữ liệu nhúng chỉ phục vụ một tiến trình. Hãy đặt DATABASE_URL, hoặc chạy "dxhub start" không có --subgraph.`,
    });
  }
  const serviceLogger = options.logger.child({ component: 'subgraph-service' });
  const logger = serviceLogger.child({ subgraph: name });
  const { verifier } = await createTokenVerifier(config.auth, config.env === 'development');

  const database: Database = await openDatabase({
    databaseUrl: config.databaseUrl,
    command: `dxhub start --subgraph ${name}`,
    preparedStatements: config.preparedStatements,
  });
  let auditDatabase = database;
  let server: Server | undefined;
  let drain: ServerDrain | undefined;
  let stopRuntime: (() => Promise<void>) | undefined;
  const release = async () => {
    if (drain) await drain.drain(config.shutdownGraceMs, logger);
    if (stopRuntime) await stopRuntime();
    if (auditDatabase !== database) await auditDatabase.close();
    await database.close();
  };

  try {
    if (config.auditDatabaseUrl && config.auditDatabaseUrl !== config.databaseUrl) {
      auditDatabase = await openDatabase({
        databaseUrl: config.auditDatabaseUrl,
        preparedStatements: config.preparedStatements,
      });
    }
    await enableAuditCheckpoints(auditDatabase, config, logger);
    const network = SUBGRAPHS[0];
    if (network && network.name !== name) await migrateSubgraph(network, database);
    // The runtime adds `subgraph` to its log lines itself; binding it twice repeats the key.
    const runtime = await startSubgraph(module, {
      database,
      logger: serviceLogger,
      verifier,
      auditDatabase,
    });
    stopRuntime = () => runtime.stop();
    server = await serveSubgraph(runtime, {
      host: config.host,
      port: config.port,
      logger,
      maxBodyBytes: config.limits.maxBodyBytes,
    }).catch((error: unknown) => {
      throw listenFailure(error, config);
    });
    // Attached before the first connection is handled, which comes in a later turn of the loop.
    drain = trackForDrain(server);
  } catch (error) {
    await release().catch(() => {});
    throw error;
  }

  const port = (server.address() as AddressInfo).port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}/graphql`;
  logger.info({ url }, 'subgraph service ready');

  let closing: Promise<void> | null = null;
  return {
    url,
    close: () => {
      closing ??= release().then(() => logger.info('subgraph service stopped'));
      return closing;
    },
  };
}
