import { MAX_BATCH_SIZE, rows } from '@dxhub/kit';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseIndicator, type IndicatorType } from '../src/domain/indicators.js';
import { stixPattern } from '../src/stix/patterns.js';
import { databaseError, READ, REPORT, startIncidents, type IncidentsHarness } from './helpers.js';

/** Valid inputs and the normal form each must be stored in; the punycode forms agree with Python's idna codec. */
const VALID: [IndicatorType, string, string][] = [
  ['IPV4', '203.0.113.7', '203.0.113.7'],
  ['IPV4', ' 0.0.0.0 ', '0.0.0.0'],
  ['IPV6', '2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
  ['IPV6', '2001:0db8:0000:0000:0001:0000:0000:0001', '2001:db8::1:0:0:1'],
  ['IPV6', '2001:0:0:1:0:0:0:1', '2001:0:0:1::1'],
  ['IPV6', '[::FFFF:c000:0280]', '::ffff:192.0.2.128'],
  ['IPV6', '0:0:0:0:0:0:0:0', '::'],
  ['CIDR', '198.51.100.0/24', '198.51.100.0/24'],
  ['CIDR', '10.0.0.0/8', '10.0.0.0/8'],
  ['CIDR', '2001:DB8:0::/32', '2001:db8::/32'],
  ['CIDR', '0.0.0.0/0', '0.0.0.0/0'],
  ['CIDR', '203.0.113.7/32', '203.0.113.7/32'],
  ['DOMAIN', 'Example.VN', 'example.vn'],
  ['DOMAIN', 'cổngthôngtin.việtnam.vn.', 'xn--cngthngtin-vbb7982g.xn--vitnam-jk8b.vn'],
  ['DOMAIN', '_dmarc.example.vn', '_dmarc.example.vn'],
  ['DOMAIN', 'xn--bcher-kva.example', 'xn--bcher-kva.example'],
  [
    'URL',
    'HTTPS://Example.VN:443/Đăng nhập?x=1',
    'https://example.vn/%C4%90%C4%83ng%20nh%E1%BA%ADp?x=1',
  ],
  ['URL', 'http://203.0.113.7:8080/payload.exe', 'http://203.0.113.7:8080/payload.exe'],
  ['URL', 'ftp://files.example.vn', 'ftp://files.example.vn/'],
  ['EMAIL', 'Phishing.Sender@MAIL.Example.VN', 'Phishing.Sender@mail.example.vn'],
  ['EMAIL', 'ho-tro@bộ.vn', 'ho-tro@xn--b-8xm.vn'],
  ['MD5', 'D41D8CD98F00B204E9800998ECF8427E', 'd41d8cd98f00b204e9800998ecf8427e'],
  ['SHA1', 'DA39A3EE5E6B4B0D3255BFEF95601890AFD80709', 'da39a3ee5e6b4b0d3255bfef95601890afd80709'],
  [
    'SHA256',
    'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855',
    'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  ],
];

/** Invalid inputs and the problem code each must be rejected with. */
const INVALID: [IndicatorType, string, string][] = [
  ['IPV4', '', 'EMPTY'],
  ['IPV4', '256.1.1.1', 'INVALID_IPV4'],
  ['IPV4', '010.1.1.1', 'INVALID_IPV4'],
  ['IPV4', '1.2.3', 'INVALID_IPV4'],
  ['IPV4', '2001:db8::1', 'WRONG_TYPE'],
  ['IPV4', '10.0.0.0/8', 'WRONG_TYPE'],
  ['IPV6', '2001:db8::g', 'INVALID_IPV6'],
  ['IPV6', '1:2:3:4:5:6:7:8:9', 'INVALID_IPV6'],
  ['IPV6', 'fe80::1%eth0', 'ZONE_ID_NOT_ALLOWED'],
  ['IPV6', '203.0.113.7', 'WRONG_TYPE'],
  ['CIDR', '198.51.100.7/24', 'HOST_BITS_SET'],
  ['CIDR', '2001:db8::1/32', 'HOST_BITS_SET'],
  ['CIDR', '10.0.0.0/33', 'INVALID_PREFIX_LENGTH'],
  ['CIDR', '2001:db8::/129', 'INVALID_PREFIX_LENGTH'],
  ['CIDR', '10.0.0.0/08', 'INVALID_PREFIX_LENGTH'],
  ['CIDR', '10.0.0.0', 'INVALID_CIDR'],
  ['CIDR', 'example.vn/24', 'INVALID_CIDR'],
  ['DOMAIN', 'localhost', 'INVALID_DOMAIN'],
  ['DOMAIN', '-bad.example.vn', 'INVALID_DOMAIN'],
  ['DOMAIN', 'bad-.example.vn', 'INVALID_DOMAIN'],
  ['DOMAIN', 'a..example.vn', 'INVALID_DOMAIN'],
  ['DOMAIN', 'tên miền.vn', 'INVALID_DOMAIN'],
  ['DOMAIN', `${'a'.repeat(64)}.vn`, 'INVALID_DOMAIN'],
  ['DOMAIN', `${'a.'.repeat(127)}vn`, 'DOMAIN_TOO_LONG'],
  ['DOMAIN', '203.0.113.7', 'WRONG_TYPE'],
  ['DOMAIN', 'https://example.vn/', 'WRONG_TYPE'],
  ['DOMAIN', 'evil[.]example.vn', 'DEFANGED'],
  ['URL', 'example.vn/login', 'INVALID_URL'],
  ['URL', 'javascript:alert(1)', 'UNSUPPORTED_URL_SCHEME'],
  ['URL', 'mailto:a@example.vn', 'UNSUPPORTED_URL_SCHEME'],
  ['URL', 'hxxps://evil.example.vn/', 'DEFANGED'],
  ['URL', `https://example.vn/${'a'.repeat(4100)}`, 'TOO_LONG'],
  ['EMAIL', 'no-at-sign.example.vn', 'INVALID_EMAIL'],
  ['EMAIL', '"quoted name"@example.vn', 'INVALID_EMAIL'],
  ['EMAIL', 'a..b@example.vn', 'INVALID_EMAIL'],
  ['EMAIL', `${'a'.repeat(65)}@example.vn`, 'INVALID_EMAIL'],
  ['EMAIL', 'user@localhost', 'INVALID_DOMAIN'],
  ['EMAIL', 'user[@]example.vn', 'DEFANGED'],
  ['MD5', 'd41d8cd98f00b204e9800998ecf8427', 'INVALID_HASH'],
  ['MD5', 'z41d8cd98f00b204e9800998ecf8427e', 'INVALID_HASH'],
  ['MD5', 'da39a3ee5e6b4b0d3255bfef95601890afd80709', 'WRONG_TYPE'],
  ['SHA1', 'd41d8cd98f00b204e9800998ecf8427e', 'WRONG_TYPE'],
  ['SHA1', 'da39a3ee5e6b4b0d3255bfef95601890afd8070', 'INVALID_HASH'],
  ['SHA256', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85', 'INVALID_HASH'],
  ['SHA256', '0x3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'INVALID_HASH'],
];

describe('indicator normalisation', () => {
  it.each(VALID)('%s accepts %j', (type, input, expected) => {
    const checked = normaliseIndicator(type, input);
    expect(checked).toEqual({ ok: true, type, value: expected });
  });

  it.each(INVALID)('%s rejects %j', (type, input, code) => {
    const checked = normaliseIndicator(type, input);
    expect(checked.ok).toBe(false);
    if (!checked.ok) {
      expect(checked.problem.code).toBe(code);
      expect(checked.problem.reason.en.length).toBeGreaterThan(0);
      expect(checked.problem.reason.vi.length).toBeGreaterThan(0);
    }
  });

  it('covers every type both ways', () => {
    const types = ['IPV4', 'IPV6', 'CIDR', 'DOMAIN', 'URL', 'EMAIL', 'MD5', 'SHA1', 'SHA256'];
    expect(new Set(VALID.map(([type]) => type))).toEqual(new Set(types));
    expect(new Set(INVALID.map(([type]) => type))).toEqual(new Set(types));
  });
});

describe('STIX patterns', () => {
  it.each([
    ['IPV4', '203.0.113.7', "[ipv4-addr:value = '203.0.113.7']"],
    ['IPV6', '2001:db8::1', "[ipv6-addr:value = '2001:db8::1']"],
    ['CIDR', '198.51.100.0/24', "[ipv4-addr:value ISSUBSET '198.51.100.0/24']"],
    ['CIDR', '2001:db8::/32', "[ipv6-addr:value ISSUBSET '2001:db8::/32']"],
    ['DOMAIN', 'example.vn', "[domain-name:value = 'example.vn']"],
    ['URL', "https://example.vn/a'b\\c", "[url:value = 'https://example.vn/a\\'b\\\\c']"],
    ['EMAIL', "o'neil@example.vn", "[email-addr:value = 'o\\'neil@example.vn']"],
    [
      'MD5',
      'd41d8cd98f00b204e9800998ecf8427e',
      "[file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e']",
    ],
    [
      'SHA1',
      'da39a3ee5e6b4b0d3255bfef95601890afd80709',
      "[file:hashes.'SHA-1' = 'da39a3ee5e6b4b0d3255bfef95601890afd80709']",
    ],
    ['SHA256', 'ab'.repeat(32), `[file:hashes.'SHA-256' = '${'ab'.repeat(32)}']`],
  ] as [IndicatorType, string, string][])('%s pattern for %s', (type, value, pattern) => {
    expect(stixPattern(type, value)).toBe(pattern);
  });
});

describe('indicators through GraphQL', () => {
  let h: IncidentsHarness;
  beforeAll(async () => {
    h = await startIncidents();
  });
  afterAll(async () => h?.sg.dispose());

  const ADD = /* GraphQL */ `
    mutation ($id: ID!, $indicators: [IndicatorInput!]!) {
      addIncidentIndicators(id: $id, indicators: $indicators) {
        indicators {
          id
          type
          value
        }
      }
    }
  `;

  it('stores every valid value normalised', async () => {
    const id = await h.report('001', {});
    const inputs = VALID.map(([type, value]) => ({ type, value }));
    const data = await h.ok(ADD, { id, indicators: inputs }, '001', REPORT);
    const stored = data.addIncidentIndicators.indicators.map(
      (row: { type: string; value: string }) => `${row.type} ${row.value}`,
    );
    expect(stored.sort()).toEqual(VALID.map(([type, , expected]) => `${type} ${expected}`).sort());
  });

  it('shares one record across incidents', async () => {
    const first = await h.report('001', {
      indicators: [{ type: 'DOMAIN', value: 'Máy-Chủ-Điều-Khiển.example.vn' }],
    });
    const second = await h.report('79', {
      indicators: [{ type: 'DOMAIN', value: 'máy-chủ-điều-khiển.EXAMPLE.vn.' }],
    });
    const data = await h.ok(
      '{ indicator(type: DOMAIN, value: "MÁY-CHỦ-ĐIỀU-KHIỂN.example.vn") { value incidents { totalCount nodes { id } } } }',
      undefined,
      '01',
      READ,
    );
    expect(data.indicator.value).toBe('xn--my-ch-iu-khin-3db93e7319aeba05c.example.vn');
    expect(data.indicator.incidents.totalCount).toBe(2);
    expect(data.indicator.incidents.nodes.map((node: { id: string }) => node.id).sort()).toEqual(
      [first, second].sort(),
    );
    const count = await h.sg.db.database.db.execute(
      sql`select count(*)::int as n from incidents.indicators where value = ${data.indicator.value}`,
    );
    expect(rows<{ n: number }>(count)[0]?.n).toBe(1);
  });

  it('repeated values in one request link once', async () => {
    const id = await h.report('001', {
      indicators: [
        { type: 'IPV6', value: '2001:DB8::99' },
        { type: 'IPV6', value: '2001:db8:0:0::99' },
      ],
    });
    const data = await h.ok(
      'query($id: ID!) { incident(id: $id) { indicators { value } } }',
      { id },
      '001',
      READ,
    );
    expect(data.incident.indicators).toEqual([{ value: '2001:db8::99' }]);
  });

  it('rejects a batch with invalid values', async () => {
    const id = await h.report('001', {});
    const result = await h.sg.run(
      ADD,
      {
        id,
        indicators: [
          { type: 'IPV4', value: '198.51.100.1' },
          { type: 'IPV4', value: '198.51.100.300' },
          { type: 'EMAIL', value: 'người dùng@example.vn' },
        ],
      },
      { org: '001', scopes: REPORT, locale: 'vi' },
    );
    const error = result.errors?.[0];
    expect(error?.extensions?.code).toBe('INCIDENTS_INVALID_INDICATOR');
    const fieldErrors = error?.extensions?.fieldErrors as {
      field: string;
      code: string;
      value?: string;
    }[];
    expect(fieldErrors.map((e) => [e.field, e.code])).toEqual([
      ['indicators.1.value', 'INVALID_IPV4'],
      ['indicators.2.value', 'INVALID_EMAIL'],
    ]);
    expect(fieldErrors[0]?.value).toBe('198.51.100.300');
    expect(fieldErrors[1]).not.toHaveProperty('value');
    expect(error?.message).toContain('198.51.100.300');
    expect(error?.message).toContain('dấu hiệu xâm phạm (IOC)');
    expect(error?.message).toContain('2 trên 3');
    expect(JSON.stringify(result.errors)).not.toContain('người dùng');

    const data = await h.ok(
      'query($id: ID!) { incident(id: $id) { indicators { value } } }',
      { id },
      '001',
      READ,
    );
    expect(data.incident.indicators).toEqual([]);
  });

  it('rejects a report with an invalid value', async () => {
    const before = await h.ok('{ incidents { totalCount } }', undefined, '001', READ);
    const result = await h.sg.run(
      'mutation($input: ReportIncidentInput!) { reportIncident(input: $input) { id } }',
      {
        input: {
          title: 'Báo cáo có IOC sai',
          description: '',
          category: 'MALICIOUS_CODE',
          severity: 'LOW',
          tlp: 'GREEN',
          detectedAt: '2025-01-01T00:00:00Z',
          indicators: [{ type: 'SHA256', value: 'không-phải-mã-băm' }],
        },
      },
      { org: '001', scopes: REPORT },
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('INCIDENTS_INVALID_INDICATOR');
    const after = await h.ok('{ incidents { totalCount } }', undefined, '001', READ);
    expect(after.incidents.totalCount).toBe(before.incidents.totalCount);
  });

  it('removal keeps the shared record', async () => {
    const first = await h.report('001', {
      indicators: [{ type: 'MD5', value: '0123456789abcdef0123456789abcdef' }],
    });
    await h.report('001', {
      indicators: [{ type: 'MD5', value: '0123456789ABCDEF0123456789ABCDEF' }],
    });
    const lookup =
      '{ indicator(type: MD5, value: "0123456789abcdef0123456789abcdef") { id incidents { totalCount } } }';
    const before = await h.ok(lookup, undefined, '001', READ);
    expect(before.indicator.incidents.totalCount).toBe(2);

    await h.ok(
      'mutation($id: ID!, $indicator: ID!) { removeIncidentIndicator(id: $id, indicatorId: $indicator) { id } }',
      { id: first, indicator: before.indicator.id },
      '001',
      REPORT,
    );
    const after = await h.ok(lookup, undefined, '001', READ);
    expect(after.indicator.id).toBe(before.indicator.id);
    expect(after.indicator.incidents.totalCount).toBe(1);
    const timeline = await h.ok(
      'query($id: ID!) { incident(id: $id) { timeline { kind fromValue } } }',
      { id: first },
      '001',
      READ,
    );
    expect(timeline.incident.timeline.at(-1)).toEqual({
      kind: 'INDICATOR_REMOVED',
      fromValue: 'MD5 0123456789abcdef0123456789abcdef',
    });
  });

  it('removing an unlinked indicator is not found', async () => {
    const id = await h.report('001', {});
    const result = await h.sg.run(
      'mutation($id: ID!) { removeIncidentIndicator(id: $id, indicatorId: "00000000-0000-4000-8000-000000000000") { id } }',
      { id },
      { org: '001', scopes: REPORT },
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('look-up rejects an invalid value', async () => {
    const result = await h.sg.run(
      '{ indicator(type: IPV4, value: "999.1.1.1") { id } }',
      undefined,
      {
        org: '001',
        scopes: READ,
      },
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('INCIDENTS_INVALID_INDICATOR');
    expect(result.errors?.[0]?.extensions?.fieldErrors).toEqual([
      { field: 'value', code: 'INVALID_IPV4', message: expect.any(String), value: '999.1.1.1' },
    ]);
  });

  it('rejects more than the batch limit', async () => {
    const id = await h.report('001', {});
    const indicators = Array.from({ length: MAX_BATCH_SIZE + 1 }, (_, index) => ({
      type: 'IPV4',
      value: `10.${Math.floor(index / 65536)}.${Math.floor(index / 256) % 256}.${index % 256}`,
    }));
    const result = await h.sg.run(ADD, { id, indicators }, { org: '001', scopes: REPORT });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.field).toBe('indicators');
    expect(result.errors?.[0]?.message).toContain(String(MAX_BATCH_SIZE));
  });

  it('look-up by values needs the type', async () => {
    const result = await h.sg.run(
      '{ indicators(filter: { values: ["example.vn"] }) { totalCount } }',
      undefined,
      {
        org: '001',
        scopes: READ,
      },
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.field).toBe('filter.type');
  });

  it('look-up rejection says nothing was read', async () => {
    const query = '{ indicators(filter: { type: DOMAIN, values: ["a b"] }) { totalCount } }';
    const en = await h.sg.run(query, undefined, { org: '001', scopes: READ });
    const enError = en.errors?.[0];
    expect(enError?.extensions?.code).toBe('INCIDENTS_INVALID_INDICATOR');
    expect(enError?.extensions?.fieldErrors).toEqual([
      {
        field: 'filter.values.0',
        code: 'INVALID_DOMAIN',
        message: expect.any(String),
        value: 'a b',
      },
    ]);
    expect(enError?.message).toBe(
      'Invalid DOMAIN indicator at filter.values.0: "a b": expected a domain name such as example.vn, with labels of letters, digits and inner hyphens. 1 of 1 values to look up are invalid for their type, so nothing was read. Correct them and send the query again.',
    );
    expect(enError?.message).not.toContain('saved');

    const vi = await h.sg.run(query, undefined, { org: '001', scopes: READ, locale: 'vi' });
    const viError = vi.errors?.[0];
    expect(viError?.extensions?.code).toBe('INCIDENTS_INVALID_INDICATOR');
    expect(viError?.message).toContain('ví dụ example.vn');
    expect(viError?.message).toContain(
      '1 trên 1 giá trị cần tra cứu không hợp lệ với loại đã chọn nên chưa có dữ liệu nào được đọc.',
    );
    expect(viError?.message).not.toContain('được lưu');

    const single = await h.sg.run('{ indicator(type: DOMAIN, value: "a b") { id } }', undefined, {
      org: '001',
      scopes: READ,
    });
    expect(single.errors?.[0]?.message).toContain('nothing was read');
  });

  it('look-up normalises values', async () => {
    await h.report('001', { indicators: [{ type: 'CIDR', value: '192.0.2.0/24' }] });
    const data = await h.ok(
      '{ indicators(filter: { type: CIDR, values: ["192.0.2.0/24", "2001:DB8:FFFF::/48"] }) { totalCount nodes { value stixPattern } } }',
      undefined,
      '01',
      READ,
    );
    expect(data.indicators.nodes).toEqual([
      { value: '192.0.2.0/24', stixPattern: "[ipv4-addr:value ISSUBSET '192.0.2.0/24']" },
    ]);
  });

  it('database rejects non-canonical values', async () => {
    const db = h.sg.db.database.db;
    const attempts: [string, string][] = [
      ['IPV4', '010.0.0.1'],
      ['IPV6', '2001:DB8::1'],
      ['IPV6', '2001:db8:0:0::1'],
      ['CIDR', '10.0.0.1/8'],
      ['CIDR', '10.0.0.1'],
      ['DOMAIN', 'Example.vn'],
      ['EMAIL', 'user@Example.vn'],
      ['URL', 'not a url'],
      ['MD5', 'D41D8CD98F00B204E9800998ECF8427E'],
      ['SHA1', 'abc'],
      ['SHA256', 'abc'],
      ['ASN', '64500'],
    ];
    for (const [type, value] of attempts) {
      const message = await databaseError(
        db.execute(sql`insert into incidents.indicators (type, value) values (${type}, ${value})`),
      );
      // A malformed address fails its cast to inet or cidr before the check can compare it.
      expect(message, `${type} ${value}`).toMatch(
        /indicators_(value|type)_check|invalid input syntax|invalid cidr value/,
      );
    }
    await db.execute(
      sql`insert into incidents.indicators (type, value) values ('IPV6', '2001:db8::abcd')`,
    );
  });
});
