import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishedSurvey, startSurveys, SUBMIT_MANY, type SurveysHarness } from './helpers.js';

const EXPORT = /* GraphQL */ `
  query ($id: ID!, $format: SurveyExportFormat!, $filter: SurveyResultsFilter) {
    survey(id: $id) {
      export(format: $format, filter: $filter) {
        format
        contentType
        filename
        rowCount
        base64
      }
    }
  }
`;

const HANOI_TEXT = 'Cần bổ sung nhân lực cho Tổ Công nghệ số cộng đồng ở Phường Ba Đình';
const HCMC_TEXT = 'Đề nghị tập huấn về an toàn thông tin mạng (Sở, ban, ngành)';

/** Decodes an export as a strict UTF-8 reader would, failing on any invalid byte. */
function decode(base64: string): { bytes: Buffer; text: string } {
  const bytes = Buffer.from(base64, 'base64');
  return { bytes, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
}

describe('survey export', () => {
  let h: SurveysHarness;
  let surveyId: string;

  beforeAll(async () => {
    h = await startSurveys();
    surveyId = (
      await publishedSurvey(h, {
        title: 'Khảo sát nhu cầu hỗ trợ',
        audience: { levels: ['COMMUNE'] },
      })
    ).id;
    await h.ok(SUBMIT_MANY, {
      surveyId,
      responses: [
        {
          respondentCode: '00001',
          answers: [
            { questionCode: 'kien_toan', choices: ['dang'] },
            { questionCode: 'nen_tang', choices: ['khao_sat', 'attt'] },
            { questionCode: 'hai_long', number: 4 },
            { questionCode: 'bien_che', number: 3 },
            { questionCode: 'gop_y', text: HANOI_TEXT },
            { questionCode: 'ngay_kien_toan', date: '2025-07-01' },
          ],
        },
        {
          respondentCode: '26734',
          answers: [
            { questionCode: 'kien_toan', choices: ['co'] },
            { questionCode: 'hai_long', number: 5 },
            { questionCode: 'gop_y', text: HCMC_TEXT },
          ],
        },
      ],
    });
  });
  afterAll(async () => h?.sg.dispose());

  it('CSV opens as UTF-8 with Vietnamese intact', async () => {
    const file = (await h.ok(EXPORT, { id: surveyId, format: 'CSV' })).survey.export;
    expect(file.contentType).toBe('text/csv; charset=utf-8');
    expect(file.filename).toMatch(/\.csv$/);
    expect(file.rowCount).toBe(2);

    const { bytes, text } = decode(file.base64);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text).toBe(text.normalize('NFC'));

    const records = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(2);
    const [hanoi, hcmc] = records;
    expect(hanoi?.respondent_code).toBe('00001');
    expect(hanoi?.province_code).toBe('01');
    expect(
      hanoi?.['kien_toan. Đơn vị đã kiện toàn đơn vị chuyên trách về công nghệ thông tin chưa?'],
    ).toBe('Đang kiện toàn');
    expect(hanoi?.['nen_tang. Những nền tảng số đang sử dụng']).toBe(
      'Nền tảng khảo sát, thu thập ý kiến; An toàn thông tin mạng',
    );
    expect(hanoi?.['gop_y. Góp ý khác']).toBe(HANOI_TEXT);
    expect(hanoi?.['ngay_kien_toan. Ngày quyết định kiện toàn']).toBe('2025-07-01');
    expect(hanoi?.submitted_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/);
    expect(hcmc?.['gop_y. Góp ý khác']).toBe(HCMC_TEXT);
    expect(hcmc?.['bien_che. Số biên chế được giao cho chuyển đổi số']).toBe('');
  });

  it('NDJSON has one object per response', async () => {
    const file = (await h.ok(EXPORT, { id: surveyId, format: 'NDJSON' })).survey.export;
    expect(file.contentType).toBe('application/x-ndjson; charset=utf-8');
    const { text } = decode(file.base64);
    const lines = text
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      respondentCode: '00001',
      level: 'COMMUNE',
      provinceCode: '01',
      answers: {
        kien_toan: 'dang',
        nen_tang: ['khao_sat', 'attt'],
        hai_long: 4,
        bien_che: 3,
        gop_y: HANOI_TEXT,
        ngay_kien_toan: '2025-07-01',
      },
    });
    expect(lines[1].answers.gop_y).toBe(HCMC_TEXT);
    expect(lines[1].answers.bien_che).toBeNull();
  });

  it('export follows the filter and the jurisdiction', async () => {
    const filtered = (
      await h.ok(EXPORT, { id: surveyId, format: 'NDJSON', filter: { provinceCode: '79' } })
    ).survey.export;
    expect(filtered.rowCount).toBe(1);
    expect(decode(filtered.base64).text).toContain(HCMC_TEXT);
    const hanoi = (
      await h.ok(EXPORT, { id: surveyId, format: 'CSV' }, { org: '01', scopes: ['surveys:read'] })
    ).survey.export;
    expect(hanoi.rowCount).toBe(1);
    expect(decode(hanoi.base64).text).not.toContain(HCMC_TEXT);
  });
});
