import type { Context } from '../context.js';
import { responseById, saveDraft, submitResponses, type ResponseInput } from '../data/responses.js';
import {
  closeSurvey,
  createSurvey,
  createVersion,
  deleteDraft,
  publishSurvey,
  updateDraft,
} from '../data/surveys.js';
import { requireUuid } from '../errors.js';
import type { SurveyInput } from '../validation/survey-input.js';
import { respondentCodeArgument } from './respondent-code.js';
import type { ResponseView } from './survey.js';

type SingleResponseInput = ResponseInput & { surveyId: string };

/** Rejects a blank `input.respondentCode`, which the data layer would read as left out. */
function checkSingleRespondent(ctx: Context, input: SingleResponseInput): void {
  respondentCodeArgument(ctx, 'input.respondentCode', input.respondentCode, {
    en: "or leave respondentCode out to answer for the caller's own organisation",
    vi: 'hoặc bỏ trường respondentCode để trả lời cho chính đơn vị gọi',
  });
}

/** Runs a survey mutation and notes the survey it changed for the audit log. */
async function audited<T extends { id: string }>(ctx: Context, change: Promise<T>): Promise<T> {
  const survey = await change;
  ctx.audit.note('MUTATION', [survey.id]);
  return survey;
}

export const mutationResolvers = {
  Mutation: {
    createSurvey: (_source: unknown, args: { input: SurveyInput }, ctx: Context) =>
      audited(ctx, createSurvey(ctx, args.input)),

    updateSurvey: (_source: unknown, args: { id: string; input: SurveyInput }, ctx: Context) =>
      audited(ctx, updateDraft(ctx, requireUuid(ctx.locale, 'id', args.id), args.input)),

    deleteSurvey: async (_source: unknown, args: { id: string }, ctx: Context) => {
      const id = await deleteDraft(ctx, requireUuid(ctx.locale, 'id', args.id));
      ctx.audit.note('MUTATION', [id]);
      return id;
    },

    publishSurvey: (_source: unknown, args: { id: string }, ctx: Context) =>
      audited(ctx, publishSurvey(ctx, requireUuid(ctx.locale, 'id', args.id))),

    closeSurvey: (_source: unknown, args: { id: string; closesAt?: Date | null }, ctx: Context) =>
      audited(ctx, closeSurvey(ctx, requireUuid(ctx.locale, 'id', args.id), args.closesAt ?? null)),

    createSurveyVersion: (_source: unknown, args: { id: string }, ctx: Context) =>
      audited(ctx, createVersion(ctx, requireUuid(ctx.locale, 'id', args.id))),

    saveSurveyResponseDraft: async (
      _source: unknown,
      args: { input: SingleResponseInput },
      ctx: Context,
    ): Promise<ResponseView> => {
      const surveyId = requireUuid(ctx.locale, 'input.surveyId', args.input.surveyId);
      checkSingleRespondent(ctx, args.input);
      return saveDraft(ctx, surveyId, args.input);
    },

    submitSurveyResponse: async (
      _source: unknown,
      args: { input: SingleResponseInput },
      ctx: Context,
    ): Promise<ResponseView> => {
      const surveyId = requireUuid(ctx.locale, 'input.surveyId', args.input.surveyId);
      checkSingleRespondent(ctx, args.input);
      const result = await submitResponses(ctx, surveyId, [args.input], false);
      const written = result.responses[0];
      if (!written) throw new TypeError('surveys: a submission wrote no response');
      return { ...(await responseById(ctx, written.id)), respondentCode: written.orgCode };
    },

    submitSurveyResponses: async (
      _source: unknown,
      args: { surveyId: string; responses: ResponseInput[] },
      ctx: Context,
    ) => {
      const surveyId = requireUuid(ctx.locale, 'surveyId', args.surveyId);
      for (const [index, row] of args.responses.entries()) {
        respondentCodeArgument(ctx, `responses.${index}.respondentCode`, row.respondentCode);
      }
      const result = await submitResponses(ctx, surveyId, args.responses, true);
      return {
        survey: result.survey,
        submitted: result.responses.length,
        replaced: result.replaced,
        responseIds: result.responses.map((r) => r.id),
      };
    },
  },
};
