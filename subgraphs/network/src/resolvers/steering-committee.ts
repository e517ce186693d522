// Resolvers of steering committees and their members.
import { cursorScope } from '@dxhub/kit';
import { pageCommittees, type CommitteeMemberRow, type CommitteeRow } from '../db/committees.js';
import { today } from '../dates.js';
import { steeringRoles } from '../model.js';
import {
  connectionOf,
  isTimeCursor,
  orgCodeFilter,
  pageArgs,
  validOnDay,
  type Context,
} from './common.js';

interface CommitteeFilterInput {
  organizationCode?: string | null;
  includeDescendants?: boolean | null;
  updatedSince?: Date | null;
}

export const committeeQueries = {
  steeringCommittees: async (
    _: unknown,
    args: { filter?: CommitteeFilterInput | null; first?: number | null; after?: string | null },
    ctx: Context,
  ) => {
    const input = args.filter ?? {};
    const organizationCode = orgCodeFilter(ctx, input.organizationCode);
    const scope = cursorScope(
      'steeringCommittees',
      organizationCode,
      Boolean(input.includeDescendants),
      input.updatedSince,
    );
    const { size, after, position } = pageArgs(args, ctx, isTimeCursor, scope);
    const page = await pageCommittees(
      ctx.db,
      { ...input, organizationCode, day: today() },
      size,
      after,
    );
    return connectionOf(
      page.rows,
      size,
      page.total,
      (c) => [c.createdAt.toISOString(), c.id],
      position,
      async (c) => c,
    );
  },
};

/** Members on a day, the chair first, then vice chairs, then members. */
function seated(members: CommitteeMemberRow[], day: string): CommitteeMemberRow[] {
  return members
    .filter((member) => validOnDay(member, day))
    .sort((a, b) => steeringRoles.indexOf(a.role) - steeringRoles.indexOf(b.role));
}

export const committeeType = {
  __resolveReference: (reference: { id: string }, ctx: Context) =>
    ctx.loaders.committee.load(reference.id),
  organization: (committee: CommitteeRow, _: unknown, ctx: Context) =>
    ctx.loaders.organization.load(committee.organizationId),
  chair: async (committee: CommitteeRow, _: unknown, ctx: Context) => {
    const chair = seated(await ctx.loaders.membersOfCommittee.load(committee.id), today()).find(
      (m) => m.role === 'CHAIR',
    );
    return chair ? ctx.loaders.person.load(chair.personId) : null;
  },
  members: async (committee: CommitteeRow, args: { asOf?: string | null }, ctx: Context) =>
    seated(await ctx.loaders.membersOfCommittee.load(committee.id), args.asOf ?? today()),
};

export const committeeMemberType = {
  committee: (member: CommitteeMemberRow, _: unknown, ctx: Context) =>
    ctx.loaders.committee.load(member.committeeId),
  person: (member: CommitteeMemberRow, _: unknown, ctx: Context) =>
    ctx.loaders.person.load(member.personId),
};
