import { sql } from 'drizzle-orm';
import type * as jose from 'jose';
import type { Database } from '../db/database.js';
import { rows } from '../db/query.js';
import {
  AuditCheckpointError,
  openAuditCheckpoint,
  type AuditCheckpoint,
  type AuditCheckpointStore,
} from './checkpoint.js';
import {
  AUDIT_COLUMNS,
  GENESIS_HASH,
  hashAuditEvent,
  toAuditEvent,
  type AuditEvent,
  type AuditRow,
} from './log.js';

/**
 * What is wrong with the audit log:
 * - `ROW_EDITED`: a row's content no longer matches its hash, or a row was changed and its hash
 *   recomputed so that the next row no longer links to it;
 * - `ROW_INSERTED`: rows were inserted, either inside the chain (later rows renumbered) or after
 *   the signed checkpoint's head;
 * - `ROWS_DELETED`: a gap in `seq`, rows renumbered to close a gap, or a chain that ends before
 *   the signed checkpoint's head;
 * - `CHAIN_REWRITTEN`: the chain is consistent but the row at the checkpoint's `seq` has another
 *   hash, so rows up to it were replaced and rehashed;
 * - `CHECKPOINT_MISSING` and `CHECKPOINT_INVALID`: rows exist but no checkpoint was found, or its
 *   signature does not verify.
 */
export type ChainProblemKind =
  | 'ROW_EDITED'
  | 'ROW_INSERTED'
  | 'ROWS_DELETED'
  | 'CHAIN_REWRITTEN'
  | 'CHECKPOINT_MISSING'
  | 'CHECKPOINT_INVALID';

export interface ChainProblem {
  kind: ChainProblemKind;
  /** The first bad row's `seq`; null for a checkpoint problem that names no row. */
  seq: number | null;
  /** One English sentence for operators; tools branch on `kind`. */
  detail: string;
}

export interface ChainReport {
  ok: boolean;
  /** Rows checked and found consistent before the first problem. */
  rows: number;
  lastSeq: number;
  lastHash: string;
  firstProblem: ChainProblem | null;
  /** The verified checkpoint; null when checkpoints were not checked or none verified. */
  checkpoint: AuditCheckpoint | null;
}

export interface VerifyOptions {
  /** The signed checkpoint to compare the chain head with; without it, deleted newest rows go unnoticed. */
  checkpoint?: { store: AuditCheckpointStore; publicJwk: jose.JWK };
  /** Rows read per query. */
  batchSize?: number;
  /**
   * How often to re-read the checkpoint when rows past its head are found, because a running hub
   * writes the checkpoint just after it commits. Waits `retryDelayMs` between reads.
   */
  checkpointRetries?: number;
  retryDelayMs?: number;
}

/** How far `seq` may have been shifted by renumbering for the search below to recognise it. */
const MAX_RENUMBER_SHIFT = 1000;

/**
 * Returns the `seq` under which the row's stored hash matches its content, searching outward
 * from its current `seq`; null when none within {@link MAX_RENUMBER_SHIFT} matches. A result
 * other than `event.seq` means the row was renumbered after it was written.
 */
function originalSeq(event: AuditEvent): number | null {
  const { hash, ...rest } = event;
  if (hashAuditEvent(rest) === hash) return event.seq;
  for (let shift = 1; shift <= MAX_RENUMBER_SHIFT; shift += 1) {
    for (const candidate of [event.seq + shift, event.seq - shift]) {
      if (candidate >= 1 && hashAuditEvent({ ...rest, seq: candidate }) === hash) return candidate;
    }
  }
  return null;
}

async function rowsFrom(database: Database, fromSeq: number, limit: number): Promise<AuditEvent[]> {
  return rows<AuditRow>(
    await database.db.execute(
      sql`select ${AUDIT_COLUMNS} from audit.events where seq >= ${fromSeq} order by seq limit ${limit}`,
    ),
  ).map(toAuditEvent);
}

/**
 * Names the first bad row where the chain breaks at `event`, which is at the position of
 * `expectedSeq`, after a consistent chain. `next` is the row after it; `checkpointSeq` is the signed
 * head, when known.
 */
function classifyBreak(
  event: AuditEvent,
  expectedSeq: number,
  next: AuditEvent | undefined,
  checkpointSeq: number | undefined,
): ChainProblem {
  if (event.seq > expectedSeq) {
    const last = event.seq - 1;
    return {
      kind: 'ROWS_DELETED',
      seq: expectedSeq,
      detail:
        last === expectedSeq
          ? `row ${expectedSeq} is missing`
          : `rows ${expectedSeq} to ${last} are missing`,
    };
  }
  const writtenAs = originalSeq(event);
  if (writtenAs !== null && writtenAs > event.seq) {
    return {
      kind: 'ROWS_DELETED',
      seq: event.seq,
      detail: `row ${event.seq} was written as row ${writtenAs}: ${writtenAs - event.seq} row(s) before it were deleted and the later rows renumbered`,
    };
  }
  if (writtenAs !== null && writtenAs < event.seq) {
    return {
      kind: 'ROW_INSERTED',
      seq: writtenAs,
      detail: `row ${event.seq} was written as row ${writtenAs}: ${event.seq - writtenAs} row(s) were inserted from seq ${writtenAs} and the later rows renumbered`,
    };
  }
  const nextShiftedUp =
    next !== undefined && next.seq === event.seq + 1 && originalSeq(next) === event.seq;
  if (nextShiftedUp) {
    return {
      kind: 'ROW_INSERTED',
      seq: event.seq,
      detail: `row ${event.seq} was inserted: the row after it was written as row ${event.seq}`,
    };
  }
  if (checkpointSeq !== undefined && event.seq > checkpointSeq) {
    return {
      kind: 'ROW_INSERTED',
      seq: event.seq,
      detail: `row ${event.seq} lies past the signed checkpoint (seq ${checkpointSeq}) and does not fit the chain: it was inserted`,
    };
  }
  if (writtenAs === null) {
    return {
      kind: 'ROW_EDITED',
      seq: event.seq,
      detail: `row ${event.seq} no longer matches its hash: it was changed after it was written`,
    };
  }
  // The row matches its own hash but does not link to the row before it.
  if (expectedSeq === 1) {
    return {
      kind: 'ROW_EDITED',
      seq: 1,
      detail: 'row 1 does not start from the genesis hash: it was changed and its hash recomputed',
    };
  }
  return {
    kind: 'ROW_EDITED',
    seq: expectedSeq - 1,
    detail: `row ${expectedSeq} does not link to row ${expectedSeq - 1}: row ${expectedSeq - 1} was changed and its hash recomputed, or row ${expectedSeq} was inserted with a made-up prev_hash`,
  };
}

async function readCheckpoint(
  options: NonNullable<VerifyOptions['checkpoint']>,
): Promise<{ checkpoint: AuditCheckpoint | null; problem: ChainProblem | null }> {
  const jws = await options.store.read();
  if (!jws) return { checkpoint: null, problem: null };
  try {
    return { checkpoint: await openAuditCheckpoint(jws, options.publicJwk), problem: null };
  } catch (error) {
    if (!(error instanceof AuditCheckpointError)) throw error;
    return {
      checkpoint: null,
      problem: {
        kind: 'CHECKPOINT_INVALID',
        seq: null,
        detail: `the checkpoint at ${options.store.describe()} is invalid: ${error.message}`,
      },
    };
  }
}

/**
 * Compares the verified chain (ending at `lastSeq` with the hashes in `hashes`) with the signed
 * checkpoint. Returns the problem, or null when the checkpoint covers the whole chain.
 */
function compareWithCheckpoint(
  checkpoint: AuditCheckpoint,
  lastSeq: number,
  hashAt: (seq: number) => string | undefined,
): ChainProblem | null {
  if (checkpoint.seq > lastSeq) {
    const from = lastSeq + 1;
    return {
      kind: 'ROWS_DELETED',
      seq: from,
      detail: `the chain ends at seq ${lastSeq}, but the checkpoint signed at ${checkpoint.signedAt} records seq ${checkpoint.seq}: rows ${from} to ${checkpoint.seq} were deleted`,
    };
  }
  if (checkpoint.seq > 0 && hashAt(checkpoint.seq) !== checkpoint.hash) {
    return {
      kind: 'CHAIN_REWRITTEN',
      seq: checkpoint.seq,
      detail: `row ${checkpoint.seq} has another hash than the checkpoint signed at ${checkpoint.signedAt} records: rows up to it were replaced and rehashed, or deleted and appended again`,
    };
  }
  if (lastSeq > checkpoint.seq) {
    const from = checkpoint.seq + 1;
    return {
      kind: 'ROW_INSERTED',
      seq: from,
      detail: `rows ${from} to ${lastSeq} are not covered by the checkpoint signed at ${checkpoint.signedAt}: they were inserted directly, or appended by a process that stopped before writing its checkpoint`,
    };
  }
  return null;
}

/**
 * Walks the whole chain in `seq` order and reports the first row that does not follow from the
 * one before (see {@link ChainProblemKind}); then, when a checkpoint store is given, checks the
 * chain head against the signed checkpoint, which catches deleted newest rows, rows inserted
 * after the head with a recomputed hash, and a chain rewritten end to end.
 */
export async function verifyAuditChain(
  database: Database,
  options: VerifyOptions = {},
): Promise<ChainReport> {
  const batchSize = options.batchSize ?? 5000;
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  let checkpoint: AuditCheckpoint | null = null;
  let checkpointHash: string | undefined;
  const report = (firstProblem: ChainProblem | null): ChainReport => ({
    ok: firstProblem === null,
    rows: count,
    lastSeq: expectedSeq - 1,
    lastHash: prevHash,
    firstProblem,
    checkpoint,
  });

  // Walks rows from `expectedSeq` to the current end; returns the first break, if any.
  const walk = async (): Promise<ChainProblem | null> => {
    for (;;) {
      const batch = await rowsFrom(database, expectedSeq, batchSize + 1);
      const checkedNow = batch.slice(0, batchSize);
      for (let i = 0; i < checkedNow.length; i += 1) {
        const event = checkedNow[i] as AuditEvent;
        const { hash: _stored, ...rest } = event;
        const intact =
          event.seq === expectedSeq &&
          event.prevHash === prevHash &&
          hashAuditEvent(rest) === event.hash;
        if (!intact) {
          const next = batch[i + 1] ?? (await rowsFrom(database, event.seq + 1, 1))[0];
          return classifyBreak(event, expectedSeq, next, checkpoint?.seq);
        }
        if (checkpoint && event.seq === checkpoint.seq) checkpointHash = event.hash;
        prevHash = event.hash;
        expectedSeq += 1;
        count += 1;
      }
      if (batch.length <= batchSize) return null;
    }
  };

  if (options.checkpoint) {
    const read = await readCheckpoint(options.checkpoint);
    if (read.problem) return report(read.problem);
    checkpoint = read.checkpoint;
  }
  const chainProblem = await walk();
  if (chainProblem || !options.checkpoint) return report(chainProblem);

  if (!checkpoint) {
    if (count === 0) return report(null);
    return report({
      kind: 'CHECKPOINT_MISSING',
      seq: null,
      detail: `the audit log has ${count} rows but no checkpoint was found at ${options.checkpoint.store.describe()}, so deleted newest rows cannot be ruled out`,
    });
  }

  const retries = options.checkpointRetries ?? 3;
  for (let attempt = 0; ; attempt += 1) {
    const problem = compareWithCheckpoint(checkpoint, expectedSeq - 1, (seq) =>
      seq === checkpoint?.seq ? checkpointHash : undefined,
    );
    const uncoveredTail = problem?.kind === 'ROW_INSERTED';
    if (!uncoveredTail || attempt >= retries) return report(problem);
    // A running hub may have committed rows whose checkpoint it is about to write.
    await new Promise((resolve) => setTimeout(resolve, options.retryDelayMs ?? 250));
    const read = await readCheckpoint(options.checkpoint);
    if (read.problem) return report(read.problem);
    if (!read.checkpoint) return report(problem);
    checkpoint = read.checkpoint;
    checkpointHash =
      checkpoint.seq < expectedSeq ? await hashOfVerified(database, checkpoint.seq) : undefined;
    const later = await walk();
    if (later) return report(later);
  }
}

/** Hash of a row the walk already verified, read again after the checkpoint moved. */
async function hashOfVerified(database: Database, seq: number): Promise<string | undefined> {
  return (await rowsFrom(database, seq, 1)).find((event) => event.seq === seq)?.hash;
}
