import { DxError, vietnamDate } from '@dxhub/kit';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { CLOSED_STATUSES } from '../domain/workflow.js';
import { milestones, projects, type MilestoneRow, type ProjectRow } from '../db/schema.js';
import { notFound } from '../errors.js';
import { notFutureInput, optionalTextInput, textInput, uuidInput } from './inputs.js';
import {
  inTransaction,
  lockProject,
  prepareChange,
  wrongStatus,
  type Tx,
} from './mutation-support.js';
import { openStatuses } from './project-mutations.js';
import type { Context } from './context.js';

const TITLE_MAX = 500;
const DESCRIPTION_MAX = 10_000;
const CHANGING_MILESTONES = { en: 'changing its milestones', vi: 'thay đổi mốc tiến độ' };

interface AddMilestoneInput {
  projectId: string;
  title: string;
  description?: string | null;
  dueOn: string;
}

interface UpdateMilestoneInput {
  title?: string | null;
  description?: string | null;
  dueOn?: string | null;
  completedOn?: string | null;
}

/** Locks a milestone whose project is open and in the caller's jurisdiction, or throws. */
async function lockMilestone(
  ctx: Context,
  tx: Tx,
  scope: SQL,
  rawId: string,
): Promise<{ milestone: MilestoneRow; project: ProjectRow }> {
  const id = uuidInput(ctx.locale, 'id', rawId);
  const [found] = await tx
    .select({ milestone: milestones, project: projects })
    .from(milestones)
    .innerJoin(projects, eq(projects.id, milestones.projectId))
    .where(and(eq(milestones.id, id), scope))
    .for('update');
  if (!found) throw notFound(ctx.locale, 'ProjectMilestone', rawId);
  if (CLOSED_STATUSES.includes(found.project.status)) {
    throw wrongStatus(ctx.locale, found.project, CHANGING_MILESTONES, openStatuses());
  }
  return found;
}

function refreshMilestones(ctx: Context, projectId: string): void {
  ctx.loaders.milestonesByProject.clear(projectId);
}

export async function addProjectMilestone(
  _: unknown,
  args: { input: AddMilestoneInput },
  ctx: Context,
) {
  const { input } = args;
  const title = textInput(ctx.locale, 'input.title', input.title, { max: TITLE_MAX });
  const description = optionalTextInput(ctx.locale, 'input.description', input.description, {
    max: DESCRIPTION_MAX,
    multiline: true,
  });
  const { scope } = await prepareChange(ctx);

  const milestone = await inTransaction(
    ctx,
    async (tx) => {
      const project = await lockProject(ctx, tx, scope, input.projectId, 'input.projectId');
      if (CLOSED_STATUSES.includes(project.status)) {
        throw wrongStatus(ctx.locale, project, CHANGING_MILESTONES, openStatuses());
      }
      const [created] = await tx
        .insert(milestones)
        .values({
          projectId: project.id,
          title,
          description: description ?? null,
          dueOn: input.dueOn,
        })
        .returning();
      return created!;
    },
    () => undefined,
  );

  ctx.audit.note('MUTATION', [milestone.id]);
  refreshMilestones(ctx, milestone.projectId);
  return milestone;
}

export async function updateProjectMilestone(
  _: unknown,
  args: { id: string; input: UpdateMilestoneInput },
  ctx: Context,
) {
  const { input } = args;
  const changes: Partial<typeof milestones.$inferInsert> = {};
  if (input.title !== undefined && input.title !== null) {
    changes.title = textInput(ctx.locale, 'input.title', input.title, { max: TITLE_MAX });
  }
  const description = optionalTextInput(ctx.locale, 'input.description', input.description, {
    max: DESCRIPTION_MAX,
    multiline: true,
  });
  if (description !== undefined) changes.description = description;
  if (input.dueOn) changes.dueOn = input.dueOn;
  if (Object.prototype.hasOwnProperty.call(input, 'completedOn')) {
    const today = vietnamDate();
    changes.completedOn =
      input.completedOn === null || input.completedOn === undefined
        ? null
        : notFutureInput(ctx.locale, 'input.completedOn', input.completedOn, today);
  }
  const { scope } = await prepareChange(ctx);

  const milestone = await inTransaction(
    ctx,
    async (tx) => {
      const { milestone: current } = await lockMilestone(ctx, tx, scope, args.id);
      if (Object.keys(changes).length === 0) return current;
      const [updated] = await tx
        .update(milestones)
        .set({ ...changes, updatedAt: sql`now()` })
        .where(eq(milestones.id, current.id))
        .returning();
      return updated!;
    },
    () => undefined,
  );

  if (Object.keys(changes).length > 0) ctx.audit.note('MUTATION', [milestone.id]);
  refreshMilestones(ctx, milestone.projectId);
  return milestone;
}

export async function completeProjectMilestone(
  _: unknown,
  args: { id: string; completedOn?: string | null },
  ctx: Context,
) {
  const today = vietnamDate();
  const completedOn = notFutureInput(ctx.locale, 'completedOn', args.completedOn ?? today, today);
  const { scope } = await prepareChange(ctx);

  const milestone = await inTransaction(
    ctx,
    async (tx) => {
      const { milestone: current } = await lockMilestone(ctx, tx, scope, args.id);
      if (current.completedOn) {
        throw new DxError('CONFLICT', {
          locale: ctx.locale,
          params: {
            reason:
              ctx.locale === 'vi'
                ? `mốc tiến độ "${current.title}" đã hoàn thành ngày ${current.completedOn}; hãy dùng updateProjectMilestone để sửa ngày`
                : `milestone "${current.title}" was already completed on ${current.completedOn}; use updateProjectMilestone to change the date`,
          },
          extensions: { completedOn: current.completedOn },
        });
      }
      const [updated] = await tx
        .update(milestones)
        .set({ completedOn, updatedAt: sql`now()` })
        .where(eq(milestones.id, current.id))
        .returning();
      return updated!;
    },
    () => undefined,
  );

  ctx.audit.note('MUTATION', [milestone.id]);
  refreshMilestones(ctx, milestone.projectId);
  return milestone;
}
