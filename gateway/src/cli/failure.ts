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

/** Formats a failure as the one line the CLI prints; never a stack trace. */
export function describeFailure(error: unknown, command: string, locale: Locale): string {
  if (isOperatorError(error)) {
    const localized = (error as { localizedMessage?: (l: Locale) => string }).localizedMessage;
    const reason = typeof localized === 'function' ? localized.call(error, locale) : error.message;
    return message(locale, 'failed', { command, reason: `${reason} [${error.code}]` });
  }
  // Drizzle's query errors carry the SQL parameters in their message; print only the database code.
  const query = error as { query?: unknown; params?: unknown; cause?: { code?: unknown } };
  const reason =
    typeof query.query === 'string' && Array.isArray(query.params)
      ? `a database query failed (PostgreSQL code ${String(query.cause?.code ?? 'unknown')})`
      : error instanceof Error
        ? error.message
        : String(error);
  if (process.env.LOG_LEVEL === 'debug' && error instanceof Error && error.stack)
    console.error(error.stack);
  return message(locale, 'unexpected', { command, reason });
}
