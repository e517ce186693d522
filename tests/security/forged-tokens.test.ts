import { createHmac, KeyObject, randomUUID, sign as cryptoSign } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createLogger,
  createTokenVerifier,
  serveSubgraph,
  startSubgraph,
  type SubgraphRuntime,
} from '@dxhub/kit';
import { createTestDatabase, type TestDatabase } from '@dxhub/kit/testing';
import { networkSubgraph } from '@dxhub/network';
import { startTestHub, type TestHub } from '@dxhub/gateway/testing';
import * as jose from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type Header = Record<string, unknown>;
type Claims = Record<string, unknown>;

/** The parts of a valid token, from which each forgery is made. */
interface Parts {
  header: Header;
  claims: Claims;
  token: string;
}

const b64 = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

let hubKey: jose.CryptoKey;
let hubPublicJwk: jose.JWK;
let attackerKey: jose.CryptoKey;
let attackerPublicJwk: jose.JWK;
let attackerRsaKey: jose.CryptoKey;
let issuer: string;
let audience: string;
let maxAgeSeconds: number;

/** Signs any header and payload, including ones jose's JWT builder would refuse to produce. */
async function signRaw(header: Header, claims: Claims, key: jose.CryptoKey): Promise<string> {
  return new jose.CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
    .setProtectedHeader(header as jose.CompactJWSHeaderParameters)
    .sign(key);
}

/** Signs with ES256 outside jose, which refuses to produce a token with an unknown `crit`. */
function es256Token(header: Header, claims: Claims, key: jose.CryptoKey): string {
  const input = `${b64(header)}.${b64(claims)}`;
  const signature = cryptoSign('sha256', Buffer.from(input), {
    key: KeyObject.from(key),
    dsaEncoding: 'ieee-p1363',
  });
  return `${input}.${signature.toString('base64url')}`;
}

function hmacToken(header: Header, claims: Claims, secret: string): string {
  const input = `${b64(header)}.${b64(claims)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

async function validParts(): Promise<Parts> {
  const now = Math.floor(Date.now() / 1000);
  const header = { alg: 'ES256', kid: hubPublicJwk.kid, typ: 'at+jwt' };
  const claims = {
    iss: issuer,
    aud: audience,
    sub: 'forgery-test',
    client_id: 'forgery-test',
    jti: randomUUID(),
    iat: now,
    exp: now + 600,
    org: '01',
    scope: 'network:read',
  };
  return { header, claims, token: await signRaw(header, claims, hubKey) };
}

const now = () => Math.floor(Date.now() / 1000);
const without = (claims: Claims, name: string) =>
  Object.fromEntries(Object.entries(claims).filter(([key]) => key !== name));

/** A forgery: how it is made from the valid parts, and the reason code it must get. */
interface Forgery {
  name: string;
  reason: string;
  /** Returns the forged token, or a whole `Authorization` value when `asHeader` is set. */
  forge(parts: Parts): Promise<string> | string;
  asHeader?: boolean;
}

const FORGERIES: Forgery[] = [
  {
    name: 'alg none, unsigned',
    reason: 'TOKEN_ALGORITHM_NOT_ALLOWED',
    forge: (p) => `${b64({ ...p.header, alg: 'none' })}.${b64(p.claims)}.`,
  },
  {
    name: 'HS256 keyed with the public JWK',
    reason: 'TOKEN_ALGORITHM_NOT_ALLOWED',
    forge: (p) => hmacToken({ ...p.header, alg: 'HS256' }, p.claims, JSON.stringify(hubPublicJwk)),
  },
  {
    name: 'HS256 keyed with the public PEM',
    reason: 'TOKEN_ALGORITHM_NOT_ALLOWED',
    forge: async (p) => {
      const pem = await jose.exportSPKI(
        (await jose.importJWK(hubPublicJwk, 'ES256')) as jose.CryptoKey,
      );
      return hmacToken({ ...p.header, alg: 'HS256' }, p.claims, pem);
    },
  },
  {
    name: 'wrong issuer',
    reason: 'TOKEN_CLAIM_INVALID',
    forge: (p) => signRaw(p.header, { ...p.claims, iss: 'https://attacker.example' }, hubKey),
  },
  {
    name: 'wrong audience',
    reason: 'TOKEN_CLAIM_INVALID',
    forge: (p) => signRaw(p.header, { ...p.claims, aud: 'urn:other:api' }, hubKey),
  },
  {
    name: 'missing issuer',
    reason: 'TOKEN_CLAIM_INVALID',
    forge: (p) => signRaw(p.header, without(p.claims, 'iss'), hubKey),
  },
  {
    name: 'missing audience',
    reason: 'TOKEN_CLAIM_INVALID',
    forge: (p) => signRaw(p.header, without(p.claims, 'aud'), hubKey),
  },
  {
    name: 'expired',
    reason: 'TOKEN_EXPIRED',
    forge: (p) => signRaw(p.header, { ...p.claims, iat: now() - 7200, exp: now() - 3600 }, hubKey),
  },
  {
    name: 'not valid before a future nbf',
    reason: 'TOKEN_NOT_YET_VALID',
    forge: (p) => signRaw(p.header, { ...p.claims, nbf: now() + 3600 }, hubKey),
  },
  {
    name: 'issued in the future',
    reason: 'TOKEN_NOT_YET_VALID',
    forge: (p) => signRaw(p.header, { ...p.claims, iat: now() + 3600, exp: now() + 7200 }, hubKey),
  },
  {
    name: 'older than the maximum age',
    reason: 'TOKEN_TOO_OLD',
    forge: (p) =>
      signRaw(
        p.header,
        { ...p.claims, iat: now() - maxAgeSeconds - 600, exp: now() + 600 },
        hubKey,
      ),
  },
  {
    name: 'unknown kid',
    reason: 'TOKEN_KEY_UNKNOWN',
    forge: (p) => signRaw({ ...p.header, kid: 'attacker-key' }, p.claims, attackerKey),
  },
  {
    name: 'real kid, another key',
    reason: 'TOKEN_SIGNATURE_INVALID',
    forge: (p) => signRaw(p.header, p.claims, attackerKey),
  },
  {
    name: 'attacker key embedded as jwk',
    reason: 'TOKEN_KEY_UNKNOWN',
    forge: (p) =>
      signRaw({ ...p.header, kid: 'attacker-key', jwk: attackerPublicJwk }, p.claims, attackerKey),
  },
  {
    name: 'RS256 from a foreign key',
    reason: 'TOKEN_KEY_UNKNOWN',
    forge: (p) =>
      signRaw({ ...p.header, alg: 'RS256', kid: 'foreign-rsa' }, p.claims, attackerRsaKey),
  },
  {
    name: 'payload tampered to admin',
    reason: 'TOKEN_SIGNATURE_INVALID',
    forge: (p) => {
      const [header, , signature] = p.token.split('.');
      return `${header}.${b64({ ...p.claims, scope: 'hub:admin', org: 'cuc-chuyen-doi-so-quoc-gia' })}.${signature}`;
    },
  },
  {
    name: 'header tampered to ES384',
    reason: 'TOKEN_ALGORITHM_NOT_ALLOWED',
    forge: (p) => {
      const [, payload, signature] = p.token.split('.');
      return `${b64({ ...p.header, alg: 'ES384' })}.${payload}.${signature}`;
    },
  },
  {
    name: 'signature stripped',
    reason: 'TOKEN_SIGNATURE_INVALID',
    forge: (p) => `${p.token.split('.').slice(0, 2).join('.')}.`,
  },
  {
    name: 'signature truncated',
    reason: 'TOKEN_SIGNATURE_INVALID',
    forge: (p) => p.token.slice(0, -12),
  },
  {
    name: 'oversized but validly signed',
    reason: 'TOKEN_TOO_LARGE',
    forge: (p) => signRaw(p.header, { ...p.claims, padding: 'x'.repeat(9000) }, hubKey),
  },
  {
    name: 'missing org',
    reason: 'TOKEN_CLAIM_INVALID',
    forge: (p) => signRaw(p.header, without(p.claims, 'org'), hubKey),
  },
  {
    name: 'org not a string',
    reason: 'TOKEN_CLAIM_INVALID',
    forge: (p) => signRaw(p.header, { ...p.claims, org: 1 }, hubKey),
  },
  {
    name: 'missing scope',
    reason: 'TOKEN_CLAIM_INVALID',
    forge: (p) => signRaw(p.header, without(p.claims, 'scope'), hubKey),
  },
  {
    name: 'scope as an array',
    reason: 'TOKEN_CLAIM_INVALID',
    forge: (p) => signRaw(p.header, { ...p.claims, scope: ['hub:admin'] }, hubKey),
  },
  {
    name: 'missing sub',
    reason: 'TOKEN_CLAIM_INVALID',
    forge: (p) => signRaw(p.header, without(p.claims, 'sub'), hubKey),
  },
  {
    name: 'missing jti',
    reason: 'TOKEN_CLAIM_INVALID',
    forge: (p) => signRaw(p.header, without(p.claims, 'jti'), hubKey),
  },
  {
    name: 'missing client_id',
    reason: 'TOKEN_CLAIM_INVALID',
    forge: (p) => signRaw(p.header, without(p.claims, 'client_id'), hubKey),
  },
  {
    name: 'missing exp',
    reason: 'TOKEN_CLAIM_INVALID',
    forge: (p) => signRaw(p.header, without(p.claims, 'exp'), hubKey),
  },
  {
    name: 'unknown critical header',
    reason: 'TOKEN_MALFORMED',
    forge: (p) => es256Token({ ...p.header, crit: ['x-policy'], 'x-policy': 1 }, p.claims, hubKey),
  },
  {
    name: 'signed payload not JSON',
    reason: 'TOKEN_MALFORMED',
    forge: (p) =>
      new jose.CompactSign(new TextEncoder().encode('not json'))
        .setProtectedHeader(p.header as jose.CompactJWSHeaderParameters)
        .sign(hubKey),
  },
  {
    name: 'Basic scheme',
    reason: 'TOKEN_MALFORMED',
    asHeader: true,
    forge: (p) => `Basic ${p.token}`,
  },
];

/** One place a token is sent: the gateway, or a subgraph reached without it. */
interface Target {
  name: string;
  url: () => string;
}

async function call(url: string, authorization: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  const body = (await response.json()) as {
    data?: unknown;
    errors?: { extensions?: { code?: string; reason?: string } }[];
  };
  return { status: response.status, body };
}

describe('forged tokens', () => {
  let t: TestHub;
  let subgraphDatabase: TestDatabase;
  let subgraphRuntime: SubgraphRuntime;
  let subgraphServer: Server;
  let subgraphUrl: string;

  beforeAll(async () => {
    t = await startTestHub();
    const keys = t.hub.localKeys;
    if (!keys) throw new Error('the test hub has no local keys');
    hubKey = keys.privateKey;
    hubPublicJwk = keys.publicJwk;
    issuer = t.config.auth.issuer;
    audience = t.config.auth.audience;
    maxAgeSeconds = t.config.auth.maxTokenAgeSeconds;
    const attacker = await jose.generateKeyPair('ES256', { extractable: true });
    attackerKey = attacker.privateKey;
    attackerPublicJwk = await jose.exportJWK(attacker.publicKey);
    attackerRsaKey = (await jose.generateKeyPair('RS256')).privateKey;

    // The network subgraph alone, trusting the same key pair, as a deployment that exposes it.
    subgraphDatabase = await createTestDatabase();
    const { verifier } = await createTokenVerifier(t.config.auth, false);
    const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'silent' });
    subgraphRuntime = await startSubgraph(networkSubgraph, {
      database: subgraphDatabase.database,
      logger,
      verifier,
    });
    subgraphServer = await serveSubgraph(subgraphRuntime, { host: '127.0.0.1', port: 0, logger });
    subgraphUrl = `http://127.0.0.1:${(subgraphServer.address() as AddressInfo).port}/graphql`;
  });

  afterAll(async () => {
    await new Promise((resolve) => subgraphServer?.close(resolve));
    await subgraphRuntime?.stop();
    await subgraphDatabase?.dispose();
    await t?.dispose();
  });

  const targets: Target[] = [
    { name: 'gateway', url: () => t.hub.url },
    { name: 'network subgraph alone', url: () => subgraphUrl },
  ];

  it('covers at least twenty forgeries', () => {
    expect(FORGERIES.length).toBeGreaterThanOrEqual(20);
  });

  describe.each(targets)('at the $name', (target) => {
    it.each(FORGERIES)('rejects $name', async (forgery) => {
      const parts = await validParts();
      const accepted = await call(target.url(), `Bearer ${parts.token}`);
      expect(accepted.status).toBe(200);
      expect(accepted.body).toEqual({ data: { __typename: 'Query' } });

      const forged = await forgery.forge(parts);
      const rejected = await call(target.url(), forgery.asHeader ? forged : `Bearer ${forged}`);
      expect(rejected.status).toBe(401);
      expect(rejected.body.data).toBeUndefined();
      expect(rejected.body.errors).toHaveLength(1);
      expect(rejected.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(rejected.body.errors?.[0]?.extensions?.reason).toBe(forgery.reason);
    });
  });
});
