import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { rows } from '../db/query.js';
import {
  AUDIT_COLUMNS,
  toAuditEvent,
  type AuditAction,
  type AuditEvent,
  type AuditRow,
} from './log.js';

/** Conditions on the exported events; every condition given must hold. */
export interface AuditExportFilter {
  /** Events at or after this instant. */
  from?: Date;
  /** Events before this instant. */
  to?: Date;
  subject?: string;
  orgCode?: string;
  action?: AuditAction;
}

/** One exported event: the stored row, with `at` as ISO 8601 in UTC instead of milliseconds. */
export interface ExportedAuditEvent extends Omit<AuditEvent, 'atMs'> {
  at: string;
}

/**
 * Yields the matching events in `seq` order, reading `batchSize` rows per query by keyset on
 * `seq`, so an export of any size keeps one batch in memory.
 */
export async function* exportAuditEvents(
  database: Database,
  filter: AuditExportFilter = {},
  batchSize = 1000,
): AsyncGenerator<ExportedAuditEvent> {
  const conditions: SQL[] = [];
  if (filter.from) conditions.push(sql`at >= ${filter.from.toISOString()}`);
  if (filter.to) conditions.push(sql`at < ${filter.to.toISOString()}`);
  if (filter.subject !== undefined) conditions.push(sql`subject = ${filter.subject}`);
  if (filter.orgCode !== undefined) conditions.push(sql`org_code = ${filter.orgCode}`);
  if (filter.action !== undefined) conditions.push(sql`action = ${filter.action}`);
  let afterSeq = 0;
  for (;;) {
    const where = sql.join([sql`seq > ${afterSeq}`, ...conditions], sql` and `);
    const batch = rows<AuditRow>(
      await database.db.execute(
        sql`select ${AUDIT_COLUMNS} from audit.events where ${where} order by seq limit ${batchSize}`,
      ),
    ).map(toAuditEvent);
    for (const event of batch) {
      const { seq, atMs, ...rest } = event;
      yield { seq, at: new Date(atMs).toISOString(), ...rest };
    }
    const last = batch[batch.length - 1];
    if (!last || batch.length < batchSize) return;
    afterSeq = last.seq;
  }
}
