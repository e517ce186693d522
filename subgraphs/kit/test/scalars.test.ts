import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DateScalar, DateTimeScalar, VndScalar } from '../src/scalars.js';

const schema = buildSchema(`
  scalar Date
  scalar DateTime
  scalar VND
  type Query { day(on: Date): Int, since(at: DateTime): Int, amount(of: VND): Int }
`);
Object.assign(schema.getType('Date')!, {
  parseLiteral: DateScalar.parseLiteral,
  parseValue: DateScalar.parseValue,
});
Object.assign(schema.getType('DateTime')!, {
  parseLiteral: DateTimeScalar.parseLiteral,
  parseValue: DateTimeScalar.parseValue,
});
Object.assign(schema.getType('VND')!, {
  parseLiteral: VndScalar.parseLiteral,
  parseValue: VndScalar.parseValue,
});

function literalError(query: string): string | undefined {
  return validate(schema, parse(query))[0]?.message;
}

describe('scalar literals', () => {
  it('shows a number written for a Date', () => {
    expect(literalError('{ day(on: 20250101) }')).toBe(
      'Date must be a YYYY-MM-DD string, got 20250101',
    );
  });

  it('shows a number written for a DateTime', () => {
    expect(literalError('{ since(at: 0) }')).toContain('; got 0');
  });

  it('shows a number written for VND', () => {
    expect(literalError('{ amount(of: 1.5) }')).toContain('within 64 bits; got 1.5');
  });

  it('quotes a malformed string', () => {
    expect(literalError('{ day(on: "1/7/2025") }')).toContain('got "1/7/2025"');
  });

  it('accepts valid literals', () => {
    expect(
      validate(
        schema,
        parse('{ day(on: "2025-07-01") since(at: "2025-07-01T08:00:00+07:00") amount(of: "15") }'),
      ),
    ).toEqual([]);
  });
});
