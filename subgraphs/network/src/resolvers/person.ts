// Resolvers of Person, Membership and the queries that list them.
import { DxError, cursorScope } from '@dxhub/kit';
import { pageMemberships, pagePeople, type MembershipRow, type PersonRow } from '../db/people.js';
import { today } from '../dates.js';
import {
  networkRoles,
  ROLE_OF_CATEGORY,
  type MembershipCategory,
  type NetworkRole,
} from '../model.js';
import {
  connectionOf,
  covers,
  idArgument,
  isTextCursor,
  isTimeCursor,
  orgCodeFilter,
  pageArgs,
  searchKeyOf,
  validOnDay,
  type Context,
} from './common.js';

type PiiField = 'email' | 'phone' | 'nationalId';

/**
 * Releases a personal field (Decree 13/2023/NĐ-CP). The schema directive enforces the
 * `network:pii` scope, and here the person must also belong to the caller's jurisdiction. The
 * read is noted once per person and request, and the kit writes the note to the audit log
 * before the response leaves.
 */
async function releasePii(
  person: PersonRow,
  field: PiiField,
  ctx: Context,
): Promise<string | null> {
  const org = await ctx.loaders.organization.load(person.organizationId);
  if (!org || !(await covers(ctx, org))) {
    throw new DxError('FORBIDDEN', {
      locale: ctx.locale,
      params: {
        reason:
          ctx.locale === 'vi'
            ? `dữ liệu cá nhân của người thuộc đơn vị ngoài phạm vi quản lý của ${ctx.caller?.orgCode ?? ''}`
            : `personal data of a person outside the jurisdiction of ${ctx.caller?.orgCode ?? 'the caller'}`,
      },
      extensions: { reason: 'OUTSIDE_JURISDICTION' },
    });
  }
  if (!ctx.loaders.piiNoted.has(person.id)) {
    ctx.loaders.piiNoted.add(person.id);
    ctx.audit.note('PII_READ', [person.id]);
  }
  return person[field];
}

interface PersonFilterInput {
  organizationCode?: string | null;
  includeDescendants?: boolean | null;
  role?: NetworkRole | null;
  search?: string | null;
  asOf?: string | null;
  updatedSince?: Date | null;
}

interface MembershipFilterInput {
  organizationCode?: string | null;
  includeDescendants?: boolean | null;
  category?: MembershipCategory | null;
  asOf?: string | null;
  updatedSince?: Date | null;
}

type PageInput<F> = { filter?: F | null; first?: number | null; after?: string | null };

export const personQueries = {
  person: (_: unknown, args: { id: string }, ctx: Context) =>
    ctx.loaders.person.load(idArgument(ctx, 'id', 'Person', args.id)),

  people: async (_: unknown, args: PageInput<PersonFilterInput>, ctx: Context) => {
    const input = args.filter ?? {};
    const filter = {
      organizationCode: orgCodeFilter(ctx, input.organizationCode),
      includeDescendants: Boolean(input.includeDescendants),
      role: input.role ?? null,
      nameKey: searchKeyOf(ctx, 'filter.search', input.search),
      asOf: input.asOf ?? null,
      updatedSince: input.updatedSince ?? null,
    };
    const scope = cursorScope(
      'people',
      filter.organizationCode,
      filter.includeDescendants,
      filter.role,
      filter.nameKey,
      filter.asOf,
      filter.updatedSince,
    );
    const { size, after, position } = pageArgs(args, ctx, isTextCursor, scope);
    const page = await pagePeople(ctx.db, { ...filter, day: filter.asOf ?? today() }, size, after);
    return connectionOf(
      page.rows,
      size,
      page.total,
      (p) => [p.nameKey, p.id],
      position,
      async (p) => p,
    );
  },

  memberships: async (_: unknown, args: PageInput<MembershipFilterInput>, ctx: Context) => {
    const input = args.filter ?? {};
    const filter = {
      organizationCode: orgCodeFilter(ctx, input.organizationCode),
      includeDescendants: Boolean(input.includeDescendants),
      category: input.category ?? null,
      asOf: input.asOf ?? null,
      updatedSince: input.updatedSince ?? null,
    };
    const scope = cursorScope(
      'memberships',
      filter.organizationCode,
      filter.includeDescendants,
      filter.category,
      filter.asOf,
      filter.updatedSince,
    );
    const { size, after, position } = pageArgs(args, ctx, isTimeCursor, scope);
    const page = await pageMemberships(
      ctx.db,
      { ...filter, day: filter.asOf ?? today() },
      size,
      after,
    );
    return connectionOf(
      page.rows,
      size,
      page.total,
      (m) => [m.createdAt.toISOString(), m.id],
      position,
      async (m) => m,
    );
  },
};

export const personType = {
  __resolveReference: (reference: { id: string }, ctx: Context) =>
    ctx.loaders.person.load(reference.id),

  organization: (person: PersonRow, _: unknown, ctx: Context) =>
    ctx.loaders.organization.load(person.organizationId),

  networkRoles: async (person: PersonRow, args: { asOf?: string | null }, ctx: Context) => {
    const day = args.asOf ?? today();
    const [held, seats] = await Promise.all([
      ctx.loaders.membershipsOfPerson.load(person.id),
      ctx.loaders.committeeSeatsOfPerson.load(person.id),
    ]);
    const roles = new Set<NetworkRole>(
      held.filter((m) => validOnDay(m, day)).map((m) => ROLE_OF_CATEGORY[m.category]),
    );
    if (seats.some((seat) => validOnDay(seat, day))) roles.add('STEERING_COMMITTEE_MEMBER');
    return networkRoles.filter((role) => roles.has(role));
  },

  memberships: (person: PersonRow, _: unknown, ctx: Context) =>
    ctx.loaders.membershipsOfPerson.load(person.id),

  email: (person: PersonRow, _: unknown, ctx: Context) => releasePii(person, 'email', ctx),
  phone: (person: PersonRow, _: unknown, ctx: Context) => releasePii(person, 'phone', ctx),
  nationalId: (person: PersonRow, _: unknown, ctx: Context) =>
    releasePii(person, 'nationalId', ctx),
};

export const membershipType = {
  __resolveReference: (reference: { id: string }, ctx: Context) =>
    ctx.loaders.membership.load(reference.id),
  organization: (membership: MembershipRow, _: unknown, ctx: Context) =>
    ctx.loaders.organization.load(membership.organizationId),
  person: (membership: MembershipRow, _: unknown, ctx: Context) =>
    membership.personId ? ctx.loaders.person.load(membership.personId) : null,
  role: (membership: MembershipRow) =>
    membership.personId ? ROLE_OF_CATEGORY[membership.category] : null,
};
