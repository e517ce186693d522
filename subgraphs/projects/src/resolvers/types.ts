import { vietnamDate } from '@dxhub/kit';
import type {
  BudgetChangeRow,
  MilestoneRow,
  ProgressReportRow,
  ProjectRow,
  StatusChangeRow,
} from '../db/schema.js';
import { TRANSITIONS } from '../domain/workflow.js';
import { isUuid } from './inputs.js';
import type { Context } from './context.js';

type Since = { updatedSince?: Date | null };

/** Keeps rows changed at or after `since`; all rows when it is not given. */
function changedSince<T>(rows: T[], since: Date | null | undefined, at: (row: T) => Date): T[] {
  return since ? rows.filter((row) => at(row).getTime() >= since.getTime()) : rows;
}

function isOverdue(milestone: MilestoneRow, today: string): boolean {
  return milestone.completedOn === null && milestone.dueOn < today;
}

function organization(id: string | null) {
  return id ? { id } : null;
}

export const Project = {
  __resolveReference(reference: { id: string }, ctx: Context) {
    // A malformed id in a representation names no project.
    return isUuid(reference.id) ? ctx.loaders.projectById.load(reference.id.toLowerCase()) : null;
  },
  owner: (project: ProjectRow) => ({ id: project.ownerOrgId }),
  contractor: (project: ProjectRow) => organization(project.contractorOrgId),
  remainingBudget: (project: ProjectRow) => project.budget - project.spentToDate,
  allowedTransitions: (project: ProjectRow) => TRANSITIONS[project.status],
  year: (project: ProjectRow) => Number(project.plannedStartOn.slice(0, 4)),
  async milestones(project: ProjectRow, args: Since, ctx: Context) {
    const rows = await ctx.loaders.milestonesByProject.load(project.id);
    return changedSince(rows, args.updatedSince, (row) => row.updatedAt);
  },
  async overdueMilestoneCount(project: ProjectRow, _: unknown, ctx: Context) {
    const today = vietnamDate();
    const rows = await ctx.loaders.milestonesByProject.load(project.id);
    return rows.filter((row) => isOverdue(row, today)).length;
  },
  async progressReports(project: ProjectRow, args: Since, ctx: Context) {
    const rows = await ctx.loaders.reportsByProject.load(project.id);
    return changedSince(rows, args.updatedSince, (row) => row.updatedAt);
  },
  async latestReport(project: ProjectRow, _: unknown, ctx: Context) {
    // The loader orders by report date, then insertion, as the database trigger does.
    const rows = await ctx.loaders.reportsByProject.load(project.id);
    return rows.at(-1) ?? null;
  },
  async statusHistory(project: ProjectRow, args: Since, ctx: Context) {
    const rows = await ctx.loaders.statusChangesByProject.load(project.id);
    return changedSince(rows, args.updatedSince, (row) => row.changedAt);
  },
  async budgetChanges(project: ProjectRow, args: Since, ctx: Context) {
    const rows = await ctx.loaders.budgetChangesByProject.load(project.id);
    return changedSince(rows, args.updatedSince, (row) => row.changedAt);
  },
};

export const ProjectMilestone = {
  project: (milestone: MilestoneRow, _: unknown, ctx: Context) =>
    ctx.loaders.projectById.load(milestone.projectId),
  completed: (milestone: MilestoneRow) => milestone.completedOn !== null,
  overdue: (milestone: MilestoneRow) => isOverdue(milestone, vietnamDate()),
};

export const ProjectProgressReport = {
  project: (report: ProgressReportRow, _: unknown, ctx: Context) =>
    ctx.loaders.projectById.load(report.projectId),
  reportedBy: (report: ProgressReportRow) => report.actorSubject,
  reportedByOrg: (report: ProgressReportRow) => organization(report.actorOrgId),
};

export const ProjectStatusChange = {
  from: (change: StatusChangeRow) => change.fromStatus,
  to: (change: StatusChangeRow) => change.toStatus,
  changedBy: (change: StatusChangeRow) => change.actorSubject,
  changedByOrg: (change: StatusChangeRow) => organization(change.actorOrgId),
};

export const ProjectBudgetChange = {
  changedBy: (change: BudgetChangeRow) => change.actorSubject,
  changedByOrg: (change: BudgetChangeRow) => organization(change.actorOrgId),
};
