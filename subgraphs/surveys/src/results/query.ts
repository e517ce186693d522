import { rows } from '@dxhub/kit';
import { sql, type SQL } from 'drizzle-orm';
import { callerOf, type Context } from '../context.js';
import { audienceScope } from '../data/access.js';

/** Narrows results to one province (by code, as frozen at publication) and/or one level. */
export interface ResultsFilter {
  provinceCode?: string | null;
  level?: string | null;
}

/** Dimension of a breakdown of a question's answers. */
export type Dimension = 'PROVINCE' | 'LEVEL';

/** Participation in one (province, level) cell of the caller's part of the audience. */
export interface ParticipationCell {
  provinceId: string | null;
  provinceCode: string | null;
  level: string;
  /** Organisations asked. */
  audience: number;
  /** Organisations with at least one submitted response. */
  responded: number;
  /** Submitted responses (more than `responded` only in person surveys). */
  responses: number;
}

/** Aggregates of one question over a group of submitted responses. */
export interface QuestionStats {
  answered: number;
  mean: number | null;
  median: number | null;
  min: number | null;
  max: number | null;
  earliest: string | null;
  latest: string | null;
  /** Answers per option value (choice questions) or per scale point (scale questions). */
  counts: Map<string, number>;
}

/** Stats by group key ('' without a breakdown, else a province code or a level) and question id. */
export type GroupedStats = Map<string, Map<string, QuestionStats>>;

function filterSql(filter: ResultsFilter): SQL {
  const parts: SQL[] = [];
  if (filter.provinceCode) parts.push(sql`am.province_code = ${filter.provinceCode}`);
  if (filter.level) parts.push(sql`am.level = ${filter.level}`);
  return parts.length > 0 ? sql.join(parts, sql` and `) : sql`true`;
}

/**
 * Counts audience, respondents and responses per (province, level) within the caller's
 * jurisdiction, in one statement. The caller's whole part of the audience is counted, not
 * only the filtered group, because disclosure control needs the full table.
 */
export async function participationCells(
  ctx: Context,
  surveyId: string,
): Promise<ParticipationCell[]> {
  const scope = await audienceScope(ctx, 'am');
  const found = rows<{
    province_id: string | null;
    province_code: string | null;
    level: string;
    audience: number;
    responded: number;
    responses: number;
  }>(
    await ctx.db.execute(sql`
      select am.province_id::text as province_id, am.province_code, am.level,
        count(*)::int as audience, count(r.org_id)::int as responded, coalesce(sum(r.n), 0)::int as responses
      from surveys.audience_members am
      left join (
        select org_id, count(*)::int as n from surveys.responses
        where survey_id = ${surveyId}::uuid and status = 'SUBMITTED'
        group by org_id
      ) r on r.org_id = am.org_id
      where am.survey_id = ${surveyId}::uuid and ${scope}
      group by am.province_id, am.province_code, am.level
      order by am.province_code nulls first, am.level`),
  );
  return found.map((row) => ({
    provinceId: row.province_id,
    provinceCode: row.province_code,
    level: row.level,
    audience: Number(row.audience),
    responded: Number(row.responded),
    responses: Number(row.responses),
  }));
}

/** An organisation asked that has not submitted, with the org-tree facts frozen at publication. */
export interface NonResponder {
  orgId: string;
  orgCode: string;
  level: string;
  kind: string;
  provinceId: string | null;
  provinceCode: string | null;
}

/** Reads one page of non-responders in the caller's jurisdiction and the filter, ordered by code. */
export async function nonResponders(
  ctx: Context,
  surveyId: string,
  filter: ResultsFilter,
  size: number,
  afterCode: string | null,
): Promise<NonResponder[]> {
  const scope = await audienceScope(ctx, 'am');
  const found = rows<{
    org_id: string;
    org_code: string;
    level: string;
    kind: string;
    province_id: string | null;
    province_code: string | null;
  }>(
    await ctx.db.execute(sql`
      select am.org_id::text as org_id, am.org_code, am.level, am.kind,
        am.province_id::text as province_id, am.province_code
      from surveys.audience_members am
      where am.survey_id = ${surveyId}::uuid and ${scope} and ${filterSql(filter)}
        and ${afterCode === null ? sql`true` : sql`am.org_code > ${afterCode}`}
        and not exists (
          select 1 from surveys.responses r
          where r.survey_id = am.survey_id and r.org_id = am.org_id and r.status = 'SUBMITTED')
      order by am.org_code
      limit ${size + 1}`),
  );
  return found.map((row) => ({
    orgId: row.org_id,
    orgCode: row.org_code,
    level: row.level,
    kind: row.kind,
    provinceId: row.province_id,
    provinceCode: row.province_code,
  }));
}

/**
 * The FROM and WHERE parts shared by the aggregate queries. The join to the audience is left
 * out when nothing needs it (a caller who sees everything, no filter, no breakdown), so the
 * common national query reads the answers table alone.
 */
async function answersSource(
  ctx: Context,
  surveyId: string,
  filter: ResultsFilter,
  dimension: Dimension | null,
) {
  const needsAudience =
    !callerOf(ctx).seesAll || Boolean(filter.provinceCode || filter.level || dimension);
  const group =
    dimension === 'PROVINCE'
      ? sql`coalesce(am.province_code, '')`
      : dimension === 'LEVEL'
        ? sql`am.level`
        : sql`''`;
  if (!needsAudience) {
    return { from: sql`surveys.answers a`, where: sql`a.survey_id = ${surveyId}::uuid`, group };
  }
  const scope = await audienceScope(ctx, 'am');
  return {
    from: sql`surveys.answers a join surveys.audience_members am on am.survey_id = a.survey_id and am.org_id = a.org_id`,
    where: sql`a.survey_id = ${surveyId}::uuid and ${scope} and ${filterSql(filter)}`,
    group,
  };
}

/**
 * Computes every question's aggregates over the submitted answers in the caller's jurisdiction
 * and the filter, optionally per group of a dimension. It takes two statements whatever the
 * number of questions: one for counts, means, medians and ranges, one for option and scale counts.
 */
export async function questionStats(
  ctx: Context,
  surveyId: string,
  filter: ResultsFilter,
  dimension: Dimension | null,
): Promise<GroupedStats> {
  const { from, where, group } = await answersSource(ctx, surveyId, filter, dimension);
  // The two statements are independent, so they run concurrently on the connection pool.
  const [summaryResult, countResult] = await Promise.all([
    ctx.db.execute(sql`
      select ${group} as grp, a.question_id::text as question_id, count(*)::int as answered,
        avg(a.number_value)::float8 as mean,
        percentile_cont(0.5) within group (order by a.number_value)::float8 as median,
        min(a.number_value)::float8 as min, max(a.number_value)::float8 as max,
        min(a.date_value)::text as earliest, max(a.date_value)::text as latest
      from ${from}
      where ${where}
      group by 1, 2`),
    ctx.db.execute(sql`
      select grp, question_id, value, count(*)::int as n from (
        select ${group} as grp, a.question_id::text as question_id, unnest(a.choices) as value
        from ${from}
        where ${where} and a.choices is not null
        union all
        select ${group} as grp, a.question_id::text as question_id, trunc(a.number_value)::bigint::text as value
        from ${from} join surveys.questions q on q.id = a.question_id and q.type = 'SCALE'
        where ${where}
      ) answered
      group by 1, 2, 3`),
  ]);
  const summaries = rows<{
    grp: string;
    question_id: string;
    answered: number;
    mean: number | null;
    median: number | null;
    min: number | null;
    max: number | null;
    earliest: string | null;
    latest: string | null;
  }>(summaryResult);
  const counts = rows<{ grp: string; question_id: string; value: string; n: number }>(countResult);

  const result: GroupedStats = new Map();
  const statsOf = (grp: string, questionId: string): QuestionStats => {
    let byQuestion = result.get(grp);
    if (!byQuestion) result.set(grp, (byQuestion = new Map()));
    let stats = byQuestion.get(questionId);
    if (!stats) {
      stats = {
        answered: 0,
        mean: null,
        median: null,
        min: null,
        max: null,
        earliest: null,
        latest: null,
        counts: new Map(),
      };
      byQuestion.set(questionId, stats);
    }
    return stats;
  };
  for (const row of summaries) {
    Object.assign(statsOf(row.grp, row.question_id), {
      answered: Number(row.answered),
      mean: row.mean === null ? null : Number(row.mean),
      median: row.median === null ? null : Number(row.median),
      min: row.min === null ? null : Number(row.min),
      max: row.max === null ? null : Number(row.max),
      earliest: row.earliest,
      latest: row.latest,
    });
  }
  for (const row of counts) statsOf(row.grp, row.question_id).counts.set(row.value, Number(row.n));
  return result;
}
