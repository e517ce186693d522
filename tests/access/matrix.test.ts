import * as incidentsPackage from '@dxhub/incidents';
import { SUBGRAPHS } from '@dxhub/gateway';
import { startTestHub, type TestHub } from '@dxhub/gateway/testing';
import {
  ACCESS_ROLES,
  judgeAccess,
  type AccessCase,
  type AccessRole,
  type AccessSuite,
  type OrgSeed,
  type RunOperation,
} from '@dxhub/kit/testing';
import * as networkPackage from '@dxhub/network';
import { seedStandardNetwork } from '@dxhub/network/testing';
import * as projectsPackage from '@dxhub/projects';
import * as staffingPackage from '@dxhub/staffing';
import * as surveysPackage from '@dxhub/surveys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** Each subgraph package by name, read for the `accessSuite` it exports. */
const PACKAGES: Record<string, Record<string, unknown>> = {
  network: networkPackage,
  staffing: staffingPackage,
  projects: projectsPackage,
  surveys: surveysPackage,
  incidents: incidentsPackage,
};

const suites = SUBGRAPHS.map((module) => ({
  name: module.name,
  suite: PACKAGES[module.name]?.accessSuite as AccessSuite | undefined,
}));
const missing = suites.filter((entry) => !entry.suite).map((entry) => entry.name);
if (missing.length > 0)
  console.info(
    `access matrix: no accessSuite exported yet by ${missing.join(', ')}; those subgraphs are not covered`,
  );
const present = suites.flatMap((entry) =>
  entry.suite ? [{ name: entry.name, suite: entry.suite }] : [],
);

const ROLES = Object.keys(ACCESS_ROLES) as AccessRole[];

/** Units beyond the standard test network that a package's suite needs (`ACCESS_SUITE_ORGS`). */
const extraOrgsOf = (name: string) =>
  (PACKAGES[name]?.ACCESS_SUITE_ORGS as OrgSeed[] | undefined) ?? [];

const ADMIN = { org: 'bo-tai-chinh', scopes: ['network:read', 'network:write', 'hub:admin'] };

/** Creates `org` in the network subgraph through the gateway, under its parent, as an admin. */
async function createOrg(run: RunOperation, org: OrgSeed): Promise<void> {
  const parent = await run(
    'query ($code: String!) { organization(code: $code) { id } }',
    { code: org.parentCode },
    ADMIN,
  );
  const parentId = (parent.data?.organization as { id?: string } | null)?.id;
  if (!parentId)
    throw new Error(
      `access matrix: parent ${org.parentCode} of ${org.code} not found: ${JSON.stringify(parent.errors)}`,
    );
  const created = await run(
    'mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }',
    {
      input: {
        code: org.code,
        name: org.code,
        kind: org.kind,
        parentId,
        validFrom: org.validFrom ?? '2020-01-01',
      },
    },
    ADMIN,
  );
  if (created.errors?.length)
    throw new Error(
      `access matrix: creating ${org.code} failed: ${JSON.stringify(created.errors)}`,
    );
}

describe('access matrix through the gateway', () => {
  let t: TestHub;

  /** Runs an operation through the gateway as `as` (no token when null), as the suites expect. */
  const run: RunOperation = async (query, variables, as) => {
    const headers: Record<string, string> = {};
    if (as) headers.authorization = await t.bearer(as.org, as.scopes);
    const response = await t.post({ query, ...(variables ? { variables } : {}) }, headers);
    return response.body;
  };

  const rateLimitSetting = process.env.DXHUB_RATE_LIMIT;
  beforeAll(async () => {
    // The matrix sends many writes as one subject within a second; it checks access, not rates.
    process.env.DXHUB_RATE_LIMIT = 'off';
    t = await startTestHub();
    if (!t.hub.database) throw new Error('the in-process hub has no database');
    await seedStandardNetwork(t.hub.database);
  });
  afterAll(async () => {
    await t?.dispose();
    if (rateLimitSetting === undefined) delete process.env.DXHUB_RATE_LIMIT;
    else process.env.DXHUB_RATE_LIMIT = rateLimitSetting;
  });

  it('finds an access suite for every subgraph', () => {
    expect(missing).toEqual([]);
  });

  describe.each(present)('$name', ({ name, suite }) => {
    let seeded: Record<string, unknown> = {};
    beforeAll(async () => {
      for (const org of extraOrgsOf(name)) await createOrg(run, org);
      seeded = await suite.seed(run);
    });

    it.each(suite.cases.map((accessCase) => [accessCase.name, accessCase] as const))(
      '%s',
      async (_name, accessCase: AccessCase) => {
        const failures: string[] = [];
        for (const role of ROLES) {
          const org = ACCESS_ROLES[role];
          const identity =
            org === null
              ? null
              : {
                  org,
                  scopes:
                    role === 'admin' ? [...accessCase.scopes, 'hub:admin'] : accessCase.scopes,
                };
          const perRole = accessCase.perRoleSeed ? await accessCase.perRoleSeed(run) : {};
          const variables = accessCase.variables?.({ ...seeded, ...perRole });
          const response = await run(accessCase.query, variables, identity);
          const verdict = judgeAccess(accessCase.expected[role], accessCase.path, response);
          if (verdict) failures.push(`${role}: ${verdict}`);
        }
        expect(failures).toEqual([]);
      },
    );
  });
});
