import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SUBGRAPH_NAMES, loadGatewayConfig } from '@dxhub/gateway';
import { cliLocale, loadAuditCheckpointConfig, loadBaseConfig } from '@dxhub/kit';
import { loadCorsConfig } from '../../gateway/src/plugins/useCors.js';
import { loadRateLimitConfig } from '../../gateway/src/ratelimit/config.js';
import { repoRoot, runCli } from './helpers.js';

type Env = Record<string, string | undefined>;

/**
 * Names the scan finds in product code that are not configuration the hub reads. Each entry
 * gives the reason, so a new exception has to be argued for.
 */
const NOT_CONFIGURATION: Record<string, string> = {
  NODE_ENV: 'gateway/src/explorer/build.ts replaces it in the explorer bundle at build time',
};

/** Calls `load` with an empty environment that records every variable name it looks up. */
function recordReads(load: (env: Env) => unknown): string[] {
  const names = new Set<string>();
  const env = new Proxy({} as Env, {
    get(_target, key) {
      if (typeof key === 'string') names.add(key);
      return undefined;
    },
  });
  load(env);
  return [...names].filter((name) => /^[A-Z][A-Z0-9_]*$/.test(name));
}

/**
 * Returns the variables the configuration loaders read when every variable is unset. This
 * finds names built at run time, such as `NETWORK_URL` and `DXHUB_RATE_READS_ORG`.
 */
function variablesReadByLoaders(): string[] {
  return [
    ...recordReads((env) => loadGatewayConfig({}, env)),
    ...recordReads((env) => loadAuditCheckpointConfig(loadBaseConfig({}, env), env)),
    ...recordReads((env) => loadCorsConfig(env)),
    ...recordReads((env) => loadRateLimitConfig(env)),
    ...recordReads((env) => cliLocale(undefined, env)),
  ];
}

/** Lists the product's TypeScript sources: gateway/src and subgraphs/<name>/src, without test helpers. */
function productSources(): string[] {
  const roots = [
    path.join(repoRoot, 'gateway/src'),
    ...fs
      .readdirSync(path.join(repoRoot, 'subgraphs'))
      .map((name) => path.join(repoRoot, 'subgraphs', name, 'src')),
  ].filter((root) => fs.existsSync(root));
  const files: string[] = [];
  const visit = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!['testing', 'dist', 'node_modules'].includes(entry.name)) visit(full);
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
        files.push(full);
      }
    }
  };
  roots.forEach(visit);
  return files.filter((file) => file !== path.join(repoRoot, 'gateway/src/cli/messages.ts'));
}

/**
 * Returns the variable names written out in product sources: `env.NAME` and `process.env.NAME`,
 * `readX(env, 'NAME', ...)` calls, and any quoted `DXHUB_*` or `*_DATABASE_URL`
 * name. This finds a variable read outside the loaders above, for example in a new file.
 */
function variablesNamedInSources(): string[] {
  const patterns = [
    /\benv\.([A-Z][A-Z0-9_]*)\b/g,
    /\benv\[\s*['"`]([A-Z][A-Z0-9_]*)['"`]\s*\]/g,
    /\bread[A-Z]\w*\(\s*env\s*,\s*['"`]([A-Z][A-Z0-9_]*)['"`]/g,
    /['"`](DXHUB_[A-Z0-9_]*[A-Z0-9]|[A-Z][A-Z0-9_]*_DATABASE_URL)['"`]/g,
  ];
  const names = new Set<string>();
  for (const file of productSources()) {
    const source = fs.readFileSync(file, 'utf8');
    for (const pattern of patterns) {
      for (const match of source.matchAll(pattern)) names.add(match[1] as string);
    }
  }
  return [...names];
}

/** Returns every environment variable the product reads for configuration, sorted. */
function configurationVariables(): string[] {
  const names = new Set([...variablesReadByLoaders(), ...variablesNamedInSources()]);
  return [...names].filter((name) => !(name in NOT_CONFIGURATION)).sort();
}

/**
 * Returns the variable names a text documents. `<A|B>` stands for each of its alternatives, and
 * `<NAME>` for each subgraph name, so `DXHUB_RATE_<READS|WRITES>_ORG` documents two variables and
 * `<NAME>_TIMEOUT_MS` one per subgraph.
 */
function documentedVariables(text: string): Set<string> {
  const names = new Set<string>();
  for (const [token] of text.matchAll(/(?:[A-Z0-9_]|<[A-Z|]+>)+/g)) {
    let expansions = [''];
    for (const [part] of token.matchAll(/<[A-Z|]+>|[A-Z0-9_]+/g)) {
      let choices = [part];
      if (part === '<NAME>') choices = SUBGRAPH_NAMES.map((name) => name.toUpperCase());
      else if (part.startsWith('<')) choices = part.slice(1, -1).split('|');
      expansions = expansions.flatMap((prefix) => choices.map((choice) => prefix + choice));
    }
    expansions.forEach((name) => names.add(name));
  }
  return names;
}

function undocumented(text: string): string[] {
  const documented = documentedVariables(text);
  return configurationVariables().filter((name) => !documented.has(name));
}

describe('configuration variable scan', () => {
  it('finds the database variables', () => {
    const names = configurationVariables();
    expect(names).toContain('DATABASE_URL');
    expect(names).toContain('AUDIT_DATABASE_URL');
    expect(names).toContain('DXHUB_DB_PREPARED_STATEMENTS');
  });

  it('finds the per-subgraph variables', () => {
    const names = configurationVariables();
    for (const subgraph of SUBGRAPH_NAMES) {
      expect(names).toContain(`${subgraph.toUpperCase()}_URL`);
      expect(names).toContain(`${subgraph.toUpperCase()}_TIMEOUT_MS`);
    }
  });
});

describe('dxhub --help environment section', () => {
  it('lists every variable in English', async () => {
    const result = await runCli(['--lang', 'en', '--help']);
    expect(result.code).toBe(0);
    expect(undocumented(result.stdout), 'variables missing from the English help').toEqual([]);
  });

  it('lists every variable in Vietnamese', async () => {
    const result = await runCli(['--lang', 'vi', '--help']);
    expect(result.code).toBe(0);
    expect(undocumented(result.stdout), 'variables missing from the Vietnamese help').toEqual([]);
  });
});

/** Returns the section of a Markdown file under the `## heading` line, up to the next `## `. */
function markdownSection(file: string, heading: string): string {
  const text = fs.readFileSync(path.join(repoRoot, file), 'utf8');
  const start = text.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`${file} has no "## ${heading}" section`);
  const end = text.indexOf('\n## ', start + 1);
  return text.slice(start, end < 0 ? undefined : end);
}

describe('README configuration section', () => {
  it.each([
    ['README.md', 'Configuration'],
    ['README.vi.md', 'Cấu hình'],
  ])('%s lists every variable', (file, heading) => {
    const section = markdownSection(file, heading);
    expect(undocumented(section), `variables missing from ${file}`).toEqual([]);
  });
});
