import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLOSE,
  CREATE,
  hoursFromNow,
  publishedSurvey,
  QUESTIONS_OF_EVERY_TYPE,
  SAVE_DRAFT,
  startSurveys,
  SUBMIT,
  type SurveysHarness,
  type Data,
} from './helpers.js';

const ENTITIES = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Organization {
        id
        pendingSurveys {
          id
          title
          closesAt
        }
      }
    }
  }
`;
const ANSWERS = [
  { questionCode: 'kien_toan', choices: ['co'] },
  { questionCode: 'hai_long', number: 5 },
];

describe('pending surveys', () => {
  let h: SurveysHarness;
  let open: Data;
  let soon: Data;

  const pendingOf = async (code: string, as = code): Promise<string[]> => {
    const data = await h.ok(
      ENTITIES,
      { representations: [{ __typename: 'Organization', id: h.orgs.get(code)?.id }] },
      { org: as, scopes: ['surveys:respond'] },
    );
    return data._entities[0].pendingSurveys.map((s: { id: string }) => s.id);
  };

  beforeAll(async () => {
    h = await startSurveys();
    open = await publishedSurvey(h, {
      title: 'Khảo sát đang mở',
      closesAt: hoursFromNow(48),
      audience: { levels: ['COMMUNE'] },
    });
    soon = await publishedSurvey(h, {
      title: 'Khảo sát sắp đóng',
      closesAt: hoursFromNow(3),
      audience: { levels: ['COMMUNE'] },
    });
    await publishedSurvey(h, {
      title: 'Khảo sát chưa mở',
      opensAt: hoursFromNow(5),
      closesAt: hoursFromNow(50),
      audience: { levels: ['COMMUNE'] },
    });
    await publishedSurvey(h, { title: 'Khảo sát cấp huyện', audience: { levels: ['DISTRICT'] } });
    await h.ok(CREATE, {
      input: {
        title: 'Bản nháp',
        opensAt: hoursFromNow(-1),
        closesAt: hoursFromNow(5),
        questions: QUESTIONS_OF_EVERY_TYPE,
      },
    });
  });
  afterAll(async () => h?.sg.dispose());

  it('lists open unanswered surveys, soonest closing first', async () => {
    expect(await pendingOf('00001')).toEqual([soon.id, open.id]);
  });

  it('a draft response is still pending; a submission is not', async () => {
    await h.ok(
      SAVE_DRAFT,
      { input: { surveyId: soon.id, answers: ANSWERS.slice(0, 1) } },
      { org: '00001' },
    );
    expect(await pendingOf('00001')).toEqual([soon.id, open.id]);
    await h.ok(SUBMIT, { input: { surveyId: soon.id, answers: ANSWERS } }, { org: '00001' });
    expect(await pendingOf('00001')).toEqual([open.id]);
  });

  it('closed surveys are not pending', async () => {
    const closing = await publishedSurvey(h, {
      title: 'Khảo sát sẽ đóng',
      audience: { levels: ['COMMUNE'] },
    });
    expect(await pendingOf('26734')).toContain(closing.id);
    await h.ok(CLOSE, { id: closing.id });
    expect(await pendingOf('26734')).not.toContain(closing.id);
  });

  it('a parent sees what its units owe; others see nothing', async () => {
    expect(await pendingOf('00001', '01')).toEqual([open.id]);
    expect(await pendingOf('00001', '79')).toEqual([]);
  });

  it('many organisations cost one statement', async () => {
    const counter = h.sg.db.database.statements;
    const representations = ['00001', '26734', '001', '760'].map((code) => ({
      __typename: 'Organization',
      id: h.orgs.get(code)?.id,
    }));
    const before = counter.count;
    const data = await h.ok(ENTITIES, { representations });
    expect(counter.count - before).toBe(1);
    expect(
      data._entities.map((e: { pendingSurveys: unknown[] }) => e.pendingSurveys.length),
    ).toEqual([1, 2, 1, 1]);
  });

  it('Query.pendingSurveys defaults to the caller', async () => {
    const own = await h.ok('{ pendingSurveys { id } }', undefined, {
      org: '00001',
      scopes: ['surveys:respond'],
    });
    expect(own.pendingSurveys.map((s: { id: string }) => s.id)).toEqual([open.id]);
    const named = await h.ok('{ pendingSurveys(organizationCode: "00001") { id } }', undefined, {
      org: '001',
      scopes: ['surveys:read'],
    });
    expect(named.pendingSurveys.map((s: { id: string }) => s.id)).toEqual([open.id]);
    const unknown = await h.run('{ pendingSurveys(organizationCode: "99999") { id } }');
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('pendingSurveys names the missing type', async () => {
    const query = '{ pendingSurveys(organizationCode: "99999") { id } }';
    for (const locale of ['en', 'vi']) {
      const result = await h.run(query, undefined, { org: '001', locale });
      const error = result.errors?.[0];
      expect(error?.extensions?.code).toBe('NOT_FOUND');
      expect(error?.extensions?.entity).toBe('Organization');
      expect(error?.extensions?.value).toBe('99999');
    }
    const vi = await h.run(query, undefined, { org: '001', locale: 'vi' });
    expect(vi.errors?.[0]?.message).toBe('Không tìm thấy đơn vị 99999.');
  });

  it('pendingSurveys rejects an empty code', async () => {
    const result = await h.run('{ pendingSurveys(organizationCode: "") { id } }', undefined, {
      org: '00001',
      scopes: ['surveys:respond'],
    });
    expect(result.data?.pendingSurveys ?? null).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.field).toBe('organizationCode');
  });
});
