import { cliLocale, type Locale } from '@dxhub/kit';
import { UsageError } from './args.js';
import { runAudit } from './audit.js';
import { describeFailure } from './failure.js';
import { runImport } from './import.js';
import { message } from './messages.js';
import { runMigrate } from './migrate.js';
import { runStart } from './start.js';
import { runToken } from './token.js';

const VERSION = '0.1.0';

type Command = (args: string[], locale: Locale) => Promise<number>;

const commands: Record<string, Command> = {
  start: runStart,
  migrate: runMigrate,
  token: runToken,
  import: runImport,
  audit: runAudit,
};

/** Removes `--lang X` or `--lang=X` wherever it stands and returns the language it set. */
function takeLanguage(argv: string[]): { rest: string[]; lang: string | undefined } {
  const rest: string[] = [];
  let lang: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg === '--lang') {
      lang = argv[i + 1];
      i += 1;
    } else if (arg.startsWith('--lang=')) {
      lang = arg.slice('--lang='.length);
    } else {
      rest.push(arg);
    }
  }
  return { rest, lang };
}

/** Runs the `dxhub` command line and returns the exit code: 0 done, 1 failed, 2 usage error. */
export async function main(argv: string[]): Promise<number> {
  const { rest, lang } = takeLanguage(argv);
  const locale = cliLocale(lang);
  if (lang !== undefined && lang !== 'vi' && lang !== 'en') {
    const reason = message(locale, 'badLanguage', { value: lang });
    console.error(message(locale, 'badOption', { reason }));
    return 2;
  }
  const [name, ...args] = rest;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(message(locale, 'usage'));
    return 0;
  }
  if (name === '--version' || name === '-v') {
    console.log(VERSION);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    console.error(message(locale, 'unknownCommand', { value: name }));
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    console.log(message(locale, 'usage'));
    return 0;
  }
  try {
    return await command(args, locale);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(message(locale, 'badOption', { reason: error.localizedMessage(locale) }));
      return 2;
    }
    console.error(describeFailure(error, name, locale));
    return 1;
  }
}
