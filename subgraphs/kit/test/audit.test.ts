import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AUDIT_COLUMNS,
  appendAuditEvents,
  auditMigrations,
  hashAuditEvent,
  migrate,
  rows,
  toAuditEvent,
  verifyAuditChain,
  type AuditEvent,
  type AuditEventInput,
  type AuditRow,
} from '../src/index.js';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.js';

const event = (n: number): AuditEventInput => ({
  subject: `user-${n}`,
  orgCode: '01',
  clientId: 'test',
  subgraph: 'network',
  operationName: 'ReadPerson',
  action: 'PII_READ',
  recordIds: [`person-${n}`, 'with,comma'],
  outcome: 'SUCCESS',
  requestId: `req-${n}`,
});

let db: TestDatabase;

/** Runs SQL as the table owner with the append-only triggers off, as a tampering administrator would. */
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

/** Inserts `row` exactly as given, with `at` taken from `atMs`. */
async function insertRaw(row: AuditEvent): Promise<void> {
  await db.database.db.execute(sql`
    insert into audit.events
      (seq, at, subject, org_code, client_id, subgraph, operation_name, action, record_ids, outcome,
       request_id, prev_hash, hash)
    values (${row.seq}, ${new Date(row.atMs).toISOString()}, ${row.subject}, ${row.orgCode}, ${row.clientId},
      ${row.subgraph}, ${row.operationName}, ${row.action},
      array(select jsonb_array_elements_text(${JSON.stringify(row.recordIds)}::jsonb)),
      ${row.outcome}, ${row.requestId}, ${row.prevHash}, ${row.hash})`);
}

/** A row that fits after `previous`, with its hash computed as the kit would. */
function forgedAfter(previous: AuditEvent, seq: number): AuditEvent {
  const partial = { ...event(900 + seq), seq, atMs: previous.atMs + 1, prevHash: previous.hash };
  return { ...partial, hash: hashAuditEvent(partial) };
}

describe('audit chain', () => {
  beforeAll(async () => {
    db = await createTestDatabase();
    await migrate(db.database, auditMigrations);
  });
  afterAll(async () => db?.dispose());

  beforeEach(async () => {
    await tamper('truncate audit.events');
    for (let n = 1; n <= 6; n += 1) await appendAuditEvents(db.database, [event(n)]);
  });

  it('verifies an untouched chain', async () => {
    await appendAuditEvents(db.database, [event(7), event(8), event(9)]);
    const report = await verifyAuditChain(db.database, { batchSize: 4 });
    expect(report.ok).toBe(true);
    expect(report.rows).toBe(9);
    expect(report.lastSeq).toBe(9);
    expect(report.firstProblem).toBeNull();
  });

  it('keeps record ids with commas', async () => {
    expect((await readRow(3)).recordIds).toEqual(['person-3', 'with,comma']);
  });

  it('rejects update, delete and truncate', async () => {
    await expect(
      db.database.exec(`update audit.events set subject = 'x' where seq = 1`),
    ).rejects.toThrow(/append-only/);
    await expect(db.database.exec('delete from audit.events where seq = 6')).rejects.toThrow(
      /append-only/,
    );
    await expect(db.database.exec('truncate audit.events')).rejects.toThrow(/append-only/);
    expect((await verifyAuditChain(db.database)).rows).toBe(6);
  });

  it('names an edited row', async () => {
    await tamper(`update audit.events set subject = 'someone-else' where seq = 2`);
    const report = await verifyAuditChain(db.database);
    expect(report.ok).toBe(false);
    expect(report.firstProblem?.kind).toBe('ROW_EDITED');
    expect(report.firstProblem?.seq).toBe(2);
    expect(report.rows).toBe(1);
  });

  it('names an edited and rehashed row', async () => {
    const original = await readRow(3);
    const { hash: _old, ...changed } = { ...original, orgCode: '79' };
    await tamper(
      `update audit.events set org_code = '79', hash = '${hashAuditEvent(changed)}' where seq = 3`,
    );
    const report = await verifyAuditChain(db.database);
    expect(report.firstProblem?.kind).toBe('ROW_EDITED');
    expect(report.firstProblem?.seq).toBe(3);
  });

  it('names a gap of deleted rows', async () => {
    await tamper('delete from audit.events where seq in (3, 4)');
    const report = await verifyAuditChain(db.database);
    expect(report.firstProblem?.kind).toBe('ROWS_DELETED');
    expect(report.firstProblem?.seq).toBe(3);
    expect(report.firstProblem?.detail).toContain('rows 3 to 4');
  });

  it('names deleted rows after renumbering', async () => {
    await tamper(
      'delete from audit.events where seq = 3; update audit.events set seq = seq - 1 where seq > 3',
    );
    const report = await verifyAuditChain(db.database);
    expect(report.firstProblem?.kind).toBe('ROWS_DELETED');
    expect(report.firstProblem?.seq).toBe(3);
  });

  it('names a row inserted inside the chain', async () => {
    const before = await readRow(3);
    await tamper(
      'update audit.events set seq = seq + 100 where seq > 3; update audit.events set seq = seq - 99 where seq > 100',
    );
    await insertRaw(forgedAfter(before, 4));
    const report = await verifyAuditChain(db.database);
    expect(report.firstProblem?.kind).toBe('ROW_INSERTED');
    expect(report.firstProblem?.seq).toBe(4);
  });

  it('names an inserted row with a made-up hash', async () => {
    const before = await readRow(3);
    await tamper(
      'update audit.events set seq = seq + 100 where seq > 3; update audit.events set seq = seq - 99 where seq > 100',
    );
    await insertRaw({ ...forgedAfter(before, 4), hash: 'f'.repeat(64) });
    const report = await verifyAuditChain(db.database);
    expect(report.firstProblem?.kind).toBe('ROW_INSERTED');
    expect(report.firstProblem?.seq).toBe(4);
  });

  it('appends in order from concurrent callers', async () => {
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        appendAuditEvents(db.database, [event(10 + i), event(20 + i)]),
      ),
    );
    const report = await verifyAuditChain(db.database);
    expect(report.ok).toBe(true);
    expect(report.rows).toBe(26);
  });
});
