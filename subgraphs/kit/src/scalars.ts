import { GraphQLError, GraphQLScalarType, Kind, print, type ValueNode } from 'graphql';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Parses a literal written in the query with `parse`. A literal that is not a string (such as
 * `asOf: 20250101`) reaches `parse` as undefined, and its error shows the literal as written.
 */
function parseLiteralWith<T>(parse: (value: unknown, display?: string) => T) {
  return (ast: ValueNode): T =>
    ast.kind === Kind.STRING ? parse(ast.value) : parse(undefined, print(ast));
}

function parseDate(value: unknown, display = JSON.stringify(value)): string {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) {
    throw new GraphQLError(`Date must be a YYYY-MM-DD string, got ${display}`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  const parsed = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value) {
    throw new GraphQLError(`Date ${value} is not a calendar date`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return value;
}

/** `Date`: an ISO calendar date, `YYYY-MM-DD`, in Asia/Ho_Chi_Minh. */
export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'ISO calendar date, YYYY-MM-DD, in Asia/Ho_Chi_Minh',
  serialize: (value) =>
    value instanceof Date ? value.toISOString().slice(0, 10) : parseDate(value),
  parseValue: parseDate,
  parseLiteral: parseLiteralWith(parseDate),
});

function parseDateTime(value: unknown, display = JSON.stringify(value)): Date {
  const parsed = typeof value === 'string' ? new Date(value) : undefined;
  if (
    !parsed ||
    Number.isNaN(parsed.getTime()) ||
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value as string)
  ) {
    throw new GraphQLError(
      `DateTime must be an ISO 8601 timestamp with a zone, such as 2025-07-01T08:00:00+07:00; got ${display}`,
      { extensions: { code: 'BAD_USER_INPUT' } },
    );
  }
  return parsed;
}

/** `DateTime`: an ISO 8601 instant with an explicit offset; served in UTC. */
export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'ISO 8601 timestamp with an offset',
  serialize: (value) => {
    const date = value instanceof Date ? value : new Date(value as string);
    if (Number.isNaN(date.getTime()))
      throw new GraphQLError('DateTime cannot serialize an invalid date');
    return date.toISOString();
  },
  parseValue: parseDateTime,
  parseLiteral: parseLiteralWith(parseDateTime),
});

const VND_PATTERN = /^-?(0|[1-9]\d{0,18})$/;
const INT64_MAX = 9_223_372_036_854_775_807n;

function parseVnd(value: unknown, display = JSON.stringify(value)): bigint {
  if (typeof value === 'string' && VND_PATTERN.test(value)) {
    const amount = BigInt(value);
    if (amount <= INT64_MAX && amount >= -INT64_MAX) return amount;
  }
  throw new GraphQLError(
    `VND must be a whole number of đồng written as a string, such as "15000000000", within 64 bits; got ${display}`,
    { extensions: { code: 'BAD_USER_INPUT' } },
  );
}

/**
 * `VND`: Vietnamese đồng (no minor unit) as a decimal string, so amounts above 2^53 stay exact
 * in JSON; resolvers see a `bigint`.
 */
export const VndScalar = new GraphQLScalarType({
  name: 'VND',
  description: 'Amount in Vietnamese đồng, a whole number sent as a string (64-bit)',
  serialize: (value) => {
    if (typeof value === 'bigint') return value.toString();
    if (typeof value === 'string' && VND_PATTERN.test(value)) return value;
    if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
    throw new GraphQLError(`VND cannot serialize ${String(value)}`);
  },
  parseValue: parseVnd,
  parseLiteral: parseLiteralWith(parseVnd),
});

/** SDL lines every subgraph that uses these scalars includes, so definitions agree in composition. */
export const scalarTypeDefs = /* GraphQL */ `
  "ISO calendar date, YYYY-MM-DD, in Asia/Ho_Chi_Minh"
  scalar Date
  "ISO 8601 timestamp with an offset"
  scalar DateTime
  "Amount in Vietnamese đồng, a whole number sent as a string (64-bit)"
  scalar VND
`;

export const scalarResolvers = { Date: DateScalar, DateTime: DateTimeScalar, VND: VndScalar };
