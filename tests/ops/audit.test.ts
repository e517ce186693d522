import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AUDIT_COLUMNS,
  FileCheckpointStore,
  exportAuditEvents,
  hashAuditEvent,
  loadAuditCheckpointConfig,
  openDatabase,
  rows,
  readPublicJwk,
  toAuditEvent,
  verifyAuditChain,
  type AuditEvent,
  type AuditRow,
  type Database,
  type ExportedAuditEvent,
} from '@dxhub/kit';
import { graphql, startHubProcess, type HubProcess } from './hub.js';

const AGENCY = 'cuc-chuyen-doi-so-quoc-gia';
const READER = 'auditor-pii-reader';

describe('audit log end to end', () => {
  let hub: HubProcess;
  let personId: string;

  /** Opens the hub's database directly, as an administrator would; the hub must be stopped on the embedded one. */
  async function withDatabase<T>(work: (database: Database) => Promise<T>): Promise<T> {
    const database = await openDatabase({
      databaseUrl: hub.env.DATABASE_URL,
      dataDir: path.join(hub.home, '.dxhub', 'data'),
      command: 'audit tamper test',
    });
    try {
      return await work(database);
    } finally {
      await database.close();
    }
  }

  /** Runs SQL with the append-only triggers off, as the table owner can. */
  const tamper = (statements: string) =>
    withDatabase((database) =>
      database.exec(
        `alter table audit.events disable trigger user; ${statements}; alter table audit.events enable trigger user;`,
      ),
    );

  const lastRow = () =>
    withDatabase(async (database) => {
      const found = rows<AuditRow>(
        await database.db.execute(
          sql`select ${AUDIT_COLUMNS} from audit.events order by seq desc limit 1`,
        ),
      )[0];
      if (!found) throw new Error('the audit log is empty');
      return toAuditEvent(found);
    });

  const verify = () => hub.cli(['audit', 'verify']);

  /** The same check as `dxhub audit verify`, run in this process to confirm a repair quickly. */
  const verifyHere = () =>
    withDatabase(async (database) => {
      const settings = loadAuditCheckpointConfig(
        {
          auth: { keysDir: path.join(hub.home, '.dxhub', 'keys') } as never,
          databaseUrl: hub.env.DATABASE_URL,
          dataDir: path.join(hub.home, '.dxhub', 'data'),
        },
        hub.env,
      );
      return verifyAuditChain(database, {
        checkpoint: {
          store: new FileCheckpointStore(settings.file),
          publicJwk: readPublicJwk(settings.keyFile),
        },
      });
    });

  beforeAll(async () => {
    hub = await startHubProcess();
    const admin = await hub.token(
      AGENCY,
      ['network:read', 'network:write', 'network:pii'],
      'directory-admin',
    );
    const org = await graphql(
      hub.origin,
      { query: `{ organization(code: "${AGENCY}") { id } }` },
      { authorization: `Bearer ${admin}` },
    );
    const organizationId = (org.body.data?.organization as { id: string } | undefined)?.id;
    if (!organizationId) throw new Error(`no organisation id: ${JSON.stringify(org.body)}`);
    const created = await graphql(
      hub.origin,
      {
        query:
          'mutation AddPerson($input: CreatePersonInput!) { createPerson(input: $input) { id } }',
        variables: {
          input: {
            fullName: 'Nguyễn Văn An',
            organizationId,
            email: 'nguyen.van.an@example.gov.vn',
          },
        },
      },
      { authorization: `Bearer ${admin}` },
    );
    const id = (created.body.data?.createPerson as { id: string } | undefined)?.id;
    if (!id) throw new Error(`createPerson failed: ${JSON.stringify(created.body)}`);
    personId = id;

    const reader = await hub.token(AGENCY, ['network:read', 'network:pii'], READER);
    const read = await graphql(
      hub.origin,
      {
        query: 'query ReadContact($id: ID!) { person(id: $id) { id email } }',
        variables: { id: personId },
      },
      { authorization: `Bearer ${reader}` },
    );
    expect(read.body.errors).toBeUndefined();
    expect((read.body.data?.person as { email: string }).email).toBe(
      'nguyen.van.an@example.gov.vn',
    );
    expect(await hub.stop()).toBe(0);
  });

  afterAll(async () => hub?.dispose());

  it('records a personal data read with its subject', async () => {
    const exported = await hub.cli(['audit', 'export', '--subject', READER]);
    expect(exported.code, exported.stderr).toBe(0);
    const events = exported.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as ExportedAuditEvent);
    const read = events.find((event) => event.action === 'PII_READ');
    expect(read, exported.stdout).toBeDefined();
    expect(read?.subject).toBe(READER);
    expect(read?.orgCode).toBe(AGENCY);
    expect(read?.clientId).toBe('ops-test');
    expect(read?.recordIds).toContain(personId);
    expect(read?.operationName).toBe('ReadContact');
    expect(read?.outcome).toBe('SUCCESS');
    expect(events.every((event) => event.subject === READER)).toBe(true);
  });

  it('records the mutation that created the person', async () => {
    const events = await withDatabase(async (database) => {
      const found: ExportedAuditEvent[] = [];
      for await (const event of exportAuditEvents(database, {
        action: 'MUTATION',
        subject: 'directory-admin',
      }))
        found.push(event);
      return found;
    });
    expect(
      events.some(
        (event) => event.operationName === 'AddPerson' && event.recordIds.includes(personId),
      ),
    ).toBe(true);
  });

  it('verifies the untouched log', async () => {
    const result = await verify();
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Audit log intact');
    expect(result.stdout).toContain('signed checkpoint');
  });

  it('reports an edited row', async () => {
    const head = await lastRow();
    await tamper(`update audit.events set subject = 'someone-else' where seq = ${head.seq}`);
    const result = await verify();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`row edited at seq ${head.seq} [ROW_EDITED]`);
    await tamper(`update audit.events set subject = '${head.subject}' where seq = ${head.seq}`);
    expect((await verifyHere()).ok).toBe(true);
  });

  it('reports an inserted row', async () => {
    const head = await lastRow();
    const partial: Omit<AuditEvent, 'hash'> = {
      ...head,
      seq: head.seq + 1,
      atMs: head.atMs + 1000,
      subject: 'forged',
      requestId: 'forged-request',
      prevHash: head.hash,
    };
    const forged = { ...partial, hash: hashAuditEvent(partial) };
    await withDatabase((database) =>
      database.db.execute(sql`
        insert into audit.events
          (seq, at, subject, org_code, client_id, subgraph, operation_name, action, record_ids, outcome, request_id, prev_hash, hash)
        values (${forged.seq}, ${new Date(forged.atMs).toISOString()}, ${forged.subject}, ${forged.orgCode}, ${forged.clientId},
          ${forged.subgraph}, ${forged.operationName}, ${forged.action},
          array(select jsonb_array_elements_text(${JSON.stringify(forged.recordIds)}::jsonb)),
          ${forged.outcome}, ${forged.requestId}, ${forged.prevHash}, ${forged.hash})`),
    );
    const result = await verify();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`row inserted at seq ${forged.seq} [ROW_INSERTED]`);
    await tamper(`delete from audit.events where seq = ${forged.seq}`);
    expect((await verifyHere()).ok).toBe(true);
  });

  it('reports deleted newest rows', async () => {
    const head = await lastRow();
    await tamper(`delete from audit.events where seq = ${head.seq}`);
    const result = await hub.cli(['audit', 'verify', '--lang', 'vi']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`dòng bị xóa tại seq ${head.seq} [ROWS_DELETED]`);
  });

  it('reports deleted rows inside the chain', async () => {
    await tamper('delete from audit.events where seq = 1');
    const result = await verify();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('rows deleted at seq 1 [ROWS_DELETED]');
  });
});
