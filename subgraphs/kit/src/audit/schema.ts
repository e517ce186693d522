import { bigint, index, pgSchema, text, timestamp } from 'drizzle-orm/pg-core';

/** The audit log's own PostgreSQL schema, shared by every subgraph and appended through the kit. */
export const auditSchema = pgSchema('audit');

/**
 * Append-only, hash-chained audit events. `seq` has no gaps, `prev_hash` is the previous row's
 * `hash`, and `hash` covers every other column, so an edited, inserted or deleted row breaks
 * the chain at that row.
 */
export const auditEvents = auditSchema.table(
  'events',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
    subject: text('subject').notNull(),
    orgCode: text('org_code').notNull(),
    clientId: text('client_id').notNull(),
    subgraph: text('subgraph').notNull(),
    operationName: text('operation_name'),
    /** `MUTATION`, `PII_READ` or `RESTRICTED_READ` (TLP AMBER and RED). */
    action: text('action').notNull(),
    recordIds: text('record_ids').array().notNull(),
    /** `SUCCESS`, `DENIED` or `ERROR`. */
    outcome: text('outcome').notNull(),
    requestId: text('request_id').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (table) => [
    index('events_at_idx').on(table.at),
    index('events_subject_idx').on(table.subject),
    index('events_org_idx').on(table.orgCode),
  ],
);
