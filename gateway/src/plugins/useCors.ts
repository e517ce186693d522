import { ConfigError, IDEMPOTENCY_KEY_HEADER, readChoice } from '@dxhub/kit';
import type { GatewayPlugin } from '../http/pipeline.js';

type Env = Record<string, string | undefined>;

/** Browser origins allowed to call the gateway. */
export interface CorsConfig {
  /** Exact origins (`https://portal.example.gov.vn`), or `'*'` for any origin. */
  allowedOrigins: readonly string[] | '*';
  /** How long a browser may cache a preflight response, in seconds. */
  maxAgeSeconds: number;
}

/** Request headers a browser may send cross-origin: the token, content type, language and tracing. */
const ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'accept-language',
  'x-request-id',
  'traceparent',
  'tracestate',
  IDEMPOTENCY_KEY_HEADER,
];

/** Response headers a cross-origin script may read. */
const EXPOSED_HEADERS = ['x-request-id', 'retry-after'];

function parseOrigin(variable: string, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(variable, {
      en: `"${raw}" is not an origin; expected SCHEME://HOST[:PORT], such as https://portal.example.gov.vn`,
      vi: `"${raw}" không phải là một origin; hãy đặt theo dạng SCHEME://HOST[:PORT], ví dụ https://portal.example.gov.vn`,
    });
  }
  if (
    (url.protocol !== 'https:' && url.protocol !== 'http:') ||
    url.origin !== raw.replace(/\/$/, '')
  ) {
    throw new ConfigError(variable, {
      en: `"${raw}" is not an origin; expected SCHEME://HOST[:PORT] with no path, such as https://portal.example.gov.vn`,
      vi: `"${raw}" không phải là một origin; hãy đặt theo dạng SCHEME://HOST[:PORT], không có đường dẫn, ví dụ https://portal.example.gov.vn`,
    });
  }
  return url.origin;
}

/**
 * Reads `DXHUB_CORS_ORIGINS`: a comma-separated list of origins, `*` for any, or empty for none.
 * Unset, it allows none in production and any origin in development, where the hub runs on a
 * developer's machine. `DXHUB_CORS_MAX_AGE` sets the preflight cache time in seconds.
 */
export function loadCorsConfig(env: Env = process.env): CorsConfig {
  const hubEnv = readChoice(env, 'DXHUB_ENV', 'development', [
    'development',
    'production',
  ] as const);
  const raw = env.DXHUB_CORS_ORIGINS;
  let allowedOrigins: CorsConfig['allowedOrigins'];
  if (raw === undefined) allowedOrigins = hubEnv === 'production' ? [] : '*';
  else if (raw.trim() === '*') allowedOrigins = '*';
  else {
    allowedOrigins = raw
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean)
      .map((origin) => parseOrigin('DXHUB_CORS_ORIGINS', origin));
  }
  const maxAgeRaw = env.DXHUB_CORS_MAX_AGE ?? '600';
  const maxAgeSeconds = Number(maxAgeRaw);
  if (!Number.isInteger(maxAgeSeconds) || maxAgeSeconds < 0 || maxAgeSeconds > 86_400) {
    throw new ConfigError('DXHUB_CORS_MAX_AGE', {
      en: `expected a whole number of seconds from 0 to 86400, got "${maxAgeRaw}"`,
      vi: `giá trị không hợp lệ "${maxAgeRaw}"; hãy đặt một số giây nguyên từ 0 đến 86400`,
    });
  }
  return { allowedOrigins, maxAgeSeconds };
}

/**
 * Responds to CORS preflight requests and marks responses readable by allowed origins. The allowed
 * origin is echoed back (never `*`) with `Vary: Origin`, and `Access-Control-Allow-Credentials`
 * is never sent: the hub uses bearer tokens and no cookies, so a cross-site page cannot borrow a
 * user's session and no CSRF token is needed. A preflight from an origin not allowed gets 403
 * without CORS headers; other requests from it go on, but the browser hides their responses.
 */
export function useCors(config: CorsConfig): GatewayPlugin {
  const allowed = config.allowedOrigins === '*' ? null : new Set(config.allowedOrigins);
  const isAllowed = (origin: string) => allowed === null || allowed.has(origin);

  return {
    name: 'cors',
    http: async (exchange, next) => {
      const origin = exchange.headers.origin;
      if (!origin) return next();
      exchange.responseHeaders.vary = 'Origin';

      const isPreflight =
        exchange.method === 'OPTIONS' &&
        exchange.headers['access-control-request-method'] !== undefined;
      if (isPreflight) {
        if (!isAllowed(origin)) {
          exchange.logger.info({ origin }, 'CORS preflight from an origin not allowed');
          exchange.res.writeHead(403, { ...exchange.responseHeaders, 'content-length': '0' });
          exchange.res.end();
          return;
        }
        exchange.res.writeHead(204, {
          ...exchange.responseHeaders,
          'access-control-allow-origin': origin,
          'access-control-allow-methods': 'GET, POST, OPTIONS',
          'access-control-allow-headers': ALLOWED_HEADERS.join(', '),
          'access-control-max-age': String(config.maxAgeSeconds),
          'content-length': '0',
        });
        exchange.res.end();
        return;
      }

      if (isAllowed(origin)) {
        exchange.responseHeaders['access-control-allow-origin'] = origin;
        exchange.responseHeaders['access-control-expose-headers'] = EXPOSED_HEADERS.join(', ');
      }
      await next();
    },
  };
}
