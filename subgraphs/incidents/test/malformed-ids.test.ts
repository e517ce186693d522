import type { GraphQLFormattedError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANAGE, startIncidents, type IncidentsHarness } from './helpers.js';

const MISSING = '00000000-0000-4000-8000-000000000000';
const BAD_IDS = ['', '  ', 'abc', `${MISSING}x`];

/** Mutations that take the incident's id, each with the arguments it needs besides `id`. */
const ID_MUTATIONS: [string, string][] = [
  ['updateIncident', 'updateIncident(id: $id, input: { title: "Tiêu đề mới" }) { id }'],
  ['changeIncidentSeverity', 'changeIncidentSeverity(id: $id, severity: LOW) { id }'],
  ['changeIncidentMarking', 'changeIncidentMarking(id: $id, tlp: AMBER) { id }'],
  ['assignHandlingTeam', 'assignHandlingTeam(id: $id, team: { code: "vncert" }) { id }'],
  ['transitionIncident', 'transitionIncident(id: $id, to: TRIAGED) { id }'],
  [
    'addIncidentIndicators',
    'addIncidentIndicators(id: $id, indicators: [{ type: IPV4, value: "203.0.113.7" }]) { id }',
  ],
  ['removeIncidentIndicator', `removeIncidentIndicator(id: $id, indicatorId: "${MISSING}") { id }`],
  ['addIncidentNote', 'addIncidentNote(id: $id, note: "Ghi chú") { id }'],
];

let h: IncidentsHarness;
let incidentId: string;

beforeAll(async () => {
  h = await startIncidents();
  incidentId = await h.report('001', {});
});
afterAll(async () => h?.sg.dispose());

/** Runs an operation as the reporter with every incidents scope and returns its first error. */
async function firstError(
  query: string,
  variables: Record<string, unknown>,
  locale = 'en',
): Promise<GraphQLFormattedError> {
  const result = await h.sg.run(query, variables, { org: '001', scopes: MANAGE, locale });
  expect(result.errors, JSON.stringify(result.data)).toHaveLength(1);
  return result.errors![0]!;
}

/** Checks that an error is BAD_USER_INPUT naming `field` and, in its message, `value`. */
function expectBadInput(error: GraphQLFormattedError, field: string, value: string): void {
  expect(error.extensions?.code, `${field}: ${error.message}`).toBe('BAD_USER_INPUT');
  expect(error.extensions?.field, error.message).toBe(field);
  expect(error.extensions?.fieldErrors).toEqual([
    expect.objectContaining({ field, value, code: expect.any(String) }),
  ]);
  if (value.trim() !== '') expect(error.message).toContain(`"${value}"`);
}

describe('malformed incident ids', () => {
  it('incident rejects a blank or malformed id', async () => {
    for (const id of BAD_IDS) {
      const error = await firstError('query ($id: ID!) { incident(id: $id) { id } }', { id });
      expectBadInput(error, 'id', id);
    }
  });

  it('incident explains the id in both languages', async () => {
    const query = 'query ($id: ID!) { incident(id: $id) { id } }';
    const en = await firstError(query, { id: 'abc' });
    expect(en.message).toBe(
      'Invalid value for id: "abc" is not a UUID; give the id field of the incident.',
    );
    const vi = await firstError(query, { id: 'abc' }, 'vi');
    expect(vi.message).toBe(
      'Giá trị không hợp lệ ở id: "abc" không phải là mã định danh dạng UUID; hãy nhập trường id của sự cố an toàn thông tin mạng.',
    );
    const blank = await firstError(query, { id: '' }, 'vi');
    expect(blank.message).toBe(
      'Giá trị không hợp lệ ở id: mã định danh đang để trống (bắt buộc); hãy nhập trường id của sự cố an toàn thông tin mạng (dạng UUID).',
    );
  });

  it('incident keeps null for an unknown id', async () => {
    const result = await h.sg.run(
      'query ($id: ID!) { incident(id: $id) { id } }',
      { id: MISSING },
      { org: '001', scopes: MANAGE },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.incident).toBeNull();
  });

  it('incident accepts an upper-case id', async () => {
    const data = await h.ok(
      'query ($id: ID!) { incident(id: $id) { id } }',
      { id: incidentId.toUpperCase() },
      '001',
      MANAGE,
    );
    expect(data.incident).toEqual({ id: incidentId });
  });

  it('mutations reject a blank or malformed id', async () => {
    for (const [name, selection] of ID_MUTATIONS) {
      for (const id of BAD_IDS) {
        const error = await firstError(`mutation ($id: ID!) { ${selection} }`, { id });
        expect(error.path, name).toEqual([name]);
        expectBadInput(error, 'id', id);
      }
    }
  });

  it('mutations keep NOT_FOUND for an unknown id', async () => {
    for (const [name, selection] of ID_MUTATIONS) {
      const error = await firstError(`mutation ($id: ID!) { ${selection} }`, { id: MISSING });
      expect(error.extensions?.code, name).toBe('NOT_FOUND');
      expect(error.extensions?.entity, name).toBe('Incident');
    }
  });

  it('removing rejects a malformed indicator id', async () => {
    const query =
      'mutation ($id: ID!, $indicatorId: ID!) { removeIncidentIndicator(id: $id, indicatorId: $indicatorId) { id } }';
    for (const indicatorId of BAD_IDS) {
      const error = await firstError(query, { id: incidentId, indicatorId });
      expectBadInput(error, 'indicatorId', indicatorId);
    }
    const vi = await firstError(query, { id: incidentId, indicatorId: 'abc' }, 'vi');
    expect(vi.message).toContain('hãy nhập trường id của dấu hiệu xâm phạm (IOC)');
    const unknown = await firstError(query, { id: incidentId, indicatorId: MISSING });
    expect(unknown.extensions?.code).toBe('NOT_FOUND');
  });

  it('entity references with a malformed id stay null', async () => {
    const data = await h.ok(
      `query ($representations: [_Any!]!) {
        _entities(representations: $representations) { ... on Incident { id } }
      }`,
      { representations: [{ __typename: 'Incident', id: 'abc' }] },
      '001',
      MANAGE,
    );
    expect(data._entities).toEqual([null]);
  });
});
