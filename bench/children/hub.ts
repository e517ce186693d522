// Child process: the hub's gateway with its plugins (token verification, query limits, rate
// limits, scope gate, error masking, metrics), either with the subgraphs in this process as
// `dxhub start` runs it (`in-process`) or calling the subgraph services over HTTP (`services`).
// Settings come from the environment, as for `dxhub start`.
import { createLogger } from '@dxhub/kit';
import { loadGatewayConfig, startHub, type HubMode } from '@dxhub/gateway';

const mode = process.argv[2] as HubMode | undefined;
if (mode !== 'in-process' && mode !== 'services')
  throw new TypeError('usage: hub.ts in-process|services');

const config = loadGatewayConfig();
const logger = createLogger({ level: config.logLevel });
const hub = await startHub({ config, logger, mode });

process.once('SIGTERM', () => {
  hub.close().then(
    () => process.exit(0),
    (error: unknown) => {
      logger.error({ err: error }, 'closing the hub failed');
      process.exit(1);
    },
  );
});
