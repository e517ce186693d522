/**
 * `pnpm compose`: composes the subgraph modules into `schema/` (each subgraph's SDL,
 * `supergraph.graphql` and `api.graphql`) and checks the API schema for breaking changes
 * against the one on git `main`.
 *
 *   pnpm compose            write the files, then run the breaking-change check
 *   pnpm compose --check    write nothing; fail when a file is stale, composition fails or a
 *                           change breaks clients
 *   --base REF              compare the API schema with REF instead of main
 *
 * Exit codes: 0 success, 1 composition error, stale files or breaking changes, 2 bad usage.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CompositionError,
  DEFAULT_SUBGRAPH_PORTS,
  SUBGRAPHS,
  composeHub,
  type HubComposition,
} from '@dxhub/gateway';
import { judgeBreakingChanges } from './breaking.js';
import { renderSchemaFiles, staleFiles, writeSchemaFiles } from './files.js';

const schemaFolder = path.dirname(fileURLToPath(import.meta.url));

/**
 * Routing URL written into the committed supergraph: each subgraph's default service port on
 * loopback, so the file does not depend on the environment. Deployments route elsewhere
 * through `<NAME>_URL` (the gateway) or their router's URL override.
 */
function routingUrl(name: string): string {
  const port = (DEFAULT_SUBGRAPH_PORTS as Record<string, number>)[name];
  if (port === undefined) throw new TypeError(`compose: no default port for subgraph "${name}"`);
  return `http://127.0.0.1:${port}/graphql`;
}

function parseArguments(argv: string[]): { check: boolean; base: string } {
  let check = false;
  let base = 'main';
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index];
    if (argument === '--check') check = true;
    else if (argument === '--base' && argv[index + 1]) base = argv[(index += 1)] as string;
    else {
      console.error(
        `compose: unknown argument "${argument}"; usage: pnpm compose [--check] [--base REF]`,
      );
      process.exit(2);
    }
  }
  return { check, base };
}

/** Reads the API schema committed on `ref`; returns null with the reason when git cannot show it. */
function apiSchemaAt(ref: string): { sdl: string | null; reason?: string } {
  try {
    const sdl = execFileSync('git', ['show', `${ref}:schema/api.graphql`], {
      cwd: schemaFolder,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { sdl };
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '')
      .trim()
      .split('\n')[0];
    return { sdl: null, reason: stderr || (error as Error).message };
  }
}

/** Prints the breaking changes against `base`; returns false when one was not deprecated first. */
function checkBreakingChanges(composition: HubComposition, base: string): boolean {
  const previous = apiSchemaAt(base);
  if (previous.sdl === null) {
    console.log(
      `compose: no API schema on ${base} to compare with (${previous.reason}); breaking-change check skipped`,
    );
    return true;
  }
  const changes = judgeBreakingChanges(previous.sdl, composition.apiSdl);
  const blocking = changes.filter((change) => !change.deprecatedFirst);
  for (const change of changes) {
    const verdict = change.deprecatedFirst ? 'allowed, deprecated first' : 'BREAKING';
    console.log(`compose: ${verdict}: ${change.description}`);
  }
  if (blocking.length > 0) {
    console.error(
      `compose: ${blocking.length} breaking change(s) against ${base}:schema/api.graphql. ` +
        'Mark the field @deprecated(reason: "...") in one release and remove it in a later one.',
    );
    return false;
  }
  console.log(`compose: no breaking change against ${base}`);
  return true;
}

function main(): number {
  const { check, base } = parseArguments(process.argv.slice(2));
  let composition: HubComposition;
  try {
    composition = composeHub(SUBGRAPHS, routingUrl);
  } catch (error) {
    if (!(error instanceof CompositionError)) throw error;
    console.error(`compose: ${error.message}`);
    return 1;
  }
  const files = renderSchemaFiles(composition);

  let ok = true;
  if (check) {
    const stale = staleFiles(schemaFolder, files);
    if (stale.length > 0) {
      console.error(
        `compose: stale or missing in schema/: ${stale.join(', ')}. Run "pnpm compose" and commit the result.`,
      );
      ok = false;
    } else {
      console.log(`compose: schema/ is current (${files.size} files)`);
    }
  } else {
    const changed = writeSchemaFiles(schemaFolder, files);
    console.log(
      changed.length > 0
        ? `compose: wrote ${changed.join(', ')}`
        : `compose: schema/ was already current (${files.size} files)`,
    );
  }
  return checkBreakingChanges(composition, base) && ok ? 0 : 1;
}

process.exitCode = main();
