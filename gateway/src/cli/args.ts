import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A mistake in the command line itself; the CLI prints it with a pointer to --help and exits 2. */
export class UsageError extends Error {
  readonly code = 'USAGE';
}

/** Parses options strictly, turning Node's parse errors into {@link UsageError}. */
export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: T,
  allowPositionals = true,
) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\.$/, ''));
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True when `value` is a real calendar date written as YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}
