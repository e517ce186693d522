// Headcount: allocations, allocation decisions, transfers and the ledger of changes.
import { DxError, cursorScope } from '@dxhub/kit';
import { and, eq, or, type SQL } from 'drizzle-orm';
import type { Context } from '../context.js';
import { allocationDecisions, allocations, transfers } from '../db/schema.js';
import {
  insertDecision,
  insertTransfer,
  listHeadcounts,
  type DecisionRow,
  type HeadcountChangeRow,
  type HeadcountRow,
  type TransferRow,
} from '../data/headcount.js';
import {
  IT_UNIT_KIND,
  onDay,
  requireCovers,
  resolveOrgRef,
  underUnit,
  untilToday,
  yearRange,
  type OrganizationRef,
} from '../data/orgs.js';
import {
  changedSince,
  connectionOf,
  fetchPage,
  readPage,
  refScopePart,
  type PageArgs,
} from '../data/pagination.js';
import { badInput, notFound, postgresError, ruleViolation, violatedConstraint } from '../errors.js';
import { checkCount, checkId, checkOptionalText, checkText, checkYear } from '../validation.js';
import {
  coversOrgId,
  jurisdiction,
  optionalYear,
  organizationRef,
  requireCoversOrgId,
} from './shared.js';

export interface RecordAllocationInput {
  organization: OrganizationRef;
  year: number;
  postsAllocated: number;
  postsFilled: number;
  decisionNumber: string;
  decisionDate: string;
  note?: string | null;
}

export interface TransferPostsInput {
  from: OrganizationRef;
  to: OrganizationRef;
  year: number;
  posts: number;
  decisionNumber: string;
  decisionDate: string;
  reason: string;
}

export interface YearFilter {
  under?: OrganizationRef | null;
  year?: number | null;
  updatedSince?: Date | null;
}

/** Returns the period a list's `under` code is resolved in: the year when given, else up to today. */
function periodOf(year: number | null) {
  return year === null ? untilToday() : yearRange(year);
}

const HEADCOUNT_WORDS = { en: 'the headcount', vi: 'biên chế' };

async function recordAllocation(
  _: unknown,
  { input }: { input: RecordAllocationInput },
  ctx: Context,
): Promise<DecisionRow> {
  const year = checkYear(ctx.locale, 'input.year', input.year);
  const postsAllocated = checkCount(ctx.locale, 'input.postsAllocated', input.postsAllocated, 0);
  const postsFilled = checkCount(ctx.locale, 'input.postsFilled', input.postsFilled, 0);
  if (postsFilled > postsAllocated) {
    throw badInput(
      ctx.locale,
      'input.postsFilled',
      {
        en: `${postsFilled} posts filled is more than the ${postsAllocated} allocated; a unit never has more posts filled than allocated`,
        vi: `biên chế có mặt ${postsFilled} lớn hơn biên chế được giao ${postsAllocated}; biên chế có mặt không được vượt biên chế được giao`,
      },
      postsFilled,
    );
  }
  const decisionNumber = checkText(ctx.locale, 'input.decisionNumber', input.decisionNumber);
  const note = checkOptionalText(ctx.locale, 'input.note', input.note);
  const org = await resolveOrgRef(
    ctx,
    input.organization,
    'input.organization',
    onDay(input.decisionDate),
  );
  await requireCovers(ctx, org, { en: 'record the headcount', vi: 'ghi nhận biên chế' });

  try {
    const { row, changedIds } = await insertDecision(ctx.db, {
      orgId: org.id,
      year,
      postsAllocated,
      postsFilled,
      decisionNumber,
      decisionDate: input.decisionDate,
      note,
    });
    ctx.audit.note('MUTATION', changedIds);
    ctx.logger.info(
      { decisionId: row.id, org: org.code, year, postsAllocated, postsFilled },
      'allocation decision recorded',
    );
    return row;
  } catch (error) {
    const pg = postgresError(error);
    if (pg?.code === '23505' && violatedConstraint(pg) === 'allocation_decisions_number_key') {
      throw new DxError('CONFLICT', {
        locale: ctx.locale,
        params: {
          reason:
            ctx.locale === 'vi'
              ? `quyết định ${decisionNumber} đã được ghi nhận cho ${org.code} năm ${year}; hãy dùng số quyết định mới`
              : `decision ${decisionNumber} is already recorded for ${org.code} in ${year}; use the number of the new decision`,
        },
      });
    }
    throw error;
  }
}

async function transferPosts(
  _: unknown,
  { input }: { input: TransferPostsInput },
  ctx: Context,
): Promise<TransferRow> {
  const year = checkYear(ctx.locale, 'input.year', input.year);
  const posts = checkCount(ctx.locale, 'input.posts', input.posts, 1);
  const decisionNumber = checkText(ctx.locale, 'input.decisionNumber', input.decisionNumber);
  const reason = checkText(ctx.locale, 'input.reason', input.reason);
  const day = onDay(input.decisionDate);
  const from = await resolveOrgRef(ctx, input.from, 'input.from', day);
  const to = await resolveOrgRef(ctx, input.to, 'input.to', day);
  if (from.id === to.id) {
    throw badInput(ctx.locale, 'input.to', {
      en: `the source and the target are both ${to.code}; choose a different source`,
      vi: `đơn vị chuyển và đơn vị nhận đều là ${to.code}; hãy chọn đơn vị chuyển khác`,
    });
  }

  // The decision is the body's: the caller must cover the IT unit's parent. The trigger checks
  // the kind again under the same rule; this check only lets FORBIDDEN come first.
  if (to.kind !== IT_UNIT_KIND || !to.parentId) {
    await requireCovers(ctx, to, {
      en: 'transfer posts to units',
      vi: 'điều chuyển biên chế sang các đơn vị',
    });
    throw new DxError('STAFFING_NOT_AN_IT_UNIT', {
      locale: ctx.locale,
      params: { org: to.code, kind: to.kind, date: input.decisionDate },
      extensions: { rule: 'STAFFING_NOT_AN_IT_UNIT', org: to.code, kind: to.kind },
    });
  }
  const body = await ctx.loaders.orgById.load(to.parentId);
  if (!body) throw notFound(ctx.locale, 'Organization', to.parentId);
  await requireCovers(ctx, body, { en: 'transfer posts', vi: 'điều chuyển biên chế' });

  try {
    const { row, changedIds } = await insertTransfer(ctx.db, {
      year,
      bodyId: body.id,
      fromOrgId: from.id,
      toOrgId: to.id,
      posts,
      decisionNumber,
      decisionDate: input.decisionDate,
      reason,
    });
    ctx.audit.note('MUTATION', changedIds);
    ctx.logger.info(
      { transferId: row.id, from: from.code, to: to.code, year, posts },
      'posts transferred',
    );
    return row;
  } catch (error) {
    const violation = ruleViolation(error, ctx.locale);
    if (violation) {
      ctx.logger.info(
        { code: violation.code, from: from.code, to: to.code, year, posts },
        'transfer rejected',
      );
      throw violation;
    }
    const pg = postgresError(error);
    if (pg?.code === '23505' && violatedConstraint(pg) === 'transfers_decision_key') {
      throw new DxError('CONFLICT', {
        locale: ctx.locale,
        params: {
          reason:
            ctx.locale === 'vi'
              ? `quyết định ${decisionNumber} đã điều chuyển biên chế từ ${from.code} sang ${to.code} năm ${year}; không điều chuyển lần hai`
              : `decision ${decisionNumber} already moved posts from ${from.code} to ${to.code} for ${year}; it is not applied twice`,
        },
      });
    }
    throw error;
  }
}

async function headcounts(
  _: unknown,
  args: PageArgs & { filter: { under: OrganizationRef; year: number; updatedSince?: Date | null } },
  ctx: Context,
) {
  const year = checkYear(ctx.locale, 'filter.year', args.filter.year);
  const scope = cursorScope(
    'headcounts',
    refScopePart(args.filter.under),
    year,
    args.filter.updatedSince,
  );
  const page = readPage(ctx.locale, args, allocations.createdAt, allocations.id, scope);
  const unit = await resolveOrgRef(ctx, args.filter.under, 'filter.under', yearRange(year));
  const where = and(
    eq(allocations.year, year),
    underUnit(allocations.orgId, unit.id),
    await jurisdiction(ctx, allocations.orgId),
    changedSince(allocations.updatedAt, args.filter.updatedSince),
  ) as SQL;
  const { rows, totalCount } = await listHeadcounts(ctx.db, where, page);
  return connectionOf(rows, page, totalCount);
}

async function allocationDecisionList(
  _: unknown,
  args: PageArgs & { filter?: YearFilter | null },
  ctx: Context,
) {
  const filter = args.filter ?? {};
  const year = optionalYear(ctx, 'filter.year', filter.year);
  const scope = cursorScope(
    'allocationDecisions',
    refScopePart(filter.under),
    year,
    filter.updatedSince,
  );
  const page = readPage(
    ctx.locale,
    args,
    allocationDecisions.createdAt,
    allocationDecisions.id,
    scope,
  );
  const where = and(
    await jurisdiction(ctx, allocationDecisions.orgId),
    filter.under
      ? underUnit(
          allocationDecisions.orgId,
          (await resolveOrgRef(ctx, filter.under, 'filter.under', periodOf(year))).id,
        )
      : undefined,
    year === null ? undefined : eq(allocationDecisions.year, year),
    changedSince(allocationDecisions.updatedAt, filter.updatedSince),
  );
  const { rows, totalCount } = await fetchPage(ctx.db, allocationDecisions, where, page);
  return connectionOf(rows, page, totalCount);
}

async function transferList(
  _: unknown,
  args: PageArgs & { filter?: YearFilter | null },
  ctx: Context,
) {
  const filter = args.filter ?? {};
  const year = optionalYear(ctx, 'filter.year', filter.year);
  const scope = cursorScope('transfers', refScopePart(filter.under), year, filter.updatedSince);
  const page = readPage(ctx.locale, args, transfers.createdAt, transfers.id, scope);
  const unit = filter.under
    ? await resolveOrgRef(ctx, filter.under, 'filter.under', periodOf(year))
    : null;
  const where = and(
    or(await jurisdiction(ctx, transfers.fromOrgId), await jurisdiction(ctx, transfers.toOrgId)),
    unit
      ? or(underUnit(transfers.fromOrgId, unit.id), underUnit(transfers.toOrgId, unit.id))
      : undefined,
    year === null ? undefined : eq(transfers.year, year),
    changedSince(transfers.updatedAt, filter.updatedSince),
  );
  const { rows, totalCount } = await fetchPage(ctx.db, transfers, where, page);
  return connectionOf(rows, page, totalCount);
}

async function transferById(
  _: unknown,
  { id }: { id: string },
  ctx: Context,
): Promise<TransferRow> {
  const transfer = await ctx.loaders.transferById.load(checkId(ctx.locale, 'id', id));
  if (
    !transfer ||
    !((await coversOrgId(ctx, transfer.fromOrgId)) || (await coversOrgId(ctx, transfer.toOrgId)))
  ) {
    throw notFound(ctx.locale, 'Transfer', id);
  }
  return transfer;
}

export const headcountResolvers = {
  Query: {
    headcounts,
    allocationDecisions: allocationDecisionList,
    transfers: transferList,
    transfer: transferById,
  },
  Mutation: {
    recordAllocation,
    transferPosts,
  },
  Headcount: {
    organization: (row: HeadcountRow) => organizationRef(row.orgId),
    vacantPosts: (row: HeadcountRow) => row.postsAllocated - row.postsFilled,
    decision: (row: HeadcountRow, _: unknown, ctx: Context) =>
      row.decisionId ? ctx.loaders.decisionById.load(row.decisionId) : null,
  },
  AllocationDecision: {
    organization: (row: DecisionRow) => organizationRef(row.orgId),
  },
  Transfer: {
    body: (row: TransferRow) => organizationRef(row.bodyId),
    from: (row: TransferRow) => organizationRef(row.fromOrgId),
    to: (row: TransferRow) => organizationRef(row.toOrgId),
    fromHeadcount: async (row: TransferRow, _: unknown, ctx: Context) => {
      await requireCoversOrgId(ctx, row.fromOrgId, HEADCOUNT_WORDS);
      return ctx.loaders.headcount.load({ id: row.fromOrgId, year: row.year });
    },
    toHeadcount: async (row: TransferRow, _: unknown, ctx: Context) => {
      await requireCoversOrgId(ctx, row.toOrgId, HEADCOUNT_WORDS);
      return ctx.loaders.headcount.load({ id: row.toOrgId, year: row.year });
    },
  },
  HeadcountChange: {
    organization: (row: HeadcountChangeRow) => organizationRef(row.orgId),
    decision: (row: HeadcountChangeRow, _: unknown, ctx: Context) =>
      row.decisionId ? ctx.loaders.decisionById.load(row.decisionId) : null,
    transfer: (row: HeadcountChangeRow, _: unknown, ctx: Context) =>
      row.transferId ? ctx.loaders.transferById.load(row.transferId) : null,
  },
};
