import path from 'node:path';
import type { Locale } from './locale.js';

/**
 * Raised when an environment variable or option is missing or malformed. It names the variable,
 * and `message` is English while {@link ConfigError.messageFor} gives the CLI's language.
 */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  /** The reason in each language, without the variable name. */
  readonly reasons: Readonly<Record<Locale, string>>;

  /**
   * `reason` is the English text alone or the text in both languages.
   * NOTE: a reason given only in English is printed in English under `vi` too.
   */
  constructor(
    readonly variable: string,
    reason: string | Readonly<Record<Locale, string>>,
  ) {
    const reasons = typeof reason === 'string' ? { en: reason, vi: reason } : reason;
    super(`${variable}: ${reasons.en}`);
    this.reasons = reasons;
    this.name = 'ConfigError';
  }

  /**
   * Returns the message in `locale`, starting with the variable name as `message` does. It is
   * named apart from `localizedMessage`, which subclasses such as the gateway's listen error
   * define with their own texts.
   */
  messageFor(locale: Locale): string {
    return `${this.variable}: ${this.reasons[locale]}`;
  }
}

export type HubEnvironment = 'development' | 'production';

/** Settings every dxhub process shares. Options passed in code win over the environment. */
export interface BaseConfig {
  env: HubEnvironment;
  host: string;
  port: number;
  /** Folder of the embedded database; used only when `databaseUrl` is unset. */
  dataDir: string;
  /** PostgreSQL URL; when set, the embedded database is not used. */
  databaseUrl: string | undefined;
  /** Database of the audit log; the main database when unset. */
  auditDatabaseUrl: string | undefined;
  /** Whether statements go to PostgreSQL as prepared statements (`DXHUB_DB_PREPARED_STATEMENTS`). */
  preparedStatements: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  auth: AuthConfig;
}

export interface AuthConfig {
  issuer: string;
  audience: string;
  /** Production key source; when set, local development keys are never used. */
  jwksUrl: string | undefined;
  /** Folder of the local development key pair, created on first start. */
  keysDir: string;
  algorithms: string[];
  /** Allowed clock skew for `exp`, `nbf` and `iat`, in seconds. */
  clockToleranceSeconds: number;
  /** Tokens issued longer ago than this are rejected even when not expired, in seconds. */
  maxTokenAgeSeconds: number;
  /** Largest accepted `Authorization` header, in bytes. */
  maxHeaderBytes: number;
}

type Env = Record<string, string | undefined>;

export function readString(env: Env, name: string, fallback: string): string {
  const value = env[name];
  return value === undefined || value === '' ? fallback : value;
}

export function readInteger(
  env: Env,
  name: string,
  fallback: number,
  range: { min: number; max: number },
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    throw new ConfigError(name, {
      en: `expected a whole number from ${range.min} to ${range.max}, got "${raw}"`,
      vi: `giá trị không hợp lệ "${raw}"; hãy đặt một số nguyên từ ${range.min} đến ${range.max}`,
    });
  }
  return value;
}

export function readChoice<T extends string>(
  env: Env,
  name: string,
  fallback: T,
  choices: readonly T[],
): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(choices as readonly string[]).includes(raw)) {
    throw new ConfigError(name, {
      en: `expected one of ${choices.join(', ')}, got "${raw}"`,
      vi: `giá trị không hợp lệ "${raw}"; hãy chọn một trong ${choices.join(', ')}`,
    });
  }
  return raw as T;
}

/**
 * Reads `DXHUB_DB_PREPARED_STATEMENTS`: `on` (the default) or `off`. `off` is for a connection
 * pooler in transaction mode that cannot keep prepared statements (PgBouncer before 1.21).
 */
export function readPreparedStatements(env: Env): boolean {
  return readChoice(env, 'DXHUB_DB_PREPARED_STATEMENTS', 'on', ['on', 'off'] as const) === 'on';
}

/** Form of a PostgreSQL URL shown in error messages. */
const POSTGRES_URL_FORM = 'postgres://USER@HOST:PORT/DATABASE';

/** Validates a PostgreSQL URL without printing its password in the error. */
export function readDatabaseUrl(env: Env, name: string): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, {
      en: `is not a valid URL; expected ${POSTGRES_URL_FORM}`,
      vi: `không phải URL hợp lệ; hãy đặt theo dạng ${POSTGRES_URL_FORM}`,
    });
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(name, {
      en: `has protocol "${url.protocol}"; expected ${POSTGRES_URL_FORM}`,
      vi: `có giao thức không hợp lệ "${url.protocol}"; hãy đặt theo dạng ${POSTGRES_URL_FORM}`,
    });
  }
  if (!url.hostname || url.pathname.length <= 1) {
    throw new ConfigError(name, {
      en: `needs a host and a database name: ${POSTGRES_URL_FORM}`,
      vi: `thiếu tên máy chủ hoặc tên cơ sở dữ liệu; hãy đặt theo dạng ${POSTGRES_URL_FORM}`,
    });
  }
  return raw;
}

/** Example value of `DXHUB_JWKS_URL` shown in its error messages. */
const JWKS_URL_EXAMPLE = 'https://id.example.gov.vn/.well-known/jwks.json';

const jwtAlgorithms = ['ES256', 'ES384', 'RS256', 'PS256', 'EdDSA'] as const;

/**
 * Smallest accepted `DXHUB_JWT_MAX_BYTES`. The `Authorization` header of a token from
 * `dxhub token` with all 15 scopes, signed with the ES256 development key and the default issuer
 * and audience, measured 732 bytes for organisation `01` and 796 bytes for
 * `cuc-chuyen-doi-so-quoc-gia`. The rest leaves room for longer organisation codes, subjects and
 * issuer names, and for an RS256 signature, which is 256 characters longer than an ES256 one.
 */
const MIN_JWT_HEADER_BYTES = 2048;

/**
 * Reads the shared settings once at start. `overrides` come from command-line options and win
 * over `env`. Throws {@link ConfigError} naming the variable at the first bad value.
 */
export function loadBaseConfig(
  overrides: Partial<BaseConfig> = {},
  env: Env = process.env,
): BaseConfig {
  const hubEnv = readChoice(env, 'DXHUB_ENV', 'development', [
    'development',
    'production',
  ] as const);
  const home = readString(env, 'DXHUB_HOME', '.dxhub');
  const algorithms = readString(env, 'DXHUB_JWT_ALGORITHMS', 'ES256,EdDSA,RS256')
    .split(',')
    .map((a) => a.trim());
  for (const algorithm of algorithms) {
    if (!(jwtAlgorithms as readonly string[]).includes(algorithm)) {
      throw new ConfigError('DXHUB_JWT_ALGORITHMS', {
        en: `"${algorithm}" is not allowed; choose from ${jwtAlgorithms.join(', ')} (symmetric and "none" are never accepted)`,
        vi: `thuật toán "${algorithm}" không được chấp nhận; hãy chọn trong ${jwtAlgorithms.join(', ')} (không bao giờ chấp nhận thuật toán đối xứng và "none")`,
      });
    }
  }
  const jwksUrl = env.DXHUB_JWKS_URL || undefined;
  if (jwksUrl) {
    try {
      new URL(jwksUrl);
    } catch {
      throw new ConfigError('DXHUB_JWKS_URL', {
        en: `"${jwksUrl}" is not a valid URL; set the URL of the key set that signs access tokens, such as ${JWKS_URL_EXAMPLE}`,
        vi: `"${jwksUrl}" không phải URL hợp lệ; hãy đặt địa chỉ của bộ khóa ký mã thông báo truy cập, ví dụ ${JWKS_URL_EXAMPLE}`,
      });
    }
  }
  if (hubEnv === 'production' && !jwksUrl && !overrides.auth?.jwksUrl) {
    throw new ConfigError('DXHUB_JWKS_URL', {
      en: 'is required when DXHUB_ENV=production, because development keys are off there; set it to the URL of the key set that signs access tokens',
      vi: 'bắt buộc khi DXHUB_ENV=production, vì khi đó không dùng khóa phát triển; hãy đặt biến này là địa chỉ của bộ khóa ký mã thông báo truy cập',
    });
  }

  const base: BaseConfig = {
    env: hubEnv,
    host: readString(env, 'HOST', '127.0.0.1'),
    port: readInteger(env, 'PORT', 4000, { min: 0, max: 65535 }),
    dataDir: path.resolve(readString(env, 'DXHUB_DATA_DIR', path.join(home, 'data'))),
    databaseUrl: readDatabaseUrl(env, 'DATABASE_URL'),
    auditDatabaseUrl: readDatabaseUrl(env, 'AUDIT_DATABASE_URL'),
    preparedStatements: readPreparedStatements(env),
    logLevel: readChoice(env, 'LOG_LEVEL', 'info', [
      'fatal',
      'error',
      'warn',
      'info',
      'debug',
      'trace',
      'silent',
    ] as const),
    auth: {
      issuer: readString(env, 'DXHUB_JWT_ISSUER', 'urn:dxhub:dev'),
      audience: readString(env, 'DXHUB_JWT_AUDIENCE', 'urn:dxhub:api'),
      jwksUrl,
      keysDir: path.resolve(readString(env, 'DXHUB_KEYS_DIR', path.join(home, 'keys'))),
      algorithms,
      clockToleranceSeconds: readInteger(env, 'DXHUB_JWT_CLOCK_TOLERANCE', 30, {
        min: 0,
        max: 300,
      }),
      maxTokenAgeSeconds: readInteger(env, 'DXHUB_JWT_MAX_AGE', 24 * 3600, {
        min: 60,
        max: 30 * 24 * 3600,
      }),
      maxHeaderBytes: readInteger(env, 'DXHUB_JWT_MAX_BYTES', 8192, {
        min: MIN_JWT_HEADER_BYTES,
        max: 65536,
      }),
    },
  };
  return { ...base, ...overrides, auth: { ...base.auth, ...overrides.auth } };
}
