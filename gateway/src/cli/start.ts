import { createLogger, type Locale } from '@dxhub/kit';
import { loadGatewayConfig, startHub, startSubgraphService, SUBGRAPHS } from '../index.js';
import { parseOptions, usageError } from './args.js';
import { message } from './messages.js';
import { describeDatabase } from './shared.js';

/**
 * A second signal within this many milliseconds of the first is taken as the same request,
 * because a terminal's Ctrl+C reaches every process of the group and a wrapper (pnpm, tsx) may
 * relay it once more.
 */
const DUPLICATE_SIGNAL_MS = 2000;

/** Resolves when the process is asked to stop; a later second signal during shutdown exits at once. */
function stopRequested(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      const firstAt = Date.now();
      const onRepeat = () => {
        if (Date.now() - firstAt > DUPLICATE_SIGNAL_MS) process.exit(1);
      };
      process.on('SIGTERM', onRepeat);
      process.on('SIGINT', onRepeat);
      resolve(signal);
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}

function parsePort(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw usageError('invalidPort', { value });
  }
  return port;
}

/**
 * `dxhub start`: the whole hub in one process (default), the gateway alone against subgraph
 * services (`--services`), or one subgraph as a service (`--subgraph NAME`). Runs until SIGTERM
 * or SIGINT, then finishes in-flight requests and exits 0.
 */
export async function runStart(args: string[], locale: Locale): Promise<number> {
  const { values } = parseOptions(
    args,
    {
      port: { type: 'string' },
      host: { type: 'string' },
      subgraph: { type: 'string' },
      services: { type: 'boolean' },
    },
    false,
  );
  const port = parsePort(values.port);
  const config = loadGatewayConfig({
    ...(port !== undefined ? { port } : {}),
    ...(values.host ? { host: values.host } : {}),
  });
  const logger = createLogger({ level: config.logLevel });

  if (values.subgraph) {
    const names = SUBGRAPHS.map((module) => module.name);
    if (!names.includes(values.subgraph)) {
      throw usageError('unknownSubgraph', { value: values.subgraph, choices: names.join(', ') });
    }
    const service = await startSubgraphService(values.subgraph, { config, logger });
    console.log(message(locale, 'subgraphReady', { name: values.subgraph, url: service.url }));
    await stopRequested();
    console.log(message(locale, 'stopping'));
    await service.close();
    console.log(message(locale, 'stopped'));
    return 0;
  }

  const hub = await startHub({ config, logger, mode: values.services ? 'services' : 'in-process' });
  console.log(message(locale, 'ready', { url: hub.url, database: describeDatabase(config) }));
  await stopRequested();
  console.log(message(locale, 'stopping'));
  await hub.close();
  console.log(message(locale, 'stopped'));
  return 0;
}
