import { ConfigError, DataFolderLockedError, DatabaseOpenError, type Locale } from '@dxhub/kit';
import { message } from './messages.js';

/**
 * Errors whose message is written for the operator: configuration, database, lock, import and
 * token errors all carry a string `code`. Anything else is unexpected and reported as such.
 */
function isOperatorError(error: unknown): error is Error & { code: string } {
  if (
    error instanceof ConfigError ||
    error instanceof DatabaseOpenError ||
    error instanceof DataFolderLockedError
  ) {
    return true;
  }
  return (
    error instanceof Error &&
    typeof (error as { code?: unknown }).code === 'string' &&
    error.name !== 'Error'
  );
}

/**
 * Returns an operator error's message in `locale`: its own `localizedMessage` when it has one,
 * else a ConfigError's text in that language, else the English `message`.
 */
function localizedReason(error: Error, locale: Locale): string {
  const localized = (error as { localizedMessage?: (l: Locale) => string }).localizedMessage;
  if (typeof localized === 'function') return localized.call(error, locale);
  if (error instanceof ConfigError) return error.messageFor(locale);
  return error.message;
}

/** Formats a failure as the one line the CLI prints; never a stack trace. */
export function describeFailure(error: unknown, command: string, locale: Locale): string {
  if (isOperatorError(error)) {
    return message(locale, 'failed', {
      command,
      reason: `${localizedReason(error, locale)} [${error.code}]`,
    });
  }
  // Drizzle's query errors carry the SQL parameters in their message; print only the database code.
  const query = error as { query?: unknown; params?: unknown; cause?: { code?: unknown } };
  const reason =
    typeof query.query === 'string' && Array.isArray(query.params)
      ? message(locale, 'queryFailed', {
          code: String(query.cause?.code ?? (locale === 'vi' ? 'không rõ' : 'unknown')),
        })
      : error instanceof Error
        ? error.message
        : String(error);
  if (process.env.LOG_LEVEL === 'debug' && error instanceof Error && error.stack)
    console.error(error.stack);
  return message(locale, 'unexpected', { command, reason });
}
