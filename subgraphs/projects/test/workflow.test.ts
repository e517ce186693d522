import { vietnamDate } from '@dxhub/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHANGE_STATUS,
  CREATE,
  WRITE,
  projectInput,
  startProjects,
  type ProjectsTest,
} from './helpers.js';

const HISTORY = /* GraphQL */ `
  query History($id: ID!) {
    project(id: $id) {
      status
      allowedTransitions
      actualStartOn
      actualEndOn
      statusHistory {
        from
        to
        reason
        effectiveOn
        changedBy
        changedByOrg {
          id
        }
        changedAt
      }
    }
  }
`;

describe('status workflow', () => {
  let test: ProjectsTest;
  const district = { org: '001', scopes: WRITE };

  beforeAll(async () => {
    test = await startProjects();
  });
  afterAll(async () => test?.sg.dispose());

  async function create(overrides: Record<string, unknown> = {}): Promise<string> {
    const data = await test.ok(CREATE, { input: projectInput(overrides) }, district);
    return data.createProject.id;
  }

  it('starts a new project as proposed with a creation record', async () => {
    const id = await create();
    const data = await test.ok(HISTORY, { id }, district);
    expect(data.project.status).toBe('PROPOSED');
    expect(data.project.allowedTransitions).toEqual(['APPROVED', 'CANCELLED']);
    expect(data.project.statusHistory).toHaveLength(1);
    expect(data.project.statusHistory[0].from).toBeNull();
    expect(data.project.statusHistory[0].to).toBe('PROPOSED');
    expect(data.project.statusHistory[0].changedByOrg.id).toBe(test.orgs.get('001')!.id);
  });

  it('records who, when and why for each transition', async () => {
    const id = await create();
    const before = Date.now();
    await test.ok(
      CHANGE_STATUS,
      { input: { projectId: id, to: 'APPROVED', reason: 'Quyết định phê duyệt số 12/QĐ-UBND' } },
      district,
    );
    await test.ok(
      CHANGE_STATUS,
      {
        input: { projectId: id, to: 'IN_PROGRESS', reason: 'Khởi công', effectiveOn: '2025-02-03' },
      },
      { org: '01', scopes: WRITE },
    );

    const data = await test.ok(HISTORY, { id }, district);
    const history = data.project.statusHistory;
    expect(history.map((h: { to: string }) => h.to)).toEqual([
      'PROPOSED',
      'APPROVED',
      'IN_PROGRESS',
    ]);
    expect(history[1].from).toBe('PROPOSED');
    expect(history[1].reason).toBe('Quyết định phê duyệt số 12/QĐ-UBND');
    expect(history[1].effectiveOn).toBe(vietnamDate());
    expect(history[1].changedByOrg.id).toBe(test.orgs.get('001')!.id);
    expect(history[2].changedByOrg.id).toBe(test.orgs.get('01')!.id);
    expect(history[2].effectiveOn).toBe('2025-02-03');
    expect(typeof history[2].changedBy).toBe('string');
    expect(new Date(history[2].changedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(data.project.actualStartOn).toBe('2025-02-03');
  });

  it('walks every allowed transition', async () => {
    const paths = [
      ['APPROVED', 'IN_PROGRESS', 'SUSPENDED', 'IN_PROGRESS', 'COMPLETED'],
      ['CANCELLED'],
      ['APPROVED', 'CANCELLED'],
      ['APPROVED', 'IN_PROGRESS', 'CANCELLED'],
      ['APPROVED', 'IN_PROGRESS', 'SUSPENDED', 'CANCELLED'],
    ];
    for (const path of paths) {
      const id = await create();
      for (const to of path) {
        const data = await test.ok(
          CHANGE_STATUS,
          { input: { projectId: id, to, reason: `Chuyển sang ${to}` } },
          district,
        );
        expect(data.changeProjectStatus.status).toBe(to);
      }
    }
  });

  it('rejects an invalid transition listing the allowed ones', async () => {
    const id = await create();
    const result = await test.sg.run(
      CHANGE_STATUS,
      { input: { projectId: id, to: 'COMPLETED', reason: 'Thử' } },
      { ...district, locale: 'vi' },
    );
    const error = result.errors?.[0];
    expect(error?.extensions?.code).toBe('PROJECTS_INVALID_TRANSITION');
    expect(error?.extensions?.from).toBe('PROPOSED');
    expect(error?.extensions?.to).toBe('COMPLETED');
    expect(error?.extensions?.allowed).toEqual(['APPROVED', 'CANCELLED']);
    expect(error?.message).toContain('Đề xuất');
    expect(error?.message).toContain('Đã phê duyệt, Hủy bỏ');
    const data = await test.ok(HISTORY, { id }, district);
    expect(data.project.status).toBe('PROPOSED');
    expect(data.project.statusHistory).toHaveLength(1);
  });

  it('rejects any transition out of a closed project', async () => {
    const id = await create();
    await test.ok(
      CHANGE_STATUS,
      { input: { projectId: id, to: 'CANCELLED', reason: 'Không còn nhu cầu' } },
      district,
    );
    for (const to of ['PROPOSED', 'APPROVED', 'IN_PROGRESS', 'CANCELLED']) {
      const result = await test.sg.run(
        CHANGE_STATUS,
        { input: { projectId: id, to, reason: 'Mở lại' } },
        district,
      );
      expect(result.errors?.[0]?.extensions?.code).toBe('PROJECTS_INVALID_TRANSITION');
      expect(result.errors?.[0]?.extensions?.allowed).toEqual([]);
      expect(result.errors?.[0]?.message).toContain('none');
    }
  });

  it('requires a reason for each transition', async () => {
    const id = await create();
    const result = await test.sg.run(
      CHANGE_STATUS,
      { input: { projectId: id, to: 'APPROVED', reason: '   ' } },
      district,
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.field).toBe('input.reason');
  });

  it('rejects a future effective date', async () => {
    const id = await create();
    const result = await test.sg.run(
      CHANGE_STATUS,
      { input: { projectId: id, to: 'APPROVED', reason: 'Phê duyệt', effectiveOn: '2999-01-01' } },
      district,
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.field).toBe('input.effectiveOn');
  });

  it('sets the actual end when completing', async () => {
    const id = await create();
    await test.ok(
      CHANGE_STATUS,
      { input: { projectId: id, to: 'APPROVED', reason: 'Phê duyệt' } },
      district,
    );
    await test.ok(
      CHANGE_STATUS,
      { input: { projectId: id, to: 'IN_PROGRESS', reason: 'Bắt đầu', effectiveOn: '2025-03-01' } },
      district,
    );
    const early = await test.sg.run(
      CHANGE_STATUS,
      { input: { projectId: id, to: 'COMPLETED', reason: 'Xong', effectiveOn: '2025-02-01' } },
      district,
    );
    expect(early.errors?.[0]?.extensions?.field).toBe('input.effectiveOn');
    const data = await test.ok(
      CHANGE_STATUS,
      {
        input: { projectId: id, to: 'COMPLETED', reason: 'Nghiệm thu', effectiveOn: '2025-06-30' },
      },
      district,
    );
    expect(data.changeProjectStatus.actualStartOn).toBe('2025-03-01');
    expect(data.changeProjectStatus.actualEndOn).toBe('2025-06-30');
    expect(data.changeProjectStatus.allowedTransitions).toEqual([]);
  });

  it('needs a contractor before an outsourced project starts', async () => {
    const id = await create({ deliveryMode: 'OUTSOURCED_SERVICE' });
    await test.ok(
      CHANGE_STATUS,
      { input: { projectId: id, to: 'APPROVED', reason: 'Phê duyệt' } },
      district,
    );
    const result = await test.sg.run(
      CHANGE_STATUS,
      { input: { projectId: id, to: 'IN_PROGRESS', reason: 'Bắt đầu' } },
      district,
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('PROJECTS_CONTRACTOR_REQUIRED');
    await test.ok(
      /* GraphQL */ `
        mutation ($id: ID!) {
          updateProject(id: $id, input: { contractorCode: "0100109106" }) {
            id
          }
        }
      `,
      { id },
      district,
    );
    const started = await test.ok(
      CHANGE_STATUS,
      { input: { projectId: id, to: 'IN_PROGRESS', reason: 'Bắt đầu' } },
      district,
    );
    expect(started.changeProjectStatus.status).toBe('IN_PROGRESS');
  });
});
