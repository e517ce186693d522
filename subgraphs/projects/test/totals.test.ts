import { STANDARD_ORGS, type OrgSeed } from '@dxhub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLATFORMS, type Platform } from '../src/domain/classifiers.js';
import { PROJECT_STATUSES, type ProjectStatus } from '../src/domain/workflow.js';
import { WRITE, projectInput, runAliased, startProjects, type ProjectsTest } from './helpers.js';

/** Extra units around the standard network: GSO codes of the 2024 list, enterprises by tax code. */
const EXTRA_ORGS: OrgSeed[] = [
  { code: '002', level: 'DISTRICT', kind: 'DISTRICT', parentCode: '01' },
  { code: '00037', level: 'COMMUNE', kind: 'COMMUNE', parentCode: '002' },
  { code: '00004', level: 'COMMUNE', kind: 'COMMUNE', parentCode: '001' },
  { code: 'so-khcn-ha-noi', level: 'PROVINCE', kind: 'DEPARTMENT', parentCode: '01' },
  { code: 'to-cnscd-00001-1', level: 'COMMUNITY', kind: 'COMMUNITY_TEAM', parentCode: '00001' },
  { code: '48', level: 'PROVINCE', kind: 'PROVINCE' },
  { code: '490', level: 'DISTRICT', kind: 'DISTRICT', parentCode: '48' },
  { code: '20194', level: 'COMMUNE', kind: 'COMMUNE', parentCode: '490' },
  { code: 'bo-noi-vu', level: 'CENTRAL', kind: 'MINISTRY' },
  { code: '0101248141', level: 'ENTERPRISE', kind: 'ENTERPRISE' },
  { code: '0100684378', level: 'ENTERPRISE', kind: 'ENTERPRISE' },
];

const ENTERPRISES = ['0100109106', '0101248141', '0100684378'];
const PROJECT_COUNT = 320;

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Step =
  | { kind: 'status'; to: ProjectStatus }
  | { kind: 'budget'; newBudget: bigint }
  | { kind: 'report'; spent: bigint; percent: number };

interface Planned {
  owner: string;
  platform: Platform;
  year: number;
  budget: bigint;
  spent: bigint;
  status: ProjectStatus;
  steps: Step[];
  input: Record<string, unknown>;
  id?: string;
}

/** Plans one project: its creation input, the steps that bring it to its final state, and that state. */
function planProject(next: () => number, owners: string[], index: number): Planned {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const owner = pick(owners);
  const platform = pick(PLATFORMS);
  const year = 2023 + Math.floor(next() * 4);
  const outsourced = next() < 0.5;
  // Mostly 50 million to 50 billion đồng; one project in forty above 2^53.
  let budget = BigInt(Math.floor(50_000_000 + next() * 50_000_000_000));
  if (index % 40 === 0) budget += 9_007_199_254_740_993n;
  const initialBudget = budget;
  const status = pick(PROJECT_STATUSES);
  const steps: Step[] = [];
  let spent = 0n;

  const work = () => {
    steps.push({ kind: 'status', to: 'APPROVED' }, { kind: 'status', to: 'IN_PROGRESS' });
    const first = (budget * BigInt(Math.floor(next() * 60))) / 100n;
    steps.push({ kind: 'report', spent: first, percent: 30 });
    spent = first;
    if (next() < 0.3) {
      // Spending beyond the original budget, allowed by a recorded raise first.
      const raised = budget + budget / 4n;
      steps.push({ kind: 'budget', newBudget: raised });
      budget = raised;
      spent = budget - budget / 10n;
      steps.push({ kind: 'report', spent, percent: 90 });
    }
  };

  if (status === 'APPROVED') steps.push({ kind: 'status', to: 'APPROVED' });
  if (status === 'IN_PROGRESS') work();
  if (status === 'SUSPENDED' || status === 'COMPLETED') {
    work();
    steps.push({ kind: 'status', to: status });
  }
  if (status === 'CANCELLED') {
    if (next() < 0.5) work();
    steps.push({ kind: 'status', to: 'CANCELLED' });
  }

  const input = projectInput({
    ownerCode: owner,
    platform,
    budget: initialBudget.toString(),
    plannedStartOn: `${year}-0${1 + Math.floor(next() * 9)}-15`,
    plannedEndOn: `${year + 1}-06-30`,
    deliveryMode: outsourced ? 'OUTSOURCED_SERVICE' : 'IN_HOUSE',
    ...(outsourced ? { contractorCode: pick(ENTERPRISES) } : {}),
    fundingSource: pick(['STATE_BUDGET_REGULAR', 'STATE_BUDGET_INVESTMENT', 'ODA']),
  });
  return { owner, platform, year, budget, spent, status, steps, input };
}

interface Total {
  platform?: string | null;
  status?: string | null;
  year?: number | null;
  projectCount: number;
  budget: string;
  spentToDate: string;
}

/** Totals computed in the test from the plan, independently of the subgraph's SQL. */
function expectedTotals(projects: Planned[], key: (p: Planned) => Partial<Total>): Total[] {
  const groups = new Map<string, Total>();
  for (const project of projects) {
    const fields = key(project);
    const id = JSON.stringify(fields);
    const group = groups.get(id) ?? { ...fields, projectCount: 0, budget: '0', spentToDate: '0' };
    group.projectCount += 1;
    group.budget = (BigInt(group.budget) + project.budget).toString();
    group.spentToDate = (BigInt(group.spentToDate) + project.spent).toString();
    groups.set(id, group);
  }
  return [...groups.values()];
}

const sortKey = (total: Total) =>
  `${total.platform ?? ''}|${total.status ?? ''}|${total.year ?? ''}`;
const sorted = (totals: Total[]) =>
  [...totals].sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
/** Drops the null grouping fields the API returns, to compare with the plan's groups. */
const compact = (totals: Total[]) =>
  sorted(
    totals.map(
      (total) =>
        Object.fromEntries(
          Object.entries(total).filter(([, value]) => value !== null),
        ) as unknown as Total,
    ),
  );

const TOTALS_FIELDS = /* GraphQL */ `
  all { projectCount budget spentToDate }
  byPlatform { platform projectCount budget spentToDate }
  byStatus { status projectCount budget spentToDate }
  byYear { year projectCount budget spentToDate }
  byPlatformStatusYear { platform status year projectCount budget spentToDate }
`;

const ENTITY_TOTALS = /* GraphQL */ `
  query Totals($reps: [_Any!]!) {
    _entities(representations: $reps) {
      ... on Organization { id projectTotals { ${TOTALS_FIELDS} } projects(first: 0) { totalCount } }
    }
  }
`;

describe('totals on a realistic network', () => {
  let test: ProjectsTest;
  let planned: Planned[] = [];
  const agency = { org: 'cuc-chuyen-doi-so-quoc-gia', scopes: WRITE };
  const allOrgs = [...STANDARD_ORGS, ...EXTRA_ORGS];

  beforeAll(async () => {
    test = await startProjects(allOrgs);
    const owners = allOrgs.filter((org) => org.level !== 'ENTERPRISE').map((org) => org.code);
    const next = random(1690);
    planned = Array.from({ length: PROJECT_COUNT }, (_, index) => planProject(next, owners, index));

    const created = await runAliased(
      test,
      'createProject',
      'CreateProjectInput',
      'id',
      planned.map((p) => p.input),
      agency,
    );
    planned.forEach((project, index) => (project.id = created[index]!.id));

    const rounds = Math.max(...planned.map((p) => p.steps.length));
    for (let round = 0; round < rounds; round += 1) {
      const due = planned.filter((p) => p.steps[round]);
      const of = <K extends Step['kind']>(kind: K) =>
        due
          .map((p) => ({ id: p.id!, step: p.steps[round]! }))
          .filter(
            (d): d is { id: string; step: Extract<Step, { kind: K }> } => d.step.kind === kind,
          );
      await runAliased(
        test,
        'changeProjectStatus',
        'ChangeProjectStatusInput',
        'id',
        of('status').map(({ id, step }) => ({
          projectId: id,
          to: step.to,
          reason: `Chuyển sang ${step.to}`,
          effectiveOn: '2025-01-02',
        })),
        agency,
      );
      await runAliased(
        test,
        'changeProjectBudget',
        'ChangeProjectBudgetInput',
        'id',
        of('budget').map(({ id, step }) => ({
          projectId: id,
          newBudget: step.newBudget.toString(),
          reason: 'Điều chỉnh kinh phí',
        })),
        agency,
      );
      await runAliased(
        test,
        'reportProjectProgress',
        'ReportProjectProgressInput',
        'id',
        of('report').map(({ id, step }) => ({
          projectId: id,
          percentComplete: step.percent,
          spentToDate: step.spent.toString(),
        })),
        agency,
      );
    }

    // District 002 and its commune were merged away on 1 July 2025; their projects stay in the roll-ups.
    await test.sg.db.database.exec(
      `update network.org_tree set valid_to = '2025-06-30' where code in ('002', '00037')`,
    );
  });
  afterAll(async () => test?.sg.dispose());

  /** Projects owned by the unit or a unit below it, from the seeded tree. */
  function under(code: string): Planned[] {
    const unit = test.orgs.get(code)!;
    return planned.filter((project) => {
      const owner = test.orgs.get(project.owner)!;
      return owner.id === unit.id || owner.ancestorIds.includes(unit.id);
    });
  }

  it('generates every status and some amounts above 2^53', () => {
    expect(new Set(planned.map((p) => p.status)).size).toBe(PROJECT_STATUSES.length);
    expect(
      planned.filter((p) => p.budget > BigInt(Number.MAX_SAFE_INTEGER)).length,
    ).toBeGreaterThan(5);
    expect(planned.filter((p) => p.steps.some((s) => s.kind === 'budget')).length).toBeGreaterThan(
      10,
    );
  });

  it('matches independent totals under every unit', async () => {
    const units = allOrgs.map((org) => org.code);
    const reps = units.map((code) => ({ __typename: 'Organization', id: test.orgs.get(code)!.id }));
    const data = await test.ok(
      ENTITY_TOTALS,
      { reps },
      { org: agency.org, scopes: ['projects:read'] },
    );

    units.forEach((code, index) => {
      const projects = under(code);
      const got = data._entities[index];
      const [all] = expectedTotals(projects, () => ({}));
      expect(got.projects.totalCount, code).toBe(projects.length);
      expect(got.projectTotals.all, code).toEqual(
        all ?? { projectCount: 0, budget: '0', spentToDate: '0' },
      );
      expect(compact(got.projectTotals.byPlatform), code).toEqual(
        sorted(expectedTotals(projects, (p) => ({ platform: p.platform }))),
      );
      expect(compact(got.projectTotals.byStatus), code).toEqual(
        sorted(expectedTotals(projects, (p) => ({ status: p.status }))),
      );
      expect(compact(got.projectTotals.byYear), code).toEqual(
        sorted(expectedTotals(projects, (p) => ({ year: p.year }))),
      );
      expect(compact(got.projectTotals.byPlatformStatusYear), code).toEqual(
        sorted(
          expectedTotals(projects, (p) => ({
            platform: p.platform,
            status: p.status,
            year: p.year,
          })),
        ),
      );
    });
  });

  it('includes units merged away in their province', async () => {
    const merged = [...under('002')];
    expect(merged.length).toBeGreaterThan(0);
    const data = await test.ok(
      `query { projectTotals(unitCode: "01") { all { projectCount } } }`,
      {},
      { org: agency.org, scopes: ['projects:read'] },
    );
    expect(data.projectTotals.all.projectCount).toBe(under('01').length);
  });

  it('applies filters to totals', async () => {
    const data = await test.ok(
      `query { projectTotals(unitCode: "01", filter: { years: [2024, 2025], statuses: [IN_PROGRESS, COMPLETED] }) { ${TOTALS_FIELDS} } }`,
      {},
      { org: agency.org, scopes: ['projects:read'] },
    );
    const projects = under('01').filter(
      (p) => [2024, 2025].includes(p.year) && ['IN_PROGRESS', 'COMPLETED'].includes(p.status),
    );
    expect(projects.length).toBeGreaterThan(0);
    expect(data.projectTotals.all).toEqual(expectedTotals(projects, () => ({}))[0]);
    expect(compact(data.projectTotals.byStatus)).toEqual(
      sorted(expectedTotals(projects, (p) => ({ status: p.status }))),
    );
  });

  it('limits totals to the caller’s jurisdiction', async () => {
    const data = await test.ok(
      `query { projectTotals(unitCode: "01") { all { projectCount budget spentToDate } } }`,
      {},
      { org: '001', scopes: ['projects:read'] },
    );
    expect(data.projectTotals.all).toEqual(expectedTotals(under('001'), () => ({}))[0]);
  });

  it('matches independent counts in filtered lists', async () => {
    const data = await test.ok(
      `query { projects(filter: { underUnitCode: "01", platforms: [TRAINING, CYBERSECURITY], years: [2025] }, first: 0) { totalCount } }`,
      {},
      { org: agency.org, scopes: ['projects:read'] },
    );
    const expected = under('01').filter(
      (p) => ['TRAINING', 'CYBERSECURITY'].includes(p.platform) && p.year === 2025,
    );
    expect(data.projects.totalCount).toBe(expected.length);
  });
});
