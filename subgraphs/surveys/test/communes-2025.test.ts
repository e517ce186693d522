import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { OrgSeed } from '@dxhub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AGENCY,
  publishedSurvey,
  startSurveys,
  SUBMIT_MANY,
  type SurveysHarness,
  type Data,
} from './helpers.js';

/** The official 2025 two-level list (34 provinces, 3,321 communes), kept beside the repository. */
const UNITS_FILE = fileURLToPath(
  new URL('../../../../shared/data/vn-admin/units-2025.json', import.meta.url),
);
const present = fs.existsSync(UNITS_FILE);
if (!present) console.warn(`communes-2025 test skipped: ${UNITS_FILE} is absent`);

interface Unit {
  code: string;
  name: string;
  type: string;
  level: 'province' | 'commune';
  parentCode: string | null;
}

const QUESTIONS = [
  {
    code: 'dau_moi',
    type: 'SINGLE_CHOICE',
    title: 'Xã, phường, đặc khu đã có bộ phận hoặc đầu mối thực hiện nhiệm vụ chuyển đổi số chưa?',
    required: true,
    options: [
      { value: 'co', label: 'Đã có' },
      { value: 'chua', label: 'Chưa có' },
    ],
  },
  {
    code: 'thanh_vien_to',
    type: 'NUMBER',
    title: 'Số thành viên Tổ Công nghệ số cộng đồng',
    min: 0,
    required: true,
  },
];

describe.skipIf(!present)('survey of every commune of the 2025 structure', () => {
  let h: SurveysHarness;
  let surveyId: string;
  const units: Unit[] = present ? (JSON.parse(fs.readFileSync(UNITS_FILE, 'utf8')) as Unit[]) : [];
  const communes = units.filter((u) => u.level === 'commune');
  const provinceOf = new Map(communes.map((c) => [c.code, c.parentCode as string]));
  // Every tenth commune, in file order, does not answer.
  const silent = new Set(communes.filter((_, i) => i % 10 === 9).map((c) => c.code));
  const answered = communes.filter((c) => !silent.has(c.code));
  const answerOf = (i: number) => ({ hasFocalPoint: i % 4 !== 0, teamMembers: 3 + (i % 7) });

  beforeAll(async () => {
    const orgs: OrgSeed[] = units.map((u) => ({
      code: u.code,
      level: u.level === 'province' ? 'PROVINCE' : 'COMMUNE',
      kind: u.level === 'province' ? 'PROVINCE' : 'COMMUNE',
      ...(u.parentCode ? { parentCode: u.parentCode } : {}),
      validFrom: '2025-07-01',
    }));
    h = await startSurveys(
      [
        { code: 'bo-khoa-hoc-va-cong-nghe', level: 'CENTRAL', kind: 'MINISTRY' },
        {
          code: AGENCY,
          level: 'CENTRAL',
          kind: 'AGENCY_UNIT',
          parentCode: 'bo-khoa-hoc-va-cong-nghe',
        },
      ],
      orgs,
    );
    const survey = await publishedSurvey(h, {
      title: 'Khảo sát bộ phận chuyển đổi số cấp xã năm 2025',
      questions: QUESTIONS,
      audience: { levels: ['COMMUNE'] },
    });
    surveyId = survey.id;
    expect(survey.audienceSize).toBe(3321);
    await h.ok(SUBMIT_MANY, {
      surveyId,
      responses: answered.map((c, i) => ({
        respondentCode: c.code,
        answers: [
          { questionCode: 'dau_moi', choices: [answerOf(i).hasFocalPoint ? 'co' : 'chua'] },
          { questionCode: 'thanh_vien_to', number: answerOf(i).teamMembers },
        ],
      })),
    });
  }, 300_000);
  afterAll(async () => h?.sg.dispose());

  it('file has the 2025 structure', () => {
    expect(units.filter((u) => u.level === 'province')).toHaveLength(34);
    expect(communes).toHaveLength(3321);
  });

  it('results count the answers', async () => {
    const data = await h.ok(
      `query($id: ID!) { survey(id: $id) { results {
        audienceSize respondedCount responseRate
        questions { question { code } answered mean options { value count } }
      } } }`,
      { id: surveyId },
    );
    const results = data.survey.results;
    expect(results.audienceSize).toBe(3321);
    expect(results.respondedCount).toBe(answered.length);
    expect(results.responseRate).toBeCloseTo(answered.length / 3321, 10);
    const [focal, members] = results.questions;
    const yes = answered.filter((_, i) => answerOf(i).hasFocalPoint).length;
    expect(focal.options).toEqual([
      { value: 'co', count: yes },
      { value: 'chua', count: answered.length - yes },
    ]);
    const total = answered.reduce((sum, _, i) => sum + answerOf(i).teamMembers, 0);
    expect(members.answered).toBe(answered.length);
    expect(members.mean).toBeCloseTo(total / answered.length, 10);
  });

  it('response rate per province matches', async () => {
    const data = await h.ok(
      `query($id: ID!) { survey(id: $id) { results { byProvince { provinceCode audienceSize respondedCount } } } }`,
      { id: surveyId },
    );
    const expected = new Map<string, [number, number]>();
    for (const commune of communes) {
      const province = provinceOf.get(commune.code) as string;
      const [responded, asked] = expected.get(province) ?? [0, 0];
      expected.set(province, [responded + (silent.has(commune.code) ? 0 : 1), asked + 1]);
    }
    const byProvince = data.survey.results.byProvince as {
      provinceCode: string;
      audienceSize: number;
      respondedCount: number;
    }[];
    expect(byProvince).toHaveLength(34);
    for (const group of byProvince) {
      expect([group.respondedCount, group.audienceSize], group.provinceCode).toEqual(
        expected.get(group.provinceCode),
      );
    }
  });

  it('non-responders are exactly the silent communes', async () => {
    const query = `query($id: ID!, $after: String) { survey(id: $id) { results {
      nonResponders(first: 200, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { code provinceCode level } } } } }`;
    const found: { code: string; provinceCode: string; level: string }[] = [];
    let after: string | null = null;
    let totalCount = 0;
    for (let page = 0; page < 20; page += 1) {
      const connection: Data = (await h.ok(query, { id: surveyId, after })).survey.results
        .nonResponders;
      totalCount = connection.totalCount;
      found.push(...connection.nodes);
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(totalCount).toBe(silent.size);
    expect(found.map((n) => n.code).sort()).toEqual([...silent].sort());
    for (const node of found) {
      expect(node.level).toBe('COMMUNE');
      expect(node.provinceCode).toBe(provinceOf.get(node.code));
    }
  });

  it('a province sees its own communes only', async () => {
    const province = communes[0]?.parentCode as string;
    const own = communes.filter((c) => c.parentCode === province);
    const data = await h.ok(
      `query($id: ID!) { survey(id: $id) { results { audienceSize respondedCount nonResponders(first: 500) { nodes { code } } } } }`,
      { id: surveyId },
      { org: province, scopes: ['surveys:read'] },
    );
    expect(data.survey.results.audienceSize).toBe(own.length);
    expect(data.survey.results.respondedCount).toBe(own.filter((c) => !silent.has(c.code)).length);
    expect(
      data.survey.results.nonResponders.nodes.map((n: { code: string }) => n.code).sort(),
    ).toEqual(
      own
        .filter((c) => silent.has(c.code))
        .map((c) => c.code)
        .sort(),
    );
  });
});
