import { vietnamDate } from '@dxhub/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHANGE_BUDGET,
  CHANGE_STATUS,
  CREATE,
  REPORT,
  WRITE,
  projectInput,
  startProjects,
  startedProject,
  type ProjectsTest,
} from './helpers.js';

const PROJECT = /* GraphQL */ `
  query Project($id: ID!) {
    project(id: $id) {
      budget
      spentToDate
      remainingBudget
      percentComplete
      latestReport {
        spentToDate
        percentComplete
        reportedOn
        note
      }
      progressReports {
        reportedOn
        spentToDate
        reportedBy
        reportedByOrg {
          id
        }
      }
      budgetChanges {
        previousBudget
        newBudget
        reason
        decisionRef
        changedBy
        changedByOrg {
          id
        }
      }
    }
  }
`;

describe('progress reports and budget changes', () => {
  let test: ProjectsTest;
  const district = { org: '001', scopes: WRITE };

  beforeAll(async () => {
    test = await startProjects();
  });
  afterAll(async () => test?.sg.dispose());

  it('sets spending and percent from the latest report', async () => {
    const id = await startedProject(test, district, { budget: '500000000' });
    const data = await test.ok(
      REPORT,
      {
        input: {
          projectId: id,
          percentComplete: 40,
          spentToDate: '200000000',
          note: 'Hoàn thành giai đoạn 1',
        },
      },
      district,
    );
    expect(data.reportProjectProgress.spentToDate).toBe('200000000');
    expect(data.reportProjectProgress.reportedOn).toBe(vietnamDate());
    const project = (await test.ok(PROJECT, { id }, district)).project;
    expect(project.spentToDate).toBe('200000000');
    expect(project.remainingBudget).toBe('300000000');
    expect(project.percentComplete).toBe(40);
    expect(project.latestReport.note).toBe('Hoàn thành giai đoạn 1');
    expect(project.progressReports[0].reportedByOrg.id).toBe(test.orgs.get('001')!.id);
  });

  it('keeps the later report current when an older one arrives', async () => {
    const id = await startedProject(test, district, { budget: '500000000' });
    await test.ok(
      REPORT,
      { input: { projectId: id, percentComplete: 60, spentToDate: '300000000' } },
      district,
    );
    await test.ok(
      REPORT,
      {
        input: {
          projectId: id,
          percentComplete: 10,
          spentToDate: '50000000',
          reportedOn: '2025-06-01',
        },
      },
      district,
    );
    const project = (await test.ok(PROJECT, { id }, district)).project;
    expect(project.spentToDate).toBe('300000000');
    expect(project.percentComplete).toBe(60);
    expect(project.latestReport.reportedOn).toBe(vietnamDate());
    expect(project.progressReports.map((r: { reportedOn: string }) => r.reportedOn)).toEqual([
      '2025-06-01',
      vietnamDate(),
    ]);
  });

  it('rejects spending above the budget', async () => {
    const id = await startedProject(test, district, { budget: '100000000' });
    const result = await test.sg.run(
      REPORT,
      { input: { projectId: id, percentComplete: 90, spentToDate: '100000001' } },
      { ...district, locale: 'vi' },
    );
    const error = result.errors?.[0];
    expect(error?.extensions?.code).toBe('PROJECTS_SPENDING_EXCEEDS_BUDGET');
    expect(error?.extensions?.spentToDate).toBe('100000001');
    expect(error?.extensions?.budget).toBe('100000000');
    expect(error?.message).toContain('vượt kinh phí');
    const project = (await test.ok(PROJECT, { id }, district)).project;
    expect(project.progressReports).toHaveLength(0);
    expect(project.spentToDate).toBe('0');
  });

  it('accepts the spending after a recorded budget change', async () => {
    const id = await startedProject(test, district, { budget: '100000000' });
    const changed = await test.ok(
      CHANGE_BUDGET,
      {
        input: {
          projectId: id,
          newBudget: '150000000',
          reason: 'Bổ sung kinh phí',
          decisionRef: '45/QĐ-UBND',
        },
      },
      district,
    );
    expect(changed.changeProjectBudget.budget).toBe('150000000');
    await test.ok(
      REPORT,
      { input: { projectId: id, percentComplete: 90, spentToDate: '140000000' } },
      district,
    );
    const project = (await test.ok(PROJECT, { id }, district)).project;
    expect(project.budgetChanges).toEqual([
      {
        previousBudget: '100000000',
        newBudget: '150000000',
        reason: 'Bổ sung kinh phí',
        decisionRef: '45/QĐ-UBND',
        changedBy: expect.any(String),
        changedByOrg: { id: test.orgs.get('001')!.id },
      },
    ]);
    expect(project.spentToDate).toBe('140000000');
  });

  it('rejects a budget below the spending to date', async () => {
    const id = await startedProject(test, district, { budget: '100000000' });
    await test.ok(
      REPORT,
      { input: { projectId: id, percentComplete: 50, spentToDate: '80000000' } },
      district,
    );
    const result = await test.sg.run(
      CHANGE_BUDGET,
      { input: { projectId: id, newBudget: '79999999', reason: 'Cắt giảm' } },
      district,
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('PROJECTS_BUDGET_BELOW_SPENDING');
    expect(result.errors?.[0]?.extensions?.spentToDate).toBe('80000000');
    const lowered = await test.ok(
      CHANGE_BUDGET,
      { input: { projectId: id, newBudget: '80000000', reason: 'Cắt giảm phần chưa chi' } },
      district,
    );
    expect(lowered.changeProjectBudget.remainingBudget).toBe('0');
  });

  it('rejects an unchanged or negative budget', async () => {
    const id = await startedProject(test, district, { budget: '100000000' });
    const same = await test.sg.run(
      CHANGE_BUDGET,
      { input: { projectId: id, newBudget: '100000000', reason: 'Giữ nguyên' } },
      district,
    );
    expect(same.errors?.[0]?.extensions?.field).toBe('input.newBudget');
    const negative = await test.sg.run(
      CHANGE_BUDGET,
      { input: { projectId: id, newBudget: '-1', reason: 'Âm' } },
      district,
    );
    expect(negative.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(negative.errors?.[0]?.extensions?.field).toBe('input.newBudget');
  });

  it('takes reports only while in progress or suspended', async () => {
    const created = await test.ok(CREATE, { input: projectInput() }, district);
    const id = created.createProject.id;
    const proposed = await test.sg.run(
      REPORT,
      { input: { projectId: id, percentComplete: 0, spentToDate: '0' } },
      district,
    );
    expect(proposed.errors?.[0]?.extensions?.code).toBe('PROJECTS_WRONG_STATUS');
    expect(proposed.errors?.[0]?.extensions?.allowedStatuses).toEqual(['IN_PROGRESS', 'SUSPENDED']);

    const started = await startedProject(test, district);
    await test.ok(
      CHANGE_STATUS,
      { input: { projectId: started, to: 'SUSPENDED', reason: 'Chờ vốn' } },
      district,
    );
    await test.ok(
      REPORT,
      { input: { projectId: started, percentComplete: 20, spentToDate: '1000' } },
      district,
    );
    await test.ok(
      CHANGE_STATUS,
      { input: { projectId: started, to: 'CANCELLED', reason: 'Dừng hẳn' } },
      district,
    );
    const closed = await test.sg.run(
      REPORT,
      { input: { projectId: started, percentComplete: 20, spentToDate: '1000' } },
      district,
    );
    expect(closed.errors?.[0]?.extensions?.code).toBe('PROJECTS_WRONG_STATUS');
    const budget = await test.sg.run(
      CHANGE_BUDGET,
      { input: { projectId: started, newBudget: '5', reason: 'Sau khi hủy' } },
      district,
    );
    expect(budget.errors?.[0]?.extensions?.code).toBe('PROJECTS_WRONG_STATUS');
  });

  it('rejects a bad percentage or a report before the start', async () => {
    const id = await startedProject(test, district);
    const percent = await test.sg.run(
      REPORT,
      { input: { projectId: id, percentComplete: 101, spentToDate: '0' } },
      district,
    );
    expect(percent.errors?.[0]?.extensions?.field).toBe('input.percentComplete');
    const early = await test.sg.run(
      REPORT,
      { input: { projectId: id, percentComplete: 1, spentToDate: '0', reportedOn: '2000-01-01' } },
      district,
    );
    expect(early.errors?.[0]?.extensions?.field).toBe('input.reportedOn');
  });
});
