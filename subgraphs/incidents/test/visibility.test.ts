import { sql } from 'drizzle-orm';
import { rows } from '@dxhub/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READ, REPORT, startIncidents, type IncidentsHarness } from './helpers.js';

/*
 * The TLP 2.0 visibility matrix: five incidents reported by district 001, one per marking, all
 * handled by the response team vncert, the RED one naming enterprise 0100109106. Each viewer
 * must see exactly the incidents its row lists, through every way of reading: by id, in lists,
 * in counts, under an organisation, through shared indicators and through federation.
 */

const MARKINGS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED'] as const;
type Marking = (typeof MARKINGS)[number];

/** Distinct categories and severities, so the counts show which incidents were counted. */
const SEEDS: Record<Marking, { category: string; severity: string; domain: string }> = {
  CLEAR: { category: 'ABUSIVE_CONTENT', severity: 'LOW', domain: 'clear.example.vn' },
  GREEN: { category: 'MALICIOUS_CODE', severity: 'MEDIUM', domain: 'green.example.vn' },
  AMBER: { category: 'INTRUSIONS', severity: 'HIGH', domain: 'amber.example.vn' },
  AMBER_STRICT: {
    category: 'AVAILABILITY',
    severity: 'CRITICAL',
    domain: 'amber-strict.example.vn',
  },
  RED: { category: 'FRAUD', severity: 'CRITICAL', domain: 'red.example.vn' },
};

const SHARED_IP = '203.0.113.50';

interface ViewerCase {
  name: string;
  org: string;
  scopes: string[];
  sees: Marking[];
}

const VIEWERS: ViewerCase[] = [
  {
    name: 'reporter',
    org: '001',
    scopes: READ,
    sees: ['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED'],
  },
  { name: 'parent', org: '01', scopes: READ, sees: ['CLEAR', 'GREEN', 'AMBER'] },
  { name: 'sibling', org: '002', scopes: READ, sees: ['CLEAR', 'GREEN'] },
  { name: 'child', org: '00001', scopes: READ, sees: ['CLEAR', 'GREEN'] },
  { name: 'unrelated', org: '79', scopes: READ, sees: ['CLEAR', 'GREEN'] },
  {
    name: 'handling team',
    org: 'vncert',
    scopes: READ,
    sees: ['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT'],
  },
  { name: 'named recipient', org: '0100109106', scopes: READ, sees: ['CLEAR', 'GREEN', 'RED'] },
  {
    name: 'coordinating agency',
    org: 'cuc-chuyen-doi-so-quoc-gia',
    scopes: READ,
    sees: ['CLEAR', 'GREEN'],
  },
  {
    name: 'hub admin',
    org: 'bo-tai-chinh',
    scopes: [...READ, 'hub:admin'],
    sees: ['CLEAR', 'GREEN'],
  },
  { name: 'non-member', org: 'khong-co-trong-danh-ba', scopes: READ, sees: ['CLEAR'] },
];

let h: IncidentsHarness;
const ids = {} as Record<Marking, string>;
const markingOf = new Map<string, Marking>();

function sorted(values: Iterable<string>): string[] {
  return [...values].sort();
}

beforeAll(async () => {
  h = await startIncidents();
  for (const marking of MARKINGS) {
    const seed = SEEDS[marking];
    ids[marking] = await h.report('001', {
      title: `Sự cố ${marking}`,
      tlp: marking,
      category: seed.category,
      severity: seed.severity,
      handlingTeam: { code: 'vncert' },
      affectedOrganizations: [{ code: '00001' }],
      ...(marking === 'RED' ? { recipients: [{ code: '0100109106' }] } : {}),
      indicators: [
        { type: 'IPV4', value: SHARED_IP },
        { type: 'DOMAIN', value: seed.domain },
      ],
    });
    markingOf.set(ids[marking], marking);
  }
});
afterAll(async () => h?.sg.dispose());

describe.each(VIEWERS)('visibility for $name', (viewer) => {
  const run = (query: string, variables?: Record<string, unknown>) =>
    h.ok(query, variables, viewer.org, viewer.scopes);

  it('incident by id', async () => {
    for (const marking of MARKINGS) {
      const data = await run('query($id: ID!) { incident(id: $id) { id tlp } }', {
        id: ids[marking],
      });
      expect(data.incident?.tlp ?? null, marking).toBe(
        viewer.sees.includes(marking) ? marking : null,
      );
    }
  });

  it('incident through federation', async () => {
    const representations = MARKINGS.map((marking) => ({
      __typename: 'Incident',
      id: ids[marking],
    }));
    const data = await run(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Incident { tlp } } }',
      {
        r: representations,
      },
    );
    const seen = (data._entities as ({ tlp: Marking } | null)[]).map(
      (entity) => entity?.tlp ?? null,
    );
    expect(seen).toEqual(
      MARKINGS.map((marking) => (viewer.sees.includes(marking) ? marking : null)),
    );
  });

  it('incident list and total', async () => {
    const data = await run('{ incidents { totalCount nodes { tlp } } }');
    expect(sorted(data.incidents.nodes.map((node: { tlp: string }) => node.tlp))).toEqual(
      sorted(viewer.sees),
    );
    expect(data.incidents.totalCount).toBe(viewer.sees.length);
  });

  it('statistics count visible only', async () => {
    const data = await run(`{ incidentStatistics {
      total byCategory { category count } bySeverity { severity count } byStatus { status count } } }`);
    const stats = data.incidentStatistics;
    expect(stats.total).toBe(viewer.sees.length);
    const categories = stats.byCategory.map(
      (row: { category: string; count: number }) => `${row.category}:${row.count}`,
    );
    expect(sorted(categories)).toEqual(
      sorted(viewer.sees.map((marking) => `${SEEDS[marking].category}:1`)),
    );
    const severityTotal = stats.bySeverity.reduce(
      (sum: number, row: { count: number }) => sum + row.count,
      0,
    );
    expect(severityTotal).toBe(viewer.sees.length);
    expect(stats.byStatus).toEqual(
      viewer.sees.length > 0 ? [{ status: 'REPORTED', count: viewer.sees.length }] : [],
    );
  });

  it('organisation incidents and counts', async () => {
    const province = h.orgs.get('01')?.id;
    const data = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization {
        incidents { totalCount nodes { tlp } } incidentStatistics { total } } } }`,
      { r: [{ __typename: 'Organization', id: province }] },
    );
    const organisation = data._entities[0];
    expect(sorted(organisation.incidents.nodes.map((node: { tlp: string }) => node.tlp))).toEqual(
      sorted(viewer.sees),
    );
    expect(organisation.incidents.totalCount).toBe(viewer.sees.length);
    expect(organisation.incidentStatistics.total).toBe(viewer.sees.length);
  });

  it('handled incidents of the team', async () => {
    const team = h.orgs.get('vncert')?.id;
    const data = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization {
        incidents(relations: [HANDLED]) { totalCount nodes { tlp } } } } }`,
      { r: [{ __typename: 'Organization', id: team }] },
    );
    expect(
      sorted(data._entities[0].incidents.nodes.map((node: { tlp: string }) => node.tlp)),
    ).toEqual(sorted(viewer.sees));
  });

  it('shared indicator lists visible incidents', async () => {
    const data = await run(
      `{ indicator(type: IPV4, value: "${SHARED_IP}") { value incidents { totalCount nodes { tlp } } } }`,
    );
    expect(sorted(data.indicator.incidents.nodes.map((node: { tlp: string }) => node.tlp))).toEqual(
      sorted(viewer.sees),
    );
    expect(data.indicator.incidents.totalCount).toBe(viewer.sees.length);
  });

  it('indicator of one incident', async () => {
    for (const marking of MARKINGS) {
      const data = await run(
        `{ indicator(type: DOMAIN, value: "${SEEDS[marking].domain}") { value } }`,
      );
      expect(data.indicator?.value ?? null, marking).toBe(
        viewer.sees.includes(marking) ? SEEDS[marking].domain : null,
      );
    }
  });

  it('indicator list shows visible values', async () => {
    const data = await run(
      '{ indicators(filter: { type: DOMAIN }) { totalCount nodes { value } } }',
    );
    const values = data.indicators.nodes.map((node: { value: string }) => node.value);
    expect(sorted(values)).toEqual(sorted(viewer.sees.map((marking) => SEEDS[marking].domain)));
    expect(data.indicators.totalCount).toBe(viewer.sees.length);
  });

  it('shared filter counts visible incidents', async () => {
    const data = await run('{ indicators(filter: { minIncidents: 2 }) { nodes { value } } }');
    const values = data.indicators.nodes.map((node: { value: string }) => node.value);
    expect(values).toEqual(viewer.sees.length >= 2 ? [SHARED_IP] : []);
  });

  it('reads of restricted markings are audited', async () => {
    const before = await auditedReads();
    await run('{ incidents { nodes { id } } }');
    const after = await auditedReads();
    const noted = after.slice(before.length).flat();
    const expected = viewer.sees
      .filter((marking) => marking !== 'CLEAR' && marking !== 'GREEN')
      .map((m) => ids[m]);
    expect(sorted(noted)).toEqual(sorted(expected));
  });
});

/** Record ids of every RESTRICTED_READ event in the audit log, one array per event, in order. */
async function auditedReads(): Promise<string[][]> {
  const result = await h.sg.db.database.db.execute(
    sql`select record_ids from audit.events where action = 'RESTRICTED_READ' order by seq`,
  );
  return rows<{ record_ids: string[] | string }>(result).map((row) =>
    Array.isArray(row.record_ids)
      ? row.record_ids
      : row.record_ids
          .replace(/^\{|\}$/g, '')
          .split(',')
          .filter(Boolean),
  );
}

describe('visibility edge cases', () => {
  it('handling team of RED sees only when named', async () => {
    const id = await h.report('001', {
      tlp: 'RED',
      handlingTeam: { code: 'vncert' },
      recipients: [{ code: 'vncert' }],
    });
    const data = await h.ok(
      'query($id: ID!) { incident(id: $id) { tlp recipients { id } } }',
      { id },
      'vncert',
      READ,
    );
    expect(data.incident.tlp).toBe('RED');
    expect(data.incident.recipients).toEqual([{ id: h.orgs.get('vncert')?.id }]);
  });

  it('CLEAR needs the read scope', async () => {
    const result = await h.sg.run(
      'query($id: ID!) { incident(id: $id) { id } }',
      { id: ids.CLEAR },
      { org: '79', scopes: REPORT.slice(1) },
    );
    expect(result.data?.incident).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('hidden incidents are not found for changes', async () => {
    const result = await h.sg.run(
      'mutation($id: ID!) { addIncidentNote(id: $id, note: "thử") { id } }',
      { id: ids.AMBER_STRICT },
      { org: '01', scopes: REPORT },
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
