import { groupedLoader, keyedLoader, rows, anyOf } from '@dxhub/kit';
import type DataLoader from 'dataloader';
import { and, asc, sql } from 'drizzle-orm';
import type { BaseContext } from './context.js';
import { audienceScope, jsonParam, surveyVisibility } from './data/access.js';
import { answers, audienceMembers, questions, responses, surveys } from './db/schema.js';

export type SurveyRow = typeof surveys.$inferSelect;
export type QuestionRow = typeof questions.$inferSelect;
export type ResponseRow = typeof responses.$inferSelect;
export type AnswerRow = typeof answers.$inferSelect;
export type AudienceMemberRow = typeof audienceMembers.$inferSelect;

/** Key of a response by respondent: survey id, organisation id and person key ('' for organisations). */
export function respondentKey(surveyId: string, orgId: string, personKey: string): string {
  return `${surveyId}\u0000${orgId}\u0000${personKey}`;
}

/** Key of an audience member by survey id and its organisation code. */
export function memberCodeKey(surveyId: string, orgCode: string): string {
  return `${surveyId}\u0000${orgCode}`;
}

/** Per-request DataLoaders of the surveys subgraph. */
export interface SurveysLoaders {
  /** Surveys the caller may see, by id; others load as null. */
  survey: DataLoader<string, SurveyRow | null>;
  /** Questions of a survey in order. */
  questions: DataLoader<string, QuestionRow[]>;
  /** Number of organisations a published survey asks; null for drafts, which have none yet. */
  audienceSize: DataLoader<string, { survey_id: string; size: number } | null>;
  /** Audience members by survey and organisation code. */
  memberByCode: DataLoader<string, AudienceMemberRow | null>;
  /** Responses by {@link respondentKey}, without access checks: the resolvers check access. */
  response: DataLoader<string, ResponseRow | null>;
  /** Submitted answers of a response. */
  answers: DataLoader<string, AnswerRow[]>;
  /** Open surveys an organisation has not submitted, for one `updatedSince` value. */
  pendingSurveys(updatedSince: Date | null): DataLoader<string, SurveyRow[]>;
}

function splitKey(key: string): string[] {
  return key.split('\u0000');
}

function createPendingLoader(
  context: BaseContext,
  updatedSince: Date | null,
): DataLoader<string, SurveyRow[]> {
  return groupedLoader<string, SurveyRow & { pendingFor: string }>(
    async (orgIds) => {
      const scope = await audienceScope(context, 'am');
      const found = await context.db
        .select({ survey: surveys, pendingFor: sql<string>`am.org_id::text` })
        .from(surveys)
        .innerJoin(sql`surveys.audience_members am`, sql`am.survey_id = ${surveys.id}`)
        .where(
          and(
            sql`am.org_id in (select jsonb_array_elements_text(${jsonParam(orgIds)})::uuid)`,
            scope,
            sql`${surveys.publishedAt} is not null and ${surveys.opensAt} <= now() and ${surveys.closesAt} > now()`,
            updatedSince
              ? sql`${surveys.updatedAt} >= ${updatedSince.toISOString()}::timestamptz`
              : sql`true`,
            sql`not exists (select 1 from surveys.responses r
              where r.survey_id = ${surveys.id} and r.org_id = am.org_id and r.status = 'SUBMITTED')`,
          ),
        )
        .orderBy(asc(surveys.closesAt), asc(surveys.id));
      return found.map((row) => ({ ...row.survey, pendingFor: row.pendingFor }));
    },
    (row) => row.pendingFor,
  );
}

export function createSurveysLoaders(context: BaseContext): SurveysLoaders {
  const pendingByArgs = new Map<string, DataLoader<string, SurveyRow[]>>();
  return {
    survey: keyedLoader(
      async (ids) => {
        const visible = await surveyVisibility(context);
        return context.db
          .select()
          .from(surveys)
          .where(and(anyOf(surveys.id, ids), visible));
      },
      (row) => row.id,
    ),
    questions: groupedLoader(
      (surveyIds) =>
        context.db
          .select()
          .from(questions)
          .where(anyOf(questions.surveyId, surveyIds))
          .orderBy(asc(questions.surveyId), asc(questions.position)),
      (row) => row.surveyId,
    ),
    audienceSize: keyedLoader(
      async (surveyIds) =>
        rows<{ survey_id: string; size: number }>(
          await context.db.execute(sql`
            select survey_id::text as survey_id, count(*)::int as size from surveys.audience_members
            where survey_id in (select jsonb_array_elements_text(${jsonParam(surveyIds)})::uuid)
            group by survey_id`),
        ),
      (row) => row.survey_id,
    ),
    memberByCode: keyedLoader(
      async (keys) => {
        const pairs = keys.map(splitKey);
        return context.db
          .select()
          .from(audienceMembers)
          .where(
            sql`(${audienceMembers.surveyId}, ${audienceMembers.orgCode}) in (
              select (p->>0)::uuid, p->>1 from jsonb_array_elements(${jsonParam(pairs)}) p)`,
          );
      },
      (row) => memberCodeKey(row.surveyId, row.orgCode),
    ),
    response: keyedLoader(
      async (keys) => {
        const triples = keys.map(splitKey);
        return context.db
          .select()
          .from(responses)
          .where(
            sql`(${responses.surveyId}, ${responses.orgId}, ${responses.personKey}) in (
              select (p->>0)::uuid, (p->>1)::uuid, p->>2 from jsonb_array_elements(${jsonParam(triples)}) p)`,
          );
      },
      (row) => respondentKey(row.surveyId, row.orgId, row.personKey),
    ),
    answers: groupedLoader(
      (responseIds) =>
        context.db.select().from(answers).where(anyOf(answers.responseId, responseIds)),
      (row) => row.responseId,
    ),
    pendingSurveys(updatedSince) {
      const key = updatedSince ? updatedSince.toISOString() : '';
      let loader = pendingByArgs.get(key);
      if (!loader) pendingByArgs.set(key, (loader = createPendingLoader(context, updatedSince)));
      return loader;
    },
  };
}
