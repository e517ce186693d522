// Benchmark of the surveys subgraph on real PostgreSQL: submission throughput for 100,000
// responses, and the time to compute results through the hub against the same aggregation
// written as plain SQL on the same data. Usage and recorded numbers: README.md beside this file.
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  createLogger,
  executeOnSubgraph,
  openDatabase,
  startSubgraph,
  type Database,
  type SubgraphRuntime,
} from '@dxhub/kit';
import {
  createEmptyPostgresDatabase,
  createTestAuth,
  seedOrgTree,
  type TestAuth,
} from '@dxhub/kit/testing';
import { surveysSubgraph } from '@dxhub/surveys';

const RESPONSES = Number(process.env.BENCH_RESPONSES ?? 100_000);
const BATCH = 5000;
const TEAMS_PER_COMMUNE = 31;
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
/** The hub may take at most this many times the plain SQL time for the same results. */
const MAX_RATIO = 1.5;
const AGENCY = 'cuc-chuyen-doi-so-quoc-gia';
const UNITS_FILE = fileURLToPath(
  new URL('../../../shared/data/vn-admin/units-2025.json', import.meta.url),
);

interface Unit {
  code: string;
  level: 'province' | 'commune';
  parentCode: string | null;
}

/** Returns the 2025 units from the reference file, or 34 provinces of 98 communes each when it is absent. */
function loadUnits(): Unit[] {
  if (fs.existsSync(UNITS_FILE)) return JSON.parse(fs.readFileSync(UNITS_FILE, 'utf8')) as Unit[];
  console.warn(`${UNITS_FILE} is absent; using a synthetic list of the same size`);
  const units: Unit[] = [];
  for (let p = 1; p <= 34; p += 1) {
    const province = String(p).padStart(2, '0');
    units.push({ code: province, level: 'province', parentCode: null });
    for (let c = 1; c <= 98; c += 1)
      units.push({
        code: `${province}${String(c).padStart(3, '0')}`,
        level: 'commune',
        parentCode: province,
      });
  }
  return units;
}

function quote(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Writes the provinces, communes and 31 community teams per commune into org_tree. */
async function seedNetwork(database: Database, units: Unit[]): Promise<void> {
  await seedOrgTree(database, [
    { code: 'bo-khoa-hoc-va-cong-nghe', level: 'CENTRAL', kind: 'MINISTRY' },
    { code: AGENCY, level: 'CENTRAL', kind: 'AGENCY_UNIT', parentCode: 'bo-khoa-hoc-va-cong-nghe' },
  ]);
  const ids = new Map<string, string>();
  const values = units.map((unit) => {
    const id = randomUUID();
    ids.set(unit.code, id);
    const parent = unit.parentCode ? ids.get(unit.parentCode) : undefined;
    const level = unit.level === 'province' ? 'PROVINCE' : 'COMMUNE';
    return `('${id}'::uuid, ${quote(unit.code)}, ${parent ? `'${parent}'::uuid` : 'null'}, ${parent ? `array['${parent}'::uuid]` : "'{}'::uuid[]"}, '${level}', '${level}', '2025-07-01')`;
  });
  await database.exec(
    `insert into network.org_tree (id, code, parent_id, ancestor_ids, level, kind, valid_from) values ${values.join(',\n')}`,
  );
  await database.exec(`
    insert into network.org_tree (id, code, parent_id, ancestor_ids, level, kind, valid_from)
    select gen_random_uuid(), c.code || '-to-' || lpad(g::text, 2, '0'), c.id, c.ancestor_ids || c.id, 'COMMUNITY', 'COMMUNITY_TEAM', '2025-07-01'
    from network.org_tree c cross join generate_series(1, ${TEAMS_PER_COMMUNE}) g
    where c.level = 'COMMUNE'`);
  await database.exec('analyze network.org_tree');
}

const QUESTIONS = [
  {
    code: 'hoat_dong',
    type: 'SINGLE_CHOICE',
    title: 'Tổ Công nghệ số cộng đồng đã đi vào hoạt động chưa?',
    required: true,
    options: [
      { value: 'thuong_xuyen', label: 'Hoạt động thường xuyên' },
      { value: 'chua_thuong_xuyen', label: 'Hoạt động chưa thường xuyên' },
      { value: 'moi_thanh_lap', label: 'Mới thành lập' },
      { value: 'chua', label: 'Chưa hoạt động' },
    ],
  },
  {
    code: 'ho_tro',
    type: 'MULTIPLE_CHOICE',
    title: 'Nội dung đã hỗ trợ người dân',
    options: [
      { value: 'dvc', label: 'Dịch vụ công trực tuyến' },
      { value: 'vneid', label: 'Định danh điện tử' },
      { value: 'ttdt', label: 'Thanh toán điện tử' },
      { value: 'tmdt', label: 'Thương mại điện tử' },
      { value: 'attt', label: 'An toàn thông tin mạng' },
    ],
    maxChoices: 5,
  },
  {
    code: 'hai_long',
    type: 'SCALE',
    title: 'Mức độ hài lòng với nền tảng hỗ trợ',
    min: 1,
    max: 5,
    required: true,
  },
  {
    code: 'thanh_vien',
    type: 'NUMBER',
    title: 'Số thành viên của tổ',
    min: 1,
    max: 100,
    required: true,
  },
  { code: 'luot_ho_tro', type: 'NUMBER', title: 'Số lượt hỗ trợ người dân trong tháng', min: 0 },
  { code: 'ngay_thanh_lap', type: 'DATE', title: 'Ngày thành lập tổ' },
  { code: 'gop_y', type: 'TEXT', title: 'Kiến nghị, đề xuất' },
];

/** Deterministic answers for the i-th team, covering every question type. */
function answersOf(i: number): Record<string, unknown>[] {
  const support = ['dvc', 'vneid', 'ttdt', 'tmdt', 'attt'].filter((_, k) => (i >> k) % 2 === 1);
  return [
    {
      questionCode: 'hoat_dong',
      choices: [['thuong_xuyen', 'chua_thuong_xuyen', 'moi_thanh_lap', 'chua'][i % 4]],
    },
    ...(support.length > 0 ? [{ questionCode: 'ho_tro', choices: support }] : []),
    { questionCode: 'hai_long', number: (i % 5) + 1 },
    { questionCode: 'thanh_vien', number: 3 + (i % 12) },
    ...(i % 3 === 0 ? [] : [{ questionCode: 'luot_ho_tro', number: (i * 37) % 400 }]),
    {
      questionCode: 'ngay_thanh_lap',
      date: `2025-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
    },
    ...(i % 10 === 0
      ? [{ questionCode: 'gop_y', text: `Đề nghị bồi dưỡng, tập huấn thêm cho tổ số ${i}` }]
      : []),
  ];
}

/** GraphQL response data; the benchmark reads a few known fields of it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Data = Record<string, any>;

type Run = (
  query: string,
  variables: Record<string, unknown>,
  org?: string,
  scopes?: string[],
) => Promise<Data>;

function runner(runtime: SubgraphRuntime, auth: TestAuth): Run {
  return async (
    query,
    variables,
    org = AGENCY,
    scopes = ['surveys:manage', 'surveys:read', 'surveys:respond'],
  ) => {
    const result = await executeOnSubgraph(
      runtime,
      { query, variables },
      { authorization: await auth.bearer(org, scopes) },
    );
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data as Data;
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

async function time(action: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await action();
  return performance.now() - start;
}

const RESULTS_QUERY = /* GraphQL */ `
  query Results($id: ID!) {
    survey(id: $id) {
      results {
        audienceSize
        respondedCount
        responseCount
        responseRate
        byProvince {
          provinceCode
          audienceSize
          respondedCount
          responseRate
        }
        byLevel {
          level
          audienceSize
          respondedCount
          responseRate
        }
        questions {
          question {
            code
          }
          answered
          skipped
          mean
          median
          min
          max
          earliest
          latest
          options {
            value
            count
            share
          }
        }
      }
    }
  }
`;

/**
 * Returns the statements that compute the figures of RESULTS_QUERY by hand: participation per province and level,
 * then per-question summaries and option counts. `scope` narrows to one unit's jurisdiction.
 */
function plainSql(surveyId: string, scope: string | null): string[] {
  const id = `'${surveyId}'::uuid`;
  const unit = `(select id from network.org_tree where code = ${quote(scope ?? '')} limit 1)`;
  const inScope = scope ? `and (am.org_id = ${unit} or ${unit} = any(am.ancestor_ids))` : '';
  const answers = scope
    ? `surveys.answers a join surveys.audience_members am on am.survey_id = a.survey_id and am.org_id = a.org_id where a.survey_id = ${id} ${inScope}`
    : `surveys.answers a where a.survey_id = ${id}`;
  return [
    `select am.province_code, am.level, count(*) as asked, count(r.org_id) as responded
     from surveys.audience_members am
     left join (select org_id, count(*) as n from surveys.responses where survey_id = ${id} and status = 'SUBMITTED' group by org_id) r
       on r.org_id = am.org_id
     where am.survey_id = ${id} ${inScope}
     group by am.province_code, am.level`,
    `select a.question_id, count(*), avg(a.number_value), percentile_cont(0.5) within group (order by a.number_value),
       min(a.number_value), max(a.number_value), min(a.date_value), max(a.date_value)
     from ${answers} group by a.question_id`,
    `select a.question_id, c.value, count(*) from ${answers.replace(' where ', ' cross join unnest(a.choices) as c(value) where ')} group by 1, 2`,
    `select a.question_id, a.number_value, count(*) from ${answers}
       and a.question_id in (select id from surveys.questions where survey_id = ${id} and type = 'SCALE') group by 1, 2`,
  ];
}

async function main(): Promise<void> {
  process.env.TEST_DATABASE_URL ??=
    process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const empty = await createEmptyPostgresDatabase();
  const database = await openDatabase({ databaseUrl: empty.url, maxConnections: 4 });
  const auth = await createTestAuth();
  const runtime = await startSubgraph(surveysSubgraph, {
    database,
    logger: createLogger({ level: 'silent' }),
    verifier: auth.verifier,
  });
  const run = runner(runtime, auth);
  try {
    const units = loadUnits();
    await seedNetwork(database, units);
    const opensAt = new Date(Date.now() - 3_600_000).toISOString();
    const closesAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const created = await run(
      'mutation($input: CreateSurveyInput!) { createSurvey(input: $input) { id } }',
      {
        input: {
          title: 'Khảo sát hoạt động của Tổ Công nghệ số cộng đồng',
          opensAt,
          closesAt,
          questions: QUESTIONS,
          audience: { levels: ['COMMUNITY'] },
        },
      },
    );
    const surveyId = created.createSurvey.id as string;
    const published = await run('mutation($id: ID!) { publishSurvey(id: $id) { audienceSize } }', {
      id: surveyId,
    });
    const audience = published.publishSurvey.audienceSize as number;
    // The audience is every community team; the first RESPONSES of them by code answer.
    const teams = units
      .filter((unit) => unit.level === 'commune')
      .flatMap((commune) =>
        Array.from(
          { length: TEAMS_PER_COMMUNE },
          (_, g) => `${commune.code}-to-${String(g + 1).padStart(2, '0')}`,
        ),
      )
      .sort()
      .slice(0, RESPONSES);

    const batchTimes: number[] = [];
    const submitStart = performance.now();
    for (let offset = 0; offset < teams.length; offset += BATCH) {
      const rows = teams
        .slice(offset, offset + BATCH)
        .map((team, k) => ({ respondentCode: team, answers: answersOf(offset + k) }));
      batchTimes.push(
        await time(() =>
          run(
            'mutation($id: ID!, $rows: [SurveyBulkResponseInput!]!) { submitSurveyResponses(surveyId: $id, responses: $rows) { submitted } }',
            {
              id: surveyId,
              rows,
            },
          ),
        ),
      );
    }
    const submitSeconds = (performance.now() - submitStart) / 1000;
    await database.exec('analyze');

    const province = units.find((unit) => unit.level === 'province')?.code as string;
    const scenarios = [
      { name: 'whole network (coordinating agency)', org: AGENCY, scope: null as string | null },
      { name: `one province (${province})`, org: province, scope: province },
    ];

    const report: string[] = [];
    let worst = 0;
    for (const scenario of scenarios) {
      const hub = () => run(RESULTS_QUERY, { id: surveyId }, scenario.org, ['surveys:read']);
      const statements = plainSql(surveyId, scenario.scope);
      const plain = async () => {
        for (const statement of statements) await database.exec(statement);
      };
      await hub();
      await plain();
      const hubTimes: number[] = [];
      const plainTimes: number[] = [];
      // Alternate the two so that caching and background work hit both alike.
      for (let i = 0; i < RUNS; i += 1) {
        hubTimes.push(await time(hub));
        plainTimes.push(await time(plain));
      }
      const ratio = median(hubTimes) / median(plainTimes);
      worst = Math.max(worst, ratio);
      report.push(
        `| ${scenario.name} | ${median(hubTimes).toFixed(0)} ms | ${median(plainTimes).toFixed(0)} ms | ${ratio.toFixed(2)} |`,
      );
    }

    console.log(`date: ${new Date().toISOString()}`);
    console.log(
      `machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
    );
    console.log(
      `audience: ${audience} community teams; responses submitted: ${teams.length}; batches of ${BATCH}`,
    );
    console.log(
      `submission: ${submitSeconds.toFixed(1)} s in total, ${(teams.length / submitSeconds).toFixed(0)} responses/s, median batch ${median(batchTimes).toFixed(0)} ms`,
    );
    console.log(`results, median of ${RUNS} runs:`);
    console.log('| scenario | hub | plain SQL | ratio |');
    console.log('|---|---|---|---|');
    for (const line of report) console.log(line);
    console.log(
      worst <= MAX_RATIO
        ? `PASS: the hub stays within ${MAX_RATIO}x plain SQL`
        : `FAIL: the hub takes ${worst.toFixed(2)}x plain SQL, over ${MAX_RATIO}x`,
    );
    if (worst > MAX_RATIO) process.exitCode = 1;
  } finally {
    await runtime.stop();
    await database.close();
    await empty.drop();
  }
}

await main();
