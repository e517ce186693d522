// Child process: one subgraph served alone over HTTP, as `dxhub start --subgraph NAME` runs it.
// Settings come from the environment (DATABASE_URL, HOST, PORT, DXHUB_KEYS_DIR, LOG_LEVEL).
import { createLogger } from '@dxhub/kit';
import { loadGatewayConfig, startSubgraphService } from '@dxhub/gateway';

const name = process.argv[2];
if (!name) throw new TypeError('usage: subgraph-service.ts NAME');

const config = loadGatewayConfig();
const logger = createLogger({ level: config.logLevel });
const service = await startSubgraphService(name, { config, logger });

process.once('SIGTERM', () => {
  service.close().then(
    () => process.exit(0),
    (error: unknown) => {
      logger.error({ err: error }, 'closing the subgraph service failed');
      process.exit(1);
    },
  );
});
