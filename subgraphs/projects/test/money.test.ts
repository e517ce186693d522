import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHANGE_BUDGET,
  CREATE,
  REPORT,
  WRITE,
  projectInput,
  startProjects,
  startedProject,
  type ProjectsTest,
} from './helpers.js';

// 2^53 + 1, 2^53 + 3: the first integers a JS number cannot hold.
const ABOVE_2_53 = '9007199254740993';
const ABOVE_2_53_ODD = '9007199254740995';
const INT64_MAX = '9223372036854775807';

const TOTALS = /* GraphQL */ `
  query Totals($code: String!) {
    projectTotals(unitCode: $code) {
      all {
        projectCount
        budget
        spentToDate
      }
      byPlatform {
        platform
        budget
        spentToDate
      }
    }
  }
`;

describe('money above 2^53', () => {
  let test: ProjectsTest;
  const commune = { org: '26734', scopes: WRITE };

  beforeAll(async () => {
    test = await startProjects();
  });
  afterAll(async () => test?.sg.dispose());

  it('round-trips a single budget exactly', async () => {
    const created = await test.ok(
      CREATE,
      { input: projectInput({ budget: ABOVE_2_53, ownerCode: '001' }) },
      { org: '001', scopes: WRITE },
    );
    expect(created.createProject.budget).toBe(ABOVE_2_53);
    const read = await test.ok(
      `query($id: ID!) { project(id: $id) { budget remainingBudget } }`,
      { id: created.createProject.id },
      { org: '001', scopes: WRITE },
    );
    expect(read.project.budget).toBe(ABOVE_2_53);
    expect(read.project.remainingBudget).toBe(ABOVE_2_53);
  });

  it('round-trips the largest 64-bit budget', async () => {
    const created = await test.ok(
      CREATE,
      { input: projectInput({ budget: INT64_MAX }) },
      { org: '001', scopes: WRITE },
    );
    expect(created.createProject.budget).toBe(INT64_MAX);
  });

  it('rejects a budget beyond 64 bits', async () => {
    const result = await test.sg.run(
      CREATE,
      { input: projectInput({ budget: '9223372036854775808' }) },
      { org: '001', scopes: WRITE },
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('keeps spending and budget changes exact', async () => {
    const id = await startedProject(test, commune, { budget: ABOVE_2_53 });
    await test.ok(
      CHANGE_BUDGET,
      { input: { projectId: id, newBudget: ABOVE_2_53_ODD, reason: 'Bổ sung 2 đồng' } },
      commune,
    );
    const report = await test.ok(
      REPORT,
      { input: { projectId: id, percentComplete: 99, spentToDate: ABOVE_2_53 } },
      commune,
    );
    expect(report.reportProjectProgress.spentToDate).toBe(ABOVE_2_53);
    const read = await test.ok(
      `query($id: ID!) { project(id: $id) { budget spentToDate remainingBudget budgetChanges { previousBudget newBudget } } }`,
      { id },
      commune,
    );
    expect(read.project.budget).toBe(ABOVE_2_53_ODD);
    expect(read.project.spentToDate).toBe(ABOVE_2_53);
    expect(read.project.remainingBudget).toBe('2');
    expect(read.project.budgetChanges).toEqual([
      { previousBudget: ABOVE_2_53, newBudget: ABOVE_2_53_ODD },
    ]);
  });

  it('sums budgets past 2^53 exactly in SQL', async () => {
    // Commune 26734 of province 79 holds only the projects made here.
    const second = await startedProject(test, commune, {
      budget: ABOVE_2_53,
      platform: 'CYBERSECURITY',
    });
    await test.ok(
      REPORT,
      {
        input: { projectId: second, percentComplete: 50, spentToDate: ABOVE_2_53_ODD.slice(0, -1) },
      },
      commune,
    );
    await test.ok(
      CREATE,
      { input: projectInput({ budget: ABOVE_2_53_ODD, platform: 'CYBERSECURITY' }) },
      commune,
    );

    const expectedBudget = BigInt(ABOVE_2_53_ODD) + BigInt(ABOVE_2_53) + BigInt(ABOVE_2_53_ODD);
    const expectedSpent = BigInt(ABOVE_2_53) + BigInt(ABOVE_2_53_ODD.slice(0, -1));
    for (const unit of ['26734', '760', '79']) {
      const data = await test.ok(TOTALS, { code: unit }, { org: '79', scopes: WRITE });
      expect(data.projectTotals.all.projectCount).toBe(3);
      expect(data.projectTotals.all.budget).toBe(expectedBudget.toString());
      expect(data.projectTotals.all.spentToDate).toBe(expectedSpent.toString());
    }
    const data = await test.ok(TOTALS, { code: '79' }, { org: '79', scopes: WRITE });
    const cyber = data.projectTotals.byPlatform.find(
      (row: { platform: string }) => row.platform === 'CYBERSECURITY',
    );
    expect(cyber.budget).toBe((BigInt(ABOVE_2_53) + BigInt(ABOVE_2_53_ODD)).toString());
    expect(expectedBudget > BigInt(Number.MAX_SAFE_INTEGER) * 2n).toBe(true);
  });
});
