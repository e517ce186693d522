import { describe, expect, it } from 'vitest';
import { freshHome, hasStackTrace, runCli } from './helpers.js';

const VIETNAMESE = { LANG: 'vi_VN.UTF-8' };

/** The pointer to --help that ends every Vietnamese usage error. */
const VI_HELP = 'Chạy "dxhub --help" để xem các tùy chọn.';

describe('configuration errors in Vietnamese', () => {
  const cases: { name: string; args?: string[]; env: Record<string, string>; line: string }[] = [
    {
      name: 'PORT out of range',
      env: { PORT: '70000' },
      line: 'dxhub start không thành công: PORT: giá trị không hợp lệ "70000"; hãy đặt một số nguyên từ 0 đến 65535 [CONFIG_INVALID]',
    },
    {
      name: 'LOG_LEVEL not a choice',
      env: { LOG_LEVEL: 'loud' },
      line: 'LOG_LEVEL: giá trị không hợp lệ "loud"; hãy chọn một trong fatal, error, warn, info, debug, trace, silent [CONFIG_INVALID]',
    },
    {
      name: 'DATABASE_URL not a URL',
      env: { DATABASE_URL: 'not a url' },
      line: 'DATABASE_URL: không phải URL hợp lệ; hãy đặt theo dạng postgres://USER@HOST:PORT/DATABASE [CONFIG_INVALID]',
    },
    {
      name: 'DATABASE_URL of another protocol',
      env: { DATABASE_URL: 'mysql://127.0.0.1/dxhub' },
      line: 'DATABASE_URL: có giao thức không hợp lệ "mysql:"',
    },
    {
      name: 'DATABASE_URL without a database',
      env: { DATABASE_URL: 'postgres://127.0.0.1:5432' },
      line: 'DATABASE_URL: thiếu tên máy chủ hoặc tên cơ sở dữ liệu',
    },
    {
      name: 'DXHUB_JWT_ALGORITHMS with HS256',
      env: { DXHUB_JWT_ALGORITHMS: 'HS256' },
      line: 'DXHUB_JWT_ALGORITHMS: thuật toán "HS256" không được chấp nhận',
    },
    {
      name: 'DXHUB_JWKS_URL not a URL',
      env: { DXHUB_JWKS_URL: 'keys' },
      line: 'DXHUB_JWKS_URL: "keys" không phải URL hợp lệ; hãy đặt địa chỉ của bộ khóa ký mã thông báo truy cập',
    },
    {
      name: 'DXHUB_JWKS_URL missing in production',
      env: { DXHUB_ENV: 'production' },
      line: 'DXHUB_JWKS_URL: bắt buộc khi DXHUB_ENV=production',
    },
    {
      name: 'NETWORK_URL not a URL',
      args: ['start', '--services'],
      env: { NETWORK_URL: 'not a url' },
      line: 'NETWORK_URL: "not a url" không phải URL hợp lệ; hãy đặt theo dạng http://HOST:PORT/graphql [CONFIG_INVALID]',
    },
    {
      name: 'STAFFING_URL of another protocol',
      args: ['start', '--services'],
      env: { STAFFING_URL: 'ftp://127.0.0.1/graphql' },
      line: 'STAFFING_URL: có giao thức không hợp lệ "ftp:"; hãy dùng http: hoặc https:',
    },
    {
      name: 'DXHUB_RATE_READS_SUBJECT malformed',
      env: { DXHUB_RATE_READS_SUBJECT: 'fast' },
      line: 'DXHUB_RATE_READS_SUBJECT: giá trị không hợp lệ "fast"; hãy đặt theo dạng SỐ_MỖI_PHÚT',
    },
    {
      name: 'DXHUB_RATE_EXPORT_FIELDS without a field',
      env: { DXHUB_RATE_EXPORT_FIELDS: ' , ' },
      line: 'DXHUB_RATE_EXPORT_FIELDS: " , " không nêu trường nào',
    },
    {
      name: 'DXHUB_RATE_EXPORT_FIELDS with a bad name',
      env: { DXHUB_RATE_EXPORT_FIELDS: 'export-results' },
      line: 'DXHUB_RATE_EXPORT_FIELDS: "export-results" không phải tên trường GraphQL',
    },
    {
      name: 'DXHUB_CORS_ORIGINS not an origin',
      env: { DXHUB_CORS_ORIGINS: 'portal' },
      line: 'DXHUB_CORS_ORIGINS: "portal" không phải là một origin',
    },
    {
      name: 'DXHUB_CORS_ORIGINS with a path',
      env: { DXHUB_CORS_ORIGINS: 'https://portal.example.gov.vn/app' },
      line: 'không phải là một origin; hãy đặt theo dạng SCHEME://HOST[:PORT], không có đường dẫn',
    },
    {
      name: 'DXHUB_CORS_MAX_AGE out of range',
      env: { DXHUB_CORS_MAX_AGE: '90000' },
      line: 'DXHUB_CORS_MAX_AGE: giá trị không hợp lệ "90000"; hãy đặt một số giây nguyên từ 0 đến 86400',
    },
    {
      name: 'DXHUB_MAX_DEPTH below minimum',
      env: { DXHUB_MAX_DEPTH: '0' },
      line: 'DXHUB_MAX_DEPTH: giá trị không hợp lệ "0"; hãy đặt một số nguyên từ 1 đến 100',
    },
  ];

  for (const { name, args = ['start'], env, line } of cases) {
    it(`names ${name}`, async () => {
      const result = await runCli(args, { ...VIETNAMESE, DXHUB_HOME: freshHome(), ...env });
      expect(result.code, result.stderr).toBe(1);
      expect(result.stderr).toContain(line);
      expect(result.stderr).toContain('[CONFIG_INVALID]');
      expect(hasStackTrace(result.stderr)).toBe(false);
    });
  }

  it('keeps English under --lang en', async () => {
    const result = await runCli(['--lang', 'en', 'start'], { ...VIETNAMESE, PORT: '70000' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'dxhub start failed: PORT: expected a whole number from 0 to 65535, got "70000" [CONFIG_INVALID]',
    );
  });
});

describe('usage errors in Vietnamese', () => {
  const cases: { name: string; args: string[]; line: string }[] = [
    {
      name: 'unknown option',
      args: ['start', '--prot', '4001'],
      line: 'Không có tùy chọn "--prot"; lệnh này nhận các tùy chọn --port, --host, --subgraph, --services',
    },
    {
      name: 'option of a command without options',
      args: ['migrate', '--force'],
      line: 'Không có tùy chọn "--force"; lệnh này không nhận tùy chọn nào',
    },
    {
      name: 'missing option value',
      args: ['token', '--org'],
      line: 'Thiếu giá trị cho --org; hãy ghi --org GIÁ_TRỊ hoặc --org=GIÁ_TRỊ',
    },
    {
      name: 'option value starting with a dash',
      args: ['start', '--port', '--services'],
      line: 'Thiếu giá trị cho --port: đối số tiếp theo "--services" bắt đầu bằng dấu gạch ngang',
    },
    {
      name: 'value given to a flag',
      args: ['audit', 'verify', '--json=yes'],
      line: '--json không nhận giá trị, nhưng lại được ghi kèm "yes"; hãy ghi riêng --json',
    },
    {
      name: 'unexpected argument',
      args: ['migrate', 'now'],
      line: 'Thừa đối số "now"; lệnh này chỉ nhận tùy chọn',
    },
    {
      name: 'bad --lang',
      args: ['--lang', 'fr', 'start'],
      line: '--lang chỉ nhận vi hoặc en, không nhận "fr"',
    },
    {
      name: 'bad --port',
      args: ['start', '--port', '99999'],
      line: 'Giá trị không hợp lệ ở --port: "99999"; hãy dùng một số nguyên từ 0 đến 65535',
    },
    {
      name: 'unknown subgraph',
      args: ['start', '--subgraph', 'payroll'],
      line: 'Không có dịch vụ con "payroll"; hãy chọn một trong network, staffing',
    },
    {
      name: 'missing --org',
      args: ['token', '--scope', 'network:read'],
      line: 'Thiếu --org: mã tổ chức của người gọi',
    },
    {
      name: 'unknown scope',
      args: ['token', '--org', '01', '--scope', 'network:read everything'],
      line: 'Giá trị không hợp lệ ở --scope: không có phạm vi quyền everything; hãy chọn trong các phạm vi quyền network:read',
    },
    {
      name: 'bad --ttl',
      args: ['token', '--org', '01', '--ttl', '5'],
      line: 'Giá trị không hợp lệ ở --ttl: "5"; hãy dùng một số giây nguyên từ 60 đến 86400 (DXHUB_JWT_MAX_AGE)',
    },
    {
      name: 'unknown import kind',
      args: ['import', 'places', 'package.json'],
      line: 'Lệnh import cần đối số đầu tiên là "units" hoặc "agencies", không nhận "places"',
    },
    {
      name: 'extra import argument',
      args: ['import', 'agencies', 'package.json', 'extra.json'],
      line: 'Thừa đối số "extra.json"; lệnh import chỉ nhận một TỆP',
    },
    {
      name: 'missing import file',
      args: ['import', 'agencies'],
      line: 'Thiếu FILE: đường dẫn tệp cần nhập',
    },
    {
      name: 'missing --effective',
      args: ['import', 'units', 'package.json'],
      line: 'Thiếu --effective: ngày danh mục có hiệu lực, dạng YYYY-MM-DD',
    },
    {
      name: 'malformed --effective',
      args: ['import', 'units', 'package.json', '--effective', '2025-02-30'],
      line: 'Giá trị không hợp lệ ở --effective: "2025-02-30" không phải ngày dạng YYYY-MM-DD',
    },
    {
      name: '--effective on agencies',
      args: ['import', 'agencies', 'package.json', '--effective', '2025-07-01'],
      line: 'Lệnh import agencies không nhận --effective hay --mapping; hãy bỏ các tùy chọn này',
    },
    {
      name: 'unknown audit action',
      args: ['audit', 'check'],
      line: 'Lệnh audit cần "verify", "export" hoặc "grant", không nhận "check"',
    },
    {
      name: 'bad audit --action',
      args: ['audit', 'export', '--action', 'DELETE'],
      line: 'Giá trị không hợp lệ ở --action: "DELETE"; hãy chọn một trong MUTATION, PII_READ, RESTRICTED_READ',
    },
    {
      name: 'bad audit --from',
      args: ['audit', 'export', '--from', '01/07/2025'],
      line: 'Giá trị không hợp lệ ở --from: "01/07/2025"; hãy dùng ngày dạng YYYY-MM-DD hoặc thời điểm ISO 8601 có độ lệch múi giờ',
    },
    {
      name: 'audit grant without a role',
      args: ['audit', 'grant'],
      line: 'Lệnh audit grant cần tên một vai trò PostgreSQL, ví dụ dxhub audit grant VAI_TRÒ',
    },
    {
      name: 'audit grant with two roles',
      args: ['audit', 'grant', 'reader', 'writer'],
      line: 'Lệnh audit grant chỉ nhận tên một vai trò PostgreSQL, không nhận 2 tên: reader, writer',
    },
  ];

  for (const { name, args, line } of cases) {
    it(`explains ${name}`, async () => {
      const result = await runCli(args, { ...VIETNAMESE, DXHUB_HOME: freshHome() });
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain(line);
      expect(result.stderr).toContain(VI_HELP);
      expect(hasStackTrace(result.stderr)).toBe(false);
    });
  }

  it('keeps English for an unknown option by default', async () => {
    const result = await runCli(['start', '--prot', '4001']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'Unknown option "--prot"; this command takes --port, --host, --subgraph, --services. Run "dxhub --help" to see the options.',
    );
  });
});
