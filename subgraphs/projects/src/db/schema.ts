// Drizzle tables of the projects subgraph, all inside the PostgreSQL schema "projects".
// Regenerate the migration with `pnpm db:generate --name initial` after changing a table. The
// triggers that make the history tables the only way to change status, budget and spending
// live in the custom migration `drizzle/0001_invariants.sql`.
import { sql, type SQL } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  index,
  pgSchema,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  DELIVERY_MODES,
  FUNDING_SOURCES,
  PLATFORMS,
  type DeliveryMode,
  type FundingSource,
  type Platform,
} from '../domain/classifiers.js';
import { FOLD_MAP } from '../domain/search.js';
import {
  CONTRACTED_STATUSES,
  PROJECT_STATUSES,
  TRANSITIONS,
  type ProjectStatus,
} from '../domain/workflow.js';

export const projectsSchema = pgSchema('projects');

/** Renders `'A', 'B'` for an SQL `in (...)` list of fixed identifiers-like values. */
function literalList(values: readonly string[]): SQL {
  return sql.raw(values.map((value) => `'${value}'`).join(', '));
}

function allowedTransitionPairs(): SQL {
  const pairs = Object.entries(TRANSITIONS).flatMap(([from, targets]) =>
    targets.map((to) => `('${from}', '${to}')`),
  );
  return sql.raw(pairs.join(', '));
}

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

/** Author of a history row: the token subject and the organisation it acted for. */
const recordedBy = {
  actorSubject: text('actor_subject').notNull(),
  actorOrgId: uuid('actor_org_id'),
  actorOrgCode: text('actor_org_code').notNull(),
};

/**
 * One project. `status`, `budget`, `spent_to_date`, `percent_complete` and `last_reported_on`
 * change only through inserts into `status_changes`, `budget_changes` and `progress_reports`;
 * a trigger rejects any direct update of them.
 */
export const projects = projectsSchema.table(
  'projects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    /** Organisation that owns the project, an id of `network.org_tree`. */
    ownerOrgId: uuid('owner_org_id').notNull(),
    platform: text('platform').$type<Platform>().notNull(),
    deliveryMode: text('delivery_mode').$type<DeliveryMode>().notNull(),
    /** Enterprise delivering the project, an id of `network.org_tree` at level ENTERPRISE. */
    contractorOrgId: uuid('contractor_org_id'),
    fundingSource: text('funding_source').$type<FundingSource>().notNull(),
    /** Current budget in đồng. */
    budget: bigint('budget', { mode: 'bigint' }).notNull(),
    /** Spending to date in đồng, from the latest progress report. */
    spentToDate: bigint('spent_to_date', { mode: 'bigint' })
      .notNull()
      .default(sql`0`),
    percentComplete: smallint('percent_complete').notNull().default(0),
    lastReportedOn: date('last_reported_on'),
    status: text('status').$type<ProjectStatus>().notNull().default('PROPOSED'),
    plannedStartOn: date('planned_start_on').notNull(),
    plannedEndOn: date('planned_end_on').notNull(),
    actualStartOn: date('actual_start_on'),
    actualEndOn: date('actual_end_on'),
    /** Code and name, lower-cased and without Vietnamese diacritics, for accent-blind search. */
    searchText: text('search_text')
      .notNull()
      .generatedAlwaysAs(
        (): SQL =>
          sql`translate(lower(${projects.code} || ' ' || ${projects.name}), ${sql.raw(`'${FOLD_MAP.from}'`)}, ${sql.raw(`'${FOLD_MAP.to}'`)})`,
      ),
    ...timestamps,
  },
  (table) => [
    uniqueIndex('projects_code_key').on(table.code),
    // Lists sort by code byte-wise, whatever the server's locale, then by id.
    index('projects_code_order_idx').on(sql`(${table.code} collate "C")`, table.id),
    index('projects_owner_idx').on(table.ownerOrgId),
    index('projects_contractor_idx').on(table.contractorOrgId),
    index('projects_updated_at_idx').on(table.updatedAt),
    check('projects_code_format', sql`${table.code} ~ '^\\S(.{0,62}\\S)?$'`),
    check('projects_name_length', sql`length(btrim(${table.name})) between 1 and 500`),
    check('projects_platform_known', sql`${table.platform} in (${literalList(PLATFORMS)})`),
    check(
      'projects_delivery_mode_known',
      sql`${table.deliveryMode} in (${literalList(DELIVERY_MODES)})`,
    ),
    check(
      'projects_funding_source_known',
      sql`${table.fundingSource} in (${literalList(FUNDING_SOURCES)})`,
    ),
    check('projects_status_known', sql`${table.status} in (${literalList(PROJECT_STATUSES)})`),
    check('projects_budget_not_negative', sql`${table.budget} >= 0`),
    check(
      'projects_spending_within_budget',
      sql`${table.spentToDate} >= 0 and ${table.spentToDate} <= ${table.budget}`,
    ),
    check('projects_percent_range', sql`${table.percentComplete} between 0 and 100`),
    check('projects_planned_dates_order', sql`${table.plannedEndOn} >= ${table.plannedStartOn}`),
    check(
      'projects_actual_dates_order',
      sql`${table.actualEndOn} is null or ${table.actualStartOn} is null or ${table.actualEndOn} >= ${table.actualStartOn}`,
    ),
    check(
      'projects_in_house_without_contractor',
      sql`${table.deliveryMode} <> 'IN_HOUSE' or ${table.contractorOrgId} is null`,
    ),
    check(
      'projects_outsourced_started_with_contractor',
      sql`not (${table.deliveryMode} = 'OUTSOURCED_SERVICE' and ${table.status} in (${literalList(CONTRACTED_STATUSES)}) and ${table.contractorOrgId} is null)`,
    ),
  ],
);

/**
 * Every status a project has had, oldest first. The first row (no `from_status`) records the
 * creation; each later row moves the project along an allowed transition, which a trigger
 * applies to `projects.status`. Rows are never updated or deleted.
 */
export const statusChanges = projectsSchema.table(
  'status_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    fromStatus: text('from_status').$type<ProjectStatus>(),
    toStatus: text('to_status').$type<ProjectStatus>().notNull(),
    /** Reason for the change; optional only on the creation row. */
    reason: text('reason'),
    /** Day the change takes effect, in Asia/Ho_Chi_Minh. */
    effectiveOn: date('effective_on').notNull(),
    ...recordedBy,
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('status_changes_project_idx').on(table.projectId, table.seq),
    check(
      'status_changes_allowed',
      sql`(${table.fromStatus} is null and ${table.toStatus} = 'PROPOSED') or (${table.fromStatus} is not null and (${table.fromStatus}, ${table.toStatus}) in (${allowedTransitionPairs()}))`,
    ),
    check(
      'status_changes_reason_given',
      sql`${table.fromStatus} is null or length(btrim(${table.reason})) > 0`,
    ),
  ],
);

/**
 * Every change of a project's budget. A trigger applies `new_budget` to the project, so the
 * budget of a project changes only with a recorded reason.
 */
export const budgetChanges = projectsSchema.table(
  'budget_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    previousBudget: bigint('previous_budget', { mode: 'bigint' }).notNull(),
    newBudget: bigint('new_budget', { mode: 'bigint' }).notNull(),
    reason: text('reason').notNull(),
    /** Number of the decision that approved the change, such as "123/QĐ-UBND". */
    decisionRef: text('decision_ref'),
    ...recordedBy,
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('budget_changes_project_idx').on(table.projectId, table.seq),
    check('budget_changes_new_not_negative', sql`${table.newBudget} >= 0`),
    check('budget_changes_differs', sql`${table.newBudget} <> ${table.previousBudget}`),
    check('budget_changes_reason_given', sql`length(btrim(${table.reason})) > 0`),
  ],
);

/**
 * Progress reports. The latest one by report date, then by insertion order, sets the project's
 * spending to date and percent complete. A trigger rejects any report whose spending exceeds
 * the project's budget at that moment.
 */
export const progressReports = projectsSchema.table(
  'progress_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    reportedOn: date('reported_on').notNull(),
    percentComplete: smallint('percent_complete').notNull(),
    /** Cumulative spending in đồng up to `reported_on`. */
    spentToDate: bigint('spent_to_date', { mode: 'bigint' }).notNull(),
    note: text('note'),
    ...recordedBy,
    ...timestamps,
  },
  (table) => [
    index('progress_reports_project_idx').on(table.projectId, table.reportedOn, table.seq),
    check('progress_reports_percent_range', sql`${table.percentComplete} between 0 and 100`),
    check('progress_reports_spending_not_negative', sql`${table.spentToDate} >= 0`),
  ],
);

/** Milestones of a project: a due date and, once reached, the completion date. */
export const milestones = projectsSchema.table(
  'milestones',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    title: text('title').notNull(),
    description: text('description'),
    dueOn: date('due_on').notNull(),
    completedOn: date('completed_on'),
    ...timestamps,
  },
  (table) => [
    index('milestones_project_idx').on(table.projectId, table.dueOn),
    index('milestones_open_due_idx')
      .on(table.dueOn)
      .where(sql`${table.completedOn} is null`),
    check('milestones_title_length', sql`length(btrim(${table.title})) between 1 and 500`),
  ],
);

export type ProjectRow = typeof projects.$inferSelect;
export type StatusChangeRow = typeof statusChanges.$inferSelect;
export type BudgetChangeRow = typeof budgetChanges.$inferSelect;
export type ProgressReportRow = typeof progressReports.$inferSelect;
export type MilestoneRow = typeof milestones.$inferSelect;
