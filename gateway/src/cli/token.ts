import { isScope, SCOPES, type Locale } from '@dxhub/kit';
import { loadGatewayConfig } from '../index.js';
import { createDevelopmentToken } from '../index.js';
import { missingOptionError, parseOptions, usageError } from './args.js';

/** `dxhub token`: prints a development access token that the running hub accepts. */
export async function runToken(args: string[], _locale: Locale): Promise<number> {
  const { values } = parseOptions(
    args,
    {
      org: { type: 'string' },
      scope: { type: 'string' },
      ttl: { type: 'string' },
      subject: { type: 'string' },
    },
    false,
  );
  if (!values.org) {
    throw missingOptionError('--org', {
      en: 'the caller organisation code, such as 01 or bo-tai-chinh',
      vi: 'mã tổ chức của người gọi, ví dụ 01 hoặc bo-tai-chinh',
    });
  }
  const scopes = (values.scope ?? '').split(/\s+/).filter(Boolean);
  const unknown = scopes.filter((scope) => !isScope(scope));
  if (unknown.length > 0) {
    throw usageError('unknownScopes', { unknown: unknown.join(', '), known: SCOPES.join(', ') });
  }
  const config = loadGatewayConfig();
  // The hub rejects tokens older than the maximum age, so a longer lifetime would only mislead.
  const maxTtl = config.auth.maxTokenAgeSeconds;
  let ttlSeconds: number | undefined;
  if (values.ttl !== undefined) {
    ttlSeconds = Number(values.ttl);
    if (!Number.isInteger(ttlSeconds) || ttlSeconds < 60 || ttlSeconds > maxTtl) {
      throw usageError('invalidTtl', { max: maxTtl, value: values.ttl });
    }
  }
  const token = await createDevelopmentToken(config, {
    org: values.org,
    scopes,
    ...(ttlSeconds !== undefined ? { ttlSeconds } : {}),
    ...(values.subject ? { subject: values.subject } : {}),
  });
  console.log(token);
  return 0;
}
