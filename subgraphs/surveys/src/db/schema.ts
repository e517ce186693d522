// Drizzle tables of the surveys subgraph, all inside the PostgreSQL schema "surveys".
// Triggers that freeze published surveys and enforce the response window are in the
// hand-written migration drizzle/0001_invariants.sql, because drizzle-kit does not generate them.
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';

export const surveysSchema = pgSchema('surveys');

export const questionTypes = [
  'SINGLE_CHOICE',
  'MULTIPLE_CHOICE',
  'SCALE',
  'NUMBER',
  'TEXT',
  'DATE',
] as const;
export type QuestionType = (typeof questionTypes)[number];

export const respondentTypes = ['ORGANIZATION', 'PERSON'] as const;
export type RespondentType = (typeof respondentTypes)[number];

export const responseStatuses = ['DRAFT', 'SUBMITTED'] as const;
export type ResponseStatus = (typeof responseStatuses)[number];

/** One option of a choice question: `value` is the stable code answers carry, `label` is shown. */
export interface ChoiceOption {
  value: string;
  label: string;
}

/** An answer as a draft keeps it in `responses.draft_answers`, keyed by question code. */
export interface DraftAnswer {
  questionCode: string;
  choices?: string[] | null;
  number?: number | null;
  text?: string | null;
  date?: string | null;
}

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
};

export const surveys = surveysSchema.table(
  'surveys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerOrgId: uuid('owner_org_id').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    version: integer('version').notNull().default(1),
    previousVersionId: uuid('previous_version_id').references((): AnyPgColumn => surveys.id, {
      onDelete: 'set null',
    }),
    respondentType: text('respondent_type')
      .$type<RespondentType>()
      .notNull()
      .default('ORGANIZATION'),
    anonymous: boolean('anonymous').notNull().default(false),
    /** Smallest group of responses whose answers an anonymous survey's results may show. */
    anonymityThreshold: integer('anonymity_threshold').notNull().default(5),
    /** Audience rule: org_tree levels and kinds (empty means any) below `audience_under_id`. */
    audienceLevels: text('audience_levels')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    audienceKinds: text('audience_kinds')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    audienceUnderId: uuid('audience_under_id'),
    audienceUnderCode: text('audience_under_code'),
    opensAt: timestamp('opens_at', { withTimezone: true, mode: 'date' }).notNull(),
    closesAt: timestamp('closes_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** Set once, when the audience and questions are frozen; null while the survey is a draft. */
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }),
    /** The opening date in Asia/Ho_Chi_Minh on which the audience was resolved. */
    audienceDate: date('audience_date', { mode: 'string' }),
    createdBy: text('created_by').notNull(),
    ...timestamps,
  },
  (table) => [
    index('surveys_owner_idx').on(table.ownerOrgId),
    index('surveys_created_idx').on(table.createdAt, table.id),
    check('surveys_window_check', sql`${table.closesAt} > ${table.opensAt}`),
    check('surveys_threshold_check', sql`${table.anonymityThreshold} between 2 and 1000`),
    check(
      'surveys_respondent_type_check',
      sql`${table.respondentType} in ('ORGANIZATION', 'PERSON')`,
    ),
    check('surveys_title_check', sql`length(btrim(${table.title})) between 1 and 500`),
    check('surveys_version_check', sql`${table.version} >= 1`),
    check(
      'surveys_published_check',
      sql`(${table.publishedAt} is null) = (${table.audienceDate} is null)`,
    ),
  ],
);

export const questions = surveysSchema.table(
  'questions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    /** Stable key answers and export columns use, unique within the survey. */
    code: text('code').notNull(),
    type: text('type').$type<QuestionType>().notNull(),
    title: text('title').notNull(),
    description: text('description'),
    required: boolean('required').notNull().default(false),
    options: jsonb('options').$type<ChoiceOption[]>(),
    /** Bounds of SCALE (required, whole numbers) and NUMBER (optional) answers, inclusive. */
    minValue: doublePrecision('min_value'),
    maxValue: doublePrecision('max_value'),
    minDate: date('min_date', { mode: 'string' }),
    maxDate: date('max_date', { mode: 'string' }),
    maxLength: integer('max_length'),
    minChoices: integer('min_choices'),
    maxChoices: integer('max_choices'),
    ...timestamps,
  },
  (table) => [
    unique('questions_code_key').on(table.surveyId, table.code),
    unique('questions_position_key').on(table.surveyId, table.position),
    unique('questions_survey_id_key').on(table.surveyId, table.id),
    check(
      'questions_type_check',
      sql`${table.type} in ('SINGLE_CHOICE', 'MULTIPLE_CHOICE', 'SCALE', 'NUMBER', 'TEXT', 'DATE')`,
    ),
    check(
      'questions_options_check',
      sql`(${table.type} in ('SINGLE_CHOICE', 'MULTIPLE_CHOICE')) = (${table.options} is not null)
        and (${table.options} is null or (jsonb_typeof(${table.options}) = 'array' and jsonb_array_length(${table.options}) >= 2))`,
    ),
    check(
      'questions_scale_check',
      sql`${table.type} <> 'SCALE' or (${table.minValue} is not null and ${table.maxValue} is not null
        and ${table.minValue} = trunc(${table.minValue}) and ${table.maxValue} = trunc(${table.maxValue}))`,
    ),
    check(
      'questions_bounds_check',
      sql`(${table.minValue} is null or ${table.maxValue} is null or ${table.minValue} < ${table.maxValue})
        and (${table.minDate} is null or ${table.maxDate} is null or ${table.minDate} <= ${table.maxDate})
        and (${table.minChoices} is null or ${table.maxChoices} is null or ${table.minChoices} <= ${table.maxChoices})`,
    ),
  ],
);

/**
 * The organisations a published survey asks, frozen at publication with the org-tree facts of
 * the opening date, so later reorganisations change neither who was asked nor the breakdowns.
 */
export const audienceMembers = surveysSchema.table(
  'audience_members',
  {
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id').notNull(),
    orgCode: text('org_code').notNull(),
    level: text('level').notNull(),
    kind: text('kind').notNull(),
    /** Ancestors on the opening date, root first; jurisdiction over results is judged on these. */
    ancestorIds: uuid('ancestor_ids').array().notNull(),
    /** The province the unit belonged to on the opening date; null for central bodies. */
    provinceId: uuid('province_id'),
    provinceCode: text('province_code'),
  },
  (table) => [
    primaryKey({ name: 'audience_members_pkey', columns: [table.surveyId, table.orgId] }),
    unique('audience_members_code_key').on(table.surveyId, table.orgCode),
  ],
);

export const responses = surveysSchema.table(
  'responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    surveyId: uuid('survey_id').notNull(),
    orgId: uuid('org_id').notNull(),
    /** Empty for organisation surveys; for person surveys, whom the response is from. */
    personKey: text('person_key').notNull().default(''),
    status: text('status').$type<ResponseStatus>().notNull(),
    /** Answers of a response saved as a draft; submitted answers live in `answers`. */
    draftAnswers: jsonb('draft_answers').$type<DraftAnswer[]>(),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }),
    ...timestamps,
  },
  (table) => [
    unique('responses_respondent_key').on(table.surveyId, table.orgId, table.personKey),
    unique('responses_identity_key').on(table.id, table.surveyId, table.orgId),
    foreignKey({
      name: 'responses_audience_fk',
      columns: [table.surveyId, table.orgId],
      foreignColumns: [audienceMembers.surveyId, audienceMembers.orgId],
    }),
    index('responses_survey_status_idx').on(table.surveyId, table.status),
    check('responses_status_check', sql`${table.status} in ('DRAFT', 'SUBMITTED')`),
    check(
      'responses_submitted_check',
      sql`(${table.status} = 'SUBMITTED') = (${table.submittedAt} is not null)
        and (${table.status} = 'DRAFT' or ${table.draftAnswers} is null)`,
    ),
  ],
);

/** Submitted answers, one row per response and question; the results aggregate this table. */
export const answers = surveysSchema.table(
  'answers',
  {
    responseId: uuid('response_id').notNull(),
    surveyId: uuid('survey_id').notNull(),
    orgId: uuid('org_id').notNull(),
    questionId: uuid('question_id').notNull(),
    choices: text('choices').array(),
    numberValue: doublePrecision('number_value'),
    textValue: text('text_value'),
    dateValue: date('date_value', { mode: 'string' }),
  },
  (table) => [
    primaryKey({ name: 'answers_pkey', columns: [table.responseId, table.questionId] }),
    foreignKey({
      name: 'answers_response_fk',
      columns: [table.responseId, table.surveyId, table.orgId],
      foreignColumns: [responses.id, responses.surveyId, responses.orgId],
    }).onDelete('cascade'),
    foreignKey({
      name: 'answers_question_fk',
      columns: [table.surveyId, table.questionId],
      foreignColumns: [questions.surveyId, questions.id],
    }),
    index('answers_survey_question_idx').on(table.surveyId, table.questionId),
    check(
      'answers_one_value_check',
      sql`num_nonnulls(${table.choices}, ${table.numberValue}, ${table.textValue}, ${table.dateValue}) = 1`,
    ),
  ],
);
