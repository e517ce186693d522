import type { Logger } from 'pino';
import type { AuditTrail } from './audit/trail.js';
import type { Caller } from './auth/caller.js';
import type { Database, Db } from './db/database.js';
import type { Locale } from './locale.js';

/** What every resolver receives. `loaders` is the subgraph's own per-request DataLoader set. */
export interface SubgraphContext<TLoaders = unknown> {
  requestId: string;
  locale: Locale;
  /** Null when the request carried no token; directive checks reject such callers. */
  caller: Caller | null;
  db: Db;
  database: Database;
  /** Child logger carrying the request id, operation name and caller organisation. */
  logger: Logger;
  loaders: TLoaders;
  /** Raw request headers, lower-cased, for idempotency keys and tracing. */
  headers: Record<string, string>;
  /** Reads and changes to record in the audit log when the response is sent. */
  audit: AuditTrail;
}
