// Roll-ups under a unit: training coverage and the Decision 1690/QĐ-TTg target figures.
import type { Context } from '../context.js';
import { WHOLE_NETWORK } from '../data/figures.js';
import {
  onDay,
  requireCovers,
  resolveOrgRef,
  today,
  yearRange,
  type OrganizationRef,
} from '../data/orgs.js';
import { badInput } from '../errors.js';
import { checkYear } from '../validation.js';
import { organizationRef, requireCoversOrgId } from './shared.js';

/** The 2025 target: every IT unit has received posts moved from its body's allocation. */
export const POSTS_TRANSFERRED_GOAL = { percent: 100, year: 2025 };
/** The 2030 target: every person doing digital-transformation work is trained every year. */
export const TRAINING_GOAL = { percent: 100, year: 2030 };

/** Source object of the TrainingCoverage type; `unitId` is null for the whole network. */
export interface CoverageSource {
  unitId: string | null;
  year: number;
  from: string;
  to: string;
}

export interface TargetsSource {
  unitId: string | null;
  asOf: string;
}

const COVERAGE_WORDS = { en: 'training coverage', vi: 'tỷ lệ bồi dưỡng, tập huấn' };
const TARGET_WORDS = { en: 'the target figures', vi: 'các chỉ tiêu' };

function percentOf(part: number, whole: number): number | null {
  return whole === 0 ? null : (part * 100) / whole;
}

async function coverageCounts(source: CoverageSource, ctx: Context) {
  return ctx.loaders.coverage.load({
    id: source.unitId ?? WHOLE_NETWORK,
    from: source.from,
    to: source.to,
  });
}

async function targetCounts(source: TargetsSource, ctx: Context) {
  return ctx.loaders.targets.load({ id: source.unitId ?? WHOLE_NETWORK, asOf: source.asOf });
}

/** Checks `asOf`, defaulting to today in Asia/Ho_Chi_Minh; a future day is rejected. */
export function checkAsOf(ctx: Context, asOf: string | null | undefined): string {
  const day = asOf ?? today();
  if (day > today()) {
    throw badInput(
      ctx.locale,
      'asOf',
      {
        en: `${day} is in the future; pass today or an earlier day`,
        vi: `${day} là ngày trong tương lai; hãy chọn hôm nay hoặc một ngày trước đó`,
      },
      day,
    );
  }
  return day;
}

/** Returns the coverage source of a unit for a calendar year. */
export function coverageForYear(unitId: string | null, year: number): CoverageSource {
  const range = yearRange(year);
  return { unitId, year, ...range };
}

async function trainingCoverage(
  _: unknown,
  args: { under: OrganizationRef; year: number },
  ctx: Context,
): Promise<CoverageSource> {
  const year = checkYear(ctx.locale, 'year', args.year);
  const unit = await resolveOrgRef(ctx, args.under, 'under', yearRange(year));
  await requireCovers(ctx, unit, {
    en: 'read the training coverage',
    vi: 'xem tỷ lệ bồi dưỡng, tập huấn',
  });
  return coverageForYear(unit.id, year);
}

async function staffingTargets(
  _: unknown,
  args: { under?: OrganizationRef | null; asOf?: string | null },
  ctx: Context,
): Promise<TargetsSource> {
  const asOf = checkAsOf(ctx, args.asOf);
  if (args.under) {
    const unit = await resolveOrgRef(ctx, args.under, 'under', onDay(asOf));
    await requireCovers(ctx, unit, { en: 'read the target figures', vi: 'xem các chỉ tiêu' });
    return { unitId: unit.id, asOf };
  }
  if (ctx.caller?.seesAll) return { unitId: null, asOf };
  const own = await ctx.caller?.org();
  if (!own) {
    throw badInput(ctx.locale, 'under', {
      en: `the caller's organisation ${ctx.caller?.orgCode ?? ''} is not in the directory; name a unit in under`,
      vi: `đơn vị của bên gọi ${ctx.caller?.orgCode ?? ''} không có trong danh mục; hãy chỉ rõ đơn vị ở trường under`,
    });
  }
  return { unitId: own.id, asOf };
}

/** Organization fields contributed by the figures. */
export const organizationFigureFields = {
  async trainingCoverage(
    org: { id: string },
    args: { year: number },
    ctx: Context,
  ): Promise<CoverageSource> {
    const year = checkYear(ctx.locale, 'year', args.year);
    await requireCoversOrgId(ctx, org.id, COVERAGE_WORDS);
    return coverageForYear(org.id, year);
  },
  async staffingTargets(
    org: { id: string },
    args: { asOf?: string | null },
    ctx: Context,
  ): Promise<TargetsSource> {
    const asOf = checkAsOf(ctx, args.asOf);
    await requireCoversOrgId(ctx, org.id, TARGET_WORDS);
    return { unitId: org.id, asOf };
  },
};

export const figureResolvers = {
  Query: { trainingCoverage, staffingTargets },
  TrainingCoverage: {
    organization: (source: CoverageSource) =>
      source.unitId ? organizationRef(source.unitId) : null,
    peopleInDxRoles: async (source: CoverageSource, _: unknown, ctx: Context) =>
      (await coverageCounts(source, ctx)).people,
    trained: async (source: CoverageSource, _: unknown, ctx: Context) =>
      (await coverageCounts(source, ctx)).trained,
    untrained: async (source: CoverageSource, _: unknown, ctx: Context) => {
      const counts = await coverageCounts(source, ctx);
      return counts.people - counts.trained;
    },
    percent: async (source: CoverageSource, _: unknown, ctx: Context) => {
      const counts = await coverageCounts(source, ctx);
      return percentOf(counts.trained, counts.people);
    },
  },
  StaffingTargets: {
    organization: (source: TargetsSource) =>
      source.unitId ? organizationRef(source.unitId) : null,
    bodies: async (source: TargetsSource, _: unknown, ctx: Context) =>
      (await targetCounts(source, ctx)).bodies,
    bodiesWithItUnit: async (source: TargetsSource, _: unknown, ctx: Context) =>
      (await targetCounts(source, ctx)).bodiesWithItUnit,
    bodiesWithPostsTransferred: async (source: TargetsSource, _: unknown, ctx: Context) =>
      (await targetCounts(source, ctx)).bodiesWithPostsTransferred,
    postsTransferredPercent: async (source: TargetsSource, _: unknown, ctx: Context) => {
      const counts = await targetCounts(source, ctx);
      return percentOf(counts.bodiesWithPostsTransferred, counts.bodies);
    },
    postsTransferredGoalPercent: () => POSTS_TRANSFERRED_GOAL.percent,
    postsTransferredGoalYear: () => POSTS_TRANSFERRED_GOAL.year,
    trainingCoverage: (source: TargetsSource): CoverageSource => {
      const year = Number(source.asOf.slice(0, 4));
      return { unitId: source.unitId, year, from: `${year}-01-01`, to: source.asOf };
    },
    trainingGoalPercent: () => TRAINING_GOAL.percent,
    trainingGoalYear: () => TRAINING_GOAL.year,
  },
};
