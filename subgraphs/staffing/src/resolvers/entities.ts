// Fields this subgraph contributes to the network subgraph's Organization and Person entities.
import type { Context } from '../context.js';
import type { HeadcountRow } from '../data/headcount.js';
import { checkYear, isUuid } from '../validation.js';
import { organizationFigureFields } from './figures.js';
import { optionalYear, requireCoversOrgId, sinceKey } from './shared.js';

const HEADCOUNT_WORDS = { en: 'the headcount', vi: 'biên chế' };

async function headcount(
  org: { id: string },
  args: { year: number },
  ctx: Context,
): Promise<HeadcountRow | null> {
  const year = checkYear(ctx.locale, 'year', args.year);
  await requireCoversOrgId(ctx, org.id, HEADCOUNT_WORDS);
  return ctx.loaders.headcount.load({ id: org.id, year });
}

async function itUnitHeadcount(
  org: { id: string },
  args: { year: number },
  ctx: Context,
): Promise<HeadcountRow | null> {
  const year = checkYear(ctx.locale, 'year', args.year);
  await requireCoversOrgId(ctx, org.id, HEADCOUNT_WORDS);
  const itUnit = await ctx.loaders.itUnit.load({ id: org.id, year });
  return itUnit ? ctx.loaders.headcount.load({ id: itUnit.id, year }) : null;
}

async function headcountHistory(
  org: { id: string },
  args: { year?: number | null; updatedSince?: Date | null },
  ctx: Context,
) {
  const year = optionalYear(ctx, 'year', args.year);
  await requireCoversOrgId(ctx, org.id, HEADCOUNT_WORDS);
  return ctx.loaders.history.load({ id: org.id, year, updatedSince: sinceKey(args.updatedSince) });
}

export const entityResolvers = {
  Organization: {
    __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
    headcount,
    itUnitHeadcount,
    headcountHistory,
    ...organizationFigureFields,
  },
  Person: {
    __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
    // Visibility is applied inside the loaders: only positions and attendance of units the
    // caller sees are listed, so another body's records of the same person stay hidden.
    // Person ids are UUIDs; any other id cannot have records here.
    employment: async (
      person: { id: string },
      args: { activeOn?: string | null; updatedSince?: Date | null },
      ctx: Context,
    ) =>
      isUuid(person.id)
        ? ctx.loaders.employment.load({
            id: person.id,
            activeOn: args.activeOn ?? null,
            updatedSince: sinceKey(args.updatedSince),
          })
        : [],
    trainings: async (
      person: { id: string },
      args: { year?: number | null; updatedSince?: Date | null },
      ctx: Context,
    ) => {
      const year = optionalYear(ctx, 'year', args.year);
      return isUuid(person.id)
        ? ctx.loaders.trainings.load({
            id: person.id,
            year,
            updatedSince: sinceKey(args.updatedSince),
          })
        : [];
    },
  },
};
