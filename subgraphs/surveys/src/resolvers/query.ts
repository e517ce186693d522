import { orgTree, pageSize, toConnection, vietnamDate } from '@dxhub/kit';
import { and, eq, sql } from 'drizzle-orm';
import { callerOrgOf, type Context } from '../context.js';
import { listSurveys, type SurveyListFilter } from '../data/surveys.js';
import { notFound, requireUuid } from '../errors.js';

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
      if (filter.ownerId)
        filter.ownerId = requireUuid(ctx.locale, 'filter.ownerId', filter.ownerId);
      const { page, totalCount, hasPrevious } = await listSurveys(
        ctx,
        filter,
        args.updatedSince ?? null,
        size,
        args.after ?? null,
      );
      for (const survey of page) ctx.loaders.survey.prime(survey.id, survey);
      return toConnection(page, size, totalCount, (s) => s.cursor, hasPrevious);
    },

    pendingSurveys: async (
      _source: unknown,
      args: { organizationCode?: string | null; updatedSince?: Date | null },
      ctx: Context,
    ) => {
      let orgId: string;
      if (args.organizationCode) {
        const day = vietnamDate();
        const [unit] = await ctx.db
          .select({ id: orgTree.id })
          .from(orgTree)
          .where(
            and(
              eq(orgTree.code, args.organizationCode),
              sql`${orgTree.validFrom} <= ${day} and (${orgTree.validTo} is null or ${orgTree.validTo} >= ${day})`,
            ),
          )
          .limit(1);
        if (!unit)
          throw notFound(
            ctx.locale,
            ctx.locale === 'vi' ? 'Đơn vị' : 'Organization',
            args.organizationCode,
          );
        orgId = unit.id;
      } else {
        orgId = (await callerOrgOf(ctx)).id;
      }
      return ctx.loaders.pendingSurveys(args.updatedSince ?? null).load(orgId);
    },
  },
};
