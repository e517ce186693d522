import { index, integer, pgSchema, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** PostgreSQL schema of the idempotency keys, created in each subgraph's own database. */
export const idempotencySchema = pgSchema('idempotency');

/**
 * One row per idempotency key a caller sent with a mutation. A key belongs to the subgraph that
 * executed the mutation and to the caller (OAuth client and subject), so two callers never share
 * a key. `status` is `IN_PROGRESS` while the first request runs and `COMPLETED` once its response
 * is stored. `locked_until` bounds how long a crashed first request blocks the key.
 */
export const idempotencyKeys = idempotencySchema.table(
  'keys',
  {
    subgraph: text('subgraph').notNull(),
    clientId: text('client_id').notNull(),
    subject: text('subject').notNull(),
    key: text('key').notNull(),
    /** SHA-256 of the operation name, query text and variables, in hex. */
    requestHash: text('request_hash').notNull(),
    status: text('status').notNull(),
    /** The response body as sent, kept as text because jsonb would reorder its fields. */
    responseBody: text('response_body'),
    httpStatus: integer('http_status'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' })
      .notNull()
      .defaultNow(),
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'string' }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.subgraph, table.clientId, table.subject, table.key] }),
    index('keys_expires_at_idx').on(table.expiresAt),
  ],
);
