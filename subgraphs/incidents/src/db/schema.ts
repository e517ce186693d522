// Drizzle tables of the incidents subgraph, all inside the PostgreSQL schema "incidents".
// Organisation ids point into network.org_tree, which another subgraph owns, so they carry no
// foreign keys. The resolvers check them against the tree when they write them.
import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type PgColumn,
} from 'drizzle-orm/pg-core';
import { INDICATOR_TYPES, type IndicatorType } from '../domain/indicators.js';
import {
  INCIDENT_CATEGORIES,
  INCIDENT_SEVERITIES,
  INCIDENT_STATUSES,
  type IncidentCategory,
  type IncidentSeverity,
  type IncidentStatus,
} from '../domain/taxonomy.js';
import { TLP_MARKINGS, type TlpMarking } from '../domain/tlp.js';

export const incidentsSchema = pgSchema('incidents');

/** `column in ('A', 'B', ...)` for a check constraint; the values are constants of this package. */
function oneOf(column: PgColumn, values: readonly string[]) {
  return sql`${column} in (${sql.raw(values.map((value) => `'${value}'`).join(', '))})`;
}

/**
 * Timestamps are written with millisecond precision, the precision of a JavaScript Date, so a
 * keyset cursor built from a row's timestamp compares equal to the stored value.
 */
const nowMs = sql`date_trunc('milliseconds', now())`;

function timestamps() {
  return {
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(nowMs),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().default(nowMs),
  };
}

export const TIMELINE_KINDS = [
  'REPORTED',
  'STATUS_CHANGED',
  'SEVERITY_CHANGED',
  'MARKING_CHANGED',
  'HANDLING_TEAM_CHANGED',
  'DETAILS_UPDATED',
  'INDICATORS_ADDED',
  'INDICATOR_REMOVED',
  'NOTE',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export const MAX_TITLE_LENGTH = 300;
export const MAX_DESCRIPTION_LENGTH = 20_000;
export const MAX_NOTE_LENGTH = 5_000;

export const incidents = incidentsSchema.table(
  'incidents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reporterOrgId: uuid('reporter_org_id').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    category: text('category').$type<IncidentCategory>().notNull(),
    severity: text('severity').$type<IncidentSeverity>().notNull(),
    tlp: text('tlp').$type<TlpMarking>().notNull(),
    status: text('status').$type<IncidentStatus>().notNull().default('REPORTED'),
    detectedAt: timestamp('detected_at', { withTimezone: true }).notNull(),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull().default(nowMs),
    /** An organisation of kind INCIDENT_RESPONSE_TEAM in network.org_tree. */
    handlingTeamId: uuid('handling_team_id'),
    ...timestamps(),
  },
  (table) => [
    check('incidents_category_check', oneOf(table.category, INCIDENT_CATEGORIES)),
    check('incidents_severity_check', oneOf(table.severity, INCIDENT_SEVERITIES)),
    check('incidents_tlp_check', oneOf(table.tlp, TLP_MARKINGS)),
    check('incidents_status_check', oneOf(table.status, INCIDENT_STATUSES)),
    check(
      'incidents_title_check',
      sql`char_length(btrim(${table.title})) between 1 and ${sql.raw(String(MAX_TITLE_LENGTH))}`,
    ),
    check(
      'incidents_description_check',
      sql`char_length(${table.description}) <= ${sql.raw(String(MAX_DESCRIPTION_LENGTH))}`,
    ),
    check(
      'incidents_detected_before_reported_check',
      sql`${table.detectedAt} <= ${table.reportedAt}`,
    ),
    index('incidents_reported_idx').on(table.reportedAt.desc(), table.id.desc()),
    index('incidents_reporter_idx').on(table.reporterOrgId),
    index('incidents_handling_team_idx').on(table.handlingTeamId),
    index('incidents_updated_idx').on(table.updatedAt),
  ],
);

/** Organisations an incident affected, besides or instead of the reporter. */
export const affectedOrganizations = incidentsSchema.table(
  'affected_organizations',
  {
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id),
    orgId: uuid('org_id').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.incidentId, table.orgId] }),
    index('affected_org_idx').on(table.orgId),
  ],
);

/** Named recipients of a TLP:RED incident, the only organisations besides the reporter that read it. */
export const recipients = incidentsSchema.table(
  'recipients',
  {
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id),
    orgId: uuid('org_id').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.incidentId, table.orgId] }),
    index('recipients_org_idx').on(table.orgId),
  ],
);

/**
 * One row per normalised (type, value), shared by every incident that reports it. The check
 * repeats the normal forms the resolvers produce, so a row written by any other path is
 * still canonical: PostgreSQL's `inet` output is the RFC 5952 form for IPv6.
 */
export const indicators = incidentsSchema.table(
  'indicators',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    type: text('type').$type<IndicatorType>().notNull(),
    value: text('value').notNull(),
    ...timestamps(),
  },
  (table) => [
    uniqueIndex('indicators_type_value_idx').on(table.type, table.value),
    check('indicators_type_check', oneOf(table.type, INDICATOR_TYPES)),
    check(
      'indicators_value_check',
      sql`case ${table.type}
        when 'IPV4' then family(${table.value}::inet) = 4 and masklen(${table.value}::inet) = 32 and host(${table.value}::inet) = ${table.value}
        when 'IPV6' then family(${table.value}::inet) = 6 and masklen(${table.value}::inet) = 128 and host(${table.value}::inet) = ${table.value}
        when 'CIDR' then strpos(${table.value}, '/') > 0 and ${table.value}::cidr::text = ${table.value}
        when 'DOMAIN' then ${table.value} ~ '^[a-z0-9_-]+([.][a-z0-9_-]+)+$'
        when 'EMAIL' then ${table.value} ~ '^[^@[:space:]]+@[a-z0-9_-]+([.][a-z0-9_-]+)+$'
        when 'URL' then ${table.value} ~ '^[a-z][a-z0-9+.-]*://[^[:space:]]+$'
        when 'MD5' then ${table.value} ~ '^[0-9a-f]{32}$'
        when 'SHA1' then ${table.value} ~ '^[0-9a-f]{40}$'
        when 'SHA256' then ${table.value} ~ '^[0-9a-f]{64}$'
        else false end`,
    ),
  ],
);

/** Links between incidents and the indicators they report. */
export const incidentIndicators = incidentsSchema.table(
  'incident_indicators',
  {
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id),
    indicatorId: uuid('indicator_id')
      .notNull()
      .references(() => indicators.id),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().default(nowMs),
  },
  (table) => [
    primaryKey({ columns: [table.incidentId, table.indicatorId] }),
    index('incident_indicators_indicator_idx').on(table.indicatorId),
  ],
);

/**
 * Append-only history of an incident: who did what and when. A trigger in
 * `drizzle-rules/0000_workflow_rules.sql` rejects updates and deletes.
 */
export const timelineEntries = incidentsSchema.table(
  'timeline_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Insertion order, for entries written in the same millisecond; not exposed. */
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id),
    at: timestamp('at', { withTimezone: true }).notNull().default(nowMs),
    kind: text('kind').$type<TimelineKind>().notNull(),
    /** The access token's subject (`sub`) that made the change. */
    actor: text('actor').notNull(),
    /** The organisation the actor acted for; null when its code did not resolve in the org tree. */
    actorOrgId: uuid('actor_org_id'),
    fromValue: text('from_value'),
    toValue: text('to_value'),
    note: text('note'),
  },
  (table) => [
    check('timeline_entries_kind_check', oneOf(table.kind, TIMELINE_KINDS)),
    check(
      'timeline_entries_note_check',
      sql`char_length(${table.note}) <= ${sql.raw(String(MAX_NOTE_LENGTH))}`,
    ),
    index('timeline_entries_incident_idx').on(table.incidentId, table.seq),
  ],
);

export type IncidentRow = typeof incidents.$inferSelect;
export type IndicatorRow = typeof indicators.$inferSelect;
export type TimelineRow = typeof timelineEntries.$inferSelect;
