import { orgLevels, type OrgLevel } from '@dxhub/kit';
import type { RespondentType } from '../db/schema.js';
import { isUuid } from '../errors.js';
import { validateQuestions, type QuestionDefinition, type QuestionInput } from './questions.js';
import { cleanText, type Problems } from './problems.js';

/** Default smallest group of responses an anonymous survey shows answers for. */
export const DEFAULT_ANONYMITY_THRESHOLD = 5;

const KIND_PATTERN = /^[A-Z][A-Z0-9_]{0,63}$/;

/** The audience part of the GraphQL inputs `CreateSurveyInput` and `UpdateSurveyInput`. */
export interface AudienceInput {
  levels?: OrgLevel[] | null;
  kinds?: string[] | null;
  underId?: string | null;
  underCode?: string | null;
}

/** The fields of `CreateSurveyInput`; in `UpdateSurveyInput` every one is optional. */
export interface SurveyInput {
  title?: string | null;
  description?: string | null;
  respondentType?: RespondentType | null;
  anonymous?: boolean | null;
  anonymityThreshold?: number | null;
  audience?: AudienceInput | null;
  opensAt?: Date | null;
  closesAt?: Date | null;
  questions?: QuestionInput[] | null;
}

/** A validated survey definition; `audience.under*` still has to be resolved in the org tree. */
export interface SurveyDefinition {
  title: string;
  description: string | null;
  respondentType: RespondentType;
  anonymous: boolean;
  anonymityThreshold: number;
  audienceLevels: OrgLevel[];
  audienceKinds: string[];
  underId: string | null;
  underCode: string | null;
  opensAt: Date;
  closesAt: Date;
  /** Null when an update leaves the questions as they are. */
  questions: QuestionDefinition[] | null;
}

/** The stored fields an update starts from. */
export interface StoredDefinition {
  title: string;
  description: string | null;
  respondentType: RespondentType;
  anonymous: boolean;
  anonymityThreshold: number;
  audienceLevels: string[];
  audienceKinds: string[];
  audienceUnderId: string | null;
  audienceUnderCode: string | null;
  opensAt: Date;
  closesAt: Date;
}

function checkAudience(audience: AudienceInput, problems: Problems): void {
  for (const [index, kind] of (audience.kinds ?? []).entries()) {
    if (!KIND_PATTERN.test(kind)) {
      problems.add(
        `input.audience.kinds.${index}`,
        'INVALID_FORMAT',
        {
          en: `organisation kind "${kind}" must be an upper-case code such as IT_UNIT or COMMUNITY_TEAM`,
          vi: `loại đơn vị "${kind}" phải là mã viết hoa, ví dụ IT_UNIT hoặc COMMUNITY_TEAM`,
        },
        kind,
      );
    }
  }
  for (const [index, level] of (audience.levels ?? []).entries()) {
    if (!(orgLevels as readonly string[]).includes(level)) {
      problems.add(
        `input.audience.levels.${index}`,
        'INVALID_VALUE',
        { en: `unknown level "${level}"`, vi: `cấp "${level}" không hợp lệ` },
        level,
      );
    }
  }
  // An empty underId or underCode is rejected, not read as "no unit", which would widen the
  // audience to every unit the levels and kinds select.
  const hasUnderId = audience.underId !== undefined && audience.underId !== null;
  const hasUnderCode = audience.underCode !== undefined && audience.underCode !== null;
  if (hasUnderId && hasUnderCode) {
    problems.add('input.audience', 'ONE_OF', {
      en: 'give the unit as underId or as underCode, not both',
      vi: 'chỉ truyền đơn vị bằng underId hoặc underCode, không truyền cả hai',
    });
  }
  if (hasUnderCode && audience.underCode?.trim() === '') {
    problems.add(
      'input.audience.underCode',
      'REQUIRED',
      {
        en: 'the unit code is empty; give the code of the unit, or leave underCode out to ask every unit the levels and kinds select',
        vi: 'mã đơn vị đang để trống; hãy nhập mã đơn vị, hoặc bỏ trường underCode để hỏi mọi đơn vị thuộc các cấp và loại đã chọn',
      },
      audience.underCode,
    );
  }
  if (hasUnderId && !isUuid(audience.underId as string)) {
    problems.add(
      'input.audience.underId',
      'INVALID_FORMAT',
      {
        en: `"${audience.underId}" is not an organisation id (a UUID)`,
        vi: `"${audience.underId}" không phải là mã định danh đơn vị (UUID)`,
      },
      audience.underId,
    );
  }
}

/**
 * Validates a create input, or an update input over the stored definition, collecting every
 * problem in `problems`. Text is trimmed and NFC-normalised.
 */
export function validateSurveyInput(
  input: SurveyInput,
  stored: StoredDefinition | null,
  problems: Problems,
): SurveyDefinition {
  const title =
    input.title !== undefined && input.title !== null
      ? cleanText(input.title)
      : (stored?.title ?? '');
  if (title.length === 0 || title.length > 500) {
    problems.add('input.title', 'INVALID_LENGTH', {
      en: 'the title must have 1 to 500 characters',
      vi: 'tiêu đề phải có từ 1 đến 500 ký tự',
    });
  }
  const description =
    input.description !== undefined
      ? input.description
        ? cleanText(input.description)
        : null
      : (stored?.description ?? null);
  if (description && description.length > 10000) {
    problems.add('input.description', 'INVALID_LENGTH', {
      en: 'the description may have at most 10000 characters',
      vi: 'phần mô tả có tối đa 10000 ký tự',
    });
  }

  const threshold =
    input.anonymityThreshold ?? stored?.anonymityThreshold ?? DEFAULT_ANONYMITY_THRESHOLD;
  if (!Number.isInteger(threshold) || threshold < 2 || threshold > 1000) {
    problems.add(
      'input.anonymityThreshold',
      'OUT_OF_RANGE',
      {
        en: `the anonymity threshold must be a whole number from 2 to 1000, got ${threshold}`,
        vi: `ngưỡng ẩn danh phải là số nguyên từ 2 đến 1000, hiện là ${threshold}`,
      },
      threshold,
    );
  }

  const opensAt = input.opensAt ?? stored?.opensAt;
  const closesAt = input.closesAt ?? stored?.closesAt;
  if (!opensAt || !closesAt) {
    problems.add('input.opensAt', 'REQUIRED', {
      en: 'opensAt and closesAt are required',
      vi: 'opensAt và closesAt là bắt buộc',
    });
  } else if (closesAt.getTime() <= opensAt.getTime()) {
    problems.add(
      'input.closesAt',
      'BOUNDS_ORDER',
      {
        en: `closesAt (${closesAt.toISOString()}) must be after opensAt (${opensAt.toISOString()})`,
        vi: `closesAt (${closesAt.toISOString()}) phải sau opensAt (${opensAt.toISOString()})`,
      },
      closesAt.toISOString(),
    );
  }

  const audience = input.audience;
  if (audience) checkAudience(audience, problems);
  const questions = input.questions
    ? validateQuestions(input.questions, 'input.questions', problems)
    : null;

  return {
    title,
    description,
    respondentType: input.respondentType ?? stored?.respondentType ?? 'ORGANIZATION',
    anonymous: input.anonymous ?? stored?.anonymous ?? false,
    anonymityThreshold: threshold,
    audienceLevels: audience
      ? [...new Set(audience.levels ?? [])]
      : ((stored?.audienceLevels ?? []) as OrgLevel[]),
    audienceKinds: audience ? [...new Set(audience.kinds ?? [])] : (stored?.audienceKinds ?? []),
    underId: audience
      ? (audience.underId?.toLowerCase() ?? null)
      : (stored?.audienceUnderId ?? null),
    underCode: audience
      ? (audience.underCode?.trim() ?? null)
      : (stored?.audienceUnderCode ?? null),
    opensAt: opensAt ?? new Date(0),
    closesAt: closesAt ?? new Date(0),
    questions,
  };
}
