import { groupedLoader, keyedLoader, vietnamDate, type SubgraphContext, anyOf } from '@dxhub/kit';
import type DataLoader from 'dataloader';
import { and, asc, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { findOrgsByCode, findOrgsById, type OrgRecord } from './db/orgs.js';
import {
  fetchProjectPages,
  fetchProjectTotals,
  type PageRequest,
  type ProjectConditions,
  type TotalsRow,
  type UnitPage,
} from './db/project-queries.js';
import {
  budgetChanges,
  milestones,
  progressReports,
  projects,
  statusChanges,
  type BudgetChangeRow,
  type MilestoneRow,
  type ProgressReportRow,
  type ProjectRow,
  type StatusChangeRow,
} from './db/schema.js';

/**
 * Per-request DataLoaders of the projects subgraph. Every list-to-entity hop and every
 * `__resolveReference` goes through one, so a request costs the same number of SQL statements
 * whatever the number of projects, milestones or organisations in it.
 */
export interface ProjectsLoaders {
  /** Projects in the caller's jurisdiction; null for one that is missing or outside it. */
  projectById: DataLoader<string, ProjectRow | null>;
  milestonesByProject: DataLoader<string, MilestoneRow[]>;
  reportsByProject: DataLoader<string, ProgressReportRow[]>;
  statusChangesByProject: DataLoader<string, StatusChangeRow[]>;
  budgetChangesByProject: DataLoader<string, BudgetChangeRow[]>;
  orgById: DataLoader<string, OrgRecord | null>;
  /** Units by code as of today in Asia/Ho_Chi_Minh. */
  orgByCode: DataLoader<string, OrgRecord | null>;
  /** Pages of project ids, one per unit id, for one request shape. */
  projectPages(request: PageRequest): DataLoader<string, UnitPage | null>;
  /** Totals rows per unit id for one set of conditions. */
  projectTotals(conditions: ProjectConditions): DataLoader<string, TotalsRow[]>;
}

type LoaderContext = Omit<SubgraphContext<ProjectsLoaders>, 'loaders'>;

/** Builds the caller's jurisdiction condition on an owner column, false without a caller. */
export async function jurisdictionOf(
  context: LoaderContext,
  ownerColumn: SQLWrapper,
): Promise<SQL> {
  return context.caller ? context.caller.jurisdiction(ownerColumn) : sql`false`;
}

/** Memoises one loader per distinct request shape, so equal arguments share one batch. */
function loaderPerShape<TShape, TLoader>(
  create: (shape: TShape) => TLoader,
): (shape: TShape) => TLoader {
  const loaders = new Map<string, TLoader>();
  return (shape) => {
    const key = JSON.stringify(shape);
    let loader = loaders.get(key);
    if (!loader) {
      loader = create(shape);
      loaders.set(key, loader);
    }
    return loader;
  };
}

export function createProjectsLoaders(context: LoaderContext): ProjectsLoaders {
  const { db } = context;
  const today = vietnamDate();

  const historyOf = <T extends { projectId: string }>(
    fetch: (ids: string[]) => Promise<T[]>,
  ): DataLoader<string, T[]> =>
    groupedLoader<string, T>(
      (ids) => fetch([...ids]),
      (row) => row.projectId,
    );

  return {
    projectById: keyedLoader<string, ProjectRow>(
      async (ids) => {
        const scope = await jurisdictionOf(context, projects.ownerOrgId);
        return db
          .select()
          .from(projects)
          .where(and(anyOf(projects.id, ids), scope));
      },
      (row) => row.id,
    ),
    milestonesByProject: historyOf((ids) =>
      db
        .select()
        .from(milestones)
        .where(anyOf(milestones.projectId, ids))
        .orderBy(asc(milestones.dueOn), asc(milestones.createdAt), asc(milestones.id)),
    ),
    reportsByProject: historyOf((ids) =>
      db
        .select()
        .from(progressReports)
        .where(anyOf(progressReports.projectId, ids))
        .orderBy(asc(progressReports.reportedOn), asc(progressReports.seq)),
    ),
    statusChangesByProject: historyOf((ids) =>
      db
        .select()
        .from(statusChanges)
        .where(anyOf(statusChanges.projectId, ids))
        .orderBy(asc(statusChanges.seq)),
    ),
    budgetChangesByProject: historyOf((ids) =>
      db
        .select()
        .from(budgetChanges)
        .where(anyOf(budgetChanges.projectId, ids))
        .orderBy(asc(budgetChanges.seq)),
    ),
    orgById: keyedLoader<string, OrgRecord>(
      (ids) => findOrgsById(db, ids),
      (org) => org.id,
    ),
    orgByCode: keyedLoader<string, OrgRecord>(
      (codes) => findOrgsByCode(db, codes, today),
      (org) => org.code,
    ),
    projectPages: loaderPerShape((request: PageRequest) =>
      keyedLoader<string, UnitPage>(
        async (unitIds) => {
          const scope = await jurisdictionOf(context, sql.raw('p.owner_org_id'));
          return fetchProjectPages(db, scope, unitIds, request);
        },
        (page) => page.unitId,
      ),
    ),
    projectTotals: loaderPerShape((conditions: ProjectConditions) =>
      groupedLoader<string, TotalsRow>(
        async (unitIds) => {
          const scope = await jurisdictionOf(context, sql.raw('p.owner_org_id'));
          return fetchProjectTotals(db, scope, unitIds, conditions);
        },
        (row) => row.unitId,
      ),
    ),
  };
}
