import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuditRoleError,
  appendAuditEvents,
  auditMigrations,
  migrate,
  openDatabase,
  restrictAuditRole,
  verifyAuditChain,
  type AuditEventInput,
  type Database,
} from '../src/index.js';
import { createTestDatabase, usingPostgres, type TestDatabase } from '../src/testing/index.js';

const event: AuditEventInput = {
  subject: 'user-1',
  orgCode: '01',
  clientId: 'test',
  subgraph: 'network',
  operationName: 'ReadPerson',
  action: 'PII_READ',
  recordIds: ['person-1'],
  outcome: 'SUCCESS',
  requestId: 'req-1',
};

if (!usingPostgres) {
  console.log('audit role tests need PostgreSQL roles: set TEST_DATABASE_URL to run them');
}

describe.skipIf(!usingPostgres)('audit role on PostgreSQL', () => {
  const role = `dxhub_svc_${randomBytes(4).toString('hex')}`;
  let owner: TestDatabase;
  let service: Database;
  let admin: postgres.Sql;

  beforeAll(async () => {
    owner = await createTestDatabase();
    await migrate(owner.database, auditMigrations);
    admin = postgres(process.env.TEST_DATABASE_URL as string, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create role ${role} login`);
    await restrictAuditRole(owner.database, role);
    const url = new URL(owner.url as string);
    url.username = role;
    service = await openDatabase({ databaseUrl: url.toString(), maxConnections: 2 });
  });

  afterAll(async () => {
    await service?.close();
    await owner?.dispose();
    await admin?.unsafe(`drop role if exists ${role}`);
    await admin?.end();
  });

  it('lets the service role append and read', async () => {
    await appendAuditEvents(service, [event, event]);
    const report = await verifyAuditChain(service);
    expect(report.ok).toBe(true);
    expect(report.rows).toBe(2);
  });

  it('denies update, delete and truncate', async () => {
    for (const statement of [
      `update audit.events set subject = 'x' where seq = 1`,
      'delete from audit.events where seq = 1',
      'truncate audit.events',
    ]) {
      await expect(service.exec(statement), statement).rejects.toMatchObject({ code: '42501' });
    }
  });

  it('denies dropping the append-only trigger', async () => {
    await expect(
      service.exec('alter table audit.events disable trigger user'),
    ).rejects.toMatchObject({ code: '42501' });
    await expect(
      service.exec('drop trigger events_append_only on audit.events'),
    ).rejects.toMatchObject({ code: '42501' });
  });

  it('refuses the owner and a superuser', async () => {
    const ownerName = new URL(owner.url as string).username || 'postgres';
    await expect(restrictAuditRole(owner.database, ownerName)).rejects.toBeInstanceOf(
      AuditRoleError,
    );
    await expect(restrictAuditRole(owner.database, 'no_such_role_here')).rejects.toThrow(
      /does not exist/,
    );
  });
});

describe('audit role on the embedded database', () => {
  it('explains that roles need PostgreSQL', async () => {
    const embedded = await openDatabase({ inMemory: true });
    try {
      await expect(restrictAuditRole(embedded, 'anyone')).rejects.toThrow(/PostgreSQL/);
    } finally {
      await embedded.close();
    }
  });
});
