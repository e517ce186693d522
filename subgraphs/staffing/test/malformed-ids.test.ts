import type { GraphQLFormattedError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startStaffing, type StaffingTest } from './helpers.js';

const MISSING = '00000000-0000-4000-8000-000000000000';
const BAD_IDS = ['', '  ', 'abc'];

let t: StaffingTest;

beforeAll(async () => {
  t = await startStaffing();
});
afterAll(async () => t?.sg.dispose());

/** Runs an operation as an administrator and returns its first error. */
async function firstError(
  query: string,
  variables: Record<string, unknown>,
): Promise<GraphQLFormattedError> {
  const result = await t.sg.run(query, variables, ADMIN);
  expect(result.errors, JSON.stringify(result.data)).toHaveLength(1);
  return result.errors![0]!;
}

describe('malformed staffing ids', () => {
  it('lookups reject a blank or malformed id', async () => {
    for (const lookup of ['transfer', 'position', 'course', 'trainingSession']) {
      for (const id of BAD_IDS) {
        const error = await firstError(`query ($id: ID!) { ${lookup}(id: $id) { id } }`, { id });
        expect(error.extensions?.code, `${lookup}(${id})`).toBe('BAD_USER_INPUT');
        expect(error.extensions?.field, lookup).toBe('id');
      }
      const unknown = await firstError(`query ($id: ID!) { ${lookup}(id: $id) { id } }`, {
        id: MISSING,
      });
      expect(unknown.extensions?.code, lookup).toBe('NOT_FOUND');
    }
  });

  it('list filters reject a blank or malformed id', async () => {
    const cases: [string, string][] = [
      ['{ assignments(filter: { personId: "" }) { totalCount } }', 'filter.personId'],
      ['{ assignments(filter: { personId: " " }) { totalCount } }', 'filter.personId'],
      ['{ trainingSessions(filter: { courseId: "" }) { totalCount } }', 'filter.courseId'],
      ['{ trainingSessions(filter: { courseId: "abc" }) { totalCount } }', 'filter.courseId'],
    ];
    for (const [query, field] of cases) {
      const error = await firstError(query, {});
      expect(error.extensions?.code, query).toBe('BAD_USER_INPUT');
      expect(error.extensions?.field, query).toBe(field);
    }
  });

  it('list filters keep an unknown id', async () => {
    const result = await t.sg.run(
      'query ($id: ID!) { assignments(filter: { personId: $id }) { totalCount } trainingSessions(filter: { courseId: $id }) { totalCount } }',
      { id: MISSING },
      ADMIN,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      assignments: { totalCount: 0 },
      trainingSessions: { totalCount: 0 },
    });
  });
});
