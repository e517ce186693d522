import { describe, expect, it } from 'vitest';
import { ConfigError, loadBaseConfig } from '../src/index.js';
import { catchConfigError } from '../src/testing/index.js';

describe('ConfigError messages', () => {
  it('keeps English message and variable', () => {
    const error = new ConfigError('PORT', { en: 'English reason', vi: 'lý do tiếng Việt' });
    expect(error.message).toBe('PORT: English reason');
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.variable).toBe('PORT');
  });

  it('gives each language on request', () => {
    const error = new ConfigError('PORT', { en: 'English reason', vi: 'lý do tiếng Việt' });
    expect(error.messageFor('en')).toBe('PORT: English reason');
    expect(error.messageFor('vi')).toBe('PORT: lý do tiếng Việt');
  });

  it('falls back to English text', () => {
    const error = new ConfigError('DXHUB_X', 'only English');
    expect(error.messageFor('vi')).toBe('DXHUB_X: only English');
  });
});

describe('loadBaseConfig Vietnamese reasons', () => {
  const cases: { env: Record<string, string>; variable: string; en: string; vi: string }[] = [
    {
      env: { PORT: '70000' },
      variable: 'PORT',
      en: 'PORT: expected a whole number from 0 to 65535, got "70000"',
      vi: 'PORT: giá trị không hợp lệ "70000"; hãy đặt một số nguyên từ 0 đến 65535',
    },
    {
      env: { LOG_LEVEL: 'loud' },
      variable: 'LOG_LEVEL',
      en: 'LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent, got "loud"',
      vi: 'LOG_LEVEL: giá trị không hợp lệ "loud"; hãy chọn một trong fatal, error, warn, info, debug, trace, silent',
    },
    {
      env: { DATABASE_URL: 'not a url' },
      variable: 'DATABASE_URL',
      en: 'DATABASE_URL: is not a valid URL; expected postgres://USER@HOST:PORT/DATABASE',
      vi: 'DATABASE_URL: không phải URL hợp lệ; hãy đặt theo dạng postgres://USER@HOST:PORT/DATABASE',
    },
    {
      env: { AUDIT_DATABASE_URL: 'mysql://127.0.0.1/dxhub' },
      variable: 'AUDIT_DATABASE_URL',
      en: 'AUDIT_DATABASE_URL: has protocol "mysql:"; expected postgres://USER@HOST:PORT/DATABASE',
      vi: 'AUDIT_DATABASE_URL: có giao thức không hợp lệ "mysql:"; hãy đặt theo dạng postgres://USER@HOST:PORT/DATABASE',
    },
    {
      env: { DATABASE_URL: 'postgres://127.0.0.1:5432' },
      variable: 'DATABASE_URL',
      en: 'DATABASE_URL: needs a host and a database name: postgres://USER@HOST:PORT/DATABASE',
      vi: 'DATABASE_URL: thiếu tên máy chủ hoặc tên cơ sở dữ liệu; hãy đặt theo dạng postgres://USER@HOST:PORT/DATABASE',
    },
    {
      env: { DXHUB_JWT_ALGORITHMS: 'ES256,HS256' },
      variable: 'DXHUB_JWT_ALGORITHMS',
      en: 'DXHUB_JWT_ALGORITHMS: "HS256" is not allowed; choose from ES256, ES384, RS256, PS256, EdDSA',
      vi: 'DXHUB_JWT_ALGORITHMS: thuật toán "HS256" không được chấp nhận; hãy chọn trong ES256, ES384, RS256, PS256, EdDSA (không bao giờ chấp nhận thuật toán đối xứng và "none")',
    },
    {
      env: { DXHUB_JWKS_URL: 'keys' },
      variable: 'DXHUB_JWKS_URL',
      en: 'DXHUB_JWKS_URL: "keys" is not a valid URL; set the URL of the key set',
      vi: 'DXHUB_JWKS_URL: "keys" không phải URL hợp lệ; hãy đặt địa chỉ của bộ khóa ký mã thông báo truy cập',
    },
    {
      env: { DXHUB_ENV: 'production' },
      variable: 'DXHUB_JWKS_URL',
      en: 'DXHUB_JWKS_URL: is required when DXHUB_ENV=production',
      vi: 'DXHUB_JWKS_URL: bắt buộc khi DXHUB_ENV=production, vì khi đó không dùng khóa phát triển; hãy đặt biến này',
    },
  ];

  for (const { env, variable, en, vi } of cases) {
    it(`translates ${Object.entries(env)[0]?.join('=')}`, () => {
      const error = catchConfigError(() => loadBaseConfig({}, env));
      expect(error.variable).toBe(variable);
      expect(error.messageFor('en')).toContain(en);
      expect(error.message).toBe(error.messageFor('en'));
      expect(error.messageFor('vi')).toContain(vi);
      expect(error.messageFor('vi').normalize('NFC')).toBe(error.messageFor('vi'));
    });
  }
});
