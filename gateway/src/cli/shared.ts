import { createLogger, openDatabase, type Database, type Logger } from '@dxhub/kit';
import { loadGatewayConfig, type GatewayConfig } from '../index.js';

/** Describes where the data lives, for messages; never prints a password. */
export function describeDatabase(config: Pick<GatewayConfig, 'databaseUrl' | 'dataDir'>): string {
  if (!config.databaseUrl) return `embedded (${config.dataDir})`;
  const url = new URL(config.databaseUrl);
  return `PostgreSQL ${url.hostname}:${url.port || '5432'}${url.pathname}`;
}

/** Loads the configuration and opens the database for a one-off command, holding the data folder lock. */
export async function openForCommand(command: string): Promise<{
  config: GatewayConfig;
  database: Database;
  logger: Logger;
}> {
  const config = loadGatewayConfig();
  const logger = createLogger({ level: config.logLevel === 'info' ? 'warn' : config.logLevel });
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    command: `dxhub ${command}`,
    preparedStatements: config.preparedStatements,
  });
  return { config, database, logger };
}

/** Opens the audit database when AUDIT_DATABASE_URL names one apart from the main database. */
export async function openAuditDatabase(config: GatewayConfig, main: Database): Promise<Database> {
  if (!config.auditDatabaseUrl || config.auditDatabaseUrl === config.databaseUrl) return main;
  return openDatabase({
    databaseUrl: config.auditDatabaseUrl,
    preparedStatements: config.preparedStatements,
  });
}
