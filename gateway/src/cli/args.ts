import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Locale } from '@dxhub/kit';
import { message, type MessageKey } from './messages.js';

/**
 * A mistake in the command line itself. The CLI prints it in the user's language with a pointer
 * to --help and exits 2, and `message` is the English text.
 */
export class UsageError extends Error {
  readonly code = 'USAGE';

  constructor(private readonly reasons: Readonly<Record<Locale, string>>) {
    super(reasons.en);
    this.name = 'UsageError';
  }

  localizedMessage(locale: Locale): string {
    return this.reasons[locale];
  }
}

/**
 * Builds a {@link UsageError} from a CLI message in both languages, without its final period,
 * because the printed line appends the pointer to --help after it.
 */
export function usageError(
  key: MessageKey,
  params: Record<string, string | number> = {},
): UsageError {
  const reason = (locale: Locale) => message(locale, key, params).replace(/\.$/, '');
  return new UsageError({ en: reason('en'), vi: reason('vi') });
}

/** Builds the {@link UsageError} for an absent required option, with the value it takes. */
export function missingOptionError(
  option: string,
  expectedValue: Readonly<Record<Locale, string>>,
): UsageError {
  const reason = (locale: Locale) =>
    message(locale, 'missingOption', { option, what: expectedValue[locale] }).replace(/\.$/, '');
  return new UsageError({ en: reason('en'), vi: reason('vi') });
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Formats the options a command accepts for a message, such as `--port, --host`. */
function listOptions(options: Options): string {
  return Object.entries(options)
    .map(([name, option]) => (option.short ? `-${option.short}, --${name}` : `--${name}`))
    .join(', ');
}

/**
 * Explains why a strict parse rejected `args`. Node's messages are English only, so this parses
 * again leniently and finds the token at fault: an unknown option, a string option without a
 * value, a boolean option given a value, or a positional argument where none is allowed.
 * Returns null when it finds none, and the caller then keeps Node's message.
 */
function explainParseError(
  args: string[],
  options: Options,
  allowPositionals: boolean,
): UsageError | null {
  const { tokens } = parseArgs({
    args,
    options,
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  for (const token of tokens) {
    if (token.kind === 'positional') {
      if (!allowPositionals) return usageError('unexpectedArgument', { value: token.value });
      continue;
    }
    if (token.kind !== 'option') continue;
    const option = options[token.name];
    if (!option) {
      return Object.keys(options).length === 0
        ? usageError('unknownOptionNoOptions', { option: token.rawName })
        : usageError('unknownOption', { option: token.rawName, known: listOptions(options) });
    }
    if (option.type === 'string') {
      if (token.value === undefined)
        return usageError('optionValueMissing', { option: token.rawName });
      if (!token.inlineValue && token.value.length > 1 && token.value.startsWith('-')) {
        return usageError('optionValueDash', { option: token.rawName, value: token.value });
      }
    } else if (token.value !== undefined) {
      return usageError('optionTakesNoValue', { option: token.rawName, value: token.value });
    }
  }
  return null;
}

/** Parses options strictly, turning Node's parse errors into a {@link UsageError}. */
export function parseOptions<T extends Options>(
  args: string[],
  options: T,
  allowPositionals = true,
) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    const explained = explainParseError(args, options, allowPositionals);
    if (explained) throw explained;
    // NOTE: a parse error that the lenient parse does not reproduce keeps Node's English message.
    const reason = (error as Error).message.replace(/\.$/, '');
    throw new UsageError({ en: reason, vi: reason });
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True when `value` is a real calendar date written as YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}
