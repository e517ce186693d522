import { isScope, SCOPES, type Locale } from '@dxhub/kit';
import { loadGatewayConfig } from '../index.js';
import { createDevelopmentToken } from '../index.js';
import { parseOptions, UsageError } from './args.js';
import { message } from './messages.js';

/** `dxhub token`: prints a development access token that the running hub accepts. */
export async function runToken(args: string[], locale: Locale): Promise<number> {
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
    throw new UsageError(
      message(locale, 'missingOption', {
        option: '--org',
        what:
          locale === 'vi'
            ? 'mã tổ chức của người gọi, ví dụ 01 hoặc bo-tai-chinh'
            : 'the caller organisation code, such as 01 or bo-tai-chinh',
      }).replace(/\.$/, ''),
    );
  }
  const scopes = (values.scope ?? '').split(/\s+/).filter(Boolean);
  const unknown = scopes.filter((scope) => !isScope(scope));
  if (unknown.length > 0) {
    throw new UsageError(
      `--scope has unknown scope(s) ${unknown.join(', ')}; known scopes: ${SCOPES.join(', ')}`,
    );
  }
  const config = loadGatewayConfig();
  // The hub rejects tokens older than the maximum age, so a longer lifetime would only mislead.
  const maxTtl = config.auth.maxTokenAgeSeconds;
  let ttlSeconds: number | undefined;
  if (values.ttl !== undefined) {
    ttlSeconds = Number(values.ttl);
    if (!Number.isInteger(ttlSeconds) || ttlSeconds < 60 || ttlSeconds > maxTtl) {
      throw new UsageError(
        `--ttl must be a whole number of seconds from 60 to ${maxTtl} (DXHUB_JWT_MAX_AGE), not "${values.ttl}"`,
      );
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
