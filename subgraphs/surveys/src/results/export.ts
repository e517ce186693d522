import { rows } from '@dxhub/kit';
import { stringify } from 'csv-stringify/sync';
import { sql } from 'drizzle-orm';
import type { Context } from '../context.js';
import { audienceScope } from '../data/access.js';
import { surveyError } from '../errors.js';
import type { QuestionRow, SurveyRow } from '../loaders.js';
import { vietnamTimestamp } from '../time.js';
import { ALL } from './disclosure.js';
import type { ResultsFilter } from './query.js';
import type { SurveyResultsView, WithheldReason } from './results.js';

export type ExportFormat = 'CSV' | 'NDJSON';

/** An export file as the `SurveyExport` type returns it. */
export interface SurveyExportFile {
  format: ExportFormat;
  contentType: string;
  filename: string;
  rowCount: number;
  base64: string;
}

interface ExportRow {
  respondentCode: string;
  level: string;
  provinceCode: string | null;
  personKey: string;
  submittedAt: Date;
  /** Answer values by question id. */
  answers: Map<string, string[] | number | string | null>;
}

const WITHHELD_TEXT: Record<WithheldReason, { en: string; vi: string }> = {
  SURVEY_NOT_CLOSED: {
    en: 'an anonymous survey shows answers only after it closes',
    vi: 'khảo sát ẩn danh chỉ hiển thị câu trả lời sau khi đóng',
  },
  TOO_FEW_RESPONSES: {
    en: 'fewer responses than the anonymity threshold are in your jurisdiction',
    vi: 'số phiếu trả lời trong phạm vi quản lý của bạn ít hơn ngưỡng ẩn danh',
  },
  PROTECTS_OTHER_GROUP: {
    en: 'showing them would let a small group be worked out by subtraction',
    vi: 'nếu hiển thị thì có thể suy ra câu trả lời của một nhóm nhỏ bằng phép trừ',
  },
};

async function loadRows(
  ctx: Context,
  survey: SurveyRow,
  filter: ResultsFilter,
): Promise<ExportRow[]> {
  const scope = await audienceScope(ctx, 'am');
  const filterParts = [
    filter.provinceCode ? sql`am.province_code = ${filter.provinceCode}` : sql`true`,
    filter.level ? sql`am.level = ${filter.level}` : sql`true`,
  ];
  // Anonymous rows go out in the order of their random ids, which carry nothing about who
  // answered or when.
  const order = survey.anonymous ? sql`r.id` : sql`am.org_code, r.person_key`;
  const found = rows<{
    org_code: string;
    level: string;
    province_code: string | null;
    person_key: string;
    submitted_ms: number;
    answers: string | null;
  }>(
    await ctx.db.execute(sql`
      select am.org_code, am.level, am.province_code, r.person_key,
        (extract(epoch from r.submitted_at) * 1000)::float8 as submitted_ms,
        (select json_agg(json_build_array(a.question_id, a.choices, a.number_value, a.text_value, a.date_value))::text
         from surveys.answers a where a.response_id = r.id) as answers
      from surveys.responses r
      join surveys.audience_members am on am.survey_id = r.survey_id and am.org_id = r.org_id
      where r.survey_id = ${survey.id}::uuid and r.status = 'SUBMITTED'
        and ${scope} and ${sql.join(filterParts, sql` and `)}
      order by ${order}`),
  );
  return found.map((row) => {
    const answers = new Map<string, string[] | number | string | null>();
    for (const [questionId, choices, number, text, date] of JSON.parse(row.answers ?? '[]') as [
      string,
      string[] | null,
      number | null,
      string | null,
      string | null,
    ][]) {
      answers.set(questionId, choices ?? number ?? text ?? date);
    }
    return {
      respondentCode: row.org_code,
      level: row.level,
      provinceCode: row.province_code,
      personKey: row.person_key,
      submittedAt: new Date(Number(row.submitted_ms)),
      answers,
    };
  });
}

/** Formats a spreadsheet cell: option labels joined by "; ", numbers and dates as written. */
function csvCell(
  question: QuestionRow,
  value: string[] | number | string | null | undefined,
): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) {
    const labels = new Map((question.options ?? []).map((o) => [o.value, o.label]));
    return value.map((v) => labels.get(v) ?? v).join('; ');
  }
  return String(value);
}

/** Converts an answer to JSON: option values (one string for single choice), numbers, text and dates as they are. */
function jsonValue(
  question: QuestionRow,
  value: string[] | number | string | null | undefined,
): unknown {
  if (value === undefined) return null;
  if (Array.isArray(value) && question.type === 'SINGLE_CHOICE') return value[0] ?? null;
  return value;
}

function toCsv(survey: SurveyRow, questionList: QuestionRow[], exportRows: ExportRow[]): string {
  const identity = survey.anonymous
    ? []
    : [
        'respondent_code',
        'level',
        'province_code',
        ...(survey.respondentType === 'PERSON' ? ['person_key'] : []),
        'submitted_at',
      ];
  const header = [...identity, ...questionList.map((q) => `${q.code}. ${q.title}`)];
  const records = exportRows.map((row) => [
    ...(survey.anonymous
      ? []
      : [
          row.respondentCode,
          row.level,
          row.provinceCode ?? '',
          ...(survey.respondentType === 'PERSON' ? [row.personKey] : []),
          vietnamTimestamp(row.submittedAt),
        ]),
    ...questionList.map((q) => csvCell(q, row.answers.get(q.id))),
  ]);
  // The byte order mark makes spreadsheet programs read the file as UTF-8, keeping Vietnamese text.
  return stringify([header, ...records], { bom: true, record_delimiter: 'windows' });
}

function toNdjson(survey: SurveyRow, questionList: QuestionRow[], exportRows: ExportRow[]): string {
  return exportRows
    .map((row) => {
      const answers = Object.fromEntries(
        questionList.map((q) => [q.code, jsonValue(q, row.answers.get(q.id))]),
      );
      const record = survey.anonymous
        ? { answers }
        : {
            respondentCode: row.respondentCode,
            level: row.level,
            provinceCode: row.provinceCode,
            ...(survey.respondentType === 'PERSON' ? { personKey: row.personKey } : {}),
            submittedAt: vietnamTimestamp(row.submittedAt),
            answers,
          };
      return `${JSON.stringify(record)}\n`;
    })
    .join('');
}

/**
 * Exports the submitted responses the caller may see, one row per response. An anonymous
 * survey's export has no respondent columns, takes no filter (row sets of two filters could be
 * intersected row by row) and follows the same release rules as its results.
 */
export async function exportResponses(
  ctx: Context,
  view: SurveyResultsView,
  format: ExportFormat,
): Promise<SurveyExportFile> {
  const { survey, questions: questionList, filter } = view;
  if (survey.anonymous) {
    if (filter.provinceCode || filter.level) {
      throw surveyError('SURVEYS_EXPORT_FILTER_ANONYMOUS', ctx.locale, { surveyId: survey.id });
    }
    const reason = await view.withheldReason({ province: ALL, level: ALL });
    if (reason) {
      throw surveyError('SURVEYS_EXPORT_WITHHELD', ctx.locale, {
        surveyId: survey.id,
        reason: WITHHELD_TEXT[reason][ctx.locale],
        withheldReason: reason,
      });
    }
  }
  // NOTE: the whole file is built in memory and sent base64-encoded inside the GraphQL
  // response. About 100,000 responses of a dozen questions make a file of tens of megabytes.
  const exportRows = await loadRows(ctx, survey, filter);
  const text =
    format === 'CSV'
      ? toCsv(survey, questionList, exportRows)
      : toNdjson(survey, questionList, exportRows);
  return {
    format,
    contentType:
      format === 'CSV' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
    filename: `survey-${survey.id}-v${survey.version}.${format === 'CSV' ? 'csv' : 'ndjson'}`,
    rowCount: exportRows.length,
    base64: Buffer.from(text, 'utf8').toString('base64'),
  };
}
