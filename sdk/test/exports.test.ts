import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const sdkDir = fileURLToPath(new URL('..', import.meta.url));
const dist = path.join(sdkDir, 'dist');

/** Every value the package exports. Adding or removing one is a change of the public API. */
const VALUE_EXPORTS = [
  'AuthenticationError',
  'AuthorizationError',
  'ConflictError',
  'DEFAULT_PAGE_SIZE',
  'DEFAULT_RETRY_POLICY',
  'DEFAULT_TIMEOUT_MS',
  'Directory',
  'DxhubClient',
  'DxhubError',
  'GraphQLResponseError',
  'HttpError',
  'Incidents',
  'InvalidResponseError',
  'NetworkError',
  'NotFoundError',
  'Projects',
  'RateLimitError',
  'RequestAbortedError',
  'Staffing',
  'Surveys',
  'TimeoutError',
  'ValidationError',
  'collect',
  'createClient',
  'formatVnd',
  'hubLimits',
  'inBatches',
  'isDxhubError',
  'paginate',
  'paginatePages',
  'parseVnd',
  'toVndString',
];

/** Every type-only export of the declarations. */
const TYPE_EXPORTS = [
  'AllocationDecision',
  'AssignPersonInput',
  'AttendanceInput',
  'AttendanceResult',
  'BatchOptions',
  'BulkSubmitResult',
  'ClientOptions',
  'ConnectionLike',
  'CreateCourseInput',
  'CreateOrganizationInput',
  'CreatePersonInput',
  'CreatePositionInput',
  'CreateProjectInput',
  'CreateSurveyInput',
  'CreateTrainingSessionInput',
  'CreatedPerson',
  'DocumentInput',
  'DocumentNodeLike',
  'DxhubErrorCode',
  'DxhubErrorDetails',
  'ExecuteResult',
  'FieldError',
  'GraphQLErrorEntry',
  'Headcount',
  'HeadcountFilter',
  'HubLimits',
  'IncidentCategory',
  'IncidentDetails',
  'IncidentFilter',
  'IncidentListOptions',
  'IncidentSeverity',
  'IncidentStatus',
  'IncidentSummary',
  'IndicatorType',
  'OrgKind',
  'OrgLevel',
  'OrganizationFilter',
  'OrganizationHeadcount',
  'OrganizationRef',
  'OrganizationSummary',
  'Page',
  'PageVariables',
  'PaginateOptions',
  'PostTransfer',
  'PrintDocument',
  'Project',
  'ProjectFilter',
  'ProjectProgressReport',
  'ProjectStatus',
  'ProjectTotals',
  'ProjectTotalsFilter',
  'RecordAllocationInput',
  'ReportIncidentInput',
  'ReportProjectProgressInput',
  'RequestOptions',
  'ResolvedClientOptions',
  'ResultOf',
  'RetryPolicy',
  'SubmittedResponse',
  'SurveyBulkResponseInput',
  'SurveyResponseInput',
  'SurveyResults',
  'SurveyResultsFilter',
  'SurveySummary',
  'SurveyWithQuestions',
  'TlpMarking',
  'TokenProvider',
  'TokenRequest',
  'TrainingCoverage',
  'TransferPostsInput',
  'VariablesAndOptions',
  'VariablesOf',
];

/** Runs a Node script inside the package folder, where `@dxhub/sdk` resolves through `exports`. */
async function nodeIn(args: string[]): Promise<unknown> {
  const { stdout } = await run(process.execPath, args, { cwd: sdkDir });
  return JSON.parse(stdout) as unknown;
}

/** Reads the names in the last `export { ... }` statement of a declaration file. */
function declaredExports(file: string): { values: string[]; types: string[] } {
  const text = fs.readFileSync(file, 'utf8');
  const list = [...text.matchAll(/export \{([^}]*)\};/g)].at(-1)?.[1] ?? '';
  const names = list
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  return {
    types: names
      .filter((name) => name.startsWith('type '))
      .map((name) => name.slice(5))
      .sort(),
    values: names.filter((name) => !name.startsWith('type ')).sort(),
  };
}

describe('package exports', () => {
  it('loads through import with the pinned names', async () => {
    const loaded = (await nodeIn([
      '--input-type=module',
      '-e',
      "const m = await import('@dxhub/sdk'); console.log(JSON.stringify({ names: Object.keys(m).sort(), url: import.meta.resolve('@dxhub/sdk') }))",
    ])) as { names: string[]; url: string };
    expect(loaded.names).toEqual([...VALUE_EXPORTS].sort());
    expect(fileURLToPath(loaded.url)).toBe(path.join(dist, 'index.js'));
  });

  it('loads through require with the pinned names', async () => {
    const loaded = (await nodeIn([
      '-e',
      "const m = require('@dxhub/sdk'); console.log(JSON.stringify({ names: Object.keys(m).sort(), file: require.resolve('@dxhub/sdk') }))",
    ])) as { names: string[]; file: string };
    expect(loaded.names).toEqual([...VALUE_EXPORTS].sort());
    expect(loaded.file).toBe(path.join(dist, 'index.cjs'));
  });

  it('works the same from both builds', async () => {
    const script = (load: string) =>
      `${load}; const c = m.createClient({ url: 'http://127.0.0.1:1/graphql' }); const e = new m.TimeoutError(5); ` +
      `console.log(JSON.stringify({ frozen: Object.isFrozen(c.options), code: e.code, base: e instanceof m.DxhubError, vnd: m.parseVnd('9007199254740993').toString() }))`;
    const expected = { frozen: true, code: 'TIMEOUT', base: true, vnd: '9007199254740993' };
    expect(
      await nodeIn(['--input-type=module', '-e', script("const m = await import('@dxhub/sdk')")]),
    ).toEqual(expected);
    expect(await nodeIn(['-e', script("const m = require('@dxhub/sdk')")])).toEqual(expected);
  });

  it('maps each condition to a built file', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(sdkDir, 'package.json'), 'utf8')) as {
      exports: Record<
        string,
        { import: { types: string; default: string }; require: { types: string; default: string } }
      >;
    };
    const root = manifest.exports['.']!;
    expect(root.import).toEqual({ types: './dist/index.d.ts', default: './dist/index.js' });
    expect(root.require).toEqual({ types: './dist/index.d.cts', default: './dist/index.cjs' });
    for (const file of [
      root.import.types,
      root.import.default,
      root.require.types,
      root.require.default,
    ]) {
      expect(fs.existsSync(path.join(sdkDir, file)), file).toBe(true);
    }
  });

  it('declares the pinned names in both declaration files', () => {
    for (const file of ['index.d.ts', 'index.d.cts']) {
      const declared = declaredExports(path.join(dist, file));
      expect(declared.values, file).toEqual([...VALUE_EXPORTS].sort());
      expect(declared.types, file).toEqual([...TYPE_EXPORTS].sort());
    }
  });

  it('documents every export with an example', () => {
    const declarations = fs.readFileSync(path.join(dist, 'index.d.ts'), 'utf8');
    const undocumented = [...VALUE_EXPORTS, ...TYPE_EXPORTS].filter((name) => {
      const pattern = new RegExp(
        `/\\*\\*((?:(?!\\*/)[\\s\\S])*)\\*/\\s*(?:declare\\s+)?(?:class|function|const|type|interface)\\s+${name}(?![\\w$])`,
      );
      return !pattern.exec(declarations)?.[1]?.includes('@example');
    });
    expect(undocumented).toEqual([]);
  });

  it('uses no Node-only API in the ESM build', () => {
    const code = fs.readFileSync(path.join(dist, 'index.js'), 'utf8');
    expect(code).not.toMatch(/from ['"]node:/);
    expect(code).not.toMatch(/\brequire\(/);
    expect(code).not.toMatch(/\bprocess\./);
    expect(code).not.toMatch(/\bBuffer\b/);
    expect(code).not.toMatch(/^import .* from ['"](?!\.)/m);
  });

  it('passes publint', async () => {
    const { messages } = await publint({ pkgDir: sdkDir, strict: true });
    expect(messages.map((m) => `${m.type} ${m.code}`)).toEqual([]);
  });

  it('passes arethetypeswrong', async () => {
    const attw = path.join(sdkDir, 'node_modules', '.bin', 'attw');
    const result = await run(attw, ['--pack', '.', '--format', 'json'], { cwd: sdkDir }).catch(
      (error: { stdout: string; code: number }) => error,
    );
    const report = JSON.parse(result.stdout) as { analysis: { problems: unknown[] } };
    expect(report.analysis.problems).toEqual([]);
  }, 120_000);
});
