import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditEvents, auditMigrations, migrate, verifyAuditChain, type AuditEventInput } from '../src/index.js';
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

describe('audit chain', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await migrate(db.database, auditMigrations);
  });
  afterAll(async () => db?.dispose());

  it('verifies an untouched chain', async () => {
    await appendAuditEvents(db.database, [event(1), event(2), event(3)]);
    await appendAuditEvents(db.database, [event(4)]);
    const report = await verifyAuditChain(db.database);
    expect(report.ok).toBe(true);
    expect(report.rows).toBe(4);
  });

  it('names the first edited row', async () => {
    await db.database.exec(`update audit.events set subject = 'someone-else' where seq = 2`);
    const report = await verifyAuditChain(db.database);
    expect(report.ok).toBe(false);
    expect(report.firstProblem?.seq).toBe(2);
    expect(report.firstProblem?.problem).toBe('HASH_MISMATCH');
  });
});
