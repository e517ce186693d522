import { orgTree, pageSize, toConnection, vietnamDate } from '@dxhub/kit';
import { and, eq, sql } from 'drizzle-orm';
import { callerOrgOf, type Context } from '../context.js';
import { listSurveys, surveyListScope, type SurveyListFilter } from '../data/surveys.js';
import { badInput, notFound, requireUuid } from '../errors.js';

export const queryResolvers = {
  Query: {
    survey: (_source: unknown, args: { id: string }, ctx: Context) =>
      ctx.loaders.survey.load(requireUuid(ctx.locale, 'id', args.id)),

    surveys: async (
      _source: unknown,
      args: {
        filter?: SurveyListFilter | null;
        updatedSince?: Date | null;
        first?: number | null;
        after?: string | null;
      },
      ctx: Context,
    ) => {
      const size = pageSize(args.first, ctx.locale);
      const filter = { ...args.filter };
      // An empty ownerId is rejected, not read as "any owner".
      if (filter.ownerId !== undefined && filter.ownerId !== null)
        filter.ownerId = requireUuid(ctx.locale, 'filter.ownerId', filter.ownerId);
      const scope = surveyListScope(filter, args.updatedSince ?? null);
      const { page, totalCount } = await listSurveys(
        ctx,
        filter,
        args.updatedSince ?? null,
        size,
        args.after ?? null,
        scope,
      );
      for (const survey of page) ctx.loaders.survey.prime(survey.id, survey);
      return toConnection(page, size, totalCount, (s) => s.cursor, { after: args.after, scope });
    },

    pendingSurveys: async (
      _source: unknown,
      args: { organizationCode?: string | null; updatedSince?: Date | null },
      ctx: Context,
    ) => {
      let orgId: string;
      // An empty code is rejected, not read as "the caller's organisation".
      if (args.organizationCode !== undefined && args.organizationCode !== null) {
        const code = args.organizationCode.trim();
        if (code === '') {
          throw badInput(
            ctx.locale,
            'organizationCode',
            {
              en: "the code is empty; give the code of an organisation, or leave organizationCode out to list the caller's own pending surveys",
              vi: 'mã đơn vị đang để trống; hãy nhập mã của một đơn vị, hoặc bỏ trường organizationCode để xem các khảo sát đơn vị gọi cần trả lời',
            },
            args.organizationCode,
          );
        }
        const day = vietnamDate();
        const [unit] = await ctx.db
          .select({ id: orgTree.id })
          .from(orgTree)
          .where(
            and(
              eq(orgTree.code, code),
              sql`${orgTree.validFrom} <= ${day} and (${orgTree.validTo} is null or ${orgTree.validTo} >= ${day})`,
            ),
          )
          .limit(1);
        if (!unit) throw notFound(ctx.locale, 'Organization', code);
        orgId = unit.id;
      } else {
        orgId = (await callerOrgOf(ctx)).id;
      }
      return ctx.loaders.pendingSurveys(args.updatedSince ?? null).load(orgId);
    },
  },
};
