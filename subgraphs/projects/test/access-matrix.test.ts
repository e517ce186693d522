import { ACCESS_ROLES, judgeAccess, type AccessRole, type RunOperation } from '@dxhub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessSuite } from '../src/index.js';
import { startProjects, type ProjectsTest } from './helpers.js';

const ROLES = Object.keys(ACCESS_ROLES) as AccessRole[];

describe('projects access matrix', () => {
  let test: ProjectsTest;
  let run: RunOperation;
  let seeded: Record<string, unknown>;

  beforeAll(async () => {
    test = await startProjects();
    run = (query, variables, as) => test.sg.run(query, variables, as);
    seeded = await accessSuite.seed(run);
  });
  afterAll(async () => test?.sg.dispose());

  it('covers every query and mutation of the schema', () => {
    const operations = new Set(accessSuite.cases.map((c) => /\{\s*(\w+)/.exec(c.query)?.[1]));
    const schema = test.sg.runtime.schema;
    const roots = [
      ...Object.keys(schema.getQueryType()!.getFields()),
      ...Object.keys(schema.getMutationType()!.getFields()),
    ].filter((name) => !name.startsWith('_'));
    expect(roots.filter((name) => !operations.has(name))).toEqual([]);
  });

  const rows = accessSuite.cases.flatMap((accessCase) =>
    ROLES.map((role) => ({ accessCase, role })),
  );
  it.each(rows.map((row) => [`${row.accessCase.name} as ${row.role}`, row] as const))(
    '%s',
    async (_title, { accessCase, role }) => {
      const values = accessCase.perRoleSeed ? await accessCase.perRoleSeed(run) : seeded;
      const variables = accessCase.variables?.(values);
      const org = ACCESS_ROLES[role];
      const scopes = role === 'admin' ? [...accessCase.scopes, 'hub:admin'] : accessCase.scopes;
      const response = await run(
        accessCase.query,
        variables,
        org === null ? null : { org, scopes },
      );
      expect(judgeAccess(accessCase.expected[role], accessCase.path, response)).toBeNull();
    },
  );
});
