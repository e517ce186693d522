import { fileURLToPath } from 'node:url';
import { startTestHub, type TestHub } from '@dxhub/gateway/testing';
import { importUnits } from '@dxhub/network';
import { createClient } from '@dxhub/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExampleContext } from '../src/connect.js';
import { ENTERPRISE_TAX_CODE, runEnterpriseExample } from '../src/enterprise-incident.js';
import { IT_UNIT_CODE, runMinistryExample } from '../src/ministry-it-unit.js';
import { runProvinceExample } from '../src/province-survey.js';

/** Hà Nội with three of its wards and Hồ Chí Minh City with one, from the 2025 official list. */
const UNITS_FILE = fileURLToPath(new URL('./fixtures/units.json', import.meta.url));

describe('examples against a running hub', () => {
  let t: TestHub;
  let context: ExampleContext;
  const logged: string[] = [];

  beforeAll(async () => {
    t = await startTestHub();
    await importUnits(t.hub.database!, UNITS_FILE, { effective: '2025-07-01' });
    context = {
      url: t.hub.url,
      tokenFor: async (org, scopes) => (await t.bearer(org, [...scopes])).replace(/^Bearer /, ''),
      log: (line) => logged.push(line),
    };
  });
  afterAll(async () => t?.dispose());

  it('ministry reports IT-unit headcount and training', async () => {
    const report = await runMinistryExample(context);
    expect(report.itUnitCode).toBe(IT_UNIT_CODE);
    expect(report.itUnitPostsTransferredIn).toBe(5);
    expect(report.itUnitPostsAllocated).toBe(45);
    expect(report.ministryPostsAllocated).toBe(1_195);
    expect(report.staffInDxRoles).toBe(4);
    expect(report.staffTrained).toBe(3);
    expect(report.attendanceRows).toBe(4);
    expect(logged.some((line) => line.includes('3 of 4 DX staff trained'))).toBe(true);
  });

  it('province surveys its communes and reads results', async () => {
    const report = await runProvinceExample(context);
    expect(report.audienceSize).toBe(3);
    expect(report.results.respondedCount).toBe(3);
    expect(report.results.responseRate).toBe(1);
    expect(report.results.answersReleased).toBe(true);
    const team = report.results.questions?.find((question) => question.question.code === 'team');
    expect(team?.options?.map((option) => [option.value, option.count])).toEqual([
      ['yes', 2],
      ['no', 1],
    ]);
    const members = report.results.questions?.find(
      (question) => question.question.code === 'members',
    );
    expect(members?.min).toBe(0);
    expect(members?.max).toBe(9);
  });

  it('enterprise reports an incident and reads GREEN ones', async () => {
    const ministry = createClient({
      url: t.hub.url,
      token: await context.tokenFor('bo-cong-an', ['incidents:report']),
    });
    const shared = await ministry.incidents.report({
      title: 'Mã độc mã hóa dữ liệu nhắm vào cơ quan nhà nước',
      description: 'Biến thể mã độc tống tiền lây qua tệp đính kèm.',
      category: 'MALICIOUS_CODE',
      severity: 'HIGH',
      tlp: 'GREEN',
      detectedAt: '2025-06-01T08:00:00+07:00',
    });
    const restricted = await ministry.incidents.report({
      title: 'Rò rỉ tài khoản quản trị',
      description: 'Chỉ chia sẻ trong nội bộ.',
      category: 'INTRUSIONS',
      severity: 'CRITICAL',
      tlp: 'AMBER',
      detectedAt: '2025-06-02T08:00:00+07:00',
    });

    const report = await runEnterpriseExample(context);
    const greenIds = report.sharedGreen.map((incident) => incident.id);
    expect(greenIds).toContain(report.reportedId);
    expect(greenIds).toContain(shared.id);
    expect(greenIds).not.toContain(restricted.id);
    expect(report.sharedGreen.every((incident) => incident.tlp === 'GREEN')).toBe(true);
    expect(report.reportedTitle).toBe('Chiến dịch thư điện tử giả mạo cổng dịch vụ công');
    expect(logged.some((line) => line.includes(`from ${ENTERPRISE_TAX_CODE}`))).toBe(true);
  });
});
