import { rows } from '@dxhub/kit';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INCIDENT_STATUSES, type IncidentStatus } from '../src/domain/taxonomy.js';
import { canTransition } from '../src/domain/workflow.js';
import {
  databaseError,
  MANAGE,
  READ,
  REPORT,
  REPORT_INCIDENT,
  reportInput,
  startIncidents,
  type IncidentsHarness,
  type ResponseData,
} from './helpers.js';

let h: IncidentsHarness;
beforeAll(async () => {
  h = await startIncidents();
});
afterAll(async () => h?.sg.dispose());

const TRANSITION = /* GraphQL */ `
  mutation ($id: ID!, $to: IncidentStatus!, $note: String) {
    transitionIncident(id: $id, to: $to, note: $note) {
      status
      allowedTransitions
    }
  }
`;

const TIMELINE = /* GraphQL */ `
  query ($id: ID!) {
    incident(id: $id) {
      timeline {
        kind
        actor
        actorOrganization {
          id
        }
        fromValue
        toValue
        note
      }
    }
  }
`;

async function timelineOf(id: string, org = '001'): Promise<ResponseData[]> {
  return (await h.ok(TIMELINE, { id }, org, READ)).incident.timeline;
}

/** Runs an operation that must fail; returns its first error. */
async function failure(
  query: string,
  variables: Record<string, unknown>,
  org: string,
  scopes: string[],
  locale?: string,
) {
  const result = await h.sg.run(query, variables, { org, scopes, ...(locale ? { locale } : {}) });
  expect(result.errors, 'expected an error').toBeDefined();
  return result.errors?.[0] as { message: string; extensions: ResponseData };
}

describe('status workflow', () => {
  it('handling team walks to closed', async () => {
    const id = await h.report('001', { tlp: 'AMBER_STRICT', handlingTeam: { code: 'vncert' } });
    const steps: [IncidentStatus, IncidentStatus[]][] = [
      ['TRIAGED', ['CONTAINED', 'RESOLVED', 'REJECTED']],
      ['CONTAINED', ['RESOLVED']],
      ['RESOLVED', ['CLOSED', 'TRIAGED']],
      ['CLOSED', []],
    ];
    for (const [to, next] of steps) {
      const data = await h.ok(TRANSITION, { id, to, note: `Chuyển sang ${to}` }, 'vncert', MANAGE);
      expect(data.transitionIncident).toEqual({ status: to, allowedTransitions: next });
    }

    const changes = (await timelineOf(id)).filter((entry) => entry.kind === 'STATUS_CHANGED');
    expect(changes.map((entry) => [entry.fromValue, entry.toValue])).toEqual([
      ['REPORTED', 'TRIAGED'],
      ['TRIAGED', 'CONTAINED'],
      ['CONTAINED', 'RESOLVED'],
      ['RESOLVED', 'CLOSED'],
    ]);
    expect(changes[0]?.actor).toBe('dev:vncert');
    expect(changes[0]?.actorOrganization).toEqual({ id: h.orgs.get('vncert')?.id });
    expect(changes[0]?.note).toBe('Chuyển sang TRIAGED');
  });

  it('reporter rejects a report', async () => {
    const id = await h.report('001', {});
    const data = await h.ok(TRANSITION, { id, to: 'REJECTED' }, '001', MANAGE);
    expect(data.transitionIncident).toEqual({ status: 'REJECTED', allowedTransitions: [] });
  });

  it('resolved incident reopens for triage', async () => {
    const id = await h.report('001', {});
    for (const to of ['TRIAGED', 'RESOLVED', 'TRIAGED'])
      await h.ok(TRANSITION, { id, to }, '001', MANAGE);
    const data = await h.ok(
      'query($id: ID!) { incident(id: $id) { status } }',
      { id },
      '001',
      READ,
    );
    expect(data.incident.status).toBe('TRIAGED');
  });

  it('rejects a skipped step with allowed ones', async () => {
    const id = await h.report('001', {});
    const error = await failure(TRANSITION, { id, to: 'CLOSED' }, '001', MANAGE);
    expect(error.extensions.code).toBe('INCIDENTS_INVALID_TRANSITION');
    expect(error.extensions.allowedTransitions).toEqual(['TRIAGED', 'REJECTED']);
    expect(error.message).toContain('TRIAGED, REJECTED');
  });

  it('rejects leaving a final status', async () => {
    const id = await h.report('001', {});
    await h.ok(TRANSITION, { id, to: 'REJECTED' }, '001', MANAGE);
    const error = await failure(TRANSITION, { id, to: 'TRIAGED' }, '001', MANAGE, 'vi');
    expect(error.extensions.code).toBe('INCIDENTS_INVALID_TRANSITION');
    expect(error.extensions.allowedTransitions).toEqual([]);
    expect(error.message).toContain('sự cố an toàn thông tin mạng');
    expect(error.message).toContain('không có (sự cố đã kết thúc)');
  });

  it('rejects changes by an uninvolved reader', async () => {
    const id = await h.report('001', { tlp: 'AMBER' });
    const error = await failure(TRANSITION, { id, to: 'TRIAGED' }, '01', MANAGE);
    expect(error.extensions.code).toBe('FORBIDDEN');
    expect(error.extensions.reason).toBe('NOT_INVOLVED');
  });

  it('needs incidents:manage to transition', async () => {
    const id = await h.report('001', {});
    const error = await failure(TRANSITION, { id, to: 'TRIAGED' }, '001', REPORT);
    expect(error.extensions.code).toBe('FORBIDDEN');
    expect(error.extensions.reason).toBe('SCOPE_MISSING');
  });
});

describe('workflow rules in the database', () => {
  /** Statuses to pass through, from REPORTED, to reach each status. */
  const PATHS: Record<IncidentStatus, IncidentStatus[]> = {
    REPORTED: [],
    TRIAGED: ['TRIAGED'],
    CONTAINED: ['TRIAGED', 'CONTAINED'],
    RESOLVED: ['TRIAGED', 'RESOLVED'],
    CLOSED: ['TRIAGED', 'RESOLVED', 'CLOSED'],
    REJECTED: ['REJECTED'],
  };

  async function insertIncident(): Promise<string> {
    const result = await h.sg.db.database.db.execute(sql`
      insert into incidents.incidents (reporter_org_id, title, description, category, severity, tlp, detected_at)
      values (${h.orgs.get('001')?.id}, 'Thử trigger', '', 'OTHER', 'LOW', 'CLEAR', now() - interval '1 hour') returning id`);
    return rows<{ id: string }>(result)[0]?.id as string;
  }

  /** Sets a status in SQL; returns false when the transition trigger rejects it. */
  async function setStatus(id: string, status: string): Promise<boolean> {
    try {
      await h.sg.db.database.db.execute(
        sql`update incidents.incidents set status = ${status} where id = ${id}`,
      );
      return true;
    } catch (error) {
      const cause = (error as { cause?: { message?: string } }).cause?.message ?? '';
      if (!cause.includes('cannot move from')) throw error;
      return false;
    }
  }

  it('trigger matches the transition table', async () => {
    const mismatches: string[] = [];
    for (const from of INCIDENT_STATUSES) {
      for (const to of INCIDENT_STATUSES) {
        if (from === to) continue;
        const id = await insertIncident();
        for (const step of PATHS[from])
          expect(await setStatus(id, step), `path to ${from}`).toBe(true);
        const accepted = await setStatus(id, to);
        if (accepted !== canTransition(from, to))
          mismatches.push(`${from} -> ${to}: database ${accepted}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('new incidents start reported', async () => {
    const message = await databaseError(
      h.sg.db.database.db.execute(sql`
        insert into incidents.incidents (reporter_org_id, title, description, category, severity, tlp, status, detected_at)
        values (${h.orgs.get('001')?.id}, 'Bỏ qua phân loại', '', 'OTHER', 'LOW', 'CLEAR', 'CLOSED', now() - interval '1 hour')`),
    );
    expect(message).toContain('must start in REPORTED');
  });

  it('timeline is append-only', async () => {
    const id = await h.report('001', {});
    const db = h.sg.db.database.db;
    const update = await databaseError(
      db.execute(sql`update incidents.timeline_entries set note = 'sửa' where incident_id = ${id}`),
    );
    expect(update).toContain('append-only');
    const remove = await databaseError(
      db.execute(sql`delete from incidents.timeline_entries where incident_id = ${id}`),
    );
    expect(remove).toContain('append-only');
    expect(await timelineOf(id)).toHaveLength(1);
  });

  it('recipients need a RED incident', async () => {
    const id = await h.report('001', { tlp: 'AMBER' });
    const message = await databaseError(
      h.sg.db.database.db.execute(
        sql`insert into incidents.recipients (incident_id, org_id) values (${id}, ${h.orgs.get('79')?.id})`,
      ),
    );
    expect(message).toContain('is not TLP:RED');
  });
});

const SEVERITY =
  'mutation($id: ID!, $s: IncidentSeverity!, $note: String) { changeIncidentSeverity(id: $id, severity: $s, note: $note) { severity severityLabel } }';

describe('severity and marking changes', () => {
  it('records a severity change', async () => {
    const id = await h.report('001', { severity: 'HIGH' });
    const data = await h.sg.run(
      SEVERITY,
      { id, s: 'CRITICAL', note: 'Lan sang máy chủ khác' },
      { org: '001', scopes: REPORT, locale: 'vi' },
    );
    expect(data.data?.changeIncidentSeverity).toEqual({
      severity: 'CRITICAL',
      severityLabel: 'Nghiêm trọng',
    });
    await h.ok(SEVERITY, { id, s: 'CRITICAL' }, '001', REPORT);
    const entries = (await timelineOf(id)).filter((entry) => entry.kind === 'SEVERITY_CHANGED');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      fromValue: 'HIGH',
      toValue: 'CRITICAL',
      note: 'Lan sang máy chủ khác',
    });
  });

  const MARKING = /* GraphQL */ `
    mutation ($id: ID!, $tlp: TlpMarking!, $recipients: [OrganizationRef!]) {
      changeIncidentMarking(id: $id, tlp: $tlp, recipients: $recipients) {
        tlp
        recipients {
          id
        }
      }
    }
  `;

  it('raising needs no manage scope', async () => {
    const id = await h.report('001', { tlp: 'GREEN' });
    const data = await h.ok(MARKING, { id, tlp: 'AMBER' }, '001', REPORT);
    expect(data.changeIncidentMarking.tlp).toBe('AMBER');
    const entry = (await timelineOf(id)).find((e) => e.kind === 'MARKING_CHANGED');
    expect(entry).toMatchObject({ fromValue: 'GREEN', toValue: 'AMBER' });
  });

  it('lowering needs incidents:manage', async () => {
    const id = await h.report('001', { tlp: 'AMBER' });
    const error = await failure(MARKING, { id, tlp: 'GREEN' }, '001', REPORT);
    expect(error.extensions.code).toBe('FORBIDDEN');
    expect(error.extensions.reason).toBe('MARKING_NEEDS_MANAGE');
    expect(error.message).toContain('incidents:manage');

    const data = await h.ok(MARKING, { id, tlp: 'GREEN' }, '001', MANAGE);
    expect(data.changeIncidentMarking.tlp).toBe('GREEN');
    const entries = (await timelineOf(id)).filter((e) => e.kind === 'MARKING_CHANGED');
    expect(entries.map((e) => [e.fromValue, e.toValue])).toEqual([['AMBER', 'GREEN']]);
  });

  it('RED needs named recipients', async () => {
    const id = await h.report('001', { tlp: 'AMBER' });
    const error = await failure(MARKING, { id, tlp: 'RED' }, '001', REPORT);
    expect(error.extensions.code).toBe('INCIDENTS_RED_NEEDS_RECIPIENTS');
    const named = await failure(
      MARKING,
      { id, tlp: 'RED', recipients: [{ code: '001' }] },
      '001',
      REPORT,
    );
    expect(named.extensions.code).toBe('INCIDENTS_RED_NEEDS_RECIPIENTS');
    const reported = await h.sg.run(
      'mutation($input: ReportIncidentInput!) { reportIncident(input: $input) { id } }',
      {
        input: {
          title: 'Đỏ',
          description: '',
          category: 'OTHER',
          severity: 'LOW',
          tlp: 'RED',
          detectedAt: '2025-01-01T00:00:00Z',
        },
      },
      { org: '001', scopes: REPORT },
    );
    expect(reported.errors?.[0]?.extensions?.code).toBe('INCIDENTS_RED_NEEDS_RECIPIENTS');
  });

  it('recipients need RED', async () => {
    const id = await h.report('001', { tlp: 'GREEN' });
    const error = await failure(
      MARKING,
      { id, tlp: 'AMBER', recipients: [{ code: '79' }] },
      '001',
      REPORT,
    );
    expect(error.extensions.code).toBe('INCIDENTS_RECIPIENTS_NEED_RED');
  });

  it('new RED recipient needs manage', async () => {
    const id = await h.report('001', { tlp: 'RED', recipients: [{ code: '79' }, { code: '01' }] });
    const narrowed = await h.ok(
      MARKING,
      { id, tlp: 'RED', recipients: [{ code: '79' }] },
      '001',
      REPORT,
    );
    expect(narrowed.changeIncidentMarking.recipients).toEqual([{ id: h.orgs.get('79')?.id }]);

    const error = await failure(
      MARKING,
      { id, tlp: 'RED', recipients: [{ code: '79' }, { code: '002' }] },
      '001',
      REPORT,
    );
    expect(error.extensions.reason).toBe('MARKING_NEEDS_MANAGE');

    const widened = await h.ok(
      MARKING,
      { id, tlp: 'RED', recipients: [{ code: '79' }, { code: '002' }] },
      '001',
      MANAGE,
    );
    expect(widened.changeIncidentMarking.recipients).toHaveLength(2);
    const entries = (await timelineOf(id)).filter((e) => e.kind === 'MARKING_CHANGED');
    expect(entries.map((e) => [e.fromValue, e.toValue])).toEqual([
      ['RED (01, 79)', 'RED (79)'],
      ['RED (79)', 'RED (002, 79)'],
    ]);
  });

  it('leaving RED drops recipients', async () => {
    const id = await h.report('001', { tlp: 'RED', recipients: [{ code: '79' }] });
    const denied = await failure(MARKING, { id, tlp: 'AMBER_STRICT' }, '001', REPORT);
    expect(denied.extensions.reason).toBe('MARKING_NEEDS_MANAGE');
    const data = await h.ok(MARKING, { id, tlp: 'AMBER_STRICT' }, '001', MANAGE);
    expect(data.changeIncidentMarking).toEqual({ tlp: 'AMBER_STRICT', recipients: [] });
    const hidden = await h.ok('query($id: ID!) { incident(id: $id) { id } }', { id }, '79', READ);
    expect(hidden.incident).toBeNull();
  });
});

const ASSIGN =
  'mutation($id: ID!, $team: OrganizationRef!) { assignHandlingTeam(id: $id, team: $team) { handlingTeam { id } } }';

describe('handling team', () => {
  it('rejects an organisation of another kind', async () => {
    const id = await h.report('001', {});
    const error = await failure(ASSIGN, { id, team: { code: '79' } }, '001', REPORT, 'vi');
    expect(error.extensions.code).toBe('INCIDENTS_NOT_A_RESPONSE_TEAM');
    expect(error.message).toContain('đội ứng cứu sự cố');
    expect(error.message).toContain('79');

    const reported = await h.sg.run(
      'mutation($input: ReportIncidentInput!) { reportIncident(input: $input) { id } }',
      {
        input: {
          title: 'Sai đội',
          description: '',
          category: 'OTHER',
          severity: 'LOW',
          tlp: 'GREEN',
          detectedAt: '2025-01-01T00:00:00Z',
          handlingTeam: { code: '01' },
        },
      },
      { org: '001', scopes: REPORT },
    );
    expect(reported.errors?.[0]?.extensions?.code).toBe('INCIDENTS_NOT_A_RESPONSE_TEAM');
  });

  it('rejects unknown and ambiguous references', async () => {
    const id = await h.report('001', {});
    const unknown = await failure(ASSIGN, { id, team: { code: 'khong-ton-tai' } }, '001', REPORT);
    expect(unknown.extensions.code).toBe('NOT_FOUND');
    expect(unknown.message).toContain('khong-ton-tai');
    const both = await failure(
      ASSIGN,
      { id, team: { code: 'vncert', id: h.orgs.get('vncert')?.id } },
      '001',
      REPORT,
    );
    expect(both.extensions.code).toBe('BAD_USER_INPUT');
    expect(both.extensions.field).toBe('team');
  });

  it('rejects malformed and empty references', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ affectedOrganizations: [{ id: 'nope' }] }, 'input.affectedOrganizations.0.id'],
      [{ affectedOrganizations: [{ code: '01' }, { id: '' }] }, 'input.affectedOrganizations.1.id'],
      [{ affectedOrganizations: [{ code: ' ' }] }, 'input.affectedOrganizations.0.code'],
      [{ handlingTeam: { id: 'vncert' } }, 'input.handlingTeam.id'],
      [{ affectedOrganizations: [{ id: '', code: '01' }] }, 'input.affectedOrganizations.0'],
    ];
    for (const [input, field] of cases) {
      const error = await failure(REPORT_INCIDENT, { input: reportInput(input) }, '001', REPORT);
      expect(error.extensions.code, field).toBe('BAD_USER_INPUT');
      expect(error.extensions.field, field).toBe(field);
    }

    const vi = await failure(
      REPORT_INCIDENT,
      { input: reportInput({ affectedOrganizations: [{ id: 'nope' }] }) },
      '001',
      REPORT,
      'vi',
    );
    expect(vi.message).toBe(
      'Giá trị không hợp lệ ở input.affectedOrganizations.0.id: "nope" không phải là mã định danh đơn vị (UUID); hãy nhập trường id của đơn vị, hoặc nhập mã đơn vị ở trường code.',
    );
    expect(vi.extensions.fieldErrors).toEqual([
      {
        field: 'input.affectedOrganizations.0.id',
        code: 'INVALID_ID',
        message: expect.any(String),
        value: 'nope',
      },
    ]);
  });

  it('names the type of a missing organisation', async () => {
    for (const locale of ['en', 'vi']) {
      const error = await failure(
        REPORT_INCIDENT,
        { input: reportInput({ affectedOrganizations: [{ code: 'khong-ton-tai' }] }) },
        '001',
        REPORT,
        locale,
      );
      expect(error.extensions.code).toBe('NOT_FOUND');
      expect(error.extensions.entity).toBe('Organization');
      expect(error.extensions.value).toBe('khong-ton-tai');
    }
  });

  it('assigned team may then act', async () => {
    const id = await h.report('001', { tlp: 'AMBER_STRICT' });
    const before = await h.sg.run(
      TRANSITION,
      { id, to: 'TRIAGED' },
      { org: 'vncert', scopes: MANAGE },
    );
    expect(before.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const data = await h.ok(ASSIGN, { id, team: { id: h.orgs.get('vncert')?.id } }, '001', REPORT);
    expect(data.assignHandlingTeam.handlingTeam).toEqual({ id: h.orgs.get('vncert')?.id });
    await h.ok(TRANSITION, { id, to: 'TRIAGED' }, 'vncert', MANAGE);
    const entry = (await timelineOf(id)).find((e) => e.kind === 'HANDLING_TEAM_CHANGED');
    expect(entry).toMatchObject({ fromValue: null, toValue: 'vncert' });
  });
});

describe('reporting and editing', () => {
  it('non-members cannot report', async () => {
    const result = await h.sg.run(
      'mutation($input: ReportIncidentInput!) { reportIncident(input: $input) { id } }',
      {
        input: {
          title: 'Ngoài mạng lưới',
          description: '',
          category: 'OTHER',
          severity: 'LOW',
          tlp: 'CLEAR',
          detectedAt: '2025-01-01T00:00:00Z',
        },
      },
      { org: 'khong-co-trong-danh-ba', scopes: REPORT },
    );
    expect(result.data?.reportIncident).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(result.errors?.[0]?.extensions?.reason).toBe('NOT_A_MEMBER');
  });

  it('rejects an empty title', async () => {
    const result = await h.sg.run(
      'mutation($input: ReportIncidentInput!) { reportIncident(input: $input) { id } }',
      {
        input: {
          title: '   ',
          description: '',
          category: 'OTHER',
          severity: 'LOW',
          tlp: 'CLEAR',
          detectedAt: '2025-01-01T00:00:00Z',
        },
      },
      { org: '001', scopes: REPORT, locale: 'vi' },
    );
    const error = result.errors?.[0];
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error?.extensions?.field).toBe('input.title');
    expect(error?.message).toContain('Bắt buộc'.toLowerCase());
  });

  it('rejects detection in the future', async () => {
    const future = new Date(Date.now() + 86_400_000).toISOString();
    const result = await h.sg.run(
      'mutation($input: ReportIncidentInput!) { reportIncident(input: $input) { id } }',
      {
        input: {
          title: 'Tương lai',
          description: '',
          category: 'OTHER',
          severity: 'LOW',
          tlp: 'CLEAR',
          detectedAt: future,
        },
      },
      { org: '001', scopes: REPORT },
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.field).toBe('input.detectedAt');
  });

  it('rejects detection after the report', async () => {
    const id = await h.report('001', {});
    const later = new Date(Date.now() + 3_600_000).toISOString();
    const error = await failure(
      'mutation($id: ID!, $at: DateTime!) { updateIncident(id: $id, input: { detectedAt: $at }) { id } }',
      { id, at: later },
      '001',
      REPORT,
    );
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.extensions.fieldErrors[0].code).toBe('AFTER_REPORT');
    expect(error.message).toContain('later than the report');
  });

  it('stores text in NFC', async () => {
    const decomposed = 'Ha\u0300 No\u0323\u0302i'; // "Hà Nội" with combining marks
    const id = await h.report('001', { title: decomposed });
    const data = await h.ok('query($id: ID!) { incident(id: $id) { title } }', { id }, '001', READ);
    expect(data.incident.title).toBe('Hà Nội');
  });

  it('records edited fields', async () => {
    const id = await h.report('001', { category: 'OTHER' });
    const data = await h.ok(
      `mutation($id: ID!) { updateIncident(id: $id, input: {
        title: "Lừa đảo qua trang giả mạo", category: FRAUD, affectedOrganizations: [{ code: "002" }, { code: "00001" }] }) {
        title category affectedOrganizations { id } } }`,
      { id },
      '001',
      REPORT,
    );
    expect(data.updateIncident.title).toBe('Lừa đảo qua trang giả mạo');
    expect(data.updateIncident.category).toBe('FRAUD');
    expect(
      data.updateIncident.affectedOrganizations.map((o: { id: string }) => o.id).sort(),
    ).toEqual([h.orgs.get('002')?.id, h.orgs.get('00001')?.id].sort());
    const entry = (await timelineOf(id)).find((e) => e.kind === 'DETAILS_UPDATED');
    expect(entry).toMatchObject({
      toValue: 'title, category, affectedOrganizations',
      note: 'category: OTHER -> FRAUD',
    });
  });

  it('adds notes to the timeline', async () => {
    const id = await h.report('001', {});
    await h.ok(
      'mutation($id: ID!) { addIncidentNote(id: $id, note: "Đã cô lập máy chủ.") { id } }',
      { id },
      '001',
      REPORT,
    );
    const empty = await failure(
      'mutation($id: ID!) { addIncidentNote(id: $id, note: " ") { id } }',
      { id },
      '001',
      REPORT,
    );
    expect(empty.extensions.code).toBe('BAD_USER_INPUT');
    const entries = await timelineOf(id);
    expect(entries.map((e) => e.kind)).toEqual(['REPORTED', 'NOTE']);
    expect(entries[1]?.note).toBe('Đã cô lập máy chủ.');
  });

  it('audits changed records', async () => {
    const id = await h.report('001', {});
    await h.ok(TRANSITION, { id, to: 'TRIAGED' }, '001', MANAGE);
    const result = await h.sg.db.database.db.execute(
      sql`select record_ids::text as ids, outcome from audit.events where action = 'MUTATION' order by seq desc limit 1`,
    );
    const [event] = rows<{ ids: string; outcome: string }>(result);
    const entries = await h.sg.db.database.db.execute(
      sql`select id::text as id from incidents.timeline_entries where incident_id = ${id} and kind = 'STATUS_CHANGED'`,
    );
    const entryId = rows<{ id: string }>(entries)[0]?.id as string;
    expect(event?.outcome).toBe('SUCCESS');
    expect(event?.ids).toContain(id);
    expect(event?.ids).toContain(entryId);
  });
});
