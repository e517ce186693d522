import { rows } from '@dxhub/kit';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHANGE_STATUS,
  CREATE,
  REPORT,
  WRITE,
  projectInput,
  startProjects,
  startedProject,
  type ProjectsTest,
} from './helpers.js';

describe('audit of mutations', () => {
  let test: ProjectsTest;
  const district = { org: '001', scopes: WRITE };

  beforeAll(async () => {
    test = await startProjects();
  });
  afterAll(async () => test?.sg.dispose());

  async function lastEvent(): Promise<{
    action: string;
    outcome: string;
    record_ids: string[];
    org_code: string;
  }> {
    const found = rows<{ action: string; outcome: string; record_ids: string[]; org_code: string }>(
      await test.sg.db.database.db.execute(
        sql`select action, outcome, record_ids, org_code from audit.events order by seq desc limit 1`,
      ),
    );
    return found[0]!;
  }

  async function historyIds(
    projectId: string,
    table: 'status_changes' | 'progress_reports',
  ): Promise<string[]> {
    const found = rows<{ id: string }>(
      await test.sg.db.database.db.execute(
        sql`select id::text as id from ${sql.raw(`projects.${table}`)} where project_id = ${projectId} order by seq`,
      ),
    );
    return found.map((row) => row.id);
  }

  it('records the project and its creation row', async () => {
    const data = await test.ok(CREATE, { input: projectInput() }, district);
    const id = data.createProject.id;
    const event = await lastEvent();
    expect(event).toMatchObject({ action: 'MUTATION', outcome: 'SUCCESS', org_code: '001' });
    expect(event.record_ids).toEqual([id, ...(await historyIds(id, 'status_changes'))]);
  });

  it('records the status change row', async () => {
    const id = (await test.ok(CREATE, { input: projectInput() }, district)).createProject.id;
    await test.ok(
      CHANGE_STATUS,
      { input: { projectId: id, to: 'APPROVED', reason: 'Phê duyệt' } },
      district,
    );
    const changes = await historyIds(id, 'status_changes');
    expect((await lastEvent()).record_ids).toEqual([id, changes.at(-1)]);
  });

  it('records the project only when a report changes it', async () => {
    const id = await startedProject(test, district);
    await test.ok(
      REPORT,
      { input: { projectId: id, percentComplete: 50, spentToDate: '10' } },
      district,
    );
    let reports = await historyIds(id, 'progress_reports');
    expect((await lastEvent()).record_ids).toEqual([reports[0], id]);
    await test.ok(
      REPORT,
      { input: { projectId: id, percentComplete: 5, spentToDate: '1', reportedOn: '2025-01-03' } },
      district,
    );
    reports = await historyIds(id, 'progress_reports');
    expect((await lastEvent()).record_ids).toEqual([reports[1]]);
  });

  it('records a rejected change as an error', async () => {
    const id = (await test.ok(CREATE, { input: projectInput() }, district)).createProject.id;
    await test.sg.run(
      CHANGE_STATUS,
      { input: { projectId: id, to: 'COMPLETED', reason: 'Sai' } },
      district,
    );
    expect(await lastEvent()).toMatchObject({
      action: 'MUTATION',
      outcome: 'ERROR',
      record_ids: [],
    });
  });
});
