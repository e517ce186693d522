import { cursorScope, decodeCursor, pageSize, toConnection } from '@dxhub/kit';
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { callerOf, type Context } from '../context.js';
import { audienceScope } from '../data/access.js';
import { responses } from '../db/schema.js';
import { badInput, surveyError } from '../errors.js';
import { memberCodeKey, respondentKey, type SurveyRow } from '../loaders.js';
import { respondentCodeArgument } from './respondent-code.js';
import type { ResponseView } from './survey.js';

export interface ResponseArgs {
  respondentCode?: string | null;
  personKey?: string | null;
}

export interface ResponsesArgs {
  status?: 'DRAFT' | 'SUBMITTED' | null;
  updatedSince?: Date | null;
  first?: number | null;
  after?: string | null;
}

function anonymousError(ctx: Context, survey: SurveyRow) {
  return surveyError('SURVEYS_ANONYMOUS', ctx.locale, {
    surveyId: survey.id,
    threshold: survey.anonymityThreshold,
  });
}

/**
 * Resolves `Survey.response`: the caller's own response, or a named survey's response of a
 * unit in the caller's jurisdiction. An anonymous survey shows a response to its respondent only.
 */
async function surveyResponse(
  survey: SurveyRow,
  args: ResponseArgs,
  ctx: Context,
): Promise<ResponseView | null> {
  const code = respondentCodeArgument(ctx, 'respondentCode', args.respondentCode, {
    en: "or leave respondentCode out for the caller's own response",
    vi: 'hoặc bỏ trường respondentCode để xem phiếu trả lời của chính đơn vị gọi',
  });
  const caller = callerOf(ctx);
  const org = await caller.org();
  const person = survey.respondentType === 'PERSON' ? args.personKey?.trim() || caller.subject : '';
  if (survey.anonymous) {
    const ownPerson = survey.respondentType === 'PERSON' ? caller.subject : '';
    if (person !== ownPerson || (code && code !== org?.code)) throw anonymousError(ctx, survey);
  }

  let orgId: string | undefined;
  let orgCode: string | undefined;
  if (!code) {
    orgId = org?.id;
    orgCode = org?.code;
  } else {
    const member = await ctx.loaders.memberByCode.load(memberCodeKey(survey.id, code));
    if (!member) return null;
    const covered =
      caller.seesAll ||
      (org !== null && (member.orgId === org.id || member.ancestorIds.includes(org.id)));
    if (!covered || (survey.anonymous && member.orgId !== org?.id)) return null;
    orgId = member.orgId;
    orgCode = member.orgCode;
  }
  if (!orgId || !orgCode) return null;
  const row = await ctx.loaders.response.load(respondentKey(survey.id, orgId, person));
  return row ? { ...row, respondentCode: orgCode } : null;
}

/** Resolves `Survey.responses`: a named survey's responses in the caller's jurisdiction, by respondent code. */
async function surveyResponses(survey: SurveyRow, args: ResponsesArgs, ctx: Context) {
  if (survey.anonymous) throw anonymousError(ctx, survey);
  const size = pageSize(args.first, ctx.locale);
  const scope = await audienceScope(ctx, 'am');
  const conditions: SQL[] = [eq(responses.surveyId, survey.id), scope];
  if (args.status) conditions.push(eq(responses.status, args.status));
  if (args.updatedSince)
    conditions.push(sql`${responses.updatedAt} >= ${args.updatedSince.toISOString()}::timestamptz`);
  const where = and(...conditions);

  const listScope = cursorScope('Survey.responses', survey.id, args.status, args.updatedSince);
  let keyset: SQL = sql`true`;
  if (args.after) {
    const [code, person] = decodeCursor(args.after, ctx.locale, listScope);
    if (typeof code !== 'string' || typeof person !== 'string') {
      throw badInput(
        ctx.locale,
        'after',
        {
          en: 'the cursor is not a responses cursor',
          vi: 'con trỏ không phải của danh sách phiếu trả lời',
        },
        args.after,
      );
    }
    keyset = sql`(am.org_code, ${responses.personKey}) > (${code}, ${person})`;
  }
  const audienceJoin = sql`surveys.audience_members am`;
  const joinOn = sql`am.survey_id = ${responses.surveyId} and am.org_id = ${responses.orgId}`;
  const found = await ctx.db
    .select({ response: responses, code: sql<string>`am.org_code` })
    .from(responses)
    .innerJoin(audienceJoin, joinOn)
    .where(and(where, keyset))
    .orderBy(sql`am.org_code`, asc(responses.personKey))
    .limit(size + 1);
  const [total] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(responses)
    .innerJoin(audienceJoin, joinOn)
    .where(where);
  const nodes: ResponseView[] = found.map((row) => ({ ...row.response, respondentCode: row.code }));
  return toConnection(nodes, size, Number(total?.n ?? 0), (r) => [r.respondentCode, r.personKey], {
    after: args.after,
    scope: listScope,
  });
}

export const responseFieldResolvers = {
  Survey: {
    response: surveyResponse,
    responses: surveyResponses,
  },
};
