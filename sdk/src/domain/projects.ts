import type { DxhubClient } from '../client.js';
import {
  CreateProjectDocument,
  ProjectDocument,
  ProjectTotalsDocument,
  ProjectsDocument,
  ReportProjectProgressDocument,
  type CreateProjectInput,
  type ProjectFieldsFragment,
  type ProjectFilter,
  type ProjectTotalsFilter,
  type ProjectTotalsQuery,
  type ReportProjectProgressInput,
  type ReportProjectProgressMutation,
} from '../generated/graphql.js';
import type { RequestOptions } from '../options.js';
import { paginate, type PaginateOptions } from '../pagination.js';
import { required, withVnd } from './shared.js';

const PROJECT_VND_FIELDS = ['budget', 'spentToDate', 'remainingBudget'] as const;

/**
 * A digital-transformation project; amounts are exact `bigint` đồng.
 *
 * @example
 * ```ts
 * const project: Project | null = await hub.projects.get('BTC-2025-001');
 * console.log(formatVnd(project!.budget));
 * ```
 */
export type Project = Omit<ProjectFieldsFragment, (typeof PROJECT_VND_FIELDS)[number]> & {
  budget: bigint;
  spentToDate: bigint;
  remainingBudget: bigint;
};

/**
 * A progress report just recorded; `spentToDate` in exact `bigint` đồng.
 *
 * @example
 * ```ts
 * const report: ProjectProgressReport = await hub.projects.reportProgress({ projectId, percentComplete: 40, spentToDate: 6_000_000_000n });
 * ```
 */
export type ProjectProgressReport = Omit<
  NonNullable<ReportProjectProgressMutation['reportProjectProgress']>,
  'spentToDate'
> & {
  spentToDate: bigint;
};

type TotalRow = NonNullable<ProjectTotalsQuery['projectTotals']>['byPlatform'][number];

/**
 * Project counts and money of a unit and the units below it, overall and by platform.
 *
 * @example
 * ```ts
 * const totals: ProjectTotals = await hub.projects.totals('01');
 * console.log(totals.all.projectCount, formatVnd(totals.all.budget));
 * ```
 */
export interface ProjectTotals {
  all: { projectCount: number; budget: bigint; spentToDate: bigint };
  byPlatform: (Omit<TotalRow, 'budget' | 'spentToDate'> & {
    budget: bigint;
    spentToDate: bigint;
  })[];
}

const toProject = (fields: ProjectFieldsFragment): Project => withVnd(fields, PROJECT_VND_FIELDS);

/**
 * Digital-transformation projects, their progress and budgets. Reads need `projects:read`,
 * changes `projects:write`. Amounts go in as `bigint` (or decimal strings) and come back as
 * `bigint`, never as a lossy `number`.
 *
 * @example
 * ```ts
 * for await (const project of hub.projects.list({ statuses: ['IN_PROGRESS'] })) {
 *   console.log(project.code, project.percentComplete, project.remainingBudget);
 * }
 * ```
 */
export class Projects {
  constructor(private readonly client: DxhubClient) {}

  /**
   * Returns the project with `code`, or null when it does not exist or lies outside the caller's
   * jurisdiction.
   *
   * @example
   * ```ts
   * const project = await hub.projects.get('BTC-2025-001');
   * ```
   */
  async get(code: string, options: RequestOptions = {}): Promise<Project | null> {
    const data = await this.client.request(ProjectDocument, { code }, options);
    return data.project ? toProject(data.project) : null;
  }

  /**
   * Iterates over the projects in the caller's jurisdiction that match `filter`, ordered by code.
   *
   * @example
   * ```ts
   * const recent = await collect(hub.projects.list({ years: [2025] }, { maxItems: 50 }));
   * ```
   */
  async *list(
    filter: ProjectFilter = {},
    options: PaginateOptions = {},
  ): AsyncGenerator<Project, void, undefined> {
    for await (const fields of paginate(
      this.client,
      ProjectsDocument,
      { filter },
      (data) => data.projects,
      options,
    )) {
      yield toProject(fields);
    }
  }

  /**
   * Creates a project in status PROPOSED.
   *
   * @example
   * ```ts
   * const project = await hub.projects.create({
   *   code: 'BTC-2025-001', name: 'Nền tảng dữ liệu tài chính', ownerCode: 'bo-tai-chinh', platform: 'DATA_SHARING',
   *   deliveryMode: 'OUTSOURCED_SERVICE', fundingSource: 'STATE_BUDGET_INVESTMENT', budget: 15_000_000_000n,
   *   plannedStartOn: '2025-03-01', plannedEndOn: '2026-06-30',
   * });
   * ```
   */
  async create(input: CreateProjectInput, options: RequestOptions = {}): Promise<Project> {
    const data = await this.client.request(CreateProjectDocument, { input }, options);
    return toProject(required(data.createProject, 'createProject'));
  }

  /**
   * Records progress on a project in progress or suspended.
   *
   * @example
   * ```ts
   * await hub.projects.reportProgress({ projectId: project.id, percentComplete: 40, spentToDate: 6_000_000_000n });
   * ```
   */
  async reportProgress(
    input: ReportProjectProgressInput,
    options: RequestOptions = {},
  ): Promise<ProjectProgressReport> {
    const data = await this.client.request(ReportProjectProgressDocument, { input }, options);
    return withVnd(required(data.reportProjectProgress, 'reportProjectProgress'), [
      'spentToDate',
    ] as const);
  }

  /**
   * Returns counts, budgets and spending of the projects under the unit with `unitCode`.
   *
   * @example
   * ```ts
   * const { all } = await hub.projects.totals('bo-tai-chinh', { years: [2025] });
   * ```
   */
  async totals(
    unitCode: string,
    filter: ProjectTotalsFilter = {},
    options: RequestOptions = {},
  ): Promise<ProjectTotals> {
    const data = await this.client.request(ProjectTotalsDocument, { unitCode, filter }, options);
    const totals = required(data.projectTotals, 'projectTotals');
    return {
      all: withVnd(totals.all, ['budget', 'spentToDate'] as const),
      byPlatform: totals.byPlatform.map((row) => withVnd(row, ['budget', 'spentToDate'] as const)),
    };
  }
}
