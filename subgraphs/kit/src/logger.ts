import pino, { type Logger, type LoggerOptions } from 'pino';

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

/** Creates the process logger; every service injects it, nothing logs through console. */
export function createLogger(options: { level?: string; name?: string } & LoggerOptions = {}): Logger {
  return pino({
    name: options.name ?? 'dxhub',
    level: options.level ?? 'info',
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    ...options,
  });
}
