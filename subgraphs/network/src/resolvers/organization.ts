// Resolvers of the Organization entity and the directory queries.
import { cursorScope, selectsField } from '@dxhub/kit';
import type { GraphQLResolveInfo } from 'graphql';
import {
  countOrganizations,
  organizationByCode,
  pageOrganizationEntries,
  pageOrganizationEntriesWithTotal,
  type OrgListFilter,
  type OrgPageEntry,
} from '../db/organizations.js';
import { emptyProgress, progressCounts } from '../db/progress.js';
import { today } from '../dates.js';
import type { OrgKind, OrgLevel } from '../model.js';
import {
  connectionOf,
  dayFor,
  isOrgCursor,
  isTextCursor,
  loadOrganizations,
  orgCodeArgument,
  pageArgs,
  searchKeyOf,
  validOnDay,
  type Context,
  type OrgNode,
} from './common.js';

interface ListArgs {
  asOf?: string | null;
  level?: OrgLevel | null;
  kind?: OrgKind | null;
  search?: string | null;
  updatedSince?: Date | null;
  first?: number | null;
  after?: string | null;
}

interface OrganizationFilterInput extends Omit<ListArgs, 'first' | 'after'> {
  parentCode?: string | null;
  ancestorCode?: string | null;
}

/**
 * Returns a `parentCode` or `ancestorCode` filter without outer whitespace, or null when it is
 * left out; an empty code is BAD_USER_INPUT rather than no filter. The field is named beside
 * the search field (`filter.search` gives `filter.parentCode`).
 */
function codeFilter(
  ctx: Context,
  searchField: string,
  name: 'parentCode' | 'ancestorCode',
  value: string | null | undefined,
): string | null {
  if (value === null || value === undefined) return null;
  const field = searchField.replace(/search$/, name);
  return orgCodeArgument(ctx, field, value, {
    en: `or leave ${name} out to list units at every level`,
    vi: `hoặc bỏ trường ${name} để không lọc theo đơn vị cấp trên`,
  });
}

function listFilter(
  ctx: Context,
  searchField: string,
  args: OrganizationFilterInput,
  day: string,
): OrgListFilter {
  return {
    asOf: day,
    level: args.level,
    kind: args.kind,
    searchKey: searchKeyOf(ctx, searchField, args.search),
    parentCode: codeFilter(ctx, searchField, 'parentCode', args.parentCode),
    ancestorCode: codeFilter(ctx, searchField, 'ancestorCode', args.ancestorCode),
    updatedSince: args.updatedSince ? args.updatedSince.toISOString() : null,
  };
}

const entryKey = (entry: OrgPageEntry) => [entry.rank, entry.key, entry.id];

/**
 * Returns the cursor scope of a list of units: the list's name, the parent unit of a nested
 * list, the `asOf` the request gave (null when it gave none) and the rest of the filter. Codes
 * and search keys are normalised, so spellings that select the same units share cursors.
 *
 * NOTE: a cursor taken without `asOf` is rejected by the same list with `asOf` set to today,
 * although both read the same day. Binding the resolved day instead would reject cursors
 * across midnight.
 */
function orgListScope(
  list: string,
  parentId: string | null,
  asOf: string | null | undefined,
  filter: OrgListFilter,
): string {
  return cursorScope(
    list,
    parentId,
    asOf,
    filter.level,
    filter.kind,
    filter.searchKey,
    filter.parentCode,
    filter.ancestorCode,
    filter.updatedSince,
  );
}

/** Children or descendants of a unit, batched across every unit of the request. */
async function listBelow(node: OrgNode, by: 'parent' | 'ancestor', args: ListArgs, ctx: Context) {
  const day = dayFor(node, args.asOf);
  const filter = listFilter(ctx, 'search', args, day);
  const list = by === 'parent' ? 'Organization.children' : 'Organization.descendants';
  const scope = orgListScope(list, node.id, args.asOf, filter);
  const { size, after, position } = pageArgs(args, ctx, isOrgCursor, scope);
  const page = await ctx.loaders.organizationPages({ by, filter, size, after }).load(node.id);
  return connectionOf(page.entries, size, page.total, entryKey, position, (entries) =>
    loadOrganizations(
      ctx,
      entries.map((entry) => entry.id),
      day,
    ),
  );
}

/** Orders people by name key, then id, with plain string comparison. */
function byNameKey(a: { nameKey: string; id: string }, b: { nameKey: string; id: string }): number {
  if (a.nameKey !== b.nameKey) return a.nameKey < b.nameKey ? -1 : 1;
  if (a.id === b.id) return 0;
  return a.id < b.id ? -1 : 1;
}

/**
 * Reads a page of the directory and, when the request selects `totalCount`, the list's total.
 * A search counts its matches in the page's own statement. Other lists count in a second
 * statement, so that their page keeps the top-N sort. Without `totalCount` nothing is counted,
 * and the unread `totalCount` of the connection is 0.
 */
async function organizationList(
  ctx: Context,
  filter: OrgListFilter,
  size: number,
  after: [number, string, string] | null,
  info: GraphQLResolveInfo,
): Promise<{ entries: OrgPageEntry[]; total: number }> {
  if (!selectsField(info, 'totalCount')) {
    return {
      entries: await pageOrganizationEntries(ctx.db, filter, { by: 'none' }, size, after),
      total: 0,
    };
  }
  if (filter.searchKey) return pageOrganizationEntriesWithTotal(ctx.db, filter, size, after);
  const [entries, totals] = await Promise.all([
    pageOrganizationEntries(ctx.db, filter, { by: 'none' }, size, after),
    countOrganizations(ctx.db, filter, { by: 'none' }),
  ]);
  return { entries, total: totals.get('') ?? 0 };
}

export const organizationQueries = {
  organization: async (_: unknown, args: { code: string; asOf?: string | null }, ctx: Context) => {
    const code = orgCodeArgument(ctx, 'code', args.code);
    const day = args.asOf ?? today();
    const row = await organizationByCode(ctx.db, code, day);
    if (!row) return null;
    ctx.loaders.organization.prime(row.id, row);
    return { ...row, queriedOn: day };
  },

  organizations: async (
    _: unknown,
    args: { filter?: OrganizationFilterInput | null; first?: number | null; after?: string | null },
    ctx: Context,
    info: GraphQLResolveInfo,
  ) => {
    const input = args.filter ?? {};
    const day = input.asOf ?? today();
    const filter = listFilter(ctx, 'filter.search', input, day);
    const scope = orgListScope('organizations', null, input.asOf, filter);
    const { size, after, position } = pageArgs(args, ctx, isOrgCursor, scope);
    const { entries, total } = await organizationList(ctx, filter, size, after, info);
    return connectionOf(entries, size, total, entryKey, position, (page) =>
      loadOrganizations(
        ctx,
        page.map((entry) => entry.id),
        day,
      ),
    );
  },

  progress: async (
    _: unknown,
    args: { code?: string | null; asOf?: string | null },
    ctx: Context,
  ) => {
    const day = args.asOf ?? today();
    // An empty code is rejected, not read as "the whole network".
    if (args.code === null || args.code === undefined) {
      return (await progressCounts(ctx.db, null, day)).get('') ?? emptyProgress(day);
    }
    const code = orgCodeArgument(ctx, 'code', args.code, {
      en: 'or leave code out for the whole network',
      vi: 'hoặc bỏ trường code để xem số liệu của toàn mạng lưới',
    });
    const row = await organizationByCode(ctx.db, code, day);
    return row ? ctx.loaders.progress(day).load(row.id) : null;
  },
};

export const organizationType = {
  __resolveReference: (reference: { id: string }, ctx: Context) =>
    ctx.loaders.organization.load(reference.id),

  parent: async (node: OrgNode, _: unknown, ctx: Context) => {
    if (!node.parentId) return null;
    const [parent] = await loadOrganizations(ctx, [node.parentId], node.queriedOn);
    return parent ?? null;
  },

  ancestors: (node: OrgNode, _: unknown, ctx: Context) =>
    loadOrganizations(ctx, node.ancestorIds, node.queriedOn),

  children: (node: OrgNode, args: ListArgs, ctx: Context) => listBelow(node, 'parent', args, ctx),

  descendants: (node: OrgNode, args: ListArgs, ctx: Context) =>
    listBelow(node, 'ancestor', args, ctx),

  successors: async (node: OrgNode, _: unknown, ctx: Context) =>
    loadOrganizations(ctx, (await ctx.loaders.links.load(node.id)).successorIds),

  predecessors: async (node: OrgNode, _: unknown, ctx: Context) =>
    loadOrganizations(ctx, (await ctx.loaders.links.load(node.id)).predecessorIds),

  progress: (node: OrgNode) => node,

  progressSummary: (node: OrgNode, args: { asOf?: string | null }, ctx: Context) =>
    ctx.loaders.progress(dayFor(node, args.asOf)).load(node.id),

  people: async (
    node: OrgNode,
    args: { first?: number | null; after?: string | null },
    ctx: Context,
  ) => {
    const scope = cursorScope('Organization.people', node.id);
    const { size, after, position } = pageArgs(args, ctx, isTextCursor, scope);
    // Sorted here with the same comparison the cursor filter uses, whatever the database collation.
    const all = [...(await ctx.loaders.peopleOfOrganization.load(node.id))].sort(byNameKey);
    const rest = after
      ? all.filter((p) => p.nameKey > after[0] || (p.nameKey === after[0] && p.id > after[1]))
      : all;
    return connectionOf(
      rest.slice(0, size + 1),
      size,
      all.length,
      (p) => [p.nameKey, p.id],
      position,
      async (p) => p,
    );
  },

  memberships: async (node: OrgNode, args: { asOf?: string | null }, ctx: Context) => {
    const day = dayFor(node, args.asOf);
    return (await ctx.loaders.membershipsOfOrganization.load(node.id)).filter((m) =>
      validOnDay(m, day),
    );
  },

  steeringCommittee: (node: OrgNode, _: unknown, ctx: Context) =>
    ctx.loaders.committeeOfOrganization.load(node.id),
};

export const organizationProgressType = {
  itUnitRestructuring: (node: OrgNode) =>
    node.itUnitDecisionNumber && node.itUnitDecisionDate
      ? { decisionNumber: node.itUnitDecisionNumber, decisionDate: node.itUnitDecisionDate }
      : null,
  focalPointAssigned: (node: OrgNode, args: { asOf?: string | null }, ctx: Context) =>
    ctx.loaders.focalPoint(dayFor(node, args.asOf)).load(node.id),
  platformAccessGrantedOn: (node: OrgNode) => node.platformAccessGrantedOn,
};
