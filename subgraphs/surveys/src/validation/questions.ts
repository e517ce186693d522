import type { ChoiceOption, QuestionType } from '../db/schema.js';
import { cleanText, type Problems } from './problems.js';

/** Largest number of questions in one survey. */
export const MAX_QUESTIONS = 200;
/** Largest number of options of one choice question. */
export const MAX_OPTIONS = 100;
/** Largest number of points on a scale (max - min + 1). */
export const MAX_SCALE_POINTS = 101;
/** Text answer length (in characters) when a question sets none, and the largest one it may set. */
export const DEFAULT_TEXT_LENGTH = 2000;
export const MAX_TEXT_LENGTH = 20000;

const CODE_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,39}$/;
const OPTION_VALUE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/;

/** A question as the GraphQL input `SurveyQuestionInput` carries it. */
export interface QuestionInput {
  code?: string | null;
  type: QuestionType;
  title: string;
  description?: string | null;
  required?: boolean | null;
  options?: { value: string; label: string }[] | null;
  min?: number | null;
  max?: number | null;
  minDate?: string | null;
  maxDate?: string | null;
  maxLength?: number | null;
  minChoices?: number | null;
  maxChoices?: number | null;
}

/** A validated question, ready to insert once the survey id and position are added. */
export interface QuestionDefinition {
  code: string;
  type: QuestionType;
  title: string;
  description: string | null;
  required: boolean;
  options: ChoiceOption[] | null;
  minValue: number | null;
  maxValue: number | null;
  minDate: string | null;
  maxDate: string | null;
  maxLength: number | null;
  minChoices: number | null;
  maxChoices: number | null;
}

const APPLIES_TO: Record<string, readonly QuestionType[]> = {
  options: ['SINGLE_CHOICE', 'MULTIPLE_CHOICE'],
  min: ['SCALE', 'NUMBER'],
  max: ['SCALE', 'NUMBER'],
  minDate: ['DATE'],
  maxDate: ['DATE'],
  maxLength: ['TEXT'],
  minChoices: ['MULTIPLE_CHOICE'],
  maxChoices: ['MULTIPLE_CHOICE'],
};

function checkOptions(
  options: QuestionInput['options'],
  path: string,
  problems: Problems,
): ChoiceOption[] {
  const list = options ?? [];
  if (list.length < 2 || list.length > MAX_OPTIONS) {
    problems.add(`${path}.options`, 'OPTION_COUNT', {
      en: `a choice question needs 2 to ${MAX_OPTIONS} options, got ${list.length}`,
      vi: `câu hỏi lựa chọn cần từ 2 đến ${MAX_OPTIONS} phương án, hiện có ${list.length}`,
    });
  }
  const seen = new Set<string>();
  return list.map((option, index) => {
    const value = option.value.trim();
    const label = cleanText(option.label);
    if (!OPTION_VALUE_PATTERN.test(value)) {
      problems.add(
        `${path}.options.${index}.value`,
        'INVALID_FORMAT',
        {
          en: `option value "${option.value}" must be 1 to 40 letters, digits, "_", "." or "-", starting with a letter or digit`,
          vi: `giá trị phương án "${option.value}" phải gồm 1 đến 40 chữ cái, chữ số, "_", "." hoặc "-", bắt đầu bằng chữ cái hoặc chữ số`,
        },
        option.value,
      );
    } else if (seen.has(value)) {
      problems.add(
        `${path}.options.${index}.value`,
        'DUPLICATE',
        {
          en: `option value "${value}" appears twice; give each option its own value`,
          vi: `giá trị phương án "${value}" bị trùng; hãy đặt giá trị riêng cho từng phương án`,
        },
        value,
      );
    }
    seen.add(value);
    if (label.length === 0 || label.length > 500) {
      problems.add(`${path}.options.${index}.label`, 'INVALID_LENGTH', {
        en: 'an option label must have 1 to 500 characters',
        vi: 'nhãn phương án phải có từ 1 đến 500 ký tự',
      });
    }
    return { value, label };
  });
}

function checkNumericBounds(input: QuestionInput, path: string, problems: Problems): void {
  const { min, max } = input;
  for (const [name, value] of [
    ['min', min],
    ['max', max],
  ] as const) {
    if (value !== null && value !== undefined && !Number.isFinite(value)) {
      problems.add(
        `${path}.${name}`,
        'NOT_FINITE',
        { en: `${name} must be a finite number`, vi: `${name} phải là một số hữu hạn` },
        value,
      );
    }
  }
  if (input.type === 'SCALE') {
    if (
      min === null ||
      min === undefined ||
      max === null ||
      max === undefined ||
      !Number.isInteger(min) ||
      !Number.isInteger(max)
    ) {
      problems.add(`${path}.min`, 'SCALE_BOUNDS', {
        en: 'a scale question needs whole-number min and max, such as 1 and 5',
        vi: 'câu hỏi thang điểm cần min và max là số nguyên, ví dụ 1 và 5',
      });
      return;
    }
    if (max - min + 1 > MAX_SCALE_POINTS || max <= min) {
      problems.add(
        `${path}.max`,
        'SCALE_BOUNDS',
        {
          en: `a scale runs from min to a larger max with at most ${MAX_SCALE_POINTS} points; got ${min} to ${max}`,
          vi: `thang điểm đi từ min đến max lớn hơn, tối đa ${MAX_SCALE_POINTS} mức; hiện là ${min} đến ${max}`,
        },
        max,
      );
    }
    return;
  }
  if (min !== null && min !== undefined && max !== null && max !== undefined && min >= max) {
    problems.add(
      `${path}.max`,
      'BOUNDS_ORDER',
      {
        en: `max (${max}) must be greater than min (${min})`,
        vi: `max (${max}) phải lớn hơn min (${min})`,
      },
      max,
    );
  }
}

function checkTypeSpecific(input: QuestionInput, path: string, problems: Problems): void {
  if (input.type === 'DATE' && input.minDate && input.maxDate && input.minDate > input.maxDate) {
    problems.add(
      `${path}.maxDate`,
      'BOUNDS_ORDER',
      {
        en: `maxDate (${input.maxDate}) is before minDate (${input.minDate})`,
        vi: `maxDate (${input.maxDate}) trước minDate (${input.minDate})`,
      },
      input.maxDate,
    );
  }
  if (input.type === 'TEXT' && input.maxLength !== null && input.maxLength !== undefined) {
    if (input.maxLength < 1 || input.maxLength > MAX_TEXT_LENGTH) {
      problems.add(
        `${path}.maxLength`,
        'OUT_OF_RANGE',
        {
          en: `maxLength must be 1 to ${MAX_TEXT_LENGTH} characters`,
          vi: `maxLength phải từ 1 đến ${MAX_TEXT_LENGTH} ký tự`,
        },
        input.maxLength,
      );
    }
  }
  if (input.type === 'MULTIPLE_CHOICE') {
    const optionCount = input.options?.length ?? 0;
    const minChoices = input.minChoices ?? 1;
    const maxChoices = input.maxChoices ?? optionCount;
    if (minChoices < 1 || maxChoices > optionCount || minChoices > maxChoices) {
      problems.add(`${path}.minChoices`, 'OUT_OF_RANGE', {
        en: `choices must satisfy 1 <= minChoices <= maxChoices <= ${optionCount} (the number of options); got ${minChoices} and ${maxChoices}`,
        vi: `số lựa chọn phải thỏa 1 <= minChoices <= maxChoices <= ${optionCount} (số phương án); hiện là ${minChoices} và ${maxChoices}`,
      });
    }
  }
}

/**
 * Validates the questions of a survey draft; every problem goes into `problems` under
 * `path.<index>.<field>`. Codes default to q1, q2, ... by position.
 */
export function validateQuestions(
  inputs: QuestionInput[],
  path: string,
  problems: Problems,
): QuestionDefinition[] {
  if (inputs.length > MAX_QUESTIONS) {
    problems.add(path, 'TOO_MANY', {
      en: `a survey may have at most ${MAX_QUESTIONS} questions, got ${inputs.length}`,
      vi: `một khảo sát có tối đa ${MAX_QUESTIONS} câu hỏi, hiện có ${inputs.length}`,
    });
  }
  const codes = new Set<string>();
  return inputs.map((input, index) => {
    const at = `${path}.${index}`;
    const code = (input.code ?? `q${index + 1}`).trim();
    if (!CODE_PATTERN.test(code)) {
      problems.add(
        `${at}.code`,
        'INVALID_FORMAT',
        {
          en: `question code "${code}" must be 1 to 40 letters, digits, "_" or "-", starting with a letter`,
          vi: `mã câu hỏi "${code}" phải gồm 1 đến 40 chữ cái, chữ số, "_" hoặc "-", bắt đầu bằng chữ cái`,
        },
        code,
      );
    } else if (codes.has(code)) {
      problems.add(
        `${at}.code`,
        'DUPLICATE',
        { en: `question code "${code}" is used twice`, vi: `mã câu hỏi "${code}" bị dùng hai lần` },
        code,
      );
    }
    codes.add(code);

    const title = cleanText(input.title);
    if (title.length === 0 || title.length > 1000) {
      problems.add(`${at}.title`, 'INVALID_LENGTH', {
        en: 'a question title must have 1 to 1000 characters',
        vi: 'nội dung câu hỏi phải có từ 1 đến 1000 ký tự',
      });
    }

    for (const [field, types] of Object.entries(APPLIES_TO)) {
      const value = (input as unknown as Record<string, unknown>)[field];
      if (value !== null && value !== undefined && !types.includes(input.type)) {
        problems.add(
          `${at}.${field}`,
          'NOT_APPLICABLE',
          {
            en: `${field} does not apply to a ${input.type} question; it applies to ${types.join(', ')}`,
            vi: `${field} không áp dụng cho câu hỏi loại ${input.type}; chỉ áp dụng cho ${types.join(', ')}`,
          },
          value,
        );
      }
    }

    const isChoice = input.type === 'SINGLE_CHOICE' || input.type === 'MULTIPLE_CHOICE';
    const options = isChoice ? checkOptions(input.options, at, problems) : null;
    if (input.type === 'SCALE' || input.type === 'NUMBER') checkNumericBounds(input, at, problems);
    checkTypeSpecific(input, at, problems);

    const description = input.description ? cleanText(input.description) : null;
    return {
      code,
      type: input.type,
      title,
      description: description || null,
      required: input.required ?? false,
      options,
      minValue: input.type === 'SCALE' || input.type === 'NUMBER' ? (input.min ?? null) : null,
      maxValue: input.type === 'SCALE' || input.type === 'NUMBER' ? (input.max ?? null) : null,
      minDate: input.type === 'DATE' ? (input.minDate ?? null) : null,
      maxDate: input.type === 'DATE' ? (input.maxDate ?? null) : null,
      maxLength: input.type === 'TEXT' ? (input.maxLength ?? DEFAULT_TEXT_LENGTH) : null,
      minChoices: input.type === 'MULTIPLE_CHOICE' ? (input.minChoices ?? 1) : null,
      maxChoices:
        input.type === 'MULTIPLE_CHOICE'
          ? (input.maxChoices ?? input.options?.length ?? null)
          : null,
    };
  });
}
