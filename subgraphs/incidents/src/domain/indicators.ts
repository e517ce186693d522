import { isIP, SocketAddress } from 'node:net';
import { domainToASCII } from 'node:url';
import ipaddr from 'ipaddr.js';
import type { Label } from './taxonomy.js';

export const INDICATOR_TYPES = [
  'IPV4',
  'IPV6',
  'CIDR',
  'DOMAIN',
  'URL',
  'EMAIL',
  'MD5',
  'SHA1',
  'SHA256',
] as const;
export type IndicatorType = (typeof INDICATOR_TYPES)[number];

/** Maximum length of a value before normalisation, so a pasted document is rejected early. */
export const MAX_INDICATOR_INPUT_LENGTH = 4096;
/** Longest normalised URL kept. STIX sets no limit; common browsers and proxies stop near here. */
export const MAX_URL_LENGTH = 4096;
const MAX_DOMAIN_LENGTH = 253;
const MAX_LABEL_LENGTH = 63;
const MAX_EMAIL_LENGTH = 254;
const MAX_LOCAL_PART_LENGTH = 64;

/** Why a value was rejected: a stable code for programs and a reason for people. */
export interface IndicatorProblem {
  code: string;
  reason: Label;
}

export type IndicatorCheck =
  | { ok: true; type: IndicatorType; value: string }
  | { ok: false; type: IndicatorType; problem: IndicatorProblem };

const URL_SCHEMES = new Set(['http:', 'https:', 'ftp:', 'ws:', 'wss:']);
const HASH_LENGTHS: Record<'MD5' | 'SHA1' | 'SHA256', number> = { MD5: 32, SHA1: 40, SHA256: 64 };
const HEX = /^[0-9a-f]+$/;
/** Defanging marks analysts add so a value cannot be clicked: hxxp, [.], (.), [@], [:]. */
const DEFANGED = /^hxxps?:|\[\.\]|\(\.\)|\[@\]|\[:\]/i;
/** RFC 5322 dot-atom: atext runs separated by single dots. Quoted local parts are not accepted. */
const DOT_ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
/** One DNS label after IDNA conversion; underscores occur in real DNS names (`_dmarc`). */
const DNS_LABEL = /^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?$/;

function problem(code: string, en: string, vi: string): IndicatorProblem {
  return { code, reason: { en, vi } };
}

function fail(type: IndicatorType, found: IndicatorProblem): IndicatorCheck {
  return { ok: false, type, problem: found };
}

/** Suggests the type a value looks like, for the hint in a rejection. */
function typeHint(value: string): IndicatorProblem | null {
  const family = isIP(value);
  if (family === 4)
    return problem(
      'WRONG_TYPE',
      'it is an IPv4 address; use type IPV4',
      'đây là địa chỉ IPv4; hãy dùng loại IPV4',
    );
  if (family === 6)
    return problem(
      'WRONG_TYPE',
      'it is an IPv6 address; use type IPV6',
      'đây là địa chỉ IPv6; hãy dùng loại IPV6',
    );
  if (value.includes('/') && isIP(value.slice(0, value.lastIndexOf('/'))) !== 0) {
    return problem(
      'WRONG_TYPE',
      'it is an address block; use type CIDR',
      'đây là dải địa chỉ; hãy dùng loại CIDR',
    );
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value))
    return problem('WRONG_TYPE', 'it is a URL; use type URL', 'đây là URL; hãy dùng loại URL');
  if (value.includes('@'))
    return problem(
      'WRONG_TYPE',
      'it is an e-mail address; use type EMAIL',
      'đây là địa chỉ e-mail; hãy dùng loại EMAIL',
    );
  return null;
}

/** Formats an IPv6 address as RFC 5952 prescribes: lower case, longest zero run compressed. */
function canonicalIpv6(address: string): string {
  return new SocketAddress({ address, family: 'ipv6' }).address;
}

function normaliseIpv4(raw: string): IndicatorCheck {
  if (isIP(raw) === 4) return { ok: true, type: 'IPV4', value: raw };
  return fail(
    'IPV4',
    typeHint(raw) ??
      problem(
        'INVALID_IPV4',
        'expected four decimal numbers 0-255 without leading zeros, such as 203.0.113.7',
        'cần bốn số thập phân từ 0 đến 255, không có số 0 ở đầu, ví dụ 203.0.113.7',
      ),
  );
}

function normaliseIpv6(raw: string): IndicatorCheck {
  const bare = raw.startsWith('[') && raw.endsWith(']') ? raw.slice(1, -1) : raw;
  if (bare.includes('%')) {
    return fail(
      'IPV6',
      problem(
        'ZONE_ID_NOT_ALLOWED',
        'a zone index (%...) names an interface of one host; remove it',
        'chỉ số vùng (%...) chỉ có nghĩa trên một máy; hãy bỏ phần này',
      ),
    );
  }
  if (isIP(bare) === 6) return { ok: true, type: 'IPV6', value: canonicalIpv6(bare) };
  return fail(
    'IPV6',
    typeHint(bare) ??
      problem(
        'INVALID_IPV6',
        'expected an IPv6 address such as 2001:db8::1',
        'cần một địa chỉ IPv6, ví dụ 2001:db8::1',
      ),
  );
}

function normaliseCidr(raw: string): IndicatorCheck {
  const slash = raw.lastIndexOf('/');
  const address = slash > 0 ? raw.slice(0, slash) : raw;
  const prefixText = slash > 0 ? raw.slice(slash + 1) : '';
  const family = isIP(address);
  if (slash <= 0 || family === 0) {
    return fail(
      'CIDR',
      problem(
        'INVALID_CIDR',
        'expected an address, a slash and a prefix length, such as 198.51.100.0/24 or 2001:db8::/32',
        'cần địa chỉ, dấu gạch chéo và độ dài tiền tố, ví dụ 198.51.100.0/24 hoặc 2001:db8::/32',
      ),
    );
  }
  const maxPrefix = family === 4 ? 32 : 128;
  const prefix = /^(0|[1-9]\d{0,2})$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix >= 0 && prefix <= maxPrefix)) {
    return fail(
      'CIDR',
      problem(
        'INVALID_PREFIX_LENGTH',
        `the prefix length "${prefixText}" must be a whole number from 0 to ${maxPrefix}`,
        `độ dài tiền tố "${prefixText}" phải là số nguyên từ 0 đến ${maxPrefix}`,
      ),
    );
  }

  const bytes = ipaddr.parse(address).toByteArray();
  const network = bytes.map((byte, index) => {
    const bitsKept = Math.min(8, Math.max(0, prefix - index * 8));
    return byte & ((0xff << (8 - bitsKept)) & 0xff);
  });
  const networkAddress =
    family === 4 ? network.join('.') : canonicalIpv6(ipaddr.fromByteArray(network).toString());
  const givenAddress = family === 4 ? address : canonicalIpv6(address);
  if (networkAddress !== givenAddress) {
    return fail(
      'CIDR',
      problem(
        'HOST_BITS_SET',
        `the address has bits set after the prefix; the block is ${networkAddress}/${prefix}`,
        `địa chỉ có bit khác 0 sau tiền tố; dải đúng là ${networkAddress}/${prefix}`,
      ),
    );
  }
  return { ok: true, type: 'CIDR', value: `${networkAddress}/${prefix}` };
}

/**
 * Converts a domain name to lower-case ASCII (IDNA, through the WHATWG URL rules Node
 * implements) and checks DNS label syntax. Returns the name or a problem.
 */
function asciiDomain(
  raw: string,
): { ok: true; value: string } | { ok: false; problem: IndicatorProblem } {
  const withoutRoot = raw.endsWith('.') ? raw.slice(0, -1) : raw;
  const ascii = domainToASCII(withoutRoot);
  const invalid = problem(
    'INVALID_DOMAIN',
    'expected a domain name such as example.vn, with labels of letters, digits and inner hyphens',
    'cần một tên miền, ví dụ example.vn, gồm các nhãn chữ, số và dấu gạch nối ở giữa',
  );
  if (!ascii) return { ok: false, problem: invalid };
  if (ascii.length > MAX_DOMAIN_LENGTH) {
    return {
      ok: false,
      problem: problem(
        'DOMAIN_TOO_LONG',
        `the name has ${ascii.length} characters in ASCII form; at most ${MAX_DOMAIN_LENGTH} are allowed`,
        `tên miền dài ${ascii.length} ký tự ở dạng ASCII; tối đa ${MAX_DOMAIN_LENGTH} ký tự`,
      ),
    };
  }
  const labels = ascii.split('.');
  if (
    labels.length < 2 ||
    labels.some((label) => label.length > MAX_LABEL_LENGTH || !DNS_LABEL.test(label))
  ) {
    return { ok: false, problem: invalid };
  }
  if (/^\d+$/.test(labels.at(-1) ?? '')) {
    return {
      ok: false,
      problem:
        typeHint(withoutRoot) ??
        problem(
          'INVALID_DOMAIN',
          'the top-level label cannot be all digits',
          'nhãn cấp cao nhất không thể chỉ gồm chữ số',
        ),
    };
  }
  return { ok: true, value: ascii };
}

function normaliseDomain(raw: string): IndicatorCheck {
  const hint = /[/@:]/.test(raw) ? typeHint(raw) : null;
  if (hint) return fail('DOMAIN', hint);
  const domain = asciiDomain(raw);
  return domain.ok
    ? { ok: true, type: 'DOMAIN', value: domain.value }
    : fail('DOMAIN', domain.problem);
}

function normaliseUrl(raw: string): IndicatorCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return fail(
      'URL',
      problem(
        'INVALID_URL',
        'expected an absolute URL with its scheme, such as https://example.vn/login',
        'cần một URL đầy đủ có giao thức, ví dụ https://example.vn/login',
      ),
    );
  }
  if (!URL_SCHEMES.has(url.protocol) || !url.hostname) {
    return fail(
      'URL',
      problem(
        'UNSUPPORTED_URL_SCHEME',
        `the scheme "${url.protocol.slice(0, -1)}" is not accepted; use http, https, ftp, ws or wss`,
        `giao thức "${url.protocol.slice(0, -1)}" không được chấp nhận; hãy dùng http, https, ftp, ws hoặc wss`,
      ),
    );
  }
  if (url.href.length > MAX_URL_LENGTH) {
    return fail(
      'URL',
      problem(
        'URL_TOO_LONG',
        `the URL has ${url.href.length} characters after normalisation; at most ${MAX_URL_LENGTH} are allowed`,
        `URL dài ${url.href.length} ký tự sau khi chuẩn hóa; tối đa ${MAX_URL_LENGTH} ký tự`,
      ),
    );
  }
  return { ok: true, type: 'URL', value: url.href };
}

function normaliseEmail(raw: string): IndicatorCheck {
  const at = raw.lastIndexOf('@');
  const local = at > 0 ? raw.slice(0, at) : '';
  const invalid = problem(
    'INVALID_EMAIL',
    'expected an address such as name@example.vn, with an unquoted local part of at most 64 characters',
    'cần một địa chỉ như ten@example.vn, phần trước @ không có dấu ngoặc kép và dài tối đa 64 ký tự',
  );
  if (!local || local.length > MAX_LOCAL_PART_LENGTH || !DOT_ATOM.test(local))
    return fail('EMAIL', invalid);

  const domain = asciiDomain(raw.slice(at + 1));
  if (!domain.ok) return fail('EMAIL', domain.problem);
  // RFC 5321 lets the local part be case-sensitive, so only the domain is lower-cased.
  const value = `${local}@${domain.value}`;
  if (value.length > MAX_EMAIL_LENGTH) return fail('EMAIL', invalid);
  return { ok: true, type: 'EMAIL', value };
}

function normaliseHash(type: 'MD5' | 'SHA1' | 'SHA256', raw: string): IndicatorCheck {
  const value = raw.toLowerCase();
  const expected = HASH_LENGTHS[type];
  if (HEX.test(value) && value.length === expected) return { ok: true, type, value };
  const other = (Object.keys(HASH_LENGTHS) as (keyof typeof HASH_LENGTHS)[]).find(
    (name) => HASH_LENGTHS[name] === value.length,
  );
  if (HEX.test(value) && other) {
    return fail(
      type,
      problem(
        'WRONG_TYPE',
        `it has ${value.length} hexadecimal digits, the length of ${other}; use type ${other}`,
        `giá trị có ${value.length} chữ số thập lục phân, đúng độ dài của ${other}; hãy dùng loại ${other}`,
      ),
    );
  }
  return fail(
    type,
    problem(
      'INVALID_HASH',
      `expected exactly ${expected} hexadecimal digits (0-9, a-f)`,
      `cần đúng ${expected} chữ số thập lục phân (0-9, a-f)`,
    ),
  );
}

/**
 * Validates an indicator of compromise and returns its normalised value, so that equal
 * indicators from different reports become one record. The normal forms are canonical IPv6
 * (RFC 5952), the network address for CIDR blocks, lower-case ASCII domains (IDN converted to
 * punycode), WHATWG-serialised URLs, e-mail domains in lower case and lower-case hexadecimal.
 */
export function normaliseIndicator(type: IndicatorType, input: string): IndicatorCheck {
  const raw = input.trim();
  if (!raw) return fail(type, problem('EMPTY', 'the value is empty', 'giá trị đang để trống'));
  if (raw.length > MAX_INDICATOR_INPUT_LENGTH) {
    return fail(
      type,
      problem(
        'TOO_LONG',
        `the value has ${raw.length} characters; at most ${MAX_INDICATOR_INPUT_LENGTH} are allowed`,
        `giá trị dài ${raw.length} ký tự; tối đa ${MAX_INDICATOR_INPUT_LENGTH} ký tự`,
      ),
    );
  }

  if (DEFANGED.test(raw)) {
    return fail(
      type,
      problem(
        'DEFANGED',
        'the value is defanged (hxxp, [.], [@]); send it in its original form, the hub stores it as data and never opens it',
        'giá trị đã bị vô hiệu hóa (hxxp, [.], [@]); hãy gửi ở dạng gốc, hệ thống chỉ lưu làm dữ liệu và không truy cập',
      ),
    );
  }

  switch (type) {
    case 'IPV4':
      return normaliseIpv4(raw);
    case 'IPV6':
      return normaliseIpv6(raw);
    case 'CIDR':
      return normaliseCidr(raw);
    case 'DOMAIN':
      return normaliseDomain(raw);
    case 'URL':
      return normaliseUrl(raw);
    case 'EMAIL':
      return normaliseEmail(raw);
    case 'MD5':
    case 'SHA1':
    case 'SHA256':
      return normaliseHash(type, raw);
  }
}
