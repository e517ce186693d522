import fs from 'node:fs';
import path from 'node:path';
import * as jose from 'jose';
import type { AuthConfig } from '../config.js';
import {
  TokenError,
  bearerToken,
  verifyAccessToken,
  type AccessTokenClaims,
  type KeyResolver,
} from './token.js';

/** The development key pair, kept in `keysDir` and created on first start. */
export interface LocalKeys {
  kid: string;
  algorithm: 'ES256';
  privateKey: jose.CryptoKey;
  publicJwk: jose.JWK;
  jwks: { keys: jose.JWK[] };
}

/**
 * Loads the development key pair from `keysDir`, creating it when `create` is set and none exists.
 * Returns null when there is none and `create` is off.
 */
export async function loadLocalKeys(keysDir: string, create: boolean): Promise<LocalKeys | null> {
  const privatePath = path.join(keysDir, 'signing-key.private.jwk.json');
  if (!fs.existsSync(privatePath)) {
    if (!create) return null;
    const { privateKey } = await jose.generateKeyPair('ES256', { extractable: true });
    const jwk = await jose.exportJWK(privateKey);
    jwk.kid = await jose.calculateJwkThumbprint(jwk);
    jwk.alg = 'ES256';
    jwk.use = 'sig';
    fs.mkdirSync(keysDir, { recursive: true, mode: 0o700 });
    // 'wx' so that two processes creating keys at once keep one pair; the loser reads it back.
    try {
      fs.writeFileSync(privatePath, JSON.stringify(jwk), { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const jwk = JSON.parse(fs.readFileSync(privatePath, 'utf8')) as jose.JWK;
  const privateKey = (await jose.importJWK(jwk, 'ES256')) as jose.CryptoKey;
  const { d: _private, ...publicJwk } = jwk;
  return {
    kid: jwk.kid ?? '',
    algorithm: 'ES256',
    privateKey,
    publicJwk,
    jwks: { keys: [publicJwk] },
  };
}

export interface SignTokenInput {
  orgCode: string;
  scopes: string[];
  subject?: string;
  clientId?: string;
  ttlSeconds?: number;
}

/** Signs a development access token with the local key. */
export async function signDevelopmentToken(
  keys: LocalKeys,
  config: Pick<AuthConfig, 'issuer' | 'audience'>,
  input: SignTokenInput,
): Promise<string> {
  return new jose.SignJWT({
    org: input.orgCode,
    scope: input.scopes.join(' '),
    client_id: input.clientId ?? 'dxhub-cli',
  })
    .setProtectedHeader({ alg: keys.algorithm, kid: keys.kid, typ: 'at+jwt' })
    .setIssuer(config.issuer)
    .setAudience(config.audience)
    .setSubject(input.subject ?? `dev:${input.orgCode}`)
    .setJti(crypto.randomUUID())
    .setIssuedAt()
    .setExpirationTime(`${input.ttlSeconds ?? 3600}s`)
    .sign(keys.privateKey);
}

/**
 * Verifies `Authorization` headers against the configured key source. Verified tokens are
 * cached until they expire or pass the maximum age, so in-process subgraphs re-checking the
 * gateway's token cost a map look-up.
 */
export class TokenVerifier {
  private readonly cache = new Map<string, AccessTokenClaims>();
  private static readonly MAX_CACHED = 10_000;

  constructor(
    private readonly key: KeyResolver | jose.CryptoKey | jose.JWK,
    readonly config: AuthConfig,
  ) {}

  async verify(authorization: string | null | undefined): Promise<AccessTokenClaims> {
    const token = bearerToken(authorization, this.config.maxHeaderBytes);
    const cached = this.cache.get(token);
    if (cached && this.stillValid(cached)) return cached;
    const claims = await verifyAccessToken(token, this.key, this.config);
    if (this.cache.size >= TokenVerifier.MAX_CACHED) this.cache.clear();
    this.cache.set(token, claims);
    return claims;
  }

  /** Repeats the time checks jose made, because a cached token may have expired or aged since. */
  private stillValid(claims: AccessTokenClaims): boolean {
    const now = Date.now();
    const toleranceMs = this.config.clockToleranceSeconds * 1000;
    if (claims.expiresAt.getTime() + toleranceMs <= now) return false;
    return now - claims.issuedAt.getTime() - toleranceMs <= this.config.maxTokenAgeSeconds * 1000;
  }
}

/** Tuning of the remote JWKS cache; the defaults suit production. */
export interface RemoteKeySetOptions {
  /** How long a fetched key set is used before it is fetched again, in milliseconds. */
  cacheMaxAgeMs?: number;
  /**
   * Minimum time between two fetches, in milliseconds. A token with an unknown `kid` triggers a
   * fetch (key rotation) only once this has passed, so forged `kid`s cannot flood the issuer.
   */
  cooldownMs?: number;
  /** Time allowed for one fetch of the key set, in milliseconds. */
  timeoutMs?: number;
}

/**
 * Wraps jose's remote key set so that a failed fetch (issuer down, DNS, bad JSON) is reported
 * as `TOKEN_KEYS_UNAVAILABLE` instead of looking like a malformed token.
 */
function remoteKeyResolver(jwksUrl: string, options: RemoteKeySetOptions): KeyResolver {
  const jwks = jose.createRemoteJWKSet(new URL(jwksUrl), {
    cacheMaxAge: options.cacheMaxAgeMs ?? 10 * 60 * 1000,
    cooldownDuration: options.cooldownMs ?? 30 * 1000,
    timeoutDuration: options.timeoutMs ?? 5000,
  });
  return async (header, token) => {
    try {
      return await jwks(header, token);
    } catch (error) {
      // These describe the token, not the key source, and are classified by verifyAccessToken.
      if (
        error instanceof jose.errors.JWKSNoMatchingKey ||
        error instanceof jose.errors.JWKSMultipleMatchingKeys ||
        error instanceof jose.errors.JOSEAlgNotAllowed ||
        error instanceof jose.errors.JOSENotSupported
      ) {
        throw error;
      }
      throw new TokenError('TOKEN_KEYS_UNAVAILABLE');
    }
  };
}

/**
 * Builds the verifier for a configuration: a remote JWKS (with caching and rotation) when
 * `jwksUrl` is set, otherwise the local development key, created when missing. The local key
 * is used as a one-key JWKS, so a token naming another `kid` is rejected as `TOKEN_KEY_UNKNOWN`.
 */
export async function createTokenVerifier(
  config: AuthConfig,
  createLocalKeys = true,
  remote: RemoteKeySetOptions = {},
): Promise<{
  verifier: TokenVerifier;
  localKeys: LocalKeys | null;
}> {
  if (config.jwksUrl) {
    return {
      verifier: new TokenVerifier(remoteKeyResolver(config.jwksUrl, remote), config),
      localKeys: null,
    };
  }
  const localKeys = await loadLocalKeys(config.keysDir, createLocalKeys);
  if (!localKeys) {
    throw new Error(
      `No signing key in ${config.keysDir}. Start the hub once to create it, or set DXHUB_JWKS_URL.`,
    );
  }
  const localSet = jose.createLocalJWKSet(localKeys.jwks) as KeyResolver;
  return { verifier: new TokenVerifier(localSet, config), localKeys };
}
