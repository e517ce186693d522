import { sql, type SQL } from 'drizzle-orm';
import { surveys } from '../db/schema.js';
import { callerOf, type BaseContext } from '../context.js';

/**
 * SQL condition on an `audience_members` row (under `alias`): the member is the caller's
 * organisation or was below it on the survey's opening date. Results, non-responders and
 * responses are limited to these members. Always true for callers who see the whole network.
 */
export async function audienceScope(ctx: BaseContext, alias: string): Promise<SQL> {
  const caller = callerOf(ctx);
  if (caller.seesAll) return sql`true`;
  const org = await caller.org();
  if (!org) return sql`false`;
  const table = sql.raw(alias);
  return sql`(${table}.org_id = ${org.id}::uuid or ${org.id}::uuid = any(${table}.ancestor_ids))`;
}

/**
 * SQL condition on `surveys.surveys`: the caller may see the survey. That holds for the owner's
 * jurisdiction (drafts included) and, once published, for every unit asked and the units above them.
 */
export async function surveyVisibility(ctx: BaseContext): Promise<SQL> {
  const caller = callerOf(ctx);
  if (caller.seesAll) return sql`true`;
  const org = await caller.org();
  if (!org) return sql`false`;
  const owned = await caller.jurisdiction(surveys.ownerOrgId);
  return sql`(${owned} or (${surveys.publishedAt} is not null and exists (
    select 1 from surveys.audience_members vis
    where vis.survey_id = ${surveys.id}
      and (vis.org_id = ${org.id}::uuid or ${org.id}::uuid = any(vis.ancestor_ids)))))`;
}

/** SQL condition on `surveys.surveys`: the caller may manage the survey (the owner's jurisdiction). */
export async function manageCondition(ctx: BaseContext): Promise<SQL> {
  return callerOf(ctx).jurisdiction(surveys.ownerOrgId);
}

/** Sends a value as one jsonb parameter, so a list of any length costs one bind parameter. */
export function jsonParam(value: unknown): SQL {
  return sql`${JSON.stringify(value)}::jsonb`;
}
