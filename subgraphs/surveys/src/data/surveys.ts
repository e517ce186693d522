import {
  cursorScope,
  decodeCursor,
  isTimestampText,
  orgTree,
  rows,
  vietnamDate,
  type CallerOrg,
  type Db,
} from '@dxhub/kit';
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { callerOf, callerOrgOf, type Context } from '../context.js';
import { questions, surveys } from '../db/schema.js';
import {
  badInput,
  badInputs,
  forbidden,
  isUuid,
  notFound,
  surveyError,
  triggerError,
} from '../errors.js';
import type { SurveyRow } from '../loaders.js';
import { vietnamTimestamp } from '../time.js';
import type { QuestionDefinition } from '../validation/questions.js';
import { Problems } from '../validation/problems.js';
import {
  validateSurveyInput,
  type SurveyDefinition,
  type SurveyInput,
} from '../validation/survey-input.js';
import { manageCondition, surveyVisibility } from './access.js';

type Tx = Parameters<Parameters<Context['db']['transaction']>[0]>[0];

/**
 * Looks up the caller's organisation before a transaction starts. The embedded database has one
 * connection, so a query outside the transaction while it is open would wait for it forever.
 */
async function prepareCaller(ctx: Context): Promise<void> {
  await callerOf(ctx).org();
}

/** Lifecycle of a survey, derived from its publication and window. */
export type SurveyStatus = 'DRAFT' | 'SCHEDULED' | 'OPEN' | 'CLOSED';

export function surveyStatus(
  survey: Pick<SurveyRow, 'publishedAt' | 'opensAt' | 'closesAt'>,
  now = new Date(),
): SurveyStatus {
  if (!survey.publishedAt) return 'DRAFT';
  if (now < survey.opensAt) return 'SCHEDULED';
  if (now < survey.closesAt) return 'OPEN';
  return 'CLOSED';
}

/** The same status as SQL over `surveys.surveys`, for filters. */
const statusSql = sql`case when ${surveys.publishedAt} is null then 'DRAFT'
  when now() < ${surveys.opensAt} then 'SCHEDULED'
  when now() < ${surveys.closesAt} then 'OPEN' else 'CLOSED' end`;

/**
 * Loads a survey inside a transaction with a row lock, or throws NOT_FOUND when the caller may
 * not see it and FORBIDDEN when the caller may see but not manage it.
 */
export async function lockManagedSurvey(
  ctx: Context,
  tx: Tx,
  id: string,
): Promise<SurveyRow & { dbNow: Date }> {
  const visible = await surveyVisibility(ctx);
  const manageable = await manageCondition(ctx);
  const [found] = await tx
    .select({
      survey: surveys,
      manageable: sql<boolean>`(${manageable})`,
      nowMs: sql<number>`(extract(epoch from now()) * 1000)::float8`,
    })
    .from(surveys)
    .where(and(eq(surveys.id, id), visible))
    .for('update');
  if (!found) throw notFound(ctx.locale, 'Survey', id);
  if (!found.manageable) {
    throw forbidden(ctx.locale, {
      en: `survey ${id} belongs to another body; only its owner and the bodies above it may change it`,
      vi: `khảo sát ${id} thuộc đơn vị khác; chỉ đơn vị tạo và các đơn vị cấp trên được thay đổi`,
    });
  }
  return { ...found.survey, dbNow: new Date(Number(found.nowMs)) };
}

interface ResolvedUnit {
  id: string;
  code: string;
  ancestorIds: string[];
}

/** Finds the audience's unit by id, or by code on the opening date; NOT_FOUND names the value. */
async function resolveUnder(
  ctx: Context,
  db: Db,
  definition: SurveyDefinition,
): Promise<ResolvedUnit | null> {
  if (!definition.underId && !definition.underCode) return null;
  const day = vietnamDate(definition.opensAt);
  const condition = definition.underId
    ? eq(orgTree.id, definition.underId)
    : sql`${orgTree.code} = ${definition.underCode} and ${orgTree.validFrom} <= ${day} and (${orgTree.validTo} is null or ${orgTree.validTo} >= ${day})`;
  const [unit] = await db
    .select({ id: orgTree.id, code: orgTree.code, ancestorIds: orgTree.ancestorIds })
    .from(orgTree)
    .where(condition)
    .limit(1);
  if (!unit) {
    const value = definition.underId ?? `${definition.underCode} (${day})`;
    throw notFound(ctx.locale, 'Organization', value);
  }
  return unit;
}

/**
 * Fixes the audience's unit. A caller who does not see the whole network surveys only its own
 * jurisdiction: the unit defaults to the owner and must be the owner or below it.
 */
async function audienceUnit(
  ctx: Context,
  db: Db,
  definition: SurveyDefinition,
  owner: Pick<CallerOrg, 'id' | 'code'>,
): Promise<{ id: string | null; code: string | null }> {
  const caller = callerOf(ctx);
  const unit = await resolveUnder(ctx, db, definition);
  if (caller.seesAll) return { id: unit?.id ?? null, code: unit?.code ?? null };
  if (!unit) return { id: owner.id, code: owner.code };
  if (unit.id !== owner.id && !unit.ancestorIds.includes(owner.id)) {
    throw forbidden(ctx.locale, {
      en: `the audience unit ${unit.code} is outside the jurisdiction of ${owner.code}; survey your own body or the units below it`,
      vi: `đơn vị ${unit.code} nằm ngoài phạm vi quản lý của ${owner.code}; chỉ khảo sát đơn vị mình hoặc các đơn vị cấp dưới`,
    });
  }
  return { id: unit.id, code: unit.code };
}

/** Looks up the owner's code; the code is empty if the unit has left the org tree. */
async function ownerUnit(db: Db, ownerId: string): Promise<{ id: string; code: string }> {
  const [unit] = await db
    .select({ code: orgTree.code })
    .from(orgTree)
    .where(eq(orgTree.id, ownerId))
    .limit(1);
  return { id: ownerId, code: unit?.code ?? '' };
}

function questionRows(surveyId: string, definitions: QuestionDefinition[]) {
  return definitions.map((definition, index) => ({ ...definition, surveyId, position: index + 1 }));
}

function validated(ctx: Context, input: SurveyInput, stored: SurveyRow | null): SurveyDefinition {
  const problems = new Problems(ctx.locale);
  const definition = validateSurveyInput(input, stored, problems);
  if (!problems.empty) throw badInputs(ctx.locale, 'input', problems.list);
  return definition;
}

/** Creates a draft owned by the caller's organisation, with its questions. */
export async function createSurvey(ctx: Context, input: SurveyInput): Promise<SurveyRow> {
  const owner = await callerOrgOf(ctx);
  const definition = validated(ctx, input, null);
  const under = await audienceUnit(ctx, ctx.db, definition, owner);
  return ctx.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(surveys)
      .values({
        ownerOrgId: owner.id,
        title: definition.title,
        description: definition.description,
        respondentType: definition.respondentType,
        anonymous: definition.anonymous,
        anonymityThreshold: definition.anonymityThreshold,
        audienceLevels: definition.audienceLevels,
        audienceKinds: definition.audienceKinds,
        audienceUnderId: under.id,
        audienceUnderCode: under.code,
        opensAt: definition.opensAt,
        closesAt: definition.closesAt,
        createdBy: callerOf(ctx).subject,
      })
      .returning();
    const survey = created as SurveyRow;
    if (definition.questions && definition.questions.length > 0) {
      await tx.insert(questions).values(questionRows(survey.id, definition.questions));
    }
    return survey;
  });
}

function frozen(ctx: Context, survey: SurveyRow) {
  return surveyError('SURVEYS_FROZEN', ctx.locale, {
    surveyId: survey.id,
    publishedAt: survey.publishedAt ? vietnamTimestamp(survey.publishedAt) : null,
  });
}

/** Changes a draft; given questions replace all of the draft's questions. */
export async function updateDraft(
  ctx: Context,
  id: string,
  input: SurveyInput,
): Promise<SurveyRow> {
  await prepareCaller(ctx);
  return ctx.db.transaction(async (tx) => {
    const stored = await lockManagedSurvey(ctx, tx, id);
    if (stored.publishedAt) throw frozen(ctx, stored);
    const definition = validated(ctx, input, stored);
    const under = input.audience
      ? await audienceUnit(ctx, tx, definition, await ownerUnit(tx, stored.ownerOrgId))
      : { id: stored.audienceUnderId, code: stored.audienceUnderCode };
    const [updated] = await tx
      .update(surveys)
      .set({
        title: definition.title,
        description: definition.description,
        respondentType: definition.respondentType,
        anonymous: definition.anonymous,
        anonymityThreshold: definition.anonymityThreshold,
        audienceLevels: definition.audienceLevels,
        audienceKinds: definition.audienceKinds,
        audienceUnderId: under.id,
        audienceUnderCode: under.code,
        opensAt: definition.opensAt,
        closesAt: definition.closesAt,
        updatedAt: sql`now()`,
      })
      .where(eq(surveys.id, id))
      .returning();
    if (definition.questions) {
      await tx.delete(questions).where(eq(questions.surveyId, id));
      if (definition.questions.length > 0)
        await tx.insert(questions).values(questionRows(id, definition.questions));
    }
    return updated as SurveyRow;
  });
}

/** Deletes a draft; published surveys stay, as their responses refer to them. */
export async function deleteDraft(ctx: Context, id: string): Promise<string> {
  await prepareCaller(ctx);
  return ctx.db.transaction(async (tx) => {
    const stored = await lockManagedSurvey(ctx, tx, id);
    if (stored.publishedAt) throw frozen(ctx, stored);
    await tx.delete(surveys).where(eq(surveys.id, id));
    return id;
  });
}

/**
 * Publishes a draft: resolves its audience in the org tree as of the opening date, stores that
 * list, and freezes the questions and settings. Returns the published survey.
 */
export async function publishSurvey(ctx: Context, id: string): Promise<SurveyRow> {
  await prepareCaller(ctx);
  return ctx.db.transaction(async (tx) => {
    const stored = await lockManagedSurvey(ctx, tx, id);
    if (stored.publishedAt) throw frozen(ctx, stored);
    if (stored.closesAt <= stored.dbNow) {
      throw surveyError('SURVEYS_CLOSING_TIME_PASSED', ctx.locale, {
        surveyId: id,
        closesAt: vietnamTimestamp(stored.closesAt),
      });
    }
    const [questionCount] = rows<{ n: number }>(
      await tx.execute(
        sql`select count(*)::int as n from surveys.questions where survey_id = ${id}::uuid`,
      ),
    );
    if (!questionCount || questionCount.n === 0)
      throw surveyError('SURVEYS_NO_QUESTIONS', ctx.locale, { surveyId: id });

    const day = vietnamDate(stored.opensAt);
    const [inserted] = rows<{ n: number }>(
      await tx.execute(sql`
        with asked as (
          insert into surveys.audience_members
            (survey_id, org_id, org_code, level, kind, ancestor_ids, province_id, province_code)
          select s.id, t.id, t.code, t.level, t.kind, t.ancestor_ids, p.id, p.code
          from surveys.surveys s
          join network.org_tree t
            on t.valid_from <= ${day}::date and (t.valid_to is null or t.valid_to >= ${day}::date)
          left join lateral (
            select a.id, a.code from network.org_tree a
            where (a.id = t.id or a.id = any(t.ancestor_ids)) and a.level = 'PROVINCE'
            limit 1
          ) p on true
          where s.id = ${id}::uuid
            and (cardinality(s.audience_levels) = 0 or t.level = any(s.audience_levels))
            and (cardinality(s.audience_kinds) = 0 or t.kind = any(s.audience_kinds))
            and (s.audience_under_id is null or s.audience_under_id = any(t.ancestor_ids))
          returning 1
        )
        select count(*)::int as n from asked`),
    );
    if (!inserted || inserted.n === 0)
      throw surveyError('SURVEYS_EMPTY_AUDIENCE', ctx.locale, { surveyId: id, date: day });

    const [published] = await tx
      .update(surveys)
      .set({ publishedAt: sql`now()`, audienceDate: day, updatedAt: sql`now()` })
      .where(eq(surveys.id, id))
      .returning();
    return published as SurveyRow;
  });
}

/**
 * Closes a published survey now, or moves its closing time to `closesAt` (earlier or later) while
 * it has not closed. A closed survey never reopens, because its results may have been released.
 */
export async function closeSurvey(
  ctx: Context,
  id: string,
  closesAt: Date | null,
): Promise<SurveyRow> {
  await prepareCaller(ctx);
  try {
    return await ctx.db.transaction(async (tx) => {
      const stored = await lockManagedSurvey(ctx, tx, id);
      if (!stored.publishedAt)
        throw surveyError('SURVEYS_NOT_PUBLISHED', ctx.locale, { surveyId: id });
      if (stored.closesAt <= stored.dbNow)
        throw surveyError('SURVEYS_CLOSED', ctx.locale, {
          surveyId: id,
          closesAt: vietnamTimestamp(stored.closesAt),
        });
      const target = closesAt ?? stored.dbNow;
      if (target < stored.dbNow) {
        throw badInput(
          ctx.locale,
          'closesAt',
          {
            en: `${vietnamTimestamp(target)} has passed; leave closesAt out to close now, or give a later time`,
            vi: `${vietnamTimestamp(target)} đã qua; bỏ trống closesAt để đóng ngay, hoặc chọn thời điểm muộn hơn`,
          },
          target.toISOString(),
        );
      }
      if (target <= stored.opensAt) {
        throw badInput(
          ctx.locale,
          'closesAt',
          {
            en: `the survey opens at ${vietnamTimestamp(stored.opensAt)} and cannot close before that; give a later closing time`,
            vi: `khảo sát mở lúc ${vietnamTimestamp(stored.opensAt)} nên không thể đóng trước thời điểm đó; hãy chọn thời điểm đóng muộn hơn`,
          },
          target.toISOString(),
        );
      }
      const [closed] = await tx
        .update(surveys)
        .set({ closesAt: closesAt ?? sql`now()`, updatedAt: sql`now()` })
        .where(eq(surveys.id, id))
        .returning();
      return closed as SurveyRow;
    });
  } catch (error) {
    throw triggerError(error, ctx.locale, { surveyId: id }) ?? error;
  }
}

/** Copies a survey (any status) into a new draft version that the caller can edit. */
export async function createVersion(ctx: Context, id: string): Promise<SurveyRow> {
  await prepareCaller(ctx);
  return ctx.db.transaction(async (tx) => {
    const source = await lockManagedSurvey(ctx, tx, id);
    const [created] = await tx
      .insert(surveys)
      .values({
        ownerOrgId: source.ownerOrgId,
        title: source.title,
        description: source.description,
        version: source.version + 1,
        previousVersionId: source.id,
        respondentType: source.respondentType,
        anonymous: source.anonymous,
        anonymityThreshold: source.anonymityThreshold,
        audienceLevels: source.audienceLevels,
        audienceKinds: source.audienceKinds,
        audienceUnderId: source.audienceUnderId,
        audienceUnderCode: source.audienceUnderCode,
        opensAt: source.opensAt,
        closesAt: source.closesAt,
        createdBy: callerOf(ctx).subject,
      })
      .returning();
    const copy = created as SurveyRow;
    await tx.execute(sql`
      insert into surveys.questions (survey_id, position, code, type, title, description, required, options,
        min_value, max_value, min_date, max_date, max_length, min_choices, max_choices)
      select ${copy.id}::uuid, position, code, type, title, description, required, options,
        min_value, max_value, min_date, max_date, max_length, min_choices, max_choices
      from surveys.questions where survey_id = ${id}::uuid`);
    return copy;
  });
}

export interface SurveyListFilter {
  status?: SurveyStatus[] | null;
  ownerId?: string | null;
}

/**
 * Returns the cursor scope of the surveys list. Statuses are sorted, because their order does
 * not change the rows.
 */
export function surveyListScope(filter: SurveyListFilter, updatedSince: Date | null): string {
  return cursorScope(
    'surveys',
    filter.status ? [...filter.status].sort() : null,
    filter.ownerId ?? null,
    updatedSince,
  );
}

/**
 * Reads one page of the surveys the caller may see, newest first, and the total count. `scope`
 * is the list's {@link surveyListScope}, which a cursor must carry.
 */
export async function listSurveys(
  ctx: Context,
  filter: SurveyListFilter,
  updatedSince: Date | null,
  size: number,
  after: string | null,
  scope: string,
): Promise<{
  page: (SurveyRow & { cursor: [string, string] })[];
  totalCount: number;
}> {
  const conditions: SQL[] = [await surveyVisibility(ctx)];
  if (filter.status && filter.status.length > 0) {
    conditions.push(
      sql`(${statusSql}) in (${sql.join(
        filter.status.map((s) => sql`${s}`),
        sql`, `,
      )})`,
    );
  }
  if (filter.ownerId) conditions.push(eq(surveys.ownerOrgId, filter.ownerId));
  if (updatedSince)
    conditions.push(sql`${surveys.updatedAt} >= ${updatedSince.toISOString()}::timestamptz`);
  const where = and(...conditions);

  let keyset: SQL = sql`true`;
  if (after) {
    const [createdAt, id] = decodeCursor(after, ctx.locale, scope);
    if (
      typeof createdAt !== 'string' ||
      !isTimestampText(createdAt) ||
      typeof id !== 'string' ||
      !isUuid(id)
    ) {
      throw badInput(
        ctx.locale,
        'after',
        {
          en: 'the cursor is not a surveys cursor',
          vi: 'con trỏ không phải của danh sách khảo sát',
        },
        after,
      );
    }
    keyset = sql`(${surveys.createdAt}, ${surveys.id}) < (${createdAt}::timestamptz, ${id}::uuid)`;
  }
  const found = await ctx.db
    .select({ survey: surveys, createdText: sql<string>`${surveys.createdAt}::text` })
    .from(surveys)
    .where(and(where, keyset))
    .orderBy(desc(surveys.createdAt), desc(surveys.id))
    .limit(size + 1);
  const [total] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(surveys)
    .where(where);
  return {
    page: found.map((row) => ({ ...row.survey, cursor: [row.createdText, row.survey.id] })),
    totalCount: Number(total?.n ?? 0),
  };
}
