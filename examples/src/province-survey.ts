// A province runs a survey to its communes and reads the results. The survey requests whether
// each commune has set up its community digital-technology team (Tổ Công nghệ số cộng đồng);
// communes answer online, and the province uploads the answers it collected on paper.
//
// Run against a development hub with the 2025 units imported:  pnpm --filter @dxhub/examples province
import type { SurveyResults } from '@dxhub/sdk';
import { clientFor, runWhenMain, type ExampleContext } from './connect.js';

/** Hà Nội, and the communes of its that answer online or on paper in this example. */
export const PROVINCE_CODE = '01';
export const ONLINE_COMMUNES = ['00004', '00008'] as const;
export const PAPER_COMMUNES = ['00025'] as const;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The province's view of the survey once it closed. */
export interface ProvinceReport {
  surveyId: string;
  audienceSize: number;
  results: SurveyResults;
}

/** Builds one commune's answers: whether its team exists and how many members it has. */
function answers(hasTeam: boolean, members: number) {
  return [
    { questionCode: 'team', choices: [hasTeam ? 'yes' : 'no'] },
    { questionCode: 'members', number: members },
  ];
}

/** Creates, publishes and closes the survey, with commune answers in between, then reads the results. */
export async function runProvinceExample(context: ExampleContext): Promise<ProvinceReport> {
  const province = clientFor(context, PROVINCE_CODE, [
    'surveys:manage',
    'surveys:read',
    'surveys:respond',
  ]);

  const draft = await province.surveys.create({
    title: 'Tình hình thành lập Tổ Công nghệ số cộng đồng',
    description: 'Khảo sát các xã, phường của thành phố.',
    respondentType: 'ORGANIZATION',
    anonymous: false,
    audience: { levels: ['COMMUNE'], underCode: PROVINCE_CODE },
    opensAt: new Date(Date.now() - 60_000).toISOString(),
    closesAt: new Date(Date.now() + 14 * DAY_MS).toISOString(),
    questions: [
      {
        code: 'team',
        type: 'SINGLE_CHOICE',
        title: 'Xã, phường đã thành lập Tổ Công nghệ số cộng đồng chưa?',
        required: true,
        options: [
          { value: 'yes', label: 'Đã thành lập' },
          { value: 'no', label: 'Chưa thành lập' },
        ],
      },
      {
        code: 'members',
        type: 'NUMBER',
        title: 'Số thành viên của Tổ',
        required: false,
        min: 0,
        max: 500,
      },
    ],
  });
  const survey = await province.surveys.publish(draft.id);
  context.log(`Published "${survey.title}" to ${survey.audienceSize} communes`);

  // Each commune answering online finds the survey among its pending ones.
  for (const [index, code] of ONLINE_COMMUNES.entries()) {
    const commune = clientFor(context, code, ['surveys:respond']);
    const pending = await commune.surveys.pending();
    if (!pending.some((item) => item.id === survey.id))
      throw new Error(`Commune ${code} does not see survey ${survey.id}`);
    await commune.surveys.submit({ surveyId: survey.id, answers: answers(true, 8 + index) });
  }

  // The province uploads the paper responses of its communes, in batches.
  const upload = await province.surveys.submitMany(
    survey.id,
    PAPER_COMMUNES.map((respondentCode) => ({ respondentCode, answers: answers(false, 0) })),
  );
  context.log(`Uploaded ${upload.submitted} paper responses`);

  await province.surveys.close(survey.id);
  const results = await province.surveys.results(survey.id);
  context.log(`${results.respondedCount} of ${results.audienceSize} communes answered`);
  for (const question of results.questions ?? []) {
    for (const option of question.options ?? [])
      context.log(`  ${question.question.title} ${option.label}: ${option.count}`);
  }
  return { surveyId: survey.id, audienceSize: survey.audienceSize ?? 0, results };
}

runWhenMain(import.meta.url, runProvinceExample);
