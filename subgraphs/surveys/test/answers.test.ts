import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  firstCode,
  publishedSurvey,
  startSurveys,
  SUBMIT,
  type RunResult,
  type SurveysHarness,
} from './helpers.js';

interface FieldError {
  field: string;
  code: string;
  message: string;
  value?: unknown;
}

/** Answers every question of QUESTIONS_OF_EVERY_TYPE validly. */
const VALID = [
  { questionCode: 'kien_toan', choices: ['co'] },
  { questionCode: 'nen_tang', choices: ['dao_tao', 'attt'] },
  { questionCode: 'hai_long', number: 4 },
  { questionCode: 'bien_che', number: 12.5 },
  { questionCode: 'gop_y', text: 'Đề nghị tăng cường bồi dưỡng, tập huấn cho cán bộ cấp xã' },
  { questionCode: 'ngay_kien_toan', date: '2025-07-01' },
];

/** VALID with one answer swapped for `answer`. */
function withAnswer(answer: Record<string, unknown>) {
  return VALID.map((a) => (a.questionCode === answer.questionCode ? answer : a));
}

function fieldErrors(result: RunResult): FieldError[] {
  return (result.errors?.[0]?.extensions?.fieldErrors ?? []) as FieldError[];
}

describe('answer validation', () => {
  let h: SurveysHarness;
  let surveyId: string;
  const submit = (answers: unknown[], locale?: string) =>
    h.run(
      SUBMIT,
      { input: { surveyId, respondentCode: '00001', answers } },
      { org: '01', ...(locale ? { locale } : {}) },
    );

  beforeAll(async () => {
    h = await startSurveys();
    surveyId = (
      await publishedSurvey(h, {
        title: 'Khảo sát kiểm tra câu trả lời',
        audience: { levels: ['COMMUNE'] },
      })
    ).id;
  });
  afterAll(async () => h?.sg.dispose());

  it('accepts a valid answer of every type', async () => {
    const result = await submit(VALID);
    expect(result.errors).toBeUndefined();
    const answers = (result.data?.submitSurveyResponse as { answers: Record<string, unknown>[] })
      .answers;
    expect(answers).toHaveLength(6);
    expect(answers.find((a) => a.questionCode === 'bien_che')?.number).toBe(12.5);
    expect(answers.find((a) => a.questionCode === 'ngay_kien_toan')?.date).toBe('2025-07-01');
  });

  const invalid: [string, Record<string, unknown>, string][] = [
    [
      'single choice with two options',
      { questionCode: 'kien_toan', choices: ['co', 'chua'] },
      'TOO_MANY_CHOICES',
    ],
    [
      'single choice with an unknown option',
      { questionCode: 'kien_toan', choices: ['khac'] },
      'UNKNOWN_CHOICE',
    ],
    [
      'multiple choice over its maximum',
      { questionCode: 'nen_tang', choices: ['dao_tao', 'khao_sat', 'tro_ly_ao', 'attt'] },
      'TOO_MANY_CHOICES',
    ],
    [
      'multiple choice with a repeated option',
      { questionCode: 'nen_tang', choices: ['attt', 'attt'] },
      'DUPLICATE',
    ],
    [
      'multiple choice with an unknown option',
      { questionCode: 'nen_tang', choices: ['email'] },
      'UNKNOWN_CHOICE',
    ],
    ['scale with a fraction', { questionCode: 'hai_long', number: 3.5 }, 'NOT_INTEGER'],
    ['scale above its maximum', { questionCode: 'hai_long', number: 6 }, 'OUT_OF_RANGE'],
    ['number below its minimum', { questionCode: 'bien_che', number: -1 }, 'OUT_OF_RANGE'],
    ['number above its maximum', { questionCode: 'bien_che', number: 501 }, 'OUT_OF_RANGE'],
    ['text over its length', { questionCode: 'gop_y', text: 'ý'.repeat(201) }, 'TOO_LONG'],
    [
      'date before its range',
      { questionCode: 'ngay_kien_toan', date: '2023-12-31' },
      'OUT_OF_RANGE',
    ],
    [
      'date after its range',
      { questionCode: 'ngay_kien_toan', date: '2027-01-01' },
      'OUT_OF_RANGE',
    ],
    [
      'choice question answered with a number',
      { questionCode: 'kien_toan', number: 1 },
      'WRONG_VALUE_FIELD',
    ],
    [
      'number question answered with text',
      { questionCode: 'bien_che', text: 'mười hai' },
      'WRONG_VALUE_FIELD',
    ],
    [
      'answer with two value fields',
      { questionCode: 'hai_long', number: 3, text: 'ba' },
      'WRONG_VALUE_FIELD',
    ],
  ];
  for (const [name, answer, code] of invalid) {
    it(`rejects ${name}`, async () => {
      const result = await submit(withAnswer(answer));
      expect(firstCode(result)).toBe('SURVEYS_ANSWERS_INVALID');
      const errors = fieldErrors(result);
      expect(errors).toHaveLength(1);
      expect(errors[0]?.field).toBe(`input.answers.${answer.questionCode}`);
      expect(errors[0]?.code).toBe(code);
      expect(errors[0]?.message).toContain(String(answer.questionCode));
    });
  }

  it('rejects a missing required answer', async () => {
    const result = await submit(VALID.filter((a) => a.questionCode !== 'hai_long'));
    expect(fieldErrors(result)).toEqual([
      expect.objectContaining({ field: 'input.answers.hai_long', code: 'REQUIRED' }),
    ]);
  });

  it('rejects an unknown or repeated question', async () => {
    const result = await submit([
      ...VALID,
      { questionCode: 'khong_co', number: 1 },
      { questionCode: 'hai_long', number: 2 },
    ]);
    const got = fieldErrors(result).map((e) => `${e.field}:${e.code}`);
    expect(got).toEqual([
      'input.answers.khong_co:UNKNOWN_QUESTION',
      'input.answers.hai_long:DUPLICATE',
    ]);
  });

  it('reports one error per failing answer', async () => {
    const result = await submit(
      [
        { questionCode: 'kien_toan', choices: ['khac'] },
        { questionCode: 'hai_long', number: 9 },
        { questionCode: 'ngay_kien_toan', date: '2020-01-01' },
        { questionCode: 'gop_y', text: 'Hợp lệ' },
      ],
      'vi',
    );
    expect(firstCode(result)).toBe('SURVEYS_ANSWERS_INVALID');
    const errors = fieldErrors(result);
    expect(errors.map((e) => e.field)).toEqual([
      'input.answers.kien_toan',
      'input.answers.hai_long',
      'input.answers.ngay_kien_toan',
    ]);
    expect(result.errors?.[0]?.message).toMatch(/^3 câu trả lời có giá trị không hợp lệ/);
    expect(errors[1]?.message).toContain('Mức độ hài lòng với bộ công cụ');
    expect(errors[1]?.message).toContain('nằm ngoài khoảng cho phép');
    expect(errors[1]?.value).toBe(9);
  });

  it('treats blank answers as unanswered', async () => {
    const result = await submit(withAnswer({ questionCode: 'gop_y', text: '   ' }));
    expect(result.errors).toBeUndefined();
    const answers = (result.data?.submitSurveyResponse as { answers: { questionCode: string }[] })
      .answers;
    expect(answers.map((a) => a.questionCode)).not.toContain('gop_y');
  });

  it('stores text in NFC form', async () => {
    const decomposed = 'Phường Ba Đình cần hỗ trợ'.normalize('NFD');
    const result = await submit(withAnswer({ questionCode: 'gop_y', text: decomposed }));
    const answers = (
      result.data?.submitSurveyResponse as {
        answers: { questionCode: string; text: string | null }[];
      }
    ).answers;
    expect(answers.find((a) => a.questionCode === 'gop_y')?.text).toBe(
      'Phường Ba Đình cần hỗ trợ'.normalize('NFC'),
    );
  });
});
