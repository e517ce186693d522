import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AUDIT_COLUMNS,
  AuditCheckpointer,
  FileCheckpointStore,
  appendAuditEvents,
  attachAuditCheckpointer,
  auditMigrations,
  createLogger,
  hashAuditEvent,
  loadAuditCheckpointConfig,
  loadAuditSigningKey,
  migrate,
  openAuditCheckpoint,
  rows,
  toAuditEvent,
  verifyAuditChain,
  type AuditEvent,
  type AuditEventInput,
  type AuditRow,
  type AuditSigningKey,
  type VerifyOptions,
} from '../src/index.js';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.js';

const event = (n: number): AuditEventInput => ({
  subject: `user-${n}`,
  orgCode: '01',
  clientId: 'test',
  subgraph: 'network',
  operationName: 'ReadPerson',
  action: 'PII_READ',
  recordIds: [`person-${n}`],
  outcome: 'SUCCESS',
  requestId: `req-${n}`,
});

let db: TestDatabase;
let folder: string;
let key: AuditSigningKey;
let store: FileCheckpointStore;
let logLines: Record<string, unknown>[];
let verifyOptions: VerifyOptions;

async function tamper(statements: string): Promise<void> {
  await db.database.exec(`
    alter table audit.events disable trigger user;
    ${statements};
    alter table audit.events enable trigger user;`);
}

async function readRow(seq: number): Promise<AuditEvent> {
  const found = rows<AuditRow>(
    await db.database.db.execute(sql`select ${AUDIT_COLUMNS} from audit.events where seq = ${seq}`),
  )[0];
  if (!found) throw new Error(`no row ${seq}`);
  return toAuditEvent(found);
}

describe('audit checkpoint', () => {
  beforeAll(async () => {
    db = await createTestDatabase();
    await migrate(db.database, auditMigrations);
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dxhub-audit-'));
    const loaded = await loadAuditSigningKey(path.join(folder, 'keys', 'audit.jwk.json'), true);
    if (!loaded) throw new Error('no key');
    key = loaded;
  });
  afterAll(async () => {
    await db?.dispose();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  beforeEach(async () => {
    await tamper('truncate audit.events');
    store = new FileCheckpointStore(
      path.join(folder, `checkpoint-${Math.random().toString(16).slice(2)}.jws`),
    );
    logLines = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
        done();
      },
    });
    attachAuditCheckpointer(
      db.database,
      new AuditCheckpointer(store, key, pino({ level: 'info' }, sink)),
    );
    verifyOptions = {
      checkpoint: { store, publicJwk: key.publicJwk },
      checkpointRetries: 1,
      retryDelayMs: 10,
    };
    for (let n = 1; n <= 5; n += 1) await appendAuditEvents(db.database, [event(n)]);
  });

  it('signs the head after each append', async () => {
    const jws = await store.read();
    expect(jws).not.toBeNull();
    const checkpoint = await openAuditCheckpoint(jws as string, key.publicJwk);
    expect(checkpoint.seq).toBe(5);
    expect(checkpoint.hash).toBe((await readRow(5)).hash);
    expect(checkpoint.kid).toBe(key.kid);
    const report = await verifyAuditChain(db.database, verifyOptions);
    expect(report.ok).toBe(true);
    expect(report.checkpoint?.seq).toBe(5);
  });

  it('detects deleted newest rows', async () => {
    await tamper('delete from audit.events where seq >= 4');
    const withoutCheckpoint = await verifyAuditChain(db.database);
    expect(withoutCheckpoint.ok).toBe(true);
    const report = await verifyAuditChain(db.database, verifyOptions);
    expect(report.ok).toBe(false);
    expect(report.firstProblem?.kind).toBe('ROWS_DELETED');
    expect(report.firstProblem?.seq).toBe(4);
  });

  it('detects a forged row after the head', async () => {
    const head = await readRow(5);
    const partial = { ...event(66), seq: 6, atMs: head.atMs + 1, prevHash: head.hash };
    const hash = hashAuditEvent(partial);
    await db.database.db.execute(sql`
      insert into audit.events
        (seq, at, subject, org_code, client_id, subgraph, operation_name, action, record_ids, outcome, request_id, prev_hash, hash)
      values (6, ${new Date(partial.atMs).toISOString()}, ${partial.subject}, '01', 'test', 'network', 'ReadPerson',
        'PII_READ', array['person-66'], 'SUCCESS', 'req-66', ${head.hash}, ${hash})`);
    expect((await verifyAuditChain(db.database)).ok).toBe(true);
    const report = await verifyAuditChain(db.database, verifyOptions);
    expect(report.firstProblem?.kind).toBe('ROW_INSERTED');
    expect(report.firstProblem?.seq).toBe(6);
  });

  it('detects rows deleted and appended again', async () => {
    await tamper('delete from audit.events where seq >= 4');
    await appendAuditEvents(db.database, [event(40), event(50)]);
    const report = await verifyAuditChain(db.database, verifyOptions);
    expect(report.firstProblem?.kind).toBe('CHAIN_REWRITTEN');
    expect(report.firstProblem?.seq).toBe(5);
    const stored = await openAuditCheckpoint((await store.read()) as string, key.publicJwk);
    expect(stored.seq).toBe(5);
    const alarms = logLines.filter((line) =>
      String(line.msg).includes('no longer matches its signed checkpoint'),
    );
    expect(alarms).toHaveLength(1);
    expect(alarms[0]?.level).toBe(50);
  });

  it('detects a chain rewritten end to end', async () => {
    await tamper(`update audit.events set subject = 'x' || seq`);
    let prevHash = '0'.repeat(64);
    for (let seq = 1; seq <= 5; seq += 1) {
      const { hash: _old, ...row } = { ...(await readRow(seq)), prevHash };
      const hash = hashAuditEvent(row);
      await tamper(
        `update audit.events set prev_hash = '${prevHash}', hash = '${hash}' where seq = ${seq}`,
      );
      prevHash = hash;
    }
    expect((await verifyAuditChain(db.database)).ok).toBe(true);
    const report = await verifyAuditChain(db.database, verifyOptions);
    expect(report.firstProblem?.kind).toBe('CHAIN_REWRITTEN');
    expect(report.firstProblem?.seq).toBe(5);
  });

  it('rejects a checkpoint with a changed payload', async () => {
    const [header, payload, signature] = ((await store.read()) as string).split('.');
    const forged = Buffer.from(
      JSON.stringify({ seq: 3, hash: (await readRow(3)).hash, signedAt: '2025-01-01T00:00:00Z' }),
    ).toString('base64url');
    expect(forged).not.toBe(payload);
    await store.write(`${header}.${forged}.${signature}`);
    const report = await verifyAuditChain(db.database, verifyOptions);
    expect(report.firstProblem?.kind).toBe('CHECKPOINT_INVALID');
  });

  it('rejects a checkpoint signed by another key', async () => {
    const other = await loadAuditSigningKey(path.join(folder, 'keys', 'other.jwk.json'), true);
    const otherStore = new FileCheckpointStore(path.join(folder, 'other.jws'));
    const head = await readRow(5);
    await new AuditCheckpointer(
      otherStore,
      other as AuditSigningKey,
      createLogger({ level: 'silent' }),
    ).advance(db.database, head);
    const report = await verifyAuditChain(db.database, {
      checkpoint: { store: otherStore, publicJwk: key.publicJwk },
    });
    expect(report.firstProblem?.kind).toBe('CHECKPOINT_INVALID');
  });

  it('reports a missing checkpoint', async () => {
    fs.rmSync(store.file);
    const report = await verifyAuditChain(db.database, verifyOptions);
    expect(report.firstProblem?.kind).toBe('CHECKPOINT_MISSING');
    expect(report.firstProblem?.seq).toBeNull();
  });

  it('reads its settings from the environment', () => {
    const config = loadAuditCheckpointConfig(
      { auth: { keysDir: '/keys' } as never, databaseUrl: 'postgres://a:secret@db:5432/hub' },
      { DXHUB_HOME: '/srv/dxhub', AUDIT_CHECKPOINT: 'off' },
    );
    expect(config.enabled).toBe(false);
    expect(config.file).toMatch(/^\/srv\/dxhub\/audit\/checkpoint-[0-9a-f]{12}\.jws$/);
    expect(config.keyFile).toBe('/keys/audit-checkpoint.private.jwk.json');
    const otherDatabase = loadAuditCheckpointConfig(
      { auth: { keysDir: '/keys' } as never, databaseUrl: 'postgres://a:secret@db:5432/other' },
      { DXHUB_HOME: '/srv/dxhub' },
    );
    expect(otherDatabase.file).not.toBe(config.file);
    const sameDatabaseOtherUser = loadAuditCheckpointConfig(
      { auth: { keysDir: '/keys' } as never, databaseUrl: 'postgres://b@db/hub' },
      { DXHUB_HOME: '/srv/dxhub' },
    );
    expect(sameDatabaseOtherUser.file).toBe(config.file);
    expect(() =>
      loadAuditCheckpointConfig(
        { auth: { keysDir: '/keys' } as never },
        { AUDIT_CHECKPOINT: 'maybe' },
      ),
    ).toThrow(/AUDIT_CHECKPOINT/);
  });
});
