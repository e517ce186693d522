import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANAGE, READ, REPORT, startIncidents, type IncidentsHarness } from './helpers.js';

/*
 * Lists, filters, pagination, counts under units and the number of SQL statements a request
 * costs. Incidents here are GREEN unless a test sets another marking, so every member reads them.
 */

let h: IncidentsHarness;
beforeAll(async () => {
  h = await startIncidents();
});
afterAll(async () => h?.sg.dispose());

const LIST = /* GraphQL */ `
  query ($filter: IncidentFilter, $updatedSince: DateTime, $first: Int, $after: String) {
    incidents(filter: $filter, updatedSince: $updatedSince, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          title
        }
      }
    }
  }
`;

/** Counts SQL statements while one operation runs. */
async function statementsFor(
  query: string,
  variables: Record<string, unknown> | undefined,
  org: string,
): Promise<number> {
  const counter = h.sg.db.database.statements;
  const before = counter.count;
  await h.ok(query, variables, org, READ);
  return counter.count - before;
}

describe('incident lists', () => {
  const created: string[] = [];
  beforeAll(async () => {
    for (let index = 0; index < 5; index += 1) {
      created.push(
        await h.report('79', {
          title: `Quét cổng lần ${index}`,
          category: 'INFORMATION_GATHERING',
          severity: 'LOW',
        }),
      );
    }
  });

  it('pages newest first without gaps', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const data = await h.ok(
        LIST,
        { filter: { category: ['INFORMATION_GATHERING'] }, first: 2, after },
        '760',
        READ,
      );
      const connection = data.incidents;
      expect(connection.totalCount).toBe(5);
      expect(connection.pageInfo.hasPreviousPage).toBe(after !== null);
      seen.push(...connection.edges.map((edge: { node: { id: string } }) => edge.node.id));
      after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
      pages += 1;
    } while (after);
    expect(pages).toBe(3);
    expect(seen).toEqual([...created].reverse());
  });

  it('filters by status, severity and marking', async () => {
    const triaged = await h.report('79', {
      category: 'VULNERABLE',
      severity: 'CRITICAL',
      tlp: 'CLEAR',
    });
    await h.ok(
      'mutation($id: ID!) { transitionIncident(id: $id, to: TRIAGED) { id } }',
      { id: triaged },
      '79',
      MANAGE,
    );
    const byStatus = await h.ok(
      LIST,
      { filter: { status: ['TRIAGED'], category: ['VULNERABLE'] } },
      '01',
      READ,
    );
    expect(byStatus.incidents.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([
      triaged,
    ]);
    const bySeverity = await h.ok(
      LIST,
      { filter: { severity: ['CRITICAL'], tlp: ['CLEAR'] } },
      '01',
      READ,
    );
    expect(bySeverity.incidents.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([
      triaged,
    ]);
    const none = await h.ok(LIST, { filter: { status: [] } }, '01', READ);
    expect(none.incidents.totalCount).toBe(0);
  });

  it('filters by report time', async () => {
    const future = await h.ok(
      LIST,
      { filter: { reportedFrom: new Date(Date.now() + 60_000).toISOString() } },
      '01',
      READ,
    );
    expect(future.incidents.totalCount).toBe(0);
    const past = await h.ok(
      LIST,
      { filter: { reportedBefore: '2000-01-01T00:00:00Z' } },
      '01',
      READ,
    );
    expect(past.incidents.totalCount).toBe(0);
    const all = await h.ok(LIST, { filter: { reportedFrom: '2000-01-01T00:00:00Z' } }, '01', READ);
    expect(all.incidents.totalCount).toBeGreaterThanOrEqual(5);
  });

  it('updatedSince keeps changed incidents', async () => {
    const since = new Date().toISOString();
    const changed = created[0] as string;
    await h.ok(
      'mutation($id: ID!) { addIncidentNote(id: $id, note: "Đã chặn dải địa chỉ.") { id } }',
      { id: changed },
      '79',
      REPORT,
    );
    const data = await h.ok(LIST, { updatedSince: since }, '01', READ);
    expect(data.incidents.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([changed]);
    const timeline = await h.ok(
      'query($id: ID!, $since: DateTime) { incident(id: $id) { timeline(updatedSince: $since) { kind } } }',
      { id: changed, since },
      '01',
      READ,
    );
    expect(timeline.incident.timeline).toEqual([{ kind: 'NOTE' }]);
  });

  it('rejects a foreign cursor', async () => {
    const cursor = Buffer.from(JSON.stringify(['không phải thời điểm', 1])).toString('base64url');
    const result = await h.sg.run(
      LIST,
      { after: cursor },
      { org: '01', scopes: READ, locale: 'vi' },
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.field).toBe('after');
    // A cursor without the list's scope is read as one of another query.
    expect(result.errors?.[0]?.extensions?.reason).toBe('CURSOR_QUERY_MISMATCH');
    expect(result.errors?.[0]?.message).toContain('không truyền after');
  });

  it('rejects a cursor of other filters', async () => {
    const filter = { category: ['INFORMATION_GATHERING', 'INTRUSIONS'] };
    const first = await h.ok(LIST, { filter, first: 1 }, '760', READ);
    const after = first.incidents.pageInfo.endCursor;
    // The order of the values in a filter list does not change the rows, so the cursor fits.
    const reordered = await h.ok(
      LIST,
      { filter: { category: ['INTRUSIONS', 'INFORMATION_GATHERING'] }, first: 1, after },
      '760',
      READ,
    );
    expect(reordered.incidents.pageInfo.hasPreviousPage).toBe(true);
    for (const variables of [
      { filter: { category: ['INFORMATION_GATHERING'] } },
      { filter, updatedSince: '2020-01-01T00:00:00Z' },
      {},
    ]) {
      const result = await h.sg.run(
        LIST,
        { ...variables, first: 1, after },
        { org: '760', scopes: READ },
      );
      expect(result.errors?.[0]?.extensions?.field, JSON.stringify(variables)).toBe('after');
      expect(result.errors?.[0]?.extensions?.reason).toBe('CURSOR_QUERY_MISMATCH');
    }
  });

  it('keeps after as the end of an empty page', async () => {
    const filter = { category: ['INFORMATION_GATHERING'] };
    const first = await h.ok(LIST, { filter, first: 2 }, '760', READ);
    const after = first.incidents.edges[0].cursor;
    const empty = await h.ok(LIST, { filter, first: 0, after }, '760', READ);
    expect(empty.incidents.edges).toEqual([]);
    expect(empty.incidents.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: true,
      endCursor: after,
    });
    const next = await h.ok(
      LIST,
      { filter, first: 1, after: empty.incidents.pageInfo.endCursor },
      '760',
      READ,
    );
    expect(next.incidents.edges[0].node.id).toBe(first.incidents.edges[1].node.id);
  });

  it('rejects an oversized page', async () => {
    const result = await h.sg.run(LIST, { first: 501 }, { org: '01', scopes: READ });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('unknown ids read as null', async () => {
    const data = await h.ok(
      '{ a: incident(id: "00000000-0000-4000-8000-000000000000") { id } }',
      undefined,
      '01',
      READ,
    );
    expect(data).toEqual({ a: null });
  });

  it('malformed ids are rejected', async () => {
    const result = await h.sg.run('{ b: incident(id: "không-phải-uuid") { id } }', undefined, {
      org: '01',
      scopes: READ,
    });
    expect(result.data).toEqual({ b: null });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.field).toBe('id');
  });
});

describe('counts under a unit', () => {
  const ORG_QUERY = /* GraphQL */ `
    query ($r: [_Any!]!, $relations: [IncidentRelation!], $sub: Boolean) {
      _entities(representations: $r) {
        ... on Organization {
          id
          incidents(
            relations: $relations
            includeSubunits: $sub
            filter: { category: [AVAILABILITY, INTRUSIONS] }
          ) {
            totalCount
          }
          incidentStatistics(
            relations: $relations
            includeSubunits: $sub
            filter: { category: [AVAILABILITY, INTRUSIONS] }
          ) {
            total
            byCategory {
              category
              label
              count
            }
            bySeverity {
              severity
              count
            }
            byStatus {
              status
              label
              count
            }
          }
        }
      }
    }
  `;

  beforeAll(async () => {
    await h.report('00001', { category: 'AVAILABILITY', severity: 'HIGH' });
    await h.report('001', { category: 'AVAILABILITY', severity: 'MEDIUM' });
    await h.report('002', {
      category: 'INTRUSIONS',
      severity: 'HIGH',
      affectedOrganizations: [{ code: '00001' }],
    });
    await h.report('26734', {
      category: 'INTRUSIONS',
      severity: 'LOW',
      handlingTeam: { code: 'vncert' },
    });
  });

  function unit(code: string) {
    return { __typename: 'Organization', id: h.orgs.get(code)?.id };
  }

  it('rolls up a province', async () => {
    const data = await h.ok(ORG_QUERY, { r: [unit('01')] }, '01', READ, 'vi');
    const stats = data._entities[0].incidentStatistics;
    expect(data._entities[0].incidents.totalCount).toBe(3);
    expect(stats.total).toBe(3);
    expect(stats.byCategory).toEqual([
      { category: 'AVAILABILITY', label: 'Tấn công tính sẵn sàng', count: 2 },
      { category: 'INTRUSIONS', label: 'Xâm nhập', count: 1 },
    ]);
    expect(stats.bySeverity).toEqual([
      { severity: 'HIGH', count: 2 },
      { severity: 'MEDIUM', count: 1 },
    ]);
    expect(stats.byStatus).toEqual([{ status: 'REPORTED', label: 'Đã báo cáo', count: 3 }]);
  });

  it('separates unit from subtree', async () => {
    const data = await h.ok(
      ORG_QUERY,
      { r: [unit('001')], sub: false, relations: ['REPORTED'] },
      '01',
      READ,
    );
    expect(data._entities[0].incidentStatistics.total).toBe(1);
    const subtree = await h.ok(
      ORG_QUERY,
      { r: [unit('001')], relations: ['REPORTED'] },
      '01',
      READ,
    );
    expect(subtree._entities[0].incidentStatistics.total).toBe(2);
  });

  it('counts affected organisations', async () => {
    const data = await h.ok(ORG_QUERY, { r: [unit('00001')], relations: ['AFFECTED'] }, '01', READ);
    expect(data._entities[0].incidentStatistics.total).toBe(1);
    expect(data._entities[0].incidentStatistics.byCategory).toEqual([
      { category: 'INTRUSIONS', label: 'Intrusions', count: 1 },
    ]);
  });

  it('counts handled incidents', async () => {
    const data = await h.ok(ORG_QUERY, { r: [unit('vncert')], relations: ['HANDLED'] }, '01', READ);
    expect(data._entities[0].incidentStatistics.total).toBe(1);
  });

  it('pages a unit’s incidents newest first, with the count on every page', async () => {
    const PAGE_QUERY = /* GraphQL */ `
      query ($r: [_Any!]!, $after: String) {
        _entities(representations: $r) {
          ... on Organization {
            incidents(first: 1, after: $after) {
              totalCount
              nodes {
                id
                reportedAt
              }
              pageInfo {
                hasNextPage
                endCursor
              }
            }
          }
        }
      }
    `;
    const seen: { id: string; reportedAt: string }[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page += 1) {
      const data = await h.ok(PAGE_QUERY, { r: [unit('01')], after }, '01', READ);
      const connection = data._entities[0].incidents;
      expect(connection.totalCount).toBe(3);
      seen.push(...connection.nodes);
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(3);
    expect(new Set(seen.map((node) => node.id)).size).toBe(3);
    const times = seen.map((node) => Date.parse(node.reportedAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const first = await h.ok(PAGE_QUERY, { r: [unit('01')] }, '01', READ);
    const cursor = first._entities[0].incidents.pageInfo.endCursor;
    const other = await h.sg.run(
      PAGE_QUERY,
      { r: [unit('79')], after: cursor },
      { org: '01', scopes: READ },
    );
    expect(other.errors?.[0]?.extensions?.reason).toBe('CURSOR_QUERY_MISMATCH');
    expect(other.errors?.[0]?.path).toEqual(['_entities', 0, 'incidents']);
  });

  it('batches many organisations', async () => {
    const codes = ['01', '001', '002', '00001', '79', '760', '26734', 'vncert'];
    const one = await statementsFor(ORG_QUERY, { r: [unit('01')] }, '01');
    const many = await statementsFor(ORG_QUERY, { r: codes.map(unit) }, '01');
    expect(many).toBe(one);
    const data = await h.ok(ORG_QUERY, { r: codes.map(unit) }, '01', READ);
    expect(
      data._entities.map((o: { incidents: { totalCount: number } }) => o.incidents.totalCount),
    ).toEqual([3, 3, 1, 2, 1, 1, 1, 0]);
  });
});

describe('statement counts', () => {
  const DEEP = /* GraphQL */ `
    query ($filter: IncidentFilter) {
      incidents(filter: $filter, first: 100) {
        nodes {
          id
          reporter {
            id
          }
          affectedOrganizations {
            id
          }
          recipients {
            id
          }
          handlingTeam {
            id
          }
          indicators {
            value
            incidents(first: 5) {
              totalCount
              nodes {
                id
                title
              }
            }
          }
          timeline {
            kind
            actorOrganization {
              id
            }
          }
          stixBundle
        }
      }
    }
  `;

  it('stay constant as rows grow', async () => {
    const report = (category: string) =>
      h.report('0100109106', {
        category,
        affectedOrganizations: [{ code: '0100109106' }],
        indicators: [
          { type: 'SHA256', value: 'ab'.repeat(32) },
          { type: 'URL', value: `https://example.vn/${category.toLowerCase()}/${Math.random()}` },
        ],
      });
    await report('ABUSIVE_CONTENT');
    await report('OTHER');
    const small = await statementsFor(
      DEEP,
      { filter: { category: ['ABUSIVE_CONTENT', 'OTHER'] } },
      '0100109106',
    );
    for (let index = 0; index < 6; index += 1)
      await report(index % 2 === 0 ? 'ABUSIVE_CONTENT' : 'OTHER');
    const large = await statementsFor(
      DEEP,
      { filter: { category: ['ABUSIVE_CONTENT', 'OTHER'] } },
      '0100109106',
    );
    expect(large).toBe(small);
    expect(small).toBeLessThanOrEqual(12);
  });
});

describe('response teams', () => {
  it('lists teams valid today', async () => {
    const data = await h.ok('{ incidentResponseTeams { id } }', undefined, '001', [
      'incidents:report',
    ]);
    expect(data.incidentResponseTeams).toEqual([{ id: h.orgs.get('vncert')?.id }]);
  });
});
