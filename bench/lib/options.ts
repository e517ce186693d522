// Command-line options shared by the benchmark commands.

/** Parses option `--name` as a number above zero, or throws naming the option and its value. */
export function positiveOption(command: string, name: string, raw: string | undefined): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new TypeError(`${command}: --${name} must be a positive number, got "${String(raw)}"`);
  return value;
}
