import { DxError, vietnamDate } from '@dxhub/kit';
import { eq, sql } from 'drizzle-orm';
import {
  CLOSED_STATUSES,
  CONTRACTED_STATUSES,
  REPORTING_STATUSES,
  TRANSITIONS,
  canTransition,
  statusLabel,
  statusList,
  type ProjectStatus,
} from '../domain/workflow.js';
import {
  budgetChanges,
  progressReports,
  projects,
  statusChanges,
  type ProjectRow,
} from '../db/schema.js';
import { badInput } from '../errors.js';
import {
  amountInput,
  notFutureInput,
  optionalTextInput,
  percentInput,
  textInput,
} from './inputs.js';
import {
  inTransaction,
  lockProject,
  prepareChange,
  readProject,
  refreshProject,
  wrongStatus,
} from './mutation-support.js';
import { contractorRequired, openStatuses } from './project-mutations.js';
import type { Context } from './context.js';

const REASON_MAX = 2000;

interface ChangeStatusInput {
  projectId: string;
  to: ProjectStatus;
  reason: string;
  effectiveOn?: string | null;
}

interface ChangeBudgetInput {
  projectId: string;
  newBudget: bigint;
  reason: string;
  decisionRef?: string | null;
}

interface ReportProgressInput {
  projectId: string;
  reportedOn?: string | null;
  percentComplete: number;
  spentToDate: bigint;
  note?: string | null;
}

function invalidTransition(ctx: Context, project: ProjectRow, to: ProjectStatus): DxError {
  const allowed = TRANSITIONS[project.status];
  return new DxError('PROJECTS_INVALID_TRANSITION', {
    locale: ctx.locale,
    params: {
      code: project.code,
      from: statusLabel(project.status, ctx.locale),
      to: statusLabel(to, ctx.locale),
      allowed: statusList(allowed, ctx.locale),
    },
    extensions: { from: project.status, to, allowed },
  });
}

function spendingExceedsBudget(ctx: Context, project: ProjectRow, spent: bigint): DxError {
  return new DxError('PROJECTS_SPENDING_EXCEEDS_BUDGET', {
    locale: ctx.locale,
    params: { code: project.code, spent: spent.toString(), budget: project.budget.toString() },
    extensions: { spentToDate: spent.toString(), budget: project.budget.toString() },
  });
}

function budgetBelowSpending(ctx: Context, project: ProjectRow, budget: bigint): DxError {
  return new DxError('PROJECTS_BUDGET_BELOW_SPENDING', {
    locale: ctx.locale,
    params: {
      code: project.code,
      spent: project.spentToDate.toString(),
      budget: budget.toString(),
    },
    extensions: { spentToDate: project.spentToDate.toString(), newBudget: budget.toString() },
  });
}

function concurrentChange(ctx: Context, code: string): DxError {
  return new DxError('PROJECTS_CONCURRENT_CHANGE', { locale: ctx.locale, params: { code } });
}

/** Computes the actual start and end dates a transition sets, and checks their order. */
function actualDatesAfter(
  ctx: Context,
  project: ProjectRow,
  to: ProjectStatus,
  effectiveOn: string,
) {
  const dates: Partial<Pick<ProjectRow, 'actualStartOn' | 'actualEndOn'>> = {};
  if (to === 'IN_PROGRESS' && !project.actualStartOn) dates.actualStartOn = effectiveOn;
  const ends = to === 'COMPLETED' || (to === 'CANCELLED' && project.actualStartOn !== null);
  if (ends) {
    if (project.actualStartOn && effectiveOn < project.actualStartOn) {
      throw badInput(ctx.locale, 'input.effectiveOn', effectiveOn, {
        en: `the project started on ${project.actualStartOn}; give that day or a later one`,
        vi: `dự án bắt đầu triển khai ngày ${project.actualStartOn}; hãy nhập ngày đó hoặc muộn hơn`,
      });
    }
    dates.actualEndOn = effectiveOn;
  }
  return dates;
}

export async function changeProjectStatus(
  _: unknown,
  args: { input: ChangeStatusInput },
  ctx: Context,
) {
  const { input } = args;
  const reason = textInput(ctx.locale, 'input.reason', input.reason, {
    max: REASON_MAX,
    multiline: true,
  });
  const today = vietnamDate();
  const effectiveOn = notFutureInput(
    ctx.locale,
    'input.effectiveOn',
    input.effectiveOn ?? today,
    today,
  );
  const { scope, actor } = await prepareChange(ctx);

  let locked: ProjectRow | undefined;
  const { project, change } = await inTransaction(
    ctx,
    async (tx) => {
      const current = await lockProject(ctx, tx, scope, input.projectId, 'input.projectId');
      locked = current;
      if (!canTransition(current.status, input.to)) throw invalidTransition(ctx, current, input.to);
      if (
        current.deliveryMode === 'OUTSOURCED_SERVICE' &&
        !current.contractorOrgId &&
        CONTRACTED_STATUSES.includes(input.to)
      ) {
        throw contractorRequired(ctx, { code: current.code, status: input.to });
      }

      // Dates go first, because a COMPLETED or CANCELLED project takes no direct update.
      const dates = actualDatesAfter(ctx, current, input.to, effectiveOn);
      if (Object.keys(dates).length > 0) {
        await tx
          .update(projects)
          .set({ ...dates, updatedAt: sql`now()` })
          .where(eq(projects.id, current.id));
      }
      const [change] = await tx
        .insert(statusChanges)
        .values({
          projectId: current.id,
          fromStatus: current.status,
          toStatus: input.to,
          reason,
          effectiveOn,
          ...actor,
        })
        .returning({ id: statusChanges.id });
      return { project: await readProject(tx, current.id), change: change! };
    },
    (constraint) =>
      locked && constraint === 'status_changes_from_current'
        ? concurrentChange(ctx, locked.code)
        : undefined,
  );

  ctx.audit.note('MUTATION', [project.id, change.id]);
  ctx.logger.info({ projectId: project.id, to: input.to }, 'project status changed');
  refreshProject(ctx, project);
  return project;
}

export async function changeProjectBudget(
  _: unknown,
  args: { input: ChangeBudgetInput },
  ctx: Context,
) {
  const { input } = args;
  const newBudget = amountInput(ctx.locale, 'input.newBudget', input.newBudget);
  const reason = textInput(ctx.locale, 'input.reason', input.reason, {
    max: REASON_MAX,
    multiline: true,
  });
  const decisionRef = optionalTextInput(ctx.locale, 'input.decisionRef', input.decisionRef, {
    max: 200,
  });
  const { scope, actor } = await prepareChange(ctx);

  let locked: ProjectRow | undefined;
  const { project, change } = await inTransaction(
    ctx,
    async (tx) => {
      const current = await lockProject(ctx, tx, scope, input.projectId, 'input.projectId');
      locked = current;
      if (CLOSED_STATUSES.includes(current.status)) {
        throw wrongStatus(
          ctx.locale,
          current,
          { en: 'changing its budget', vi: 'điều chỉnh kinh phí' },
          openStatuses(),
        );
      }
      if (newBudget === current.budget) {
        throw badInput(ctx.locale, 'input.newBudget', newBudget.toString(), {
          en: `${newBudget} đồng is already the budget of project ${current.code}; give a different amount`,
          vi: `${newBudget} đồng đã là kinh phí hiện tại của dự án ${current.code}; hãy nhập số tiền khác`,
        });
      }
      if (newBudget < current.spentToDate) throw budgetBelowSpending(ctx, current, newBudget);
      const [change] = await tx
        .insert(budgetChanges)
        .values({
          projectId: current.id,
          previousBudget: current.budget,
          newBudget,
          reason,
          decisionRef: decisionRef ?? null,
          ...actor,
        })
        .returning({ id: budgetChanges.id });
      return { project: await readProject(tx, current.id), change: change! };
    },
    (constraint) => {
      if (!locked) return undefined;
      if (constraint === 'projects_spending_within_budget')
        return budgetBelowSpending(ctx, locked, newBudget);
      if (constraint === 'budget_changes_from_current') return concurrentChange(ctx, locked.code);
      return undefined;
    },
  );

  ctx.audit.note('MUTATION', [project.id, change.id]);
  ctx.logger.info({ projectId: project.id }, 'project budget changed');
  refreshProject(ctx, project);
  return project;
}

export async function reportProjectProgress(
  _: unknown,
  args: { input: ReportProgressInput },
  ctx: Context,
) {
  const { input } = args;
  const today = vietnamDate();
  const reportedOn = notFutureInput(
    ctx.locale,
    'input.reportedOn',
    input.reportedOn ?? today,
    today,
  );
  const percentComplete = percentInput(ctx.locale, 'input.percentComplete', input.percentComplete);
  const spentToDate = amountInput(ctx.locale, 'input.spentToDate', input.spentToDate);
  const note = optionalTextInput(ctx.locale, 'input.note', input.note, {
    max: REASON_MAX,
    multiline: true,
  });
  const { scope, actor } = await prepareChange(ctx);

  let locked: ProjectRow | undefined;
  const { project, report } = await inTransaction(
    ctx,
    async (tx) => {
      const current = await lockProject(ctx, tx, scope, input.projectId, 'input.projectId');
      locked = current;
      if (!REPORTING_STATUSES.includes(current.status)) {
        throw wrongStatus(
          ctx.locale,
          current,
          { en: 'recording a progress report', vi: 'ghi nhận báo cáo tiến độ' },
          REPORTING_STATUSES,
        );
      }
      if (current.actualStartOn && reportedOn < current.actualStartOn) {
        throw badInput(ctx.locale, 'input.reportedOn', reportedOn, {
          en: `project ${current.code} started on ${current.actualStartOn}; give that day or a later one`,
          vi: `dự án ${current.code} bắt đầu triển khai ngày ${current.actualStartOn}; hãy nhập ngày đó hoặc muộn hơn`,
        });
      }
      // This check gives the coded message. The insert trigger enforces the same rule in the database.
      if (spentToDate > current.budget) throw spendingExceedsBudget(ctx, current, spentToDate);
      const [report] = await tx
        .insert(progressReports)
        .values({
          projectId: current.id,
          reportedOn,
          percentComplete,
          spentToDate,
          note: note ?? null,
          ...actor,
        })
        .returning();
      return { project: await readProject(tx, current.id), report: report! };
    },
    (constraint) => {
      if (!locked) return undefined;
      if (constraint === 'progress_reports_spending_within_budget') {
        return spendingExceedsBudget(ctx, locked, spentToDate);
      }
      if (constraint === 'progress_reports_project_started') {
        return wrongStatus(
          ctx.locale,
          locked,
          { en: 'recording a progress report', vi: 'ghi nhận báo cáo tiến độ' },
          REPORTING_STATUSES,
        );
      }
      return undefined;
    },
  );

  // The trigger changes the project only when this report is the latest one. It then sets the
  // project's updated_at to the report's created_at, and both are the transaction's now().
  const projectChanged = project.updatedAt.getTime() === report.createdAt.getTime();
  ctx.audit.note('MUTATION', projectChanged ? [report.id, project.id] : [report.id]);
  refreshProject(ctx, project);
  return report;
}
