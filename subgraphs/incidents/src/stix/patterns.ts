import type { IndicatorType } from '../domain/indicators.js';

/** Writes a STIX patterning string literal: single quotes, with `\` and `'` escaped. */
function literal(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * Returns the STIX 2.1 pattern that matches a normalised indicator: a comparison on the
 * cyber-observable object and property STIX defines for it (ISSUBSET for address blocks).
 */
export function stixPattern(type: IndicatorType, value: string): string {
  switch (type) {
    case 'IPV4':
      return `[ipv4-addr:value = ${literal(value)}]`;
    case 'IPV6':
      return `[ipv6-addr:value = ${literal(value)}]`;
    case 'CIDR':
      return `[${value.includes(':') ? 'ipv6-addr' : 'ipv4-addr'}:value ISSUBSET ${literal(value)}]`;
    case 'DOMAIN':
      return `[domain-name:value = ${literal(value)}]`;
    case 'URL':
      return `[url:value = ${literal(value)}]`;
    case 'EMAIL':
      return `[email-addr:value = ${literal(value)}]`;
    case 'MD5':
      return `[file:hashes.MD5 = ${literal(value)}]`;
    case 'SHA1':
      return `[file:hashes.'SHA-1' = ${literal(value)}]`;
    case 'SHA256':
      return `[file:hashes.'SHA-256' = ${literal(value)}]`;
  }
}
