import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTokenVerifier } from '@dxhub/kit';
import { describe, expect, it } from 'vitest';
import { createDevelopmentToken, GatewayError, loadGatewayConfig } from '../src/index.js';

const keysDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'dxhub-token-'));

async function failureOf(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('createDevelopmentToken', () => {
  it('signs a token the hub verifier accepts', async () => {
    const config = loadGatewayConfig({}, { DXHUB_KEYS_DIR: keysDir() });
    const token = await createDevelopmentToken(config, {
      org: '01',
      scopes: ['network:read', 'audit:read'],
      ttlSeconds: 600,
    });
    const { verifier } = await createTokenVerifier(config.auth, false);
    const claims = await verifier.verify(`Bearer ${token}`);
    expect(claims.orgCode).toBe('01');
    expect(claims.scopes).toEqual(['network:read', 'audit:read']);
    expect(claims.expiresAt.getTime() - claims.issuedAt.getTime()).toBe(600_000);
  });

  it('refuses when a JWKS URL is configured', async () => {
    const config = loadGatewayConfig(
      {},
      { DXHUB_KEYS_DIR: keysDir(), DXHUB_JWKS_URL: 'https://id.example.gov.vn/jwks' },
    );
    const failure = await failureOf(() =>
      createDevelopmentToken(config, { org: '01', scopes: [] }),
    );
    expect(failure).toBeInstanceOf(GatewayError);
    expect((failure as GatewayError).code).toBe('TOKEN_COMMAND_DISABLED');
    expect((failure as GatewayError).localizedMessage('vi')).toContain('DXHUB_JWKS_URL');
  });

  it('refuses in production', async () => {
    const config = loadGatewayConfig(
      {},
      { DXHUB_ENV: 'production', DXHUB_JWKS_URL: 'https://id.example.gov.vn/jwks' },
    );
    const failure = await failureOf(() =>
      createDevelopmentToken(
        { ...config, auth: { ...config.auth, jwksUrl: undefined } },
        { org: '01', scopes: [] },
      ),
    );
    expect((failure as GatewayError).code).toBe('TOKEN_COMMAND_DISABLED');
    expect((failure as GatewayError).message).toContain('DXHUB_ENV=production');
  });

  it('rejects unknown scopes and bad lifetimes', async () => {
    const config = loadGatewayConfig({}, { DXHUB_KEYS_DIR: keysDir() });
    await expect(
      createDevelopmentToken(config, { org: '01', scopes: ['network:everything'] }),
    ).rejects.toThrow(TypeError);
    await expect(
      createDevelopmentToken(config, { org: '01', scopes: [], ttlSeconds: 0 }),
    ).rejects.toThrow(/ttlSeconds/);
    await expect(
      createDevelopmentToken(config, { org: '01', scopes: [], ttlSeconds: 10 ** 9 }),
    ).rejects.toThrow(/DXHUB_JWT_MAX_AGE/);
    await expect(createDevelopmentToken(config, { org: ' ', scopes: [] })).rejects.toThrow(
      /organisation code/,
    );
  });
});
