import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { violatedConstraint } from '../src/resolvers/mutation-support.js';
import {
  CHANGE_BUDGET,
  CHANGE_STATUS,
  CREATE,
  ENTERPRISE,
  REPORT,
  WRITE,
  projectInput,
  startProjects,
  startedProject,
  type ProjectsTest,
} from './helpers.js';

describe('database invariants', () => {
  let test: ProjectsTest;
  const district = { org: '001', scopes: WRITE };
  const actor = sql`'test-subject', 'test-org'`;

  beforeAll(async () => {
    test = await startProjects();
  });
  afterAll(async () => test?.sg.dispose());

  /** Runs raw SQL and returns the name of the constraint that rejected it. */
  async function rejection(statement: ReturnType<typeof sql>): Promise<string | undefined> {
    try {
      await test.sg.db.database.db.execute(statement);
    } catch (error) {
      return violatedConstraint(error) ?? `unnamed: ${(error as Error).message}`;
    }
    return undefined;
  }

  it('rejects a direct status update', async () => {
    const id = await startedProject(test, district);
    expect(
      await rejection(sql`update projects.projects set status = 'COMPLETED' where id = ${id}`),
    ).toBe('projects_status_from_history');
  });

  it('rejects a direct budget or spending update', async () => {
    const id = await startedProject(test, district);
    expect(
      await rejection(sql`update projects.projects set budget = budget + 1 where id = ${id}`),
    ).toBe('projects_budget_from_history');
    expect(
      await rejection(sql`update projects.projects set spent_to_date = 1 where id = ${id}`),
    ).toBe('projects_progress_from_history');
  });

  it('rejects a transition outside the allowed list', async () => {
    const id = await startedProject(test, district);
    expect(
      await rejection(sql`insert into projects.status_changes
        (project_id, from_status, to_status, reason, effective_on, actor_subject, actor_org_code)
        values (${id}, 'IN_PROGRESS', 'PROPOSED', 'x', current_date, ${actor})`),
    ).toBe('status_changes_allowed');
  });

  it('rejects a transition from a status the project is not in', async () => {
    const id = await startedProject(test, district);
    expect(
      await rejection(sql`insert into projects.status_changes
        (project_id, from_status, to_status, reason, effective_on, actor_subject, actor_org_code)
        values (${id}, 'PROPOSED', 'APPROVED', 'x', current_date, ${actor})`),
    ).toBe('status_changes_from_current');
  });

  it('rejects a report above the budget', async () => {
    const id = await startedProject(test, district, { budget: '1000' });
    expect(
      await rejection(sql`insert into projects.progress_reports
        (project_id, reported_on, percent_complete, spent_to_date, actor_subject, actor_org_code)
        values (${id}, current_date, 10, 1001, ${actor})`),
    ).toBe('progress_reports_spending_within_budget');
  });

  it('rejects a backdated report above the budget', async () => {
    const id = await startedProject(test, district, { budget: '1000' });
    await test.ok(
      REPORT,
      { input: { projectId: id, percentComplete: 50, spentToDate: '500' } },
      district,
    );
    expect(
      await rejection(sql`insert into projects.progress_reports
        (project_id, reported_on, percent_complete, spent_to_date, actor_subject, actor_org_code)
        values (${id}, '2025-01-03', 10, 1001, ${actor})`),
    ).toBe('progress_reports_spending_within_budget');
  });

  it('rejects a budget change below the spending', async () => {
    const id = await startedProject(test, district, { budget: '1000' });
    await test.ok(
      REPORT,
      { input: { projectId: id, percentComplete: 50, spentToDate: '500' } },
      district,
    );
    expect(
      await rejection(sql`insert into projects.budget_changes
        (project_id, previous_budget, new_budget, reason, actor_subject, actor_org_code)
        values (${id}, 1000, 499, 'x', ${actor})`),
    ).toBe('projects_spending_within_budget');
  });

  it('rejects a budget change from a stale budget', async () => {
    const id = await startedProject(test, district, { budget: '1000' });
    expect(
      await rejection(sql`insert into projects.budget_changes
        (project_id, previous_budget, new_budget, reason, actor_subject, actor_org_code)
        values (${id}, 999, 2000, 'x', ${actor})`),
    ).toBe('budget_changes_from_current');
  });

  it('rejects a project that does not start as proposed', async () => {
    const owner = test.orgs.get('001')!.id;
    expect(
      await rejection(sql`insert into projects.projects
        (code, name, owner_org_id, platform, delivery_mode, funding_source, budget, status, planned_start_on, planned_end_on)
        values ('DA-SQL-1', 'Trực tiếp', ${owner}, 'OTHER', 'IN_HOUSE', 'OTHER', 1, 'IN_PROGRESS', '2025-01-01', '2025-02-01')`),
    ).toBe('projects_created_proposed');
  });

  it('rejects a contractor on an in-house project', async () => {
    const owner = test.orgs.get('001')!.id;
    const contractor = test.orgs.get(ENTERPRISE)!.id;
    expect(
      await rejection(sql`insert into projects.projects
        (code, name, owner_org_id, platform, delivery_mode, contractor_org_id, funding_source, budget, planned_start_on, planned_end_on)
        values ('DA-SQL-2', 'Trực tiếp', ${owner}, 'OTHER', 'IN_HOUSE', ${contractor}, 'OTHER', 1, '2025-01-01', '2025-02-01')`),
    ).toBe('projects_in_house_without_contractor');
  });

  it('keeps history rows append-only', async () => {
    const id = await startedProject(test, district);
    expect(
      await rejection(
        sql`update projects.status_changes set reason = 'sửa' where project_id = ${id}`,
      ),
    ).toBe('history_append_only');
    expect(await rejection(sql`delete from projects.status_changes where project_id = ${id}`)).toBe(
      'history_append_only',
    );
  });

  it('freezes a closed project and its milestones', async () => {
    const created = await test.ok(CREATE, { input: projectInput() }, district);
    const id = created.createProject.id;
    await test.ok(
      CHANGE_STATUS,
      { input: { projectId: id, to: 'CANCELLED', reason: 'Hủy' } },
      district,
    );
    expect(
      await rejection(sql`update projects.projects set name = 'Đổi tên' where id = ${id}`),
    ).toBe('projects_closed');
    expect(
      await rejection(
        sql`insert into projects.milestones (project_id, title, due_on) values (${id}, 'Mốc', '2025-05-01')`,
      ),
    ).toBe('projects_closed');
  });

  it('keeps spending within budget under concurrent changes', async () => {
    const id = await startedProject(test, district, { budget: '100' });
    const results = await Promise.all([
      test.sg.run(
        CHANGE_BUDGET,
        { input: { projectId: id, newBudget: '50', reason: 'Cắt giảm' } },
        district,
      ),
      test.sg.run(
        REPORT,
        { input: { projectId: id, percentComplete: 80, spentToDate: '80' } },
        district,
      ),
    ]);
    const codes = results.map((result) => result.errors?.[0]?.extensions?.code ?? 'OK');
    expect(codes.filter((code) => code === 'OK')).toHaveLength(1);
    expect(
      codes.some(
        (code) =>
          code === 'PROJECTS_BUDGET_BELOW_SPENDING' || code === 'PROJECTS_SPENDING_EXCEEDS_BUDGET',
      ),
    ).toBe(true);
    const check = await test.ok(
      `query($id: ID!) { project(id: $id) { budget spentToDate } }`,
      { id },
      district,
    );
    expect(BigInt(check.project.spentToDate)).toBeLessThanOrEqual(BigInt(check.project.budget));
  });
});
