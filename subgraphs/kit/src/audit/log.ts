import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import type { MigrationSet } from '../db/migrate.js';
import { rows } from '../db/query.js';
import { auditCheckpointerOf } from './checkpoint.js';

export type AuditAction = 'MUTATION' | 'PII_READ' | 'RESTRICTED_READ';
export type AuditOutcome = 'SUCCESS' | 'DENIED' | 'ERROR';

/** One event to append; `seq`, hashes and time are added by {@link appendAuditEvents}. */
export interface AuditEventInput {
  subject: string;
  orgCode: string;
  clientId: string;
  subgraph: string;
  operationName: string | null;
  action: AuditAction;
  recordIds: string[];
  outcome: AuditOutcome;
  requestId: string;
}

export interface AuditEvent extends AuditEventInput {
  seq: number;
  /** Milliseconds since the epoch, the precision the hash covers. */
  atMs: number;
  prevHash: string;
  hash: string;
}

/** Hash the chain starts from, standing in for the row before the first. */
export const GENESIS_HASH = '0'.repeat(64);

/** Key of the advisory lock that serialises appends, so `seq` and the chain never fork. */
const AUDIT_LOCK_KEY = 7_304_211_902;

export const auditMigrations: MigrationSet = {
  schema: 'audit',
  folder: fileURLToPath(new URL('../../drizzle/audit', import.meta.url)),
};

/** Computes a row's hash over every column but the hash itself, in a fixed order. */
export function hashAuditEvent(event: Omit<AuditEvent, 'hash'>): string {
  const canonical = JSON.stringify([
    event.seq,
    event.atMs,
    event.subject,
    event.orgCode,
    event.clientId,
    event.subgraph,
    event.operationName,
    event.action,
    event.recordIds,
    event.outcome,
    event.requestId,
    event.prevHash,
  ]);
  return createHash('sha256').update(event.prevHash).update(canonical).digest('hex');
}

/** Apollo Gateway names each subgraph fetch `<client operation>__<subgraph>__<fetch index>`. */
const GATEWAY_FETCH_SUFFIX = /__[A-Za-z0-9_]+?__\d+$/;

/**
 * Returns the operation name the client sent, with the suffix Apollo Gateway adds to each subgraph
 * fetch removed, so the audit log names what the caller asked for.
 */
export function clientOperationName(name: string | null): string | null {
  if (!name) return name;
  return name.replace(GATEWAY_FETCH_SUFFIX, '') || name;
}

/**
 * Appends events to the chain in one transaction, under an advisory lock so that concurrent
 * appenders from any process take turns. When a checkpointer is attached to `database`, the
 * signed checkpoint is moved to the new head after the commit. Returns the appended events.
 */
export async function appendAuditEvents(
  database: Database,
  inputs: AuditEventInput[],
): Promise<AuditEvent[]> {
  if (inputs.length === 0) return [];
  const appended = await insertAuditEvents(
    database,
    inputs.map((input) => ({ ...input, operationName: clientOperationName(input.operationName) })),
  );
  const head = appended[appended.length - 1];
  const checkpointer = auditCheckpointerOf(database);
  if (checkpointer && head) await checkpointer.advance(database, head);
  return appended;
}

async function insertAuditEvents(
  database: Database,
  inputs: AuditEventInput[],
): Promise<AuditEvent[]> {
  return database.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
    const last = rows<{ seq: string | number; hash: string }>(
      await tx.execute(sql`select seq, hash from audit.events order by seq desc limit 1`),
    )[0];
    let seq = last ? Number(last.seq) : 0;
    let prevHash = last?.hash ?? GENESIS_HASH;
    const appended: AuditEvent[] = [];
    for (const input of inputs) {
      seq += 1;
      const atMs = Date.now();
      const partial = { ...input, seq, atMs, prevHash };
      const event: AuditEvent = { ...partial, hash: hashAuditEvent(partial) };
      await tx.execute(sql`
        insert into audit.events
          (seq, at, subject, org_code, client_id, subgraph, operation_name, action, record_ids,
           outcome, request_id, prev_hash, hash)
        values (${event.seq}, ${new Date(atMs).toISOString()}, ${event.subject}, ${event.orgCode},
          ${event.clientId}, ${event.subgraph}, ${event.operationName}, ${event.action},
          array(select jsonb_array_elements_text(${JSON.stringify(event.recordIds)}::jsonb)),
          ${event.outcome}, ${event.requestId}, ${event.prevHash}, ${event.hash})`);
      appended.push(event);
      prevHash = event.hash;
    }
    return appended;
  });
}

/** A row of `audit.events` as selected with {@link AUDIT_COLUMNS}. */
export interface AuditRow {
  seq: string | number;
  at_ms: string | number;
  subject: string;
  org_code: string;
  client_id: string;
  subgraph: string;
  operation_name: string | null;
  action: AuditAction;
  record_ids: string[] | string;
  outcome: AuditOutcome;
  request_id: string;
  prev_hash: string;
  hash: string;
}

function parseTextArray(value: string[] | string): string[] {
  if (Array.isArray(value)) return value;
  const inner = value.replace(/^\{|\}$/g, '');
  if (!inner) return [];
  return inner.split(',').map((item) => item.replace(/^"|"$/g, '').replace(/\\(.)/g, '$1'));
}

/** Converts a row selected with {@link AUDIT_COLUMNS} into an event. */
export function toAuditEvent(row: AuditRow): AuditEvent {
  return {
    seq: Number(row.seq),
    atMs: Number(row.at_ms),
    subject: row.subject,
    orgCode: row.org_code,
    clientId: row.client_id,
    subgraph: row.subgraph,
    operationName: row.operation_name,
    action: row.action,
    recordIds: parseTextArray(row.record_ids),
    outcome: row.outcome,
    requestId: row.request_id,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** Columns in the shape {@link toAuditEvent} reads, for any query over `audit.events`. */
export const AUDIT_COLUMNS = sql.raw(
  `seq, (extract(epoch from at) * 1000)::bigint as at_ms, subject, org_code, client_id, subgraph,
   operation_name, action, record_ids, outcome, request_id, prev_hash, hash`,
);
