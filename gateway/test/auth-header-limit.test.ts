import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SCOPES } from '@dxhub/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevelopmentToken, loadGatewayConfig } from '../src/index.js';
import { startTestHub, TEST_SUBGRAPHS, type TestHub } from '../src/testing/index.js';
import { catchConfigError } from '@dxhub/kit/testing';

/** Smallest DXHUB_JWT_MAX_BYTES the configuration accepts. */
const MIN_JWT_MAX_BYTES = 2048;

describe('DXHUB_JWT_MAX_BYTES range', () => {
  it('rejects a limit below the minimum', () => {
    for (const value of ['512', String(MIN_JWT_MAX_BYTES - 1)]) {
      const error = catchConfigError(() => loadGatewayConfig({}, { DXHUB_JWT_MAX_BYTES: value }));
      expect(error.variable).toBe('DXHUB_JWT_MAX_BYTES');
      expect(error.message).toContain(`"${value}"`);
      expect(error.message).toContain(`from ${MIN_JWT_MAX_BYTES} to 65536`);
    }
  });

  it('accepts the minimum', () => {
    const config = loadGatewayConfig({}, { DXHUB_JWT_MAX_BYTES: String(MIN_JWT_MAX_BYTES) });
    expect(config.auth.maxHeaderBytes).toBe(MIN_JWT_MAX_BYTES);
  });

  it('keeps an all-scope token under half the minimum', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dxhub-token-size-'));
    try {
      const config = loadGatewayConfig({}, { DXHUB_KEYS_DIR: folder });
      const token = await createDevelopmentToken(config, {
        org: 'cuc-chuyen-doi-so-quoc-gia',
        scopes: [...SCOPES],
      });
      const headerBytes = Buffer.byteLength(`Bearer ${token}`);
      expect(headerBytes * 2).toBeLessThanOrEqual(MIN_JWT_MAX_BYTES);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('oversized Authorization header', () => {
  let t: TestHub;
  const oversized = `Bearer a.b.${'c'.repeat(3000)}`;
  const oversizedBytes = Buffer.byteLength(oversized);
  beforeAll(async () => {
    t = await startTestHub({
      subgraphs: TEST_SUBGRAPHS,
      env: { DXHUB_JWT_MAX_BYTES: String(MIN_JWT_MAX_BYTES) },
    });
  });
  afterAll(async () => t?.dispose());

  it('keeps the code and reason', async () => {
    const response = await t.post({ query: '{ alphaVersion }' }, { authorization: oversized });
    expect(response.status).toBe(401);
    const error = response.body.errors?.[0];
    expect(error?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(error?.extensions?.reason).toBe('TOKEN_TOO_LARGE');
    expect(error?.extensions?.maxBytes).toBe(MIN_JWT_MAX_BYTES);
  });

  it('names the limit and variable in English', async () => {
    const response = await t.post({ query: '{ alphaVersion }' }, { authorization: oversized });
    const message = response.body.errors?.[0]?.message;
    expect(message).toContain(`has ${oversizedBytes} bytes`);
    expect(message).toContain(`limit of ${MIN_JWT_MAX_BYTES} bytes set by DXHUB_JWT_MAX_BYTES`);
  });

  it('names the limit and variable in Vietnamese', async () => {
    const response = await t.post(
      { query: '{ alphaVersion }' },
      { authorization: oversized, 'accept-language': 'vi' },
    );
    const message = response.body.errors?.[0]?.message;
    expect(message).toContain(`có ${oversizedBytes} byte`);
    expect(message).toContain(`giới hạn ${MIN_JWT_MAX_BYTES} byte do DXHUB_JWT_MAX_BYTES đặt`);
  });
});
