// Helpers the resolver files share: entity references, visibility checks and argument checks.
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Context } from '../context.js';
import { forbidden, notFound } from '../errors.js';
import type { OrgRow } from '../data/orgs.js';
import type { SessionRow } from '../data/training.js';
import { checkId, checkYear, isUuid } from '../validation.js';

/** Returns a reference to the network subgraph's Organization entity. */
export function organizationRef(id: string): { __typename: 'Organization'; id: string } {
  return { __typename: 'Organization', id };
}

/** Returns a reference to the network subgraph's Person entity. */
export function personRef(id: string): { __typename: 'Person'; id: string } {
  return { __typename: 'Person', id };
}

/** Returns the caller's jurisdiction over an organisation column as SQL, false without a caller. */
export async function jurisdiction(ctx: Context, column: SQLWrapper): Promise<SQL> {
  return ctx.caller ? ctx.caller.jurisdiction(column) : sql`false`;
}

/** Checks whether the caller's jurisdiction covers the organisation with this id. */
export async function coversOrgId(ctx: Context, orgId: string): Promise<boolean> {
  if (!ctx.caller || !isUuid(orgId)) return false;
  if (ctx.caller.seesAll) return true;
  const org = await ctx.loaders.orgById.load(orgId.toLowerCase());
  return org !== null && (await ctx.caller.covers(org));
}

export async function coversOrg(ctx: Context, org: OrgRow): Promise<boolean> {
  return ctx.caller !== null && (await ctx.caller.covers(org));
}

/**
 * Throws FORBIDDEN unless the caller covers the organisation with this id; for fields that the
 * network subgraph's Organization entity carries from this subgraph.
 */
export async function requireCoversOrgId(
  ctx: Context,
  orgId: string,
  what: { en: string; vi: string },
): Promise<void> {
  if (!isUuid(orgId)) throw notFound(ctx.locale, 'Organization', orgId);
  if (await coversOrgId(ctx, orgId)) return;
  const org = await ctx.loaders.orgById.load(orgId.toLowerCase());
  const name = org?.code ?? orgId;
  throw forbidden(ctx.locale, {
    en: `${what.en} of ${name} is outside the jurisdiction of ${ctx.caller?.orgCode ?? 'the caller'}`,
    vi: `${what.vi} của ${name} nằm ngoài phạm vi quản lý của ${ctx.caller?.orgCode ?? 'bên gọi'}`,
  });
}

/** Checks an optional year argument. */
export function optionalYear(
  ctx: Context,
  field: string,
  year: number | null | undefined,
): number | null {
  return year === null || year === undefined ? null : checkYear(ctx.locale, field, year);
}

/** Converts an `updatedSince` argument to the ISO string that loader keys carry. */
export function sinceKey(since: Date | null | undefined): string | null {
  return since ? since.toISOString() : null;
}

export async function findSession(ctx: Context, field: string, id: string): Promise<SessionRow> {
  const session = await ctx.loaders.sessionById.load(checkId(ctx.locale, field, id));
  if (!session) throw notFound(ctx.locale, 'TrainingSession', id);
  return session;
}

/** Loads an organisation the record names, or fails loudly: the id was checked when written. */
export async function recordedOrg(ctx: Context, orgId: string) {
  const org = await ctx.loaders.orgById.load(orgId);
  if (!org) throw notFound(ctx.locale, 'Organization', orgId);
  return org;
}
