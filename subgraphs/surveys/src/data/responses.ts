import { MAX_BATCH_SIZE, rows, type Db, type FieldError } from '@dxhub/kit';
import { and, asc, eq, sql } from 'drizzle-orm';
import { callerOf, type Context } from '../context.js';
import { questions, responses, surveys, type DraftAnswer } from '../db/schema.js';
import { badInput, badInputs, forbidden, notFound, surveyError, triggerError } from '../errors.js';
import type { QuestionRow, ResponseRow, SurveyRow } from '../loaders.js';
import { vietnamTimestamp } from '../time.js';
import { validateAnswers, type AnswerInput, type CleanAnswer } from '../validation/answers.js';
import { cleanText, Problems } from '../validation/problems.js';
import { jsonParam, surveyVisibility } from './access.js';

/** One response as the mutations receive it. */
export interface ResponseInput {
  respondentCode?: string | null;
  personKey?: string | null;
  answers: AnswerInput[];
}

/** Largest number of field errors one rejected batch lists; `extensions.omittedErrors` counts the rest. */
const MAX_LISTED_ERRORS = 500;

interface Respondent {
  orgId: string;
  orgCode: string;
  personKey: string;
}

type LockedSurvey = SurveyRow & { dbNow: Date };

/**
 * Loads a survey the caller may see, share-locked so it cannot close while the transaction
 * writes responses, and checks that it takes responses now: drafts from publication until
 * closing, submissions only inside the window.
 */
async function lockAnswerableSurvey(
  ctx: Context,
  tx: Db,
  surveyId: string,
  submitting: boolean,
): Promise<LockedSurvey> {
  const visible = await surveyVisibility(ctx);
  const [found] = await tx
    .select({ survey: surveys, nowMs: sql<number>`(extract(epoch from now()) * 1000)::float8` })
    .from(surveys)
    .where(and(eq(surveys.id, surveyId), visible))
    .for('share');
  if (!found) throw notFound(ctx.locale, 'Survey', surveyId);
  const survey = { ...found.survey, dbNow: new Date(Number(found.nowMs)) };
  if (!survey.publishedAt) throw surveyError('SURVEYS_NOT_PUBLISHED', ctx.locale, { surveyId });
  if (survey.closesAt <= survey.dbNow) {
    throw surveyError('SURVEYS_CLOSED', ctx.locale, {
      surveyId,
      closesAt: vietnamTimestamp(survey.closesAt),
    });
  }
  if (submitting && survey.opensAt > survey.dbNow) {
    throw surveyError('SURVEYS_NOT_YET_OPEN', ctx.locale, {
      surveyId,
      opensAt: vietnamTimestamp(survey.opensAt),
    });
  }
  return survey;
}

/**
 * Resolves who each response is from: `respondentCode` among the survey's audience, or the
 * caller's own organisation. The caller may answer for itself and, for bodies that collect
 * answers offline, for units below it. Problems go into `problems` under `path.<index>`.
 */
async function resolveRespondents(
  ctx: Context,
  tx: Db,
  survey: SurveyRow,
  inputs: ResponseInput[],
  path: (index: number) => string,
  bulk: boolean,
  problems: Problems,
): Promise<(Respondent | null)[]> {
  const caller = callerOf(ctx);
  const org = await caller.org();
  const codes = [
    ...new Set(
      inputs.flatMap((input) => (input.respondentCode ? [input.respondentCode.trim()] : [])),
    ),
  ];
  const self = org?.id ?? '00000000-0000-0000-0000-000000000000';
  const found = rows<{ org_id: string; org_code: string; permitted: boolean }>(
    await tx.execute(sql`
      select am.org_id::text as org_id, am.org_code,
        (${caller.seesAll} or am.org_id = ${self}::uuid or ${self}::uuid = any(am.ancestor_ids)) as permitted
      from surveys.audience_members am
      where am.survey_id = ${survey.id}::uuid
        and (am.org_code in (select jsonb_array_elements_text(${jsonParam(codes)})) or am.org_id = ${self}::uuid)`),
  );
  const byCode = new Map(found.map((row) => [row.org_code, row]));
  const own = found.find((row) => row.org_id === self);
  const seen = new Set<string>();

  return inputs.map((input, index) => {
    const code = input.respondentCode?.trim();
    const member = code ? byCode.get(code) : own;
    const shown = code ?? caller.orgCode;
    if (!member) {
      problems.add(
        `${path(index)}.respondentCode`,
        'NOT_IN_AUDIENCE',
        {
          en: `organisation ${shown} is not among the units this survey asks`,
          vi: `đơn vị ${shown} không thuộc đối tượng của khảo sát này`,
        },
        shown,
      );
      return null;
    }
    if (!member.permitted) {
      problems.add(
        `${path(index)}.respondentCode`,
        'OUTSIDE_JURISDICTION',
        {
          en: `${caller.orgCode} may answer only for itself and the units below it, not for ${member.org_code}`,
          vi: `${caller.orgCode} chỉ được trả lời cho chính mình và các đơn vị cấp dưới, không được trả lời cho ${member.org_code}`,
        },
        member.org_code,
      );
      return null;
    }
    const personKey = personKeyOf(ctx, survey, input, bulk, `${path(index)}.personKey`, problems);
    if (personKey === null) return null;
    const identity = `${member.org_id}\u0000${personKey}`;
    if (seen.has(identity)) {
      problems.add(
        path(index),
        'DUPLICATE_RESPONDENT',
        {
          en: `a second response from ${member.org_code}${personKey ? ` / ${personKey}` : ''} in the same request; send one per respondent`,
          vi: `phiếu trả lời thứ hai của ${member.org_code}${personKey ? ` / ${personKey}` : ''} trong cùng yêu cầu; mỗi đơn vị trả lời chỉ gửi một phiếu`,
        },
        member.org_code,
      );
      return null;
    }
    seen.add(identity);
    return { orgId: member.org_id, orgCode: member.org_code, personKey };
  });
}

/**
 * Returns the person a response is from. It is '' for organisation surveys. For person surveys
 * it is the given key, or the caller's own token subject when one person answers for themselves.
 */
function personKeyOf(
  ctx: Context,
  survey: SurveyRow,
  input: ResponseInput,
  bulk: boolean,
  field: string,
  problems: Problems,
): string | null {
  const given = input.personKey ? cleanText(input.personKey) : '';
  if (survey.respondentType === 'ORGANIZATION') {
    if (!given) return '';
    problems.add(
      field,
      'NOT_APPLICABLE',
      {
        en: 'this survey asks organisations, not people; leave personKey out',
        vi: 'khảo sát này hỏi đơn vị, không hỏi cá nhân; hãy bỏ trống personKey',
      },
      given,
    );
    return null;
  }
  if (given.length > 200) {
    problems.add(field, 'INVALID_LENGTH', {
      en: 'personKey may have at most 200 characters',
      vi: 'personKey có tối đa 200 ký tự',
    });
    return null;
  }
  if (given) return given;
  if (!bulk) return callerOf(ctx).subject;
  problems.add(field, 'REQUIRED', {
    en: 'this survey asks people: give each response the personKey of the person who answered',
    vi: 'khảo sát này hỏi cá nhân: mỗi phiếu trả lời cần personKey của người trả lời',
  });
  return null;
}

function loadQuestions(tx: Db, surveyId: string): Promise<QuestionRow[]> {
  return tx
    .select()
    .from(questions)
    .where(eq(questions.surveyId, surveyId))
    .orderBy(asc(questions.position));
}

/** Throws the coded error for rejected input: a single response gets the most specific code. */
function rejectProblems(
  ctx: Context,
  survey: SurveyRow,
  problems: Problems,
  answerProblems: boolean,
  bulk: boolean,
): never {
  const listed: FieldError[] = problems.list.slice(0, MAX_LISTED_ERRORS);
  const omitted = problems.list.length - listed.length;
  const first = problems.list[0];
  if (!bulk && first?.code === 'NOT_IN_AUDIENCE') {
    throw surveyError('SURVEYS_NOT_IN_AUDIENCE', ctx.locale, {
      surveyId: survey.id,
      respondent: first.value,
    });
  }
  if (!bulk && first?.code === 'OUTSIDE_JURISDICTION')
    throw forbidden(ctx.locale, { en: first.message, vi: first.message });
  if (!answerProblems) {
    const error = badInputs(ctx.locale, bulk ? 'responses' : 'input', listed);
    if (omitted > 0) error.extensions.omittedErrors = omitted;
    throw error;
  }
  const summary = listed
    .slice(0, 3)
    .map((p) => `${p.field} (${p.code})`)
    .join(', ');
  const error = surveyError(
    'SURVEYS_ANSWERS_INVALID',
    ctx.locale,
    {
      surveyId: survey.id,
      count: problems.list.length,
      summary: summary + (problems.list.length > 3 ? ', …' : ''),
    },
    listed,
  );
  if (omitted > 0) error.extensions.omittedErrors = omitted;
  throw error;
}

/** Saves a draft response; a response already submitted is replaced only by submitting again. */
export async function saveDraft(
  ctx: Context,
  surveyId: string,
  input: ResponseInput,
): Promise<ResponseRow & { respondentCode: string }> {
  await callerOf(ctx).org();
  try {
    return await ctx.db.transaction(async (tx) => {
      const survey = await lockAnswerableSurvey(ctx, tx, surveyId, false);
      const problems = new Problems(ctx.locale);
      const [respondent] = await resolveRespondents(
        ctx,
        tx,
        survey,
        [input],
        () => 'input',
        false,
        problems,
      );
      if (!respondent) rejectProblems(ctx, survey, problems, false, false);
      const clean = validateAnswers(
        await loadQuestions(tx, surveyId),
        input.answers,
        'DRAFT',
        'input.answers',
        problems,
      );
      if (!problems.empty) rejectProblems(ctx, survey, problems, true, false);

      const draft: DraftAnswer[] = clean.map(({ questionCode, choices, number, text, date }) => ({
        questionCode,
        choices,
        number,
        text,
        date,
      }));
      const [saved] = await tx
        .insert(responses)
        .values({
          surveyId,
          orgId: respondent.orgId,
          personKey: respondent.personKey,
          status: 'DRAFT',
          draftAnswers: draft,
        })
        .onConflictDoUpdate({
          target: [responses.surveyId, responses.orgId, responses.personKey],
          set: { draftAnswers: draft, updatedAt: sql`now()` },
          setWhere: eq(responses.status, 'DRAFT'),
        })
        .returning();
      if (!saved) {
        throw surveyError('SURVEYS_RESPONSE_SUBMITTED', ctx.locale, {
          surveyId,
          respondent: respondent.orgCode,
        });
      }
      ctx.audit.note('MUTATION', [saved.id]);
      return { ...saved, respondentCode: respondent.orgCode };
    });
  } catch (error) {
    throw triggerError(error, ctx.locale, { surveyId }) ?? error;
  }
}

interface SubmittedResponse {
  id: string;
  orgId: string;
  orgCode: string;
  personKey: string;
  replaced: boolean;
}

/** Writes validated submissions: upserts the responses and replaces their answers. */
async function writeSubmissions(
  tx: Db,
  surveyId: string,
  respondents: Respondent[],
  answerLists: CleanAnswer[][],
): Promise<SubmittedResponse[]> {
  const upserted = rows<{
    id: string;
    org_id: string;
    person_key: string;
    previous_status: string | null;
  }>(
    await tx.execute(sql`
      with input as (
        select * from jsonb_to_recordset(${jsonParam(respondents.map((r) => ({ org_id: r.orgId, person_key: r.personKey })))})
          as x(org_id uuid, person_key text)
      ),
      previous as (
        select r.org_id, r.person_key, r.status from surveys.responses r
        join input i on i.org_id = r.org_id and i.person_key = r.person_key
        where r.survey_id = ${surveyId}::uuid
      ),
      upserted as (
        insert into surveys.responses (survey_id, org_id, person_key, status, draft_answers, submitted_at, updated_at)
        select ${surveyId}::uuid, i.org_id, i.person_key, 'SUBMITTED', null, now(), now() from input i
        on conflict (survey_id, org_id, person_key) do update
          set status = 'SUBMITTED', draft_answers = null, submitted_at = now(), updated_at = now()
        returning id, org_id, person_key
      )
      select u.id::text as id, u.org_id::text as org_id, u.person_key, p.status as previous_status
      from upserted u left join previous p on p.org_id = u.org_id and p.person_key = u.person_key`),
  );
  const idOf = new Map(upserted.map((row) => [`${row.org_id}\u0000${row.person_key}`, row.id]));
  const ids = upserted.map((row) => row.id);
  await tx.execute(sql`
    delete from surveys.answers
    where response_id in (select jsonb_array_elements_text(${jsonParam(ids)})::uuid)`);

  const answerRows = respondents.flatMap((respondent, index) => {
    const responseId = idOf.get(`${respondent.orgId}\u0000${respondent.personKey}`);
    return (answerLists[index] ?? []).map((answer) => ({
      response_id: responseId,
      org_id: respondent.orgId,
      question_id: answer.questionId,
      choices: answer.choices,
      number_value: answer.number,
      text_value: answer.text,
      date_value: answer.date,
    }));
  });
  if (answerRows.length > 0) {
    await tx.execute(sql`
      insert into surveys.answers (response_id, survey_id, org_id, question_id, choices, number_value, text_value, date_value)
      select x.response_id, ${surveyId}::uuid, x.org_id, x.question_id,
        case when x.choices is null then null else array(select jsonb_array_elements_text(x.choices)) end,
        x.number_value, x.text_value, x.date_value
      from jsonb_to_recordset(${jsonParam(answerRows)})
        as x(response_id uuid, org_id uuid, question_id uuid, choices jsonb, number_value float8, text_value text, date_value date)`);
  }
  const byKey = new Map(upserted.map((row) => [`${row.org_id}\u0000${row.person_key}`, row]));
  return respondents.map((respondent) => {
    const row = byKey.get(`${respondent.orgId}\u0000${respondent.personKey}`);
    if (!row)
      throw new TypeError('surveys: an upserted response is missing from the statement result');
    return {
      id: row.id,
      orgId: respondent.orgId,
      orgCode: respondent.orgCode,
      personKey: respondent.personKey,
      replaced: row.previous_status === 'SUBMITTED',
    };
  });
}

/** Result of a submission: the written responses in input order and how many replaced earlier ones. */
export interface SubmissionResult {
  survey: SurveyRow;
  responses: SubmittedResponse[];
  replaced: number;
}

/**
 * Submits one or many responses in one transaction: all are written, or none when any row
 * fails. A response submitted earlier is replaced, answers and all, while the survey is open.
 */
export async function submitResponses(
  ctx: Context,
  surveyId: string,
  inputs: ResponseInput[],
  bulk: boolean,
): Promise<SubmissionResult> {
  if (inputs.length === 0 || inputs.length > MAX_BATCH_SIZE) {
    throw badInput(
      ctx.locale,
      'responses',
      {
        en: `send 1 to ${MAX_BATCH_SIZE} responses per request, got ${inputs.length}; split larger sets into batches`,
        vi: `mỗi yêu cầu gửi từ 1 đến ${MAX_BATCH_SIZE} phiếu trả lời, hiện có ${inputs.length}; hãy chia thành nhiều lô`,
      },
      inputs.length,
    );
  }
  await callerOf(ctx).org();
  try {
    return await ctx.db.transaction(async (tx) => {
      const survey = await lockAnswerableSurvey(ctx, tx, surveyId, true);
      const path = (index: number) => (bulk ? `responses.${index}` : 'input');
      const problems = new Problems(ctx.locale);
      const respondents = await resolveRespondents(ctx, tx, survey, inputs, path, bulk, problems);
      if (!problems.empty) rejectProblems(ctx, survey, problems, false, bulk);

      const questionList = await loadQuestions(tx, surveyId);
      const answerLists = inputs.map((input, index) =>
        validateAnswers(questionList, input.answers, 'SUBMIT', `${path(index)}.answers`, problems),
      );
      if (!problems.empty) rejectProblems(ctx, survey, problems, true, bulk);

      const written = await writeSubmissions(
        tx,
        surveyId,
        respondents as Respondent[],
        answerLists,
      );
      ctx.audit.note(
        'MUTATION',
        written.map((r) => r.id),
      );
      return { survey, responses: written, replaced: written.filter((r) => r.replaced).length };
    });
  } catch (error) {
    throw triggerError(error, ctx.locale, { surveyId }) ?? error;
  }
}

/** Reads one response row by id (after a write, for the mutation's payload). */
export async function responseById(ctx: Context, id: string): Promise<ResponseRow> {
  const [row] = await ctx.db.select().from(responses).where(eq(responses.id, id));
  return row as ResponseRow;
}
