import { vietnamDate } from '@dxhub/kit';
import type { Context } from '../context.js';
import { surveyStatus } from '../data/surveys.js';
import type { DraftAnswer } from '../db/schema.js';
import { isUuid } from '../errors.js';
import type { AnswerRow, QuestionRow, ResponseRow, SurveyRow } from '../loaders.js';

/** A response as the `SurveyResponse` type resolves it: the row plus its respondent's code. */
export type ResponseView = ResponseRow & { respondentCode: string };

export interface AnswerView {
  question: QuestionRow;
  questionCode: string;
  choices: string[] | null;
  number: number | null;
  text: string | null;
  date: string | null;
}

function submittedAnswers(rows: AnswerRow[], questionList: QuestionRow[]): AnswerView[] {
  const byId = new Map(questionList.map((q) => [q.id, q]));
  return rows
    .flatMap((row) => {
      const question = byId.get(row.questionId);
      if (!question) return [];
      return [
        {
          question,
          questionCode: question.code,
          choices: row.choices,
          number: row.numberValue,
          text: row.textValue,
          date: row.dateValue,
        },
      ];
    })
    .sort((a, b) => a.question.position - b.question.position);
}

function draftAnswers(draft: DraftAnswer[], questionList: QuestionRow[]): AnswerView[] {
  const byCode = new Map(questionList.map((q) => [q.code, q]));
  return draft.flatMap((answer) => {
    const question = byCode.get(answer.questionCode);
    if (!question) return [];
    return [
      {
        question,
        questionCode: question.code,
        choices: answer.choices ?? null,
        number: answer.number ?? null,
        text: answer.text ?? null,
        date: answer.date ?? null,
      },
    ];
  });
}

export const surveyTypeResolvers = {
  Survey: {
    __resolveReference: (reference: { id: string }, ctx: Context) =>
      isUuid(reference.id) ? ctx.loaders.survey.load(reference.id.toLowerCase()) : null,
    owner: (survey: SurveyRow) => ({ id: survey.ownerOrgId }),
    previousVersion: (survey: SurveyRow, _args: unknown, ctx: Context) =>
      survey.previousVersionId ? ctx.loaders.survey.load(survey.previousVersionId) : null,
    status: (survey: SurveyRow) => surveyStatus(survey),
    audience: (survey: SurveyRow) => ({
      levels: survey.audienceLevels,
      kinds: survey.audienceKinds,
      under: survey.audienceUnderId ? { id: survey.audienceUnderId } : null,
      underCode: survey.audienceUnderCode,
      asOf: survey.audienceDate ?? vietnamDate(survey.opensAt),
    }),
    audienceSize: async (survey: SurveyRow, _args: unknown, ctx: Context) =>
      survey.publishedAt ? ((await ctx.loaders.audienceSize.load(survey.id))?.size ?? 0) : null,
    questions: (survey: SurveyRow, _args: unknown, ctx: Context) =>
      ctx.loaders.questions.load(survey.id),
  },
  SurveyQuestion: {
    min: (question: QuestionRow) => question.minValue,
    max: (question: QuestionRow) => question.maxValue,
  },
  SurveyResponse: {
    survey: (response: ResponseView, _args: unknown, ctx: Context) =>
      ctx.loaders.survey.load(response.surveyId),
    respondent: (response: ResponseView) => ({ id: response.orgId }),
    personKey: (response: ResponseView) => response.personKey || null,
    answers: async (response: ResponseView, _args: unknown, ctx: Context) => {
      const questionList = await ctx.loaders.questions.load(response.surveyId);
      if (response.status === 'DRAFT')
        return draftAnswers(response.draftAnswers ?? [], questionList);
      return submittedAnswers(await ctx.loaders.answers.load(response.id), questionList);
    },
  },
  Organization: {
    __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
    pendingSurveys: (org: { id: string }, args: { updatedSince?: Date | null }, ctx: Context) =>
      isUuid(org.id)
        ? ctx.loaders.pendingSurveys(args.updatedSince ?? null).load(org.id.toLowerCase())
        : [],
  },
};
