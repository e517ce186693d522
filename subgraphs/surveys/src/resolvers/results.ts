import { cursorScope, decodeCursor, pageSize, toConnection } from '@dxhub/kit';
import type { Context } from '../context.js';
import { badInput } from '../errors.js';
import type { SurveyRow } from '../loaders.js';
import { exportResponses, type ExportFormat } from '../results/export.js';
import { nonResponders, type Dimension, type ResultsFilter } from '../results/query.js';
import {
  SurveyResultsView,
  type Participation,
  type QuestionGroupResult,
} from '../results/results.js';
import { cleanText } from '../validation/problems.js';

type QuestionResultView = QuestionGroupResult & { view: SurveyResultsView };

/**
 * Returns the filter with the province code trimmed and in NFC, or throws BAD_USER_INPUT when
 * that code is empty.
 */
function cleanFilter(ctx: Context, filter: ResultsFilter | null | undefined): ResultsFilter {
  const rawCode = filter?.provinceCode;
  const provinceCode = rawCode === null || rawCode === undefined ? null : cleanText(rawCode);
  // Read as "no filter", an empty code would widen the results to the whole jurisdiction, so it
  // is rejected.
  if (provinceCode === '') {
    throw badInput(
      ctx.locale,
      'filter.provinceCode',
      {
        en: 'the province code is empty; give the code of a province, such as 01, or leave provinceCode out for the whole jurisdiction',
        vi: 'mã tỉnh đang để trống; hãy nhập mã của một tỉnh, thành phố trực thuộc trung ương, ví dụ 01, hoặc bỏ trường provinceCode để xem toàn bộ phạm vi quản lý',
      },
      rawCode,
    );
  }
  return { provinceCode, level: filter?.level ?? null };
}

async function resultsView(
  survey: SurveyRow,
  filter: ResultsFilter | null | undefined,
  ctx: Context,
): Promise<SurveyResultsView> {
  const cleaned = cleanFilter(ctx, filter);
  const questionList = await ctx.loaders.questions.load(survey.id);
  return new SurveyResultsView(ctx, survey, questionList, cleaned);
}

function participation(group: Participation) {
  return { ...group, province: group.provinceId ? { id: group.provinceId } : null };
}

function groupFields(result: QuestionGroupResult) {
  return { ...result, province: result.provinceId ? { id: result.provinceId } : null };
}

export const resultsResolvers = {
  Survey: {
    results: (survey: SurveyRow, args: { filter?: ResultsFilter | null }, ctx: Context) =>
      resultsView(survey, args.filter, ctx),
    export: async (
      survey: SurveyRow,
      args: { format: ExportFormat; filter?: ResultsFilter | null },
      ctx: Context,
    ) => exportResponses(ctx, await resultsView(survey, args.filter, ctx), args.format),
  },
  SurveyResults: {
    survey: (view: SurveyResultsView) => view.survey,
    audienceSize: async (view: SurveyResultsView) => (await view.totals()).audienceSize,
    respondedCount: async (view: SurveyResultsView) => (await view.totals()).respondedCount,
    responseCount: async (view: SurveyResultsView) => (await view.totals()).responseCount,
    responseRate: async (view: SurveyResultsView) => (await view.totals()).responseRate,
    byProvince: async (view: SurveyResultsView) =>
      (await view.participationBy('PROVINCE')).map(participation),
    byLevel: async (view: SurveyResultsView) =>
      (await view.participationBy('LEVEL')).map(participation),
    nonResponders: async (
      view: SurveyResultsView,
      args: { first?: number | null; after?: string | null },
      ctx: Context,
    ) => {
      const size = pageSize(args.first, ctx.locale);
      const scope = cursorScope(
        'SurveyResults.nonResponders',
        view.survey.id,
        view.filter.provinceCode ?? null,
        view.filter.level ?? null,
      );
      let afterCode: string | null = null;
      if (args.after) {
        const [code] = decodeCursor(args.after, ctx.locale, scope);
        if (typeof code !== 'string') {
          throw badInput(
            ctx.locale,
            'after',
            {
              en: 'the cursor is not a non-responders cursor',
              vi: 'con trỏ không phải của danh sách đơn vị chưa trả lời',
            },
            args.after,
          );
        }
        afterCode = code;
      }
      const totals = await view.totals();
      const found = await nonResponders(ctx, view.survey.id, view.filter, size, afterCode);
      const nodes = found.map((member) => ({
        organization: { id: member.orgId },
        code: member.orgCode,
        level: member.level,
        kind: member.kind,
        province: member.provinceId ? { id: member.provinceId } : null,
        provinceCode: member.provinceCode,
      }));
      return toConnection(
        nodes,
        size,
        totals.audienceSize - totals.respondedCount,
        (m) => [m.code],
        { after: args.after, scope },
      );
    },
    answersReleased: async (view: SurveyResultsView) =>
      (await view.withheldReason(view.filterGroup())) === null,
    withheldReason: (view: SurveyResultsView) => view.withheldReason(view.filterGroup()),
    questions: async (view: SurveyResultsView): Promise<QuestionResultView[] | null> => {
      const results = await view.questionResults();
      return results ? results.map((result) => ({ ...groupFields(result), view })) : null;
    },
  },
  SurveyQuestionResult: {
    breakdown: async (result: QuestionResultView, args: { by: Dimension }) =>
      (await result.view.breakdown(result.question, args.by)).map(groupFields),
  },
};
