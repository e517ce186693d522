import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadBaseConfig, type AuthConfig } from '../config.js';
import {
  createTokenVerifier,
  signDevelopmentToken,
  type LocalKeys,
  type TokenVerifier,
} from '../auth/keys.js';

export interface TestAuth {
  config: AuthConfig;
  verifier: TokenVerifier;
  keys: LocalKeys;
  /** Signs a valid token for an organisation with the given scopes. */
  token(
    orgCode: string,
    scopes: string[],
    options?: { subject?: string; ttlSeconds?: number },
  ): Promise<string>;
  /** The same as {@link token}, as an `Authorization` header value. */
  bearer(orgCode: string, scopes: string[], options?: { subject?: string }): Promise<string>;
}

/** Creates a throw-away key pair and a verifier that trusts it. */
export async function createTestAuth(): Promise<TestAuth> {
  const keysDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dxhub-keys-'));
  const config = loadBaseConfig({}, { DXHUB_KEYS_DIR: keysDir }).auth;
  const { verifier, localKeys } = await createTokenVerifier(config, true);
  const keys = localKeys as LocalKeys;
  const token: TestAuth['token'] = (orgCode, scopes, options = {}) =>
    signDevelopmentToken(keys, config, { orgCode, scopes, ...options });
  return {
    config,
    verifier,
    keys,
    token,
    bearer: async (orgCode, scopes, options) => `Bearer ${await token(orgCode, scopes, options)}`,
  };
}
