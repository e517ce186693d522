import * as jose from 'jose';
import type { AuthConfig } from '../config.js';

/** Reason code of a rejected token, sent as `extensions.reason` with `UNAUTHENTICATED`. */
export type TokenFailure =
  | 'TOKEN_MISSING'
  | 'TOKEN_MALFORMED'
  | 'TOKEN_TOO_LARGE'
  | 'TOKEN_ALGORITHM_NOT_ALLOWED'
  | 'TOKEN_KEY_UNKNOWN'
  | 'TOKEN_SIGNATURE_INVALID'
  | 'TOKEN_EXPIRED'
  | 'TOKEN_NOT_YET_VALID'
  | 'TOKEN_TOO_OLD'
  | 'TOKEN_CLAIM_INVALID'
  | 'TOKEN_KEYS_UNAVAILABLE';

const failureText: Record<TokenFailure, { en: string; vi: string }> = {
  TOKEN_MISSING: { en: 'no bearer token was sent', vi: 'không có mã thông báo' },
  TOKEN_MALFORMED: {
    en: 'the token is not a well-formed JWT',
    vi: 'mã thông báo không đúng định dạng JWT',
  },
  TOKEN_TOO_LARGE: {
    en: 'the Authorization header is too large',
    vi: 'tiêu đề Authorization quá lớn',
  },
  TOKEN_ALGORITHM_NOT_ALLOWED: {
    en: 'the token algorithm is not allowed',
    vi: 'thuật toán ký của mã thông báo không được chấp nhận',
  },
  TOKEN_KEY_UNKNOWN: {
    en: 'no known key matches the token',
    vi: 'không có khóa nào khớp với mã thông báo',
  },
  TOKEN_SIGNATURE_INVALID: {
    en: 'the token signature is invalid',
    vi: 'chữ ký của mã thông báo không hợp lệ',
  },
  TOKEN_EXPIRED: { en: 'the token has expired', vi: 'mã thông báo đã hết hạn' },
  TOKEN_NOT_YET_VALID: {
    en: 'the token is not valid yet',
    vi: 'mã thông báo chưa đến thời điểm có hiệu lực',
  },
  TOKEN_TOO_OLD: {
    en: 'the token was issued too long ago',
    vi: 'mã thông báo được cấp đã quá lâu',
  },
  TOKEN_CLAIM_INVALID: {
    en: 'a required claim is missing or wrong',
    vi: 'thiếu hoặc sai một thông tin bắt buộc trong mã thông báo',
  },
  TOKEN_KEYS_UNAVAILABLE: {
    en: 'the signing keys could not be fetched',
    vi: 'không tải được khóa xác minh chữ ký',
  },
};

/** Size of an `Authorization` header rejected as `TOKEN_TOO_LARGE`, and the limit, in bytes. */
export interface HeaderSize {
  bytes: number;
  maxBytes: number;
}

/** Describes an oversized header with its size, the limit and the variable that sets the limit. */
function describeHeaderSize(size: HeaderSize, locale: 'en' | 'vi'): string {
  return locale === 'vi'
    ? `tiêu đề Authorization có ${size.bytes} byte, vượt giới hạn ${size.maxBytes} byte do DXHUB_JWT_MAX_BYTES đặt, vì vậy hãy dùng mã thông báo ngắn hơn (ít phạm vi quyền hơn) hoặc đề nghị đơn vị vận hành tăng DXHUB_JWT_MAX_BYTES`
    : `the Authorization header has ${size.bytes} bytes, more than the limit of ${size.maxBytes} bytes set by DXHUB_JWT_MAX_BYTES, so use a shorter token (fewer scopes) or ask the hub operator to raise DXHUB_JWT_MAX_BYTES`;
}

/**
 * A rejected token, with the reason code and, for claim errors, the claim's name. A
 * `TOKEN_TOO_LARGE` error from {@link bearerToken} also carries the header size and the limit.
 */
export class TokenError extends Error {
  constructor(
    readonly reason: TokenFailure,
    readonly claim?: string,
    readonly headerSize?: HeaderSize,
  ) {
    super(
      headerSize
        ? describeHeaderSize(headerSize, 'en')
        : failureText[reason].en + (claim ? ` (claim "${claim}")` : ''),
    );
    this.name = 'TokenError';
  }

  describe(locale: 'en' | 'vi'): string {
    if (this.headerSize) return describeHeaderSize(this.headerSize, locale);
    return failureText[this.reason][locale] + (this.claim ? ` ("${this.claim}")` : '');
  }
}

/** The claims the hub reads from a verified access token (RFC 9068 shape plus `org`). */
export interface AccessTokenClaims {
  subject: string;
  clientId: string;
  tokenId: string;
  orgCode: string;
  scopes: string[];
  issuedAt: Date;
  expiresAt: Date;
}

export type KeyInput = jose.CryptoKey | jose.KeyObject | jose.JWK | Uint8Array;
export type KeyResolver = (
  header: jose.JWTHeaderParameters,
  token: jose.FlattenedJWSInput,
) => Promise<jose.CryptoKey | jose.KeyObject | Uint8Array>;

const REQUIRED_CLAIMS = ['iss', 'aud', 'sub', 'exp', 'iat', 'jti', 'client_id', 'org', 'scope'];

/**
 * Maps a jose verification error to the hub's reason code. jose reports a token older than
 * `maxTokenAge` as `JWTExpired` on the `iat` claim, and an `iat` in the future as a failed
 * `iat` check, so this function separates both from a plain `exp` expiry.
 */
function classify(error: unknown): TokenError {
  if (error instanceof TokenError) return error;
  if (error instanceof jose.errors.JWTExpired) {
    return error.claim === 'iat'
      ? new TokenError('TOKEN_TOO_OLD', 'iat')
      : new TokenError('TOKEN_EXPIRED', 'exp');
  }
  if (error instanceof jose.errors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf') return new TokenError('TOKEN_NOT_YET_VALID', 'nbf');
    if (error.claim === 'iat' && error.reason === 'check_failed')
      return new TokenError('TOKEN_NOT_YET_VALID', 'iat');
    return new TokenError('TOKEN_CLAIM_INVALID', error.claim);
  }
  if (error instanceof jose.errors.JOSEAlgNotAllowed)
    return new TokenError('TOKEN_ALGORITHM_NOT_ALLOWED');
  if (error instanceof jose.errors.JWKSNoMatchingKey)
    return new TokenError('TOKEN_KEY_UNKNOWN', 'kid');
  if (error instanceof jose.errors.JWKSMultipleMatchingKeys)
    return new TokenError('TOKEN_KEY_UNKNOWN', 'kid');
  if (error instanceof jose.errors.JWSSignatureVerificationFailed)
    return new TokenError('TOKEN_SIGNATURE_INVALID');
  if (error instanceof jose.errors.JWKSTimeout || error instanceof jose.errors.JWKSInvalid) {
    return new TokenError('TOKEN_KEYS_UNAVAILABLE');
  }
  return new TokenError('TOKEN_MALFORMED');
}

/** Extracts the bearer token from an `Authorization` header value, enforcing the size cap. */
export function bearerToken(header: string | null | undefined, maxBytes: number): string {
  if (!header) throw new TokenError('TOKEN_MISSING');
  const bytes = Buffer.byteLength(header);
  if (bytes > maxBytes) throw new TokenError('TOKEN_TOO_LARGE', undefined, { bytes, maxBytes });
  const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/.exec(header.trim());
  if (!match?.[1]) throw new TokenError('TOKEN_MALFORMED');
  return match[1];
}

/**
 * Verifies an access token's signature and claims: algorithm allow-list, `iss`, `aud`, `exp`,
 * `nbf`, `iat` with the configured clock tolerance, maximum age, and the claims the hub needs.
 * Throws {@link TokenError}.
 */
export async function verifyAccessToken(
  token: string,
  key: KeyInput | KeyResolver,
  config: AuthConfig,
): Promise<AccessTokenClaims> {
  let payload: jose.JWTPayload;
  try {
    const result = await jose.jwtVerify(token, key as Parameters<typeof jose.jwtVerify>[1], {
      issuer: config.issuer,
      audience: config.audience,
      algorithms: config.algorithms,
      clockTolerance: config.clockToleranceSeconds,
      maxTokenAge: config.maxTokenAgeSeconds,
      requiredClaims: REQUIRED_CLAIMS,
    });
    payload = result.payload;
  } catch (error) {
    throw classify(error);
  }
  const { sub, jti, iat, exp } = payload;
  const org = payload.org;
  const scope = payload.scope;
  const clientId = payload.client_id;
  if (typeof org !== 'string' || !org) throw new TokenError('TOKEN_CLAIM_INVALID', 'org');
  if (typeof scope !== 'string') throw new TokenError('TOKEN_CLAIM_INVALID', 'scope');
  if (typeof clientId !== 'string' || !clientId)
    throw new TokenError('TOKEN_CLAIM_INVALID', 'client_id');
  if (typeof sub !== 'string' || !sub) throw new TokenError('TOKEN_CLAIM_INVALID', 'sub');
  if (typeof jti !== 'string' || !jti) throw new TokenError('TOKEN_CLAIM_INVALID', 'jti');
  // jose has checked both as numeric dates already, because they are required claims.
  if (iat === undefined || exp === undefined)
    throw new TokenError('TOKEN_CLAIM_INVALID', iat === undefined ? 'iat' : 'exp');
  return {
    subject: sub,
    clientId,
    tokenId: jti,
    orgCode: org,
    scopes: scope.split(' ').filter(Boolean),
    issuedAt: new Date(iat * 1000),
    expiresAt: new Date(exp * 1000),
  };
}
