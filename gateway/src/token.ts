import { SCOPES, isScope, loadLocalKeys, signDevelopmentToken } from '@dxhub/kit';
import type { GatewayConfig } from './config.js';
import { GatewayError } from './errors.js';

export interface DevelopmentTokenRequest {
  /** Organisation code the token acts for, such as `01` or `bo-tai-chinh`. */
  org: string;
  scopes: string[];
  /** Lifetime in seconds; one hour by default, at most the configured maximum token age. */
  ttlSeconds?: number;
  subject?: string;
}

/**
 * Signs a development access token with the local key pair (created when missing), which the
 * hub started with the same configuration accepts. Throws `GatewayError` with code
 * `TOKEN_COMMAND_DISABLED` when the hub trusts a JWKS URL or runs in production, because a
 * token signed locally would then either be rejected or bypass the real issuer. Throws
 * `TypeError` for an unknown scope, an empty organisation code or a lifetime out of range.
 */
export async function createDevelopmentToken(
  config: Pick<GatewayConfig, 'env' | 'auth'>,
  request: DevelopmentTokenRequest,
): Promise<string> {
  if (config.env === 'production') {
    throw new GatewayError('TOKEN_COMMAND_DISABLED', {
      en: 'Development tokens are off when DXHUB_ENV=production; get a token from the identity provider.',
      vi: 'Không cấp mã thông báo phát triển khi DXHUB_ENV=production; hãy lấy mã thông báo từ máy chủ định danh.',
    });
  }
  if (config.auth.jwksUrl) {
    throw new GatewayError('TOKEN_COMMAND_DISABLED', {
      en: `The hub verifies tokens with the keys at DXHUB_JWKS_URL (${config.auth.jwksUrl}), so a locally signed token would be rejected; get a token from that issuer, or unset DXHUB_JWKS_URL for development.`,
      vi: `Hub xác minh mã thông báo bằng khóa tại DXHUB_JWKS_URL (${config.auth.jwksUrl}), nên mã ký cục bộ sẽ bị từ chối; hãy lấy mã thông báo từ máy chủ cấp đó, hoặc bỏ DXHUB_JWKS_URL khi phát triển.`,
    });
  }

  if (!request.org.trim())
    throw new TypeError('dxhub gateway: createDevelopmentToken needs an organisation code');
  const unknown = request.scopes.filter((scope) => !isScope(scope));
  if (unknown.length > 0) {
    throw new TypeError(
      `dxhub gateway: unknown scope(s) ${unknown.join(', ')}; known scopes: ${SCOPES.join(', ')}`,
    );
  }
  const ttlSeconds = request.ttlSeconds ?? 3600;
  if (
    !Number.isInteger(ttlSeconds) ||
    ttlSeconds < 1 ||
    ttlSeconds > config.auth.maxTokenAgeSeconds
  ) {
    throw new TypeError(
      `dxhub gateway: ttlSeconds must be a whole number from 1 to ${config.auth.maxTokenAgeSeconds} (DXHUB_JWT_MAX_AGE), got ${ttlSeconds}`,
    );
  }

  const keys = await loadLocalKeys(config.auth.keysDir, true);
  if (!keys) throw new Error(`dxhub gateway: no development key in ${config.auth.keysDir}`);
  return signDevelopmentToken(keys, config.auth, {
    orgCode: request.org.trim(),
    scopes: request.scopes,
    ttlSeconds,
    ...(request.subject ? { subject: request.subject } : {}),
  });
}
