import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as jose from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenVerifier, loadBaseConfig, TokenError, type AuthConfig } from '../src/index.js';
import { createTestAuth } from '../src/testing/index.js';

interface KeyPair {
  kid: string;
  privateKey: jose.CryptoKey;
  publicJwk: jose.JWK;
}

async function keyPair(kid: string): Promise<KeyPair> {
  const { privateKey, publicKey } = await jose.generateKeyPair('ES256', { extractable: true });
  return {
    kid,
    privateKey,
    publicJwk: { ...(await jose.exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' },
  };
}

function sign(
  key: KeyPair,
  config: AuthConfig,
  claims: jose.JWTPayload = {},
  times: { iat: number; exp: number } = {
    iat: Math.floor(Date.now() / 1000),
    exp: Math.floor(Date.now() / 1000) + 600,
  },
): Promise<string> {
  return new jose.SignJWT({ org: '01', scope: 'network:read', client_id: 'test', ...claims })
    .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'at+jwt' })
    .setIssuer(config.issuer)
    .setAudience(config.audience)
    .setSubject('tester')
    .setJti(crypto.randomUUID())
    .setIssuedAt(times.iat)
    .setExpirationTime(times.exp)
    .sign(key.privateKey);
}

async function reasonOf(run: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await run();
  } catch (error) {
    if (error instanceof TokenError) return error.reason;
    throw error;
  }
  return undefined;
}

describe('remote JWKS', () => {
  let server: http.Server;
  let served: { keys: jose.JWK[] } = { keys: [] };
  let fetches = 0;
  let config: AuthConfig;
  let first: KeyPair;
  let second: KeyPair;

  beforeAll(async () => {
    first = await keyPair('key-2025');
    second = await keyPair('key-2026');
    served = { keys: [first.publicJwk] };
    server = http.createServer((_req, res) => {
      fetches += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(served));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    config = loadBaseConfig({}, { DXHUB_JWKS_URL: `http://127.0.0.1:${port}/jwks.json` }).auth;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('follows a key rotation and caches the set', async () => {
    const { verifier, localKeys } = await createTokenVerifier(config, false, { cooldownMs: 0 });
    expect(localKeys).toBeNull();
    expect((await verifier.verify(`Bearer ${await sign(first, config)}`)).orgCode).toBe('01');
    await verifier.verify(`Bearer ${await sign(first, config, { org: '79' })}`);
    expect(fetches).toBe(1);

    served = { keys: [second.publicJwk] };
    expect((await verifier.verify(`Bearer ${await sign(second, config)}`)).orgCode).toBe('01');
    expect(fetches).toBe(2);
    const retired = await sign(first, config, { org: '001' });
    expect(await reasonOf(() => verifier.verify(`Bearer ${retired}`))).toBe('TOKEN_KEY_UNKNOWN');
  });

  it('reports an unreachable key set as unavailable', async () => {
    const down = { ...config, jwksUrl: 'http://127.0.0.1:9/jwks.json' };
    const { verifier } = await createTokenVerifier(down, false, { timeoutMs: 500 });
    expect(await reasonOf(async () => verifier.verify(`Bearer ${await sign(first, down)}`))).toBe(
      'TOKEN_KEYS_UNAVAILABLE',
    );
  });
});

describe('token time checks', () => {
  it('tells expiry, age and future issue apart', async () => {
    const auth = await createTestAuth();
    const key: KeyPair = {
      kid: auth.keys.kid,
      privateKey: auth.keys.privateKey,
      publicJwk: auth.keys.publicJwk,
    };
    const now = Math.floor(Date.now() / 1000);
    const valid = await sign(key, auth.config);
    expect((await auth.verifier.verify(`Bearer ${valid}`)).orgCode).toBe('01');

    const expired = await new jose.SignJWT({ org: '01', scope: '', client_id: 'test' })
      .setProtectedHeader({ alg: 'ES256', kid: key.kid })
      .setIssuer(auth.config.issuer)
      .setAudience(auth.config.audience)
      .setSubject('tester')
      .setJti('j1')
      .setIssuedAt(now - 7200)
      .setExpirationTime(now - 3600)
      .sign(key.privateKey);
    expect(await reasonOf(() => auth.verifier.verify(`Bearer ${expired}`))).toBe('TOKEN_EXPIRED');

    const tooOld = await sign(
      key,
      auth.config,
      {},
      { iat: now - auth.config.maxTokenAgeSeconds - 3600, exp: now + 600 },
    );
    expect(await reasonOf(() => auth.verifier.verify(`Bearer ${tooOld}`))).toBe('TOKEN_TOO_OLD');

    const future = await sign(key, auth.config, {}, { iat: now + 3600, exp: now + 7200 });
    expect(await reasonOf(() => auth.verifier.verify(`Bearer ${future}`))).toBe(
      'TOKEN_NOT_YET_VALID',
    );

    const withinTolerance = await sign(key, auth.config, {}, { iat: now + 10, exp: now + 600 });
    expect((await auth.verifier.verify(`Bearer ${withinTolerance}`)).orgCode).toBe('01');
  });

  it('rejects a local token naming another kid', async () => {
    const auth = await createTestAuth();
    const key: KeyPair = {
      kid: 'not-the-local-key',
      privateKey: auth.keys.privateKey,
      publicJwk: auth.keys.publicJwk,
    };
    const token = await sign(key, auth.config);
    expect(await reasonOf(() => auth.verifier.verify(`Bearer ${token}`))).toBe('TOKEN_KEY_UNKNOWN');
  });
});
