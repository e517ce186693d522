import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLOSE,
  CREATE,
  firstCode,
  hoursFromNow,
  publishedSurvey,
  QUESTIONS_OF_EVERY_TYPE,
  SAVE_DRAFT,
  startSurveys,
  SUBMIT,
  type SurveysHarness,
} from './helpers.js';

const ANSWERS = [
  { questionCode: 'kien_toan', choices: ['dang'] },
  { questionCode: 'hai_long', number: 3 },
];

describe('response window', () => {
  let h: SurveysHarness;
  const respond = (mutation: string, surveyId: string, locale?: string) =>
    h.run(
      mutation,
      { input: { surveyId, respondentCode: '00001', answers: ANSWERS } },
      { org: '001', ...(locale ? { locale } : {}) },
    );

  beforeAll(async () => {
    h = await startSurveys();
  });
  afterAll(async () => h?.sg.dispose());

  it('draft survey takes no responses', async () => {
    const draft = (
      await h.ok(CREATE, {
        input: {
          title: 'Bản nháp',
          opensAt: hoursFromNow(-1),
          closesAt: hoursFromNow(5),
          questions: QUESTIONS_OF_EVERY_TYPE,
        },
      })
    ).createSurvey;
    // The owner sees its draft; a unit below it does not see drafts at all.
    const input = { surveyId: draft.id, respondentCode: '00001', answers: ANSWERS };
    expect(firstCode(await h.run(SUBMIT, { input }))).toBe('SURVEYS_NOT_PUBLISHED');
    expect(firstCode(await h.run(SAVE_DRAFT, { input }))).toBe('SURVEYS_NOT_PUBLISHED');
    expect(firstCode(await respond(SUBMIT, draft.id))).toBe('NOT_FOUND');
  });

  it('scheduled survey takes drafts but no submissions', async () => {
    const opensAt = hoursFromNow(2);
    const survey = await publishedSurvey(h, {
      opensAt,
      closesAt: hoursFromNow(30),
      audience: { levels: ['COMMUNE'] },
    });
    expect(survey.status).toBe('SCHEDULED');
    const early = await respond(SUBMIT, survey.id, 'vi');
    expect(firstCode(early)).toBe('SURVEYS_NOT_YET_OPEN');
    expect(early.errors?.[0]?.extensions?.opensAt).toBe(opensAt);
    expect(early.errors?.[0]?.message).toContain(`mở lúc ${opensAt}`);
    const draft = await respond(SAVE_DRAFT, survey.id);
    expect(draft.errors).toBeUndefined();
    expect((draft.data?.saveSurveyResponseDraft as { status: string }).status).toBe('DRAFT');
  });

  it('open survey takes submissions', async () => {
    const survey = await publishedSurvey(h, { audience: { levels: ['COMMUNE'] } });
    expect(survey.status).toBe('OPEN');
    const result = await respond(SUBMIT, survey.id);
    expect(result.errors).toBeUndefined();
    expect((result.data?.submitSurveyResponse as { status: string }).status).toBe('SUBMITTED');
  });

  it('closed survey rejects submissions and drafts', async () => {
    const survey = await publishedSurvey(h, { audience: { levels: ['COMMUNE'] } });
    expect((await respond(SUBMIT, survey.id)).errors).toBeUndefined();
    const closed = await h.ok(CLOSE, { id: survey.id });
    expect(closed.closeSurvey.status).toBe('CLOSED');

    const late = await respond(SUBMIT, survey.id, 'vi');
    expect(firstCode(late)).toBe('SURVEYS_CLOSED');
    expect(late.errors?.[0]?.message).toMatch(/^Khảo sát .* đã đóng lúc .*\+07:00/);
    expect(firstCode(await respond(SAVE_DRAFT, survey.id))).toBe('SURVEYS_CLOSED');
    const bulk = await h.run(
      'mutation($id: ID!, $rows: [SurveyBulkResponseInput!]!) { submitSurveyResponses(surveyId: $id, responses: $rows) { submitted } }',
      { id: survey.id, rows: [{ respondentCode: '26734', answers: ANSWERS }] },
    );
    expect(firstCode(bulk)).toBe('SURVEYS_CLOSED');
  });

  it('closed survey rejects writes in the database too', async () => {
    const survey = await publishedSurvey(h, { audience: { levels: ['COMMUNE'] } });
    await h.ok(CLOSE, { id: survey.id });
    const orgId = h.orgs.get('26734')?.id;
    await expect(
      h.sg.db.database.db.execute(sql`
        insert into surveys.responses (survey_id, org_id, status, submitted_at)
        values (${survey.id}::uuid, ${orgId}::uuid, 'SUBMITTED', now())`),
    ).rejects.toThrow();
  });

  it('moved closing time moves the window', async () => {
    const survey = await publishedSurvey(h, { audience: { levels: ['COMMUNE'] } });
    const soon = new Date(Date.now() + 1500);
    await h.ok(CLOSE, { id: survey.id, closesAt: soon.toISOString() });
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, soon.getTime() - Date.now()) + 300),
    );
    expect(firstCode(await respond(SUBMIT, survey.id))).toBe('SURVEYS_CLOSED');
    const status = await h.ok('query($id: ID!) { survey(id: $id) { status } }', { id: survey.id });
    expect(status.survey.status).toBe('CLOSED');
  });
});
