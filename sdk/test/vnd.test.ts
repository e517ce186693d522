import { describe, expect, it } from 'vitest';
import { formatVnd, parseVnd, toVndString } from '../src/index.js';

describe('VND values', () => {
  it('parses amounts above 2^53 exactly', () => {
    expect(parseVnd('9007199254740993')).toBe(9_007_199_254_740_993n);
    expect(parseVnd('-15000000000')).toBe(-15_000_000_000n);
  });

  it('parses the largest 64-bit amount', () => {
    expect(parseVnd('9223372036854775807')).toBe(9_223_372_036_854_775_807n);
  });

  it('rejects amounts past 64 bits', () => {
    expect(() => parseVnd('9223372036854775808')).toThrow(/64 bits/);
  });

  it('rejects decimals, leading zeros and numbers', () => {
    expect(() => parseVnd('1.5')).toThrow(TypeError);
    expect(() => parseVnd('007')).toThrow(TypeError);
    expect(() => parseVnd(15 as unknown as string)).toThrow(TypeError);
  });

  it('writes bigint and safe numbers as strings', () => {
    expect(toVndString(9_007_199_254_740_993n)).toBe('9007199254740993');
    expect(toVndString(1_500_000)).toBe('1500000');
    expect(toVndString('42')).toBe('42');
  });

  it('rejects an unsafe number', () => {
    expect(() => toVndString(2 ** 53 + 2)).toThrow(/safe integer/);
    expect(() => toVndString(1.5)).toThrow(/safe integer/);
  });

  it('formats with Vietnamese grouping', () => {
    expect(formatVnd(15_000_000_000n).replace(/\s/g, ' ')).toBe('15.000.000.000 ₫');
    expect(formatVnd(9_007_199_254_740_993n, 'en-US')).toBe('₫9,007,199,254,740,993');
  });
});
