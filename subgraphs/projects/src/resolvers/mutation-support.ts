import { DxError, type Db, type Locale } from '@dxhub/kit';
import { and, eq, type SQL } from 'drizzle-orm';
import { projects, type ProjectRow } from '../db/schema.js';
import { notFound } from '../errors.js';
import { statusLabel, statusList, type ProjectStatus } from '../domain/workflow.js';
import { uuidInput } from './inputs.js';
import type { Context } from './context.js';

/** A transaction handle, as `db.transaction` passes it. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Author of a recorded change: the token subject and the organisation it acts for. */
export interface Actor {
  actorSubject: string;
  actorOrgId: string | null;
  actorOrgCode: string;
}

/**
 * Prepares a mutation before its transaction opens: the caller, the jurisdiction condition on
 * the project owner and the actor. The caller's organisation is looked up here, outside the
 * transaction, because the embedded database has a single connection.
 */
export async function prepareChange(ctx: Context): Promise<{ scope: SQL; actor: Actor }> {
  const caller = ctx.caller!;
  const org = await caller.org();
  const scope = await caller.jurisdiction(projects.ownerOrgId);
  return {
    scope,
    actor: {
      actorSubject: caller.subject,
      actorOrgId: org?.id ?? null,
      actorOrgCode: caller.orgCode,
    },
  };
}

/**
 * Locks a project in the caller's jurisdiction for the rest of the transaction, or throws
 * NOT_FOUND, which is also what a project outside the jurisdiction looks like.
 */
export async function lockProject(
  ctx: Context,
  tx: Tx,
  scope: SQL,
  rawId: string,
  field: string,
): Promise<ProjectRow> {
  const id = uuidInput(ctx.locale, field, rawId);
  const [row] = await tx
    .select()
    .from(projects)
    .where(and(eq(projects.id, id), scope))
    .for('update');
  if (!row) throw notFound(ctx.locale, 'Project', rawId);
  return row;
}

export async function readProject(tx: Tx, id: string): Promise<ProjectRow> {
  const [row] = await tx.select().from(projects).where(eq(projects.id, id));
  if (!row) throw new Error(`project ${id} vanished inside its own transaction`);
  return row;
}

/** Describes an action for PROJECTS_WRONG_STATUS, in both languages. */
export interface ActionName {
  en: string;
  vi: string;
}

/** Builds PROJECTS_WRONG_STATUS: the project's status does not allow the action. */
export function wrongStatus(
  locale: Locale,
  project: Pick<ProjectRow, 'code' | 'status'>,
  action: ActionName,
  allowedStatuses: readonly ProjectStatus[],
): DxError {
  return new DxError('PROJECTS_WRONG_STATUS', {
    locale,
    params: {
      code: project.code,
      status: statusLabel(project.status, locale),
      action: action[locale],
      allowed: statusList(allowedStatuses, locale),
    },
    extensions: { status: project.status, allowedStatuses },
  });
}

/** Drops cached rows of a changed project, so fields resolved after the mutation are fresh. */
export function refreshProject(ctx: Context, project: ProjectRow): void {
  ctx.loaders.projectById.clear(project.id).prime(project.id, project);
  ctx.loaders.milestonesByProject.clear(project.id);
  ctx.loaders.reportsByProject.clear(project.id);
  ctx.loaders.statusChangesByProject.clear(project.id);
  ctx.loaders.budgetChangesByProject.clear(project.id);
}

/**
 * Returns the constraint name of a PostgreSQL error, looking through the driver and drizzle
 * wrappers (postgres.js names it `constraint_name`, PGlite `constraint`).
 */
export function violatedConstraint(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth += 1) {
    const record = current as { constraint?: unknown; constraint_name?: unknown; cause?: unknown };
    const name = record.constraint_name ?? record.constraint;
    if (typeof name === 'string' && name.length > 0) return name;
    current = record.cause;
  }
  return undefined;
}

/**
 * Runs a mutation's transaction. The resolver's own checks catch most bad changes first, but
 * another request may change the row in between, so a database constraint that still fires
 * becomes the coded error `translate` returns for it. Other errors pass to the kit's masking.
 */
export async function inTransaction<T>(
  ctx: Context,
  work: (tx: Tx) => Promise<T>,
  translate: (constraint: string) => DxError | undefined,
): Promise<T> {
  try {
    return await ctx.db.transaction(work);
  } catch (error) {
    if (error instanceof DxError) throw error;
    const constraint = violatedConstraint(error);
    const coded = constraint ? translate(constraint) : undefined;
    if (!coded) throw error;
    ctx.logger.info({ constraint, code: coded.code }, 'database constraint rejected a change');
    throw coded;
  }
}
