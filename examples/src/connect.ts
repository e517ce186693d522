import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createClient, type DxhubClient } from '@dxhub/sdk';

/**
 * Settings every example needs: the hub's GraphQL endpoint and a way to get an access token for
 * an organisation with some scopes. The test suite signs tokens with the hub it started, and the
 * command line runs `pnpm dxhub token`, which works against a development hub.
 */
export interface ExampleContext {
  url: string;
  tokenFor(org: string, scopes: readonly string[]): string | Promise<string>;
  /** Destination of progress lines: `console.log` on the command line. */
  log(line: string): void;
}

/** Creates a client acting for `org` with `scopes`, with messages in Vietnamese. */
export function clientFor(
  context: ExampleContext,
  org: string,
  scopes: readonly string[],
): DxhubClient {
  return createClient({
    url: context.url,
    token: () => context.tokenFor(org, scopes),
    locale: 'vi',
  });
}

const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Returns the context of an example run from the command line: `DXHUB_URL` (default the local hub) and
 * development tokens from `pnpm --silent dxhub token`.
 */
export function commandLineContext(): ExampleContext {
  return {
    url: process.env.DXHUB_URL ?? 'http://127.0.0.1:4000/graphql',
    tokenFor: (org, scopes) =>
      execFileSync(
        'pnpm',
        ['--silent', 'dxhub', 'token', '--org', org, '--scope', scopes.join(' ')],
        {
          cwd: repositoryRoot,
          encoding: 'utf8',
        },
      ).trim(),
    log: (line) => console.log(line),
  };
}

/** Runs `main` when the file is the program being run, and sets the exit code on failure. */
export function runWhenMain(
  moduleUrl: string,
  main: (context: ExampleContext) => Promise<unknown>,
): void {
  if (process.argv[1] && fileURLToPath(moduleUrl) === process.argv[1]) {
    main(commandLineContext()).catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
  }
}

/** Returns the previous calendar year in Asia/Ho_Chi_Minh, so every date in it lies in the past. */
export function lastYear(): number {
  const today = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Ho_Chi_Minh',
    year: 'numeric',
  }).format(new Date());
  return Number(today) - 1;
}
