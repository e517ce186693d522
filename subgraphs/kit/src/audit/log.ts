import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import type { MigrationSet } from '../db/migrate.js';
import { rows } from '../db/query.js';

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

/**
 * Appends events to the chain in one transaction, under an advisory lock so that concurrent
 * appenders from any process take turns. Returns the appended events.
 */
export async function appendAuditEvents(database: Database, inputs: AuditEventInput[]): Promise<AuditEvent[]> {
  if (inputs.length === 0) return [];
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

interface AuditRow {
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

export interface ChainProblem {
  seq: number;
  problem: 'MISSING_ROWS' | 'PREVIOUS_HASH_MISMATCH' | 'HASH_MISMATCH';
  detail: string;
}

export interface ChainReport {
  ok: boolean;
  rows: number;
  lastSeq: number;
  lastHash: string;
  firstProblem: ChainProblem | null;
}

/**
 * Walks the whole chain in `seq` order and reports the first row that does not follow from the
 * one before: a gap in `seq` (deleted rows), a `prev_hash` that is not the previous row's hash
 * (inserted or reordered rows), or a hash that does not match the row (edited row).
 */
export async function verifyAuditChain(database: Database, batchSize = 5000): Promise<ChainReport> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  for (;;) {
    const batch = rows<AuditRow>(
      await database.db.execute(
        sql`select ${AUDIT_COLUMNS} from audit.events where seq >= ${expectedSeq} order by seq limit ${batchSize}`,
      ),
    ).map(toAuditEvent);
    for (const event of batch) {
      const report = (problem: ChainProblem['problem'], detail: string): ChainReport => ({
        ok: false,
        rows: count,
        lastSeq: expectedSeq - 1,
        lastHash: prevHash,
        firstProblem: { seq: event.seq, problem, detail },
      });
      if (event.seq !== expectedSeq) {
        return report('MISSING_ROWS', `expected seq ${expectedSeq}, found ${event.seq}`);
      }
      if (event.prevHash !== prevHash) {
        return report('PREVIOUS_HASH_MISMATCH', 'prev_hash is not the hash of the row before');
      }
      const { hash: _stored, ...rest } = event;
      if (hashAuditEvent(rest) !== event.hash) {
        return report('HASH_MISMATCH', 'the row was changed after it was written');
      }
      prevHash = event.hash;
      expectedSeq += 1;
      count += 1;
    }
    if (batch.length < batchSize) break;
  }
  return { ok: true, rows: count, lastSeq: expectedSeq - 1, lastHash: prevHash, firstProblem: null };
}
