// One benchmark database: created on the PostgreSQL server given by the admin URL, migrated by
// the subgraphs themselves, loaded with the official 2024 units and generated domain data.
import path from 'node:path';
import postgres from 'postgres';
import {
  createLogger,
  createTokenVerifier,
  executeOnSubgraph,
  openDatabase,
  startSubgraph,
  type SubgraphRuntime,
} from '@dxhub/kit';
import { SUBGRAPHS, createDevelopmentToken, loadGatewayConfig } from '@dxhub/gateway';
import { importUnits } from '@dxhub/network';
import { generateDomainData, type GeneratedCounts } from './generate.js';

/** The official 2024 three-level list; the 2025 list would close most of these units. */
export const UNITS_FILE = path.resolve(
  import.meta.dirname,
  '../../../shared/data/vn-admin/units-2024.json',
);
export const UNITS_EFFECTIVE = '2024-01-01';

/** A loaded benchmark database. */
export interface Dataset {
  /** Generated rows per table. */
  rows: number;
  url: string;
  counts: GeneratedCounts;
  surveys: number;
  /** Seconds spent creating, migrating and loading it. */
  loadSeconds: number;
  /** Seconds per loading step. */
  stepSeconds: Record<string, number>;
  drop(): Promise<void>;
}

/** Returns `adminUrl` with its database name replaced by `name`. */
export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

const CREATE_SURVEY = /* GraphQL */ `
  mutation CreateSurvey($input: CreateSurveyInput!) {
    createSurvey(input: $input) {
      id
    }
  }
`;
const PUBLISH_SURVEY = /* GraphQL */ `
  mutation PublishSurvey($id: ID!) {
    publishSurvey(id: $id) {
      id
      status
    }
  }
`;

/**
 * Creates and publishes one survey of every province to the communes below it, through the
 * surveys subgraph's own mutations, signed as the province. The surveys open a day before the
 * benchmark and close 60 days after it, so they are pending throughout.
 */
async function createProvinceSurveys(
  runtime: SubgraphRuntime,
  provinces: { code: string; name: string }[],
  token: (org: string) => Promise<string>,
): Promise<number> {
  const opensAt = new Date(Date.now() - 86_400_000).toISOString();
  const closesAt = new Date(Date.now() + 60 * 86_400_000).toISOString();
  let published = 0;
  for (const province of provinces) {
    const headers = { authorization: `Bearer ${await token(province.code)}` };
    const input = {
      title: `Khảo sát mức độ chuyển đổi số cấp xã, ${province.name}`,
      description: 'Mỗi xã, phường, thị trấn trả lời một lần.',
      audience: { levels: ['COMMUNE'], underCode: province.code },
      opensAt,
      closesAt,
      questions: [
        {
          code: 'to_cntt',
          type: 'SINGLE_CHOICE',
          title: 'Tổ Công nghệ số cộng đồng đã hoạt động chưa?',
          required: true,
          options: [
            { value: 'co', label: 'Đã hoạt động' },
            { value: 'chua', label: 'Chưa hoạt động' },
          ],
        },
        { code: 'so_thanh_vien', type: 'NUMBER', title: 'Số thành viên', min: 0, max: 500 },
      ],
    };
    const created = await executeOnSubgraph(
      runtime,
      { query: CREATE_SURVEY, variables: { input } },
      headers,
    );
    const id = (created.data?.createSurvey as { id?: string } | null)?.id;
    if (!id)
      throw new Error(
        `bench: creating the survey of province ${province.code} failed: ${JSON.stringify(created.errors)}`,
      );
    const publishedResult = await executeOnSubgraph(
      runtime,
      { query: PUBLISH_SURVEY, variables: { id } },
      headers,
    );
    if (publishedResult.errors)
      throw new Error(
        `bench: publishing survey ${id} failed: ${JSON.stringify(publishedResult.errors)}`,
      );
    published += 1;
  }
  return published;
}

/**
 * Creates database `name` (dropping a previous one of that name), migrates and seeds every
 * subgraph, imports the official units, writes `rows` generated rows per domain table and one
 * published survey per province. `keysDir` contains the development key pair the surveys are signed with.
 * When loading fails, the database is dropped again and the error is rethrown.
 */
export async function createDataset(options: {
  adminUrl: string;
  name: string;
  rows: number;
  keysDir: string;
}): Promise<Dataset> {
  try {
    return await loadDataset(options);
  } catch (error) {
    // A half-loaded database would only mislead a later run that reuses it.
    const admin = postgres(options.adminUrl, { max: 1, onnotice: () => {} });
    await admin
      .unsafe(`drop database if exists ${options.name} with (force)`)
      .catch(() => {})
      .finally(() => admin.end());
    throw error;
  }
}

async function loadDataset(options: {
  adminUrl: string;
  name: string;
  rows: number;
  keysDir: string;
}): Promise<Dataset> {
  const started = performance.now();
  const admin = postgres(options.adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${options.name} with (force)`);
  await admin.unsafe(`create database ${options.name}`);
  await admin.end();
  const url = databaseUrl(options.adminUrl, options.name);

  const config = loadGatewayConfig({ databaseUrl: url, auth: { keysDir: options.keysDir } });
  const logger = createLogger({ level: 'warn' });
  const { verifier } = await createTokenVerifier(config.auth, true);
  const database = await openDatabase({ databaseUrl: url });
  const runtimes: SubgraphRuntime[] = [];
  const stepSeconds: Record<string, number> = {};
  let stepStarted = performance.now();
  const stepDone = (step: string) => {
    stepSeconds[step] = (performance.now() - stepStarted) / 1000;
    stepStarted = performance.now();
  };
  let surveys = 0;
  let counts: GeneratedCounts;
  try {
    for (const module of SUBGRAPHS)
      runtimes.push(await startSubgraph(module, { database, logger, verifier }));
    stepDone('migrations');
    await importUnits(database, UNITS_FILE, { effective: UNITS_EFFECTIVE });
    stepDone('units');

    const sql = postgres(url, { max: 1, onnotice: () => {} });
    try {
      const generated = await generateDomainData(sql, options.rows);
      counts = generated.counts;
      Object.assign(stepSeconds, generated.seconds);
      stepStarted = performance.now();
      const provinces = await sql<{ code: string; name: string }[]>`
        select code, name from network.organizations where level = 'PROVINCE' and valid_to is null order by code`;
      const surveysRuntime = runtimes.find((runtime) => runtime.name === 'surveys');
      if (!surveysRuntime) throw new Error('bench: the surveys subgraph is not registered');
      const token = (org: string) =>
        createDevelopmentToken(config, { org, scopes: ['surveys:manage'] });
      surveys = await createProvinceSurveys(surveysRuntime, provinces, token);
      stepDone('surveys');
    } finally {
      await sql.end();
    }
  } finally {
    for (const runtime of runtimes) await runtime.stop();
    await database.close();
  }

  return {
    rows: options.rows,
    url,
    counts,
    surveys,
    loadSeconds: (performance.now() - started) / 1000,
    stepSeconds,
    drop: async () => {
      const again = postgres(options.adminUrl, { max: 1, onnotice: () => {} });
      await again.unsafe(`drop database if exists ${options.name} with (force)`);
      await again.end();
    },
  };
}
