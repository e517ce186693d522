import type { questions } from '../db/schema.js';
import { cleanText, type Problems } from './problems.js';

export type QuestionRow = typeof questions.$inferSelect;

/** An answer as the GraphQL input `SurveyAnswerInput` carries it; one value field per question type. */
export interface AnswerInput {
  questionCode: string;
  choices?: string[] | null;
  number?: number | null;
  text?: string | null;
  date?: string | null;
}

/** A validated, normalised answer with exactly one value set. */
export interface CleanAnswer {
  questionId: string;
  questionCode: string;
  choices: string[] | null;
  number: number | null;
  text: string | null;
  date: string | null;
}

/** Drafts accept partial answers; a submission must also answer every required question. */
export type AnswerMode = 'DRAFT' | 'SUBMIT';

type ValueField = 'choices' | 'number' | 'text' | 'date';

const VALUE_FIELD: Record<QuestionRow['type'], ValueField> = {
  SINGLE_CHOICE: 'choices',
  MULTIPLE_CHOICE: 'choices',
  SCALE: 'number',
  NUMBER: 'number',
  TEXT: 'text',
  DATE: 'date',
};

function isBlank(input: AnswerInput, field: ValueField): boolean {
  const value = input[field];
  if (value === null || value === undefined) return true;
  if (field === 'choices') return (value as string[]).length === 0;
  if (field === 'text') return cleanText(value as string).length === 0;
  return false;
}

function givenFields(input: AnswerInput): ValueField[] {
  return (['choices', 'number', 'text', 'date'] as const).filter((field) => !isBlank(input, field));
}

/** Checks one non-blank answer against its question; returns the clean answer or null after adding problems. */
function checkAnswer(
  question: QuestionRow,
  input: AnswerInput,
  field: string,
  problems: Problems,
): CleanAnswer | null {
  const named = `${question.code} "${question.title}"`;
  const base = {
    questionId: question.id,
    questionCode: question.code,
    choices: null,
    number: null,
    text: null,
    date: null,
  };
  const before = problems.list.length;
  switch (question.type) {
    case 'SINGLE_CHOICE':
    case 'MULTIPLE_CHOICE': {
      const choices = (input.choices ?? []).map((c) => c.trim());
      const allowed = new Set((question.options ?? []).map((o) => o.value));
      const allowedList = [...allowed].join(', ');
      for (const choice of choices) {
        if (!allowed.has(choice)) {
          problems.add(
            field,
            'UNKNOWN_CHOICE',
            {
              en: `question ${named}: "${choice}" is not one of its options (${allowedList})`,
              vi: `câu hỏi ${named}: "${choice}" không thuộc các phương án (${allowedList})`,
            },
            choice,
          );
        }
      }
      if (new Set(choices).size !== choices.length) {
        problems.add(
          field,
          'DUPLICATE',
          {
            en: `question ${named}: an option is chosen twice`,
            vi: `câu hỏi ${named}: một phương án được chọn hai lần`,
          },
          choices,
        );
      }
      const minChoices = question.type === 'SINGLE_CHOICE' ? 1 : (question.minChoices ?? 1);
      const maxChoices =
        question.type === 'SINGLE_CHOICE' ? 1 : (question.maxChoices ?? allowed.size);
      if (choices.length < minChoices || choices.length > maxChoices) {
        problems.add(
          field,
          choices.length < minChoices ? 'TOO_FEW_CHOICES' : 'TOO_MANY_CHOICES',
          {
            en: `question ${named}: choose ${minChoices === maxChoices ? minChoices : `${minChoices} to ${maxChoices}`} option(s), got ${choices.length}`,
            vi: `câu hỏi ${named}: hãy chọn ${minChoices === maxChoices ? minChoices : `từ ${minChoices} đến ${maxChoices}`} phương án, hiện chọn ${choices.length}`,
          },
          choices,
        );
      }
      return problems.list.length === before ? { ...base, choices } : null;
    }
    case 'SCALE':
    case 'NUMBER': {
      const value = input.number as number;
      if (!Number.isFinite(value)) {
        problems.add(
          field,
          'NOT_FINITE',
          {
            en: `question ${named}: the answer must be a finite number`,
            vi: `câu hỏi ${named}: câu trả lời phải là số hữu hạn`,
          },
          value,
        );
        return null;
      }
      if (question.type === 'SCALE' && !Number.isInteger(value)) {
        problems.add(
          field,
          'NOT_INTEGER',
          {
            en: `question ${named}: a scale answer is a whole number, got ${value}`,
            vi: `câu hỏi ${named}: câu trả lời thang điểm phải là số nguyên, hiện là ${value}`,
          },
          value,
        );
      }
      const { minValue: min, maxValue: max } = question;
      if ((min !== null && value < min) || (max !== null && value > max)) {
        const range = `${min ?? '-∞'} … ${max ?? '+∞'}`;
        problems.add(
          field,
          'OUT_OF_RANGE',
          {
            en: `question ${named}: ${value} is outside the allowed range ${range}`,
            vi: `câu hỏi ${named}: ${value} nằm ngoài khoảng cho phép ${range}`,
          },
          value,
        );
      }
      return problems.list.length === before ? { ...base, number: value } : null;
    }
    case 'TEXT': {
      const text = cleanText(input.text as string);
      const limit = question.maxLength ?? Number.MAX_SAFE_INTEGER;
      const length = [...text].length;
      if (length > limit) {
        problems.add(field, 'TOO_LONG', {
          en: `question ${named}: the answer has ${length} characters, more than the maximum ${limit}; shorten it`,
          vi: `câu hỏi ${named}: câu trả lời có ${length} ký tự, vượt quá tối đa ${limit}; hãy rút gọn`,
        });
        return null;
      }
      return { ...base, text };
    }
    case 'DATE': {
      const date = input.date as string;
      if (
        (question.minDate && date < question.minDate) ||
        (question.maxDate && date > question.maxDate)
      ) {
        const range = `${question.minDate ?? '…'} – ${question.maxDate ?? '…'}`;
        problems.add(
          field,
          'OUT_OF_RANGE',
          {
            en: `question ${named}: ${date} is outside the allowed dates ${range}`,
            vi: `câu hỏi ${named}: ngày ${date} nằm ngoài khoảng cho phép ${range}`,
          },
          date,
        );
        return null;
      }
      return { ...base, date };
    }
  }
}

/**
 * Validates a response's answers against the survey's questions. Every failing answer adds one
 * or more problems under `path.<question code>`; a blank answer counts as no answer. Returns the
 * clean answers, which are only meaningful when no problem was added.
 */
export function validateAnswers(
  questionList: QuestionRow[],
  inputs: AnswerInput[],
  mode: AnswerMode,
  path: string,
  problems: Problems,
): CleanAnswer[] {
  const byCode = new Map(questionList.map((q) => [q.code, q]));
  const seen = new Set<string>();
  const clean: CleanAnswer[] = [];

  for (const input of inputs) {
    const code = input.questionCode.trim();
    const field = `${path}.${code}`;
    const question = byCode.get(code);
    if (!question) {
      problems.add(
        field,
        'UNKNOWN_QUESTION',
        {
          en: `the survey has no question "${code}"; its question codes are ${[...byCode.keys()].join(', ')}`,
          vi: `khảo sát không có câu hỏi "${code}"; các mã câu hỏi là ${[...byCode.keys()].join(', ')}`,
        },
        code,
      );
      continue;
    }
    if (seen.has(code)) {
      problems.add(
        field,
        'DUPLICATE',
        {
          en: `question ${code} is answered twice; send one answer per question`,
          vi: `câu hỏi ${code} được trả lời hai lần; mỗi câu hỏi chỉ gửi một câu trả lời`,
        },
        code,
      );
      continue;
    }
    seen.add(code);

    const expected = VALUE_FIELD[question.type];
    const given = givenFields(input);
    if (given.length === 0) continue;
    if (given.length > 1 || given[0] !== expected) {
      problems.add(
        field,
        'WRONG_VALUE_FIELD',
        {
          en: `question ${code} "${question.title}" is a ${question.type} question: give its answer in "${expected}" only, not in ${given.map((g) => `"${g}"`).join(', ')}`,
          vi: `câu hỏi ${code} "${question.title}" thuộc loại ${question.type}: chỉ ghi câu trả lời vào trường "${expected}", không ghi vào ${given.map((g) => `"${g}"`).join(', ')}`,
        },
        given,
      );
      continue;
    }
    const answer = checkAnswer(question, input, field, problems);
    if (answer) clean.push(answer);
  }

  if (mode === 'SUBMIT') {
    const answered = new Set(clean.map((a) => a.questionCode));
    for (const question of questionList) {
      if (
        question.required &&
        !answered.has(question.code) &&
        !problemsMention(problems, `${path}.${question.code}`)
      ) {
        problems.add(`${path}.${question.code}`, 'REQUIRED', {
          en: `question ${question.code} "${question.title}" is required; answer it before submitting`,
          vi: `câu hỏi ${question.code} "${question.title}" là bắt buộc; hãy trả lời trước khi nộp`,
        });
      }
    }
  }
  return clean;
}

function problemsMention(problems: Problems, field: string): boolean {
  return problems.list.some((p) => p.field === field);
}
