import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import * as jose from 'jose';
import type { Database } from '../db/database.js';
import { rows } from '../db/query.js';
import type { Logger } from '../logger.js';

/**
 * The chain head as signed at one moment: the row with `seq` had hash `hash`. Kept outside
 * `audit.events`, so deleting the newest rows (which leaves a shorter but consistent chain) is
 * still detected by `verifyAuditChain`.
 */
export interface AuditCheckpoint {
  seq: number;
  hash: string;
  /** When the checkpoint was signed, ISO 8601 in UTC. */
  signedAt: string;
  /** Thumbprint (RFC 7638) of the key that signed it. */
  kid: string;
}

/** Storage of the signed checkpoint: one compact JWS, replaced as the chain grows. */
export interface AuditCheckpointStore {
  /** Returns the stored JWS, or null when none was written yet. */
  read(): Promise<string | null>;
  write(jws: string): Promise<void>;
  /** Location of the checkpoint, for messages. */
  describe(): string;
}

/**
 * Keeps the checkpoint in a file, replaced atomically (write to a temporary file, then rename),
 * so a reader never sees half a checkpoint.
 */
export class FileCheckpointStore implements AuditCheckpointStore {
  constructor(readonly file: string) {}

  async read(): Promise<string | null> {
    try {
      return (await fs.promises.readFile(this.file, 'utf8')).trim();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async write(jws: string): Promise<void> {
    await fs.promises.mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const temporary = `${this.file}.${process.pid}.tmp`;
    await fs.promises.writeFile(temporary, `${jws}\n`, { mode: 0o600 });
    await fs.promises.rename(temporary, this.file);
  }

  describe(): string {
    return this.file;
  }
}

/** The key pair that signs checkpoints. Verifying needs only `publicJwk`. */
export interface AuditSigningKey {
  kid: string;
  privateKey: jose.CryptoKey;
  publicJwk: jose.JWK;
}

const CHECKPOINT_ALGORITHM = 'ES256';
const CHECKPOINT_TYPE = 'dxhub-audit-checkpoint+jws';

/**
 * Loads the checkpoint signing key (a private JWK) from `file`, creating it when `create` is set
 * and the file does not exist. Returns null when it is missing and `create` is off.
 */
export async function loadAuditSigningKey(
  file: string,
  create: boolean,
): Promise<AuditSigningKey | null> {
  if (!fs.existsSync(file)) {
    if (!create) return null;
    const { privateKey } = await jose.generateKeyPair(CHECKPOINT_ALGORITHM, { extractable: true });
    const jwk = await jose.exportJWK(privateKey);
    jwk.kid = await jose.calculateJwkThumbprint(jwk);
    jwk.alg = CHECKPOINT_ALGORITHM;
    jwk.use = 'sig';
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    // 'wx' so that two processes creating the key at once keep one; the loser reads it back.
    try {
      fs.writeFileSync(file, JSON.stringify(jwk), { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const jwk = JSON.parse(fs.readFileSync(file, 'utf8')) as jose.JWK;
  const privateKey = (await jose.importJWK(jwk, CHECKPOINT_ALGORITHM)) as jose.CryptoKey;
  const { d: _private, ...publicJwk } = jwk;
  return { kid: jwk.kid ?? (await jose.calculateJwkThumbprint(publicJwk)), privateKey, publicJwk };
}

/** Reads a public JWK from a file; a private JWK is accepted and its private part dropped. */
export function readPublicJwk(file: string): jose.JWK {
  const { d: _private, ...publicJwk } = JSON.parse(fs.readFileSync(file, 'utf8')) as jose.JWK;
  return publicJwk;
}

/** Signs the chain head as a compact JWS whose payload is `{seq, hash, signedAt}`. */
export async function signAuditCheckpoint(
  key: AuditSigningKey,
  head: { seq: number; hash: string },
): Promise<string> {
  const payload = { seq: head.seq, hash: head.hash, signedAt: new Date().toISOString() };
  return new jose.CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: CHECKPOINT_ALGORITHM, kid: key.kid, typ: CHECKPOINT_TYPE })
    .sign(key.privateKey);
}

/** Raised when a stored checkpoint is malformed or its signature does not verify. */
export class AuditCheckpointError extends Error {
  readonly code = 'AUDIT_CHECKPOINT_INVALID';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AuditCheckpointError';
  }
}

/** Verifies a checkpoint JWS against `publicJwk` and returns its content. */
export async function openAuditCheckpoint(
  jws: string,
  publicJwk: jose.JWK,
): Promise<AuditCheckpoint> {
  let verified: jose.CompactVerifyResult;
  try {
    const key = await jose.importJWK(publicJwk, CHECKPOINT_ALGORITHM);
    verified = await jose.compactVerify(jws, key, { algorithms: [CHECKPOINT_ALGORITHM] });
  } catch (error) {
    throw new AuditCheckpointError(
      `the checkpoint signature does not verify (${(error as Error).message})`,
      {
        cause: error,
      },
    );
  }
  if (verified.protectedHeader.typ !== CHECKPOINT_TYPE) {
    throw new AuditCheckpointError(
      `the checkpoint has type "${verified.protectedHeader.typ}", not ${CHECKPOINT_TYPE}`,
    );
  }
  let payload: unknown;
  try {
    payload = JSON.parse(new TextDecoder().decode(verified.payload));
  } catch (error) {
    throw new AuditCheckpointError('the checkpoint payload is not JSON', { cause: error });
  }
  const { seq, hash, signedAt } = payload as Record<string, unknown>;
  if (
    !Number.isInteger(seq) ||
    (seq as number) < 0 ||
    typeof hash !== 'string' ||
    typeof signedAt !== 'string'
  ) {
    throw new AuditCheckpointError('the checkpoint payload lacks seq, hash or signedAt');
  }
  return { seq: seq as number, hash, signedAt, kid: verified.protectedHeader.kid ?? '' };
}

/** Hash of the row with `seq`, or null when there is no such row. */
export async function auditHashAt(database: Database, seq: number): Promise<string | null> {
  const found = rows<{ hash: string }>(
    await database.db.execute(sql`select hash from audit.events where seq = ${seq}`),
  )[0];
  return found?.hash ?? null;
}

/**
 * Moves the signed checkpoint forward after each append. Before replacing the stored checkpoint
 * it checks that the chain still contains the checkpointed row with the checkpointed hash. When
 * it does not (rows were deleted or rewritten), the old checkpoint is kept as evidence, an error
 * is logged, and later appends are left uncovered, so `verifyAuditChain` keeps failing until an
 * operator has looked. Removing the checkpoint file re-anchors the chain at the next append.
 *
 * Writes from one process are serialised. Two processes sharing one store can still race, and
 * then the stored checkpoint may fall back to an older head. That weakens coverage until the
 * next append, but never raises a false alarm, because an older head is still in the chain.
 */
export class AuditCheckpointer {
  private queue: Promise<void> = Promise.resolve();
  /** The stored checkpoints already reported as broken, so each is logged once. */
  private readonly reported = new Set<string>();

  constructor(
    readonly store: AuditCheckpointStore,
    readonly key: AuditSigningKey,
    private readonly logger: Logger,
  ) {}

  /**
   * Records `head` as the newest chain head; resolves once the checkpoint is written or skipped.
   * Never rejects: the events are already committed, so a failed write is logged, and the next
   * append's checkpoint covers these rows too.
   */
  advance(database: Database, head: { seq: number; hash: string }): Promise<void> {
    const run = this.queue.then(() => this.write(database, head));
    this.queue = run.catch((error: unknown) => {
      this.logger.error(
        { err: error, seq: head.seq, checkpoint: this.store.describe() },
        'audit checkpoint write failed',
      );
    });
    return this.queue;
  }

  private async write(database: Database, head: { seq: number; hash: string }): Promise<void> {
    const stored = await this.store.read();
    if (stored) {
      let current: AuditCheckpoint;
      try {
        current = await openAuditCheckpoint(stored, this.key.publicJwk);
      } catch (error) {
        this.reportOnce(
          stored,
          { err: error, checkpoint: this.store.describe() },
          'audit checkpoint is invalid; it is kept and not replaced',
        );
        return;
      }
      // Rows never change, so the checkpointed row must still be there with the same hash, even
      // when another process sharing the store signed a head newer than ours.
      const hashThere = await auditHashAt(database, current.seq);
      if (hashThere !== current.hash) {
        this.reportOnce(
          stored,
          {
            checkpointSeq: current.seq,
            checkpoint: this.store.describe(),
            rowPresent: hashThere !== null,
          },
          'audit chain no longer matches its signed checkpoint (rows deleted or rewritten); the checkpoint is kept as evidence',
        );
        return;
      }
      if (current.seq >= head.seq) return;
    }
    await this.store.write(await signAuditCheckpoint(this.key, head));
  }

  private reportOnce(stored: string, fields: Record<string, unknown>, message: string): void {
    if (this.reported.has(stored)) return;
    this.reported.add(stored);
    this.logger.error(fields, message);
  }
}

const checkpointers = new WeakMap<Database, AuditCheckpointer>();

/**
 * Makes every {@link appendAuditEvents} on `database` move the signed checkpoint forward. Call
 * once, after opening the audit database, in each process that appends.
 */
export function attachAuditCheckpointer(database: Database, checkpointer: AuditCheckpointer): void {
  checkpointers.set(database, checkpointer);
}

/** Returns the checkpointer attached to `database`, if any. */
export function auditCheckpointerOf(database: Database): AuditCheckpointer | undefined {
  return checkpointers.get(database);
}
