import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';

/**
 * Paths pino blanks in every log line: credentials, and the personal fields that Decree
 * 13/2023/NĐ-CP protects (e-mail, phone, national ID).
 */
export const REDACTED_PATHS = [
  'authorization',
  'headers.authorization',
  'req.headers.authorization',
  'request.headers.authorization',
  'token',
  '*.token',
  'password',
  '*.password',
  'email',
  '*.email',
  'phone',
  '*.phone',
  'nationalId',
  '*.nationalId',
  'variables.*.email',
  'variables.*.phone',
  'variables.*.nationalId',
];

export type { Logger };

interface LoggedError {
  type: string;
  message: string;
  code?: string;
  query?: string;
  stack?: string;
  cause?: LoggedError;
}

/**
 * Serializes an error for the log without the values it may carry. Drizzle's query errors put
 * the SQL parameters (personal data among them) in their message, and PostgreSQL's `detail`
 * repeats key values, so only the SQL text, the error code and the stack frames are kept.
 */
export function serializeError(error: unknown, depth = 0): LoggedError {
  if (!(error instanceof Error)) return { type: typeof error, message: '[non-error value]' };
  const withQuery = error as Error & { query?: unknown; params?: unknown; code?: unknown };
  const carriesParams = typeof withQuery.query === 'string' && Array.isArray(withQuery.params);
  const logged: LoggedError = {
    type: error.name,
    message: carriesParams ? 'Failed query (parameters left out of the log)' : error.message,
  };
  if (typeof withQuery.code === 'string') logged.code = withQuery.code;
  if (carriesParams) logged.query = withQuery.query as string;
  // The stack's first lines repeat the message, so only the frames are kept.
  if (error.stack) {
    logged.stack = error.stack
      .split('\n')
      .filter((line) => line.trimStart().startsWith('at '))
      .join('\n');
  }
  if (error.cause !== undefined && depth < 3) logged.cause = serializeError(error.cause, depth + 1);
  return logged;
}

/**
 * Creates the process logger; every service injects it, nothing logs through console. Lines go
 * to standard output unless a `destination` stream is given, as tests do to read them.
 */
export function createLogger(
  options: { level?: string; name?: string } & LoggerOptions = {},
  destination?: DestinationStream,
): Logger {
  const settings: LoggerOptions = {
    name: options.name ?? 'dxhub',
    level: options.level ?? 'info',
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: { err: serializeError, error: serializeError },
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    ...options,
  };
  return destination ? pino(settings, destination) : pino(settings);
}
