import { ACCESS_ROLES, judgeAccess, type AccessRole, type RunOperation } from '@dxhub/kit/testing';
import type { TestSubgraph } from '@dxhub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessSuite } from '../src/index.js';
import { startNetwork } from './helpers.js';

describe('network access matrix', () => {
  let sg: TestSubgraph;
  let seeded: Record<string, unknown>;
  let run: RunOperation;

  beforeAll(async () => {
    sg = await startNetwork();
    run = (query, variables, as) => sg.run(query, variables, as);
    seeded = await accessSuite.seed(run);
  });
  afterAll(async () => sg?.dispose());

  it('covers every query and mutation', () => {
    const schema = sg.runtime.schema;
    const operations = [
      ...Object.keys(schema.getQueryType()?.getFields() ?? {}),
      ...Object.keys(schema.getMutationType()?.getFields() ?? {}),
    ].filter((name) => !name.startsWith('_'));
    const covered = new Set(accessSuite.cases.map((c) => c.name));
    expect(operations.filter((name) => !covered.has(name))).toEqual([]);
  });

  for (const accessCase of accessSuite.cases) {
    for (const role of Object.keys(ACCESS_ROLES) as AccessRole[]) {
      it(`${accessCase.name} as ${role}`, async () => {
        const perRole = accessCase.perRoleSeed ? await accessCase.perRoleSeed(run) : {};
        const variables = accessCase.variables?.({ ...seeded, ...perRole });
        const org = ACCESS_ROLES[role];
        const scopes = role === 'admin' ? [...accessCase.scopes, 'hub:admin'] : accessCase.scopes;
        const response = await run(
          accessCase.query,
          variables,
          org === null ? null : { org, scopes },
        );
        expect(judgeAccess(accessCase.expected[role], accessCase.path, response)).toBeNull();
      });
    }
  }
});
