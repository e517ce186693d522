import { vietnamDate } from '@dxhub/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHANGE_STATUS,
  CREATE,
  READ,
  WRITE,
  addDays,
  projectInput,
  startProjects,
  type ProjectsTest,
} from './helpers.js';

const ADD = /* GraphQL */ `
  mutation Add($input: AddProjectMilestoneInput!) {
    addProjectMilestone(input: $input) {
      id
      title
      dueOn
      completed
      overdue
      project {
        code
      }
    }
  }
`;
const COMPLETE = /* GraphQL */ `
  mutation Complete($id: ID!, $on: Date) {
    completeProjectMilestone(id: $id, completedOn: $on) {
      id
      completedOn
      completed
      overdue
    }
  }
`;
const UPDATE = /* GraphQL */ `
  mutation Update($id: ID!, $input: UpdateProjectMilestoneInput!) {
    updateProjectMilestone(id: $id, input: $input) {
      id
      title
      dueOn
      completedOn
      overdue
      updatedAt
    }
  }
`;
const MILESTONES = /* GraphQL */ `
  query Milestones($id: ID!, $since: DateTime) {
    project(id: $id) {
      overdueMilestoneCount
      milestones(updatedSince: $since) {
        title
        dueOn
        overdue
        completed
      }
    }
  }
`;

describe('milestones', () => {
  let test: ProjectsTest;
  const district = { org: '001', scopes: WRITE };
  const today = vietnamDate();

  beforeAll(async () => {
    test = await startProjects();
  });
  afterAll(async () => test?.sg.dispose());

  async function project(): Promise<string> {
    return (await test.ok(CREATE, { input: projectInput() }, district)).createProject.id;
  }

  it('flags milestones past due and not completed', async () => {
    const id = await project();
    await test.ok(
      ADD,
      { input: { projectId: id, title: 'Nghiệm thu', dueOn: addDays(today, 20) } },
      district,
    );
    await test.ok(
      ADD,
      { input: { projectId: id, title: 'Khảo sát hiện trạng', dueOn: addDays(today, -5) } },
      district,
    );
    await test.ok(ADD, { input: { projectId: id, title: 'Hạn hôm nay', dueOn: today } }, district);
    const data = await test.ok(MILESTONES, { id }, district);
    expect(data.project.milestones.map((m: { title: string }) => m.title)).toEqual([
      'Khảo sát hiện trạng',
      'Hạn hôm nay',
      'Nghiệm thu',
    ]);
    expect(data.project.milestones.map((m: { overdue: boolean }) => m.overdue)).toEqual([
      true,
      false,
      false,
    ]);
    expect(data.project.overdueMilestoneCount).toBe(1);
  });

  it('clears the flag on completion and sets it again on reopening', async () => {
    const id = await project();
    const added = await test.ok(
      ADD,
      { input: { projectId: id, title: 'Mốc trễ', dueOn: addDays(today, -3) } },
      district,
    );
    const milestoneId = added.addProjectMilestone.id;
    expect(added.addProjectMilestone.overdue).toBe(true);
    const done = await test.ok(COMPLETE, { id: milestoneId }, district);
    expect(done.completeProjectMilestone).toMatchObject({
      completedOn: today,
      completed: true,
      overdue: false,
    });
    const again = await test.sg.run(COMPLETE, { id: milestoneId }, district);
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const reopened = await test.ok(
      UPDATE,
      { id: milestoneId, input: { completedOn: null } },
      district,
    );
    expect(reopened.updateProjectMilestone).toMatchObject({ completedOn: null, overdue: true });
  });

  it('changes title and due date', async () => {
    const id = await project();
    const added = await test.ok(
      ADD,
      { input: { projectId: id, title: 'Cũ', dueOn: '2025-03-01' } },
      district,
    );
    const updated = await test.ok(
      UPDATE,
      {
        id: added.addProjectMilestone.id,
        input: { title: '  Bàn giao hệ thống  ', dueOn: '2025-04-01', completedOn: '2025-03-28' },
      },
      district,
    );
    expect(updated.updateProjectMilestone).toMatchObject({
      title: 'Bàn giao hệ thống',
      dueOn: '2025-04-01',
      completedOn: '2025-03-28',
      overdue: false,
    });
  });

  it('filters milestones by update time', async () => {
    const id = await project();
    await test.ok(ADD, { input: { projectId: id, title: 'Trước', dueOn: '2025-03-01' } }, district);
    const later = await test.ok(
      ADD,
      { input: { projectId: id, title: 'Sau', dueOn: '2025-05-01' } },
      district,
    );
    const since = new Date(Date.now() + 60_000).toISOString();
    const none = await test.ok(MILESTONES, { id, since }, district);
    expect(none.project.milestones).toEqual([]);
    const updated = await test.ok(
      UPDATE,
      { id: later.addProjectMilestone.id, input: { title: 'Sau (sửa)' } },
      district,
    );
    const some = await test.ok(
      MILESTONES,
      { id, since: updated.updateProjectMilestone.updatedAt },
      district,
    );
    expect(some.project.milestones.map((m: { title: string }) => m.title)).toEqual(['Sau (sửa)']);
  });

  it('rejects a completion date in the future', async () => {
    const id = await project();
    const added = await test.ok(
      ADD,
      { input: { projectId: id, title: 'Mốc', dueOn: today } },
      district,
    );
    const result = await test.sg.run(
      COMPLETE,
      { id: added.addProjectMilestone.id, on: addDays(today, 1) },
      district,
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.field).toBe('completedOn');
  });

  it('freezes milestones of a closed project', async () => {
    const id = await project();
    const added = await test.ok(
      ADD,
      { input: { projectId: id, title: 'Mốc', dueOn: today } },
      district,
    );
    await test.ok(
      CHANGE_STATUS,
      { input: { projectId: id, to: 'CANCELLED', reason: 'Hủy' } },
      district,
    );
    const add = await test.sg.run(
      ADD,
      { input: { projectId: id, title: 'Mốc mới', dueOn: today } },
      district,
    );
    expect(add.errors?.[0]?.extensions?.code).toBe('PROJECTS_WRONG_STATUS');
    const complete = await test.sg.run(COMPLETE, { id: added.addProjectMilestone.id }, district);
    expect(complete.errors?.[0]?.extensions?.code).toBe('PROJECTS_WRONG_STATUS');
  });

  it('hides milestones outside the jurisdiction', async () => {
    const id = await project();
    const added = await test.ok(
      ADD,
      { input: { projectId: id, title: 'Mốc', dueOn: today } },
      district,
    );
    const result = await test.sg.run(
      COMPLETE,
      { id: added.addProjectMilestone.id },
      { org: '79', scopes: WRITE },
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const add = await test.sg.run(
      ADD,
      { input: { projectId: id, title: 'Mốc', dueOn: today } },
      { org: '79', scopes: WRITE },
    );
    expect(add.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('filters projects by overdue milestones', async () => {
    const late = await test.ok(
      CREATE,
      { input: projectInput({ ownerCode: '26734' }) },
      { org: '79', scopes: WRITE },
    );
    const onTime = await test.ok(
      CREATE,
      { input: projectInput({ ownerCode: '26734' }) },
      { org: '79', scopes: WRITE },
    );
    await test.ok(
      ADD,
      { input: { projectId: late.createProject.id, title: 'Trễ', dueOn: addDays(today, -1) } },
      { org: '79', scopes: WRITE },
    );
    await test.ok(
      ADD,
      {
        input: { projectId: onTime.createProject.id, title: 'Đúng hạn', dueOn: addDays(today, 1) },
      },
      { org: '79', scopes: WRITE },
    );
    const query = `query($flag: Boolean) { projects(filter: { underUnitCode: "26734", hasOverdueMilestones: $flag }) { nodes { code } } }`;
    const overdue = await test.ok(query, { flag: true }, { org: '79', scopes: READ });
    expect(overdue.projects.nodes).toEqual([{ code: late.createProject.code }]);
    const fine = await test.ok(query, { flag: false }, { org: '79', scopes: READ });
    expect(fine.projects.nodes).toEqual([{ code: onTime.createProject.code }]);
  });
});
