import { ACCESS_ROLES, judgeAccess, type AccessRole, type RunOperation } from '@dxhub/kit/testing';
import type { GraphQLObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessSuite } from '../src/index.js';
import { startIncidents, type IncidentsHarness } from './helpers.js';

let h: IncidentsHarness;
let seeded: Record<string, unknown>;

const run: RunOperation = (query, variables, as) => h.sg.run(query, variables, as);

/** Runs an operation as one of the suite's roles; the admin role also has the hub:admin scope. */
function runAs(
  role: AccessRole,
  query: string,
  variables: Record<string, unknown> | undefined,
  scopes: string[],
) {
  const org = ACCESS_ROLES[role];
  if (org === null) return h.sg.run(query, variables, null);
  return h.sg.run(query, variables, {
    org,
    scopes: role === 'admin' ? [...scopes, 'hub:admin'] : scopes,
  });
}

beforeAll(async () => {
  h = await startIncidents();
  seeded = await accessSuite.seed(run);
});
afterAll(async () => h?.sg.dispose());

describe('incidents access matrix', () => {
  it('covers every query and mutation', () => {
    const schema = h.sg.runtime.schema;
    const fields = (type: GraphQLObjectType | null | undefined) =>
      Object.keys(type?.getFields() ?? {}).filter((name) => !name.startsWith('_'));
    const covered = new Set(accessSuite.cases.map((c) => c.query.match(/\{\s*(\w+)/)?.[1]));
    for (const field of [...fields(schema.getQueryType()), ...fields(schema.getMutationType())])
      expect(covered, field).toContain(field);
  });

  for (const testCase of accessSuite.cases) {
    it(testCase.name, async () => {
      const problems: string[] = [];
      for (const role of Object.keys(ACCESS_ROLES) as AccessRole[]) {
        const perRole = testCase.perRoleSeed ? await testCase.perRoleSeed(run) : {};
        const variables = testCase.variables?.({ ...seeded, ...perRole });
        const response = await runAs(role, testCase.query, variables, testCase.scopes);
        const problem = judgeAccess(testCase.expected[role], testCase.path, response);
        if (problem) problems.push(`${role}: ${problem}`);
      }
      expect(problems).toEqual([]);
    });
  }
});
