import { createHash } from 'node:crypto';
import path from 'node:path';
import { readChoice, readString, type BaseConfig } from '../config.js';
import type { Database } from '../db/database.js';
import type { Logger } from '../logger.js';
import {
  AuditCheckpointer,
  FileCheckpointStore,
  attachAuditCheckpointer,
  loadAuditSigningKey,
} from './checkpoint.js';

type Env = Record<string, string | undefined>;

/** Locations of the audit chain's signed checkpoint and of its signing key. */
export interface AuditCheckpointConfig {
  /** `AUDIT_CHECKPOINT=off` turns checkpoints off; verification then cannot see deleted newest rows. */
  enabled: boolean;
  /**
   * The checkpoint file (`AUDIT_CHECKPOINT_FILE`, default `$DXHUB_HOME/audit/checkpoint-<id>.jws`,
   * where `<id>` names the audit database, so a checkpoint of one database never judges another).
   */
  file: string;
  /** The private signing key as a JWK (`AUDIT_SIGNING_KEY_FILE`, default in the keys folder). */
  keyFile: string;
}

/**
 * Reads the checkpoint settings. Keep the checkpoint file and the key on storage the database
 * administrators cannot write, because whoever can rewrite both can hide deleted rows.
 */
export function loadAuditCheckpointConfig(
  base: Pick<BaseConfig, 'auth'> &
    Partial<Pick<BaseConfig, 'databaseUrl' | 'auditDatabaseUrl' | 'dataDir'>>,
  env: Env = process.env,
): AuditCheckpointConfig {
  const home = readString(env, 'DXHUB_HOME', '.dxhub');
  return {
    enabled: readChoice(env, 'AUDIT_CHECKPOINT', 'on', ['on', 'off'] as const) === 'on',
    file: path.resolve(
      readString(
        env,
        'AUDIT_CHECKPOINT_FILE',
        path.join(home, 'audit', `checkpoint-${auditDatabaseId(base)}.jws`),
      ),
    ),
    keyFile: path.resolve(
      readString(
        env,
        'AUDIT_SIGNING_KEY_FILE',
        path.join(base.auth.keysDir, 'audit-checkpoint.private.jwk.json'),
      ),
    ),
  };
}

/**
 * Returns a short, stable name for where the audit log lives: host, port and database for PostgreSQL
 * (never the credentials), or the folder of the embedded database.
 */
export function auditDatabaseId(
  base: Partial<Pick<BaseConfig, 'databaseUrl' | 'auditDatabaseUrl' | 'dataDir'>>,
): string {
  const url = base.auditDatabaseUrl ?? base.databaseUrl;
  let where = `embedded:${path.resolve(base.dataDir ?? '.dxhub/data')}`;
  if (url) {
    const parsed = new URL(url);
    where = `postgres:${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  }
  return createHash('sha256').update(where).digest('hex').slice(0, 12);
}

/**
 * Builds the checkpointer an appending process attaches to its audit database, creating the
 * signing key on first use. Returns null when checkpoints are off.
 */
export async function openAuditCheckpointer(
  config: AuditCheckpointConfig,
  logger: Logger,
): Promise<AuditCheckpointer | null> {
  if (!config.enabled) return null;
  const key = await loadAuditSigningKey(config.keyFile, true);
  if (!key)
    throw new Error(`dxhub kit: the audit signing key ${config.keyFile} could not be created`);
  return new AuditCheckpointer(new FileCheckpointStore(config.file), key, logger);
}

/**
 * Attaches a checkpointer built from the environment to `auditDatabase`, so every append moves
 * the signed checkpoint. Call once in each process that appends (the hub, a subgraph service).
 * Returns the checkpointer, or null when `AUDIT_CHECKPOINT=off`.
 */
export async function enableAuditCheckpoints(
  auditDatabase: Database,
  base: Pick<BaseConfig, 'auth'>,
  logger: Logger,
  env: Env = process.env,
): Promise<AuditCheckpointer | null> {
  const config = loadAuditCheckpointConfig(base, env);
  const checkpointer = await openAuditCheckpointer(config, logger);
  if (checkpointer) {
    attachAuditCheckpointer(auditDatabase, checkpointer);
    logger.info(
      { checkpoint: config.file, kid: checkpointer.key.kid },
      'audit checkpoints enabled',
    );
  } else {
    logger.warn(
      'audit checkpoints are off (AUDIT_CHECKPOINT=off): deleting the newest audit rows would go unnoticed',
    );
  }
  return checkpointer;
}
