import {
  buildSchema,
  execute,
  getVariableValues,
  type GraphQLError,
  parse,
  validate,
  type OperationDefinitionNode,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { localizeGraphQLMessage } from '../src/graphql-messages.js';
import { DateScalar } from '../src/scalars.js';

// The English messages come from graphql-js itself, so a changed wording in a graphql-js release
// makes these tests fail instead of leaving the message silently untranslated.
const schema = buildSchema(`
  enum Level { CENTRAL PROVINCIAL COMMUNE }
  input Filter { level: Level, name: String, codes: [ID!] }
  input Range { from: Int!, to: Int }
  type Organization { code: ID! name: String! level: Level parent: Organization }
  interface Named { id: ID! }
  type Unit implements Named { id: ID! nameVi: String nameEn: String }
  type Agency implements Named { id: ID! nameVi: String nameEn: String nameFr: String }
  type Query {
    named: Named
    unit: Unit
    agency: Agency
    organization(code: ID!): Organization
    organizations(filter: Filter, range: Range, first: Int, ratio: Float, active: Boolean): [Organization!]!
    ping: String
    odd(n: Odd): String
  }
  scalar Date
  scalar Odd
`);
Object.assign(schema.getType('Date')!, {
  parseValue: DateScalar.parseValue,
  parseLiteral: DateScalar.parseLiteral,
});
// A scalar whose parser throws a plain Error, which graphql-js appends after its own prefix.
Object.assign(schema.getType('Odd')!, {
  parseLiteral: () => {
    throw new Error('Odd needs an odd number');
  },
});

/** Returns the message of the syntax error that parsing `source` raises. */
function parseError(source: string): string {
  try {
    parse(source);
  } catch (error) {
    return (error as GraphQLError).message;
  }
  throw new Error(`parse accepted ${JSON.stringify(source)}`);
}

/** Returns the message of the one validation error of `query` against the test schema. */
function validationError(query: string): string {
  const errors = validate(schema, parse(query));
  if (errors.length !== 1) {
    throw new Error(`expected one error for ${query}, got ${JSON.stringify(errors.map(String))}`);
  }
  return errors[0]!.message;
}

/** Returns the message of the one coercion error of `variables` for `operation`. */
function variableError(operation: string, variables: Record<string, unknown>): string {
  const definition = parse(operation).definitions[0] as OperationDefinitionNode;
  const result = getVariableValues(schema, definition.variableDefinitions ?? [], variables);
  if (!('errors' in result) || result.errors?.length !== 1) {
    throw new Error(`expected one error for ${JSON.stringify(variables)}`);
  }
  return result.errors[0]!.message;
}

/** Returns the message of the one error that executing `query` returns. */
function executionError(query: string, operationName?: string): string {
  const result = execute({ schema, document: parse(query), operationName, rootValue: {} });
  if ('then' in result) throw new Error('execution did not finish synchronously');
  if (result.errors?.length !== 1) throw new Error(`expected one error for ${query}`);
  return result.errors[0]!.message;
}

const OPERATION =
  'query Q($c: ID!, $f: Filter, $n: Int, $r: Float, $b: Boolean, $s: String, $l: Level, $i: ID) { ping }';

const cases: [name: string, english: () => string, vietnamese: string][] = [
  [
    'syntax: expected name at end',
    () => parseError('{'),
    'Lỗi cú pháp: cần tên nhưng gặp cuối tài liệu.',
  ],
  [
    'syntax: expected name, found punctuator',
    () => parseError('{ ping(: 1) }'),
    'Lỗi cú pháp: cần tên nhưng gặp ":".',
  ],
  [
    'syntax: expected keyword',
    () => parseError('fragment F Organization { name }'),
    'Lỗi cú pháp: cần "on" nhưng gặp tên "Organization".',
  ],
  [
    'syntax: unexpected punctuator',
    () => parseError('{ ping } }'),
    'Lỗi cú pháp: gặp "}" không mong đợi.',
  ],
  [
    'syntax: unexpected name',
    () => parseError('fragment on on on { x }'),
    'Lỗi cú pháp: gặp tên "on" không mong đợi.',
  ],
  [
    'syntax: unexpected character',
    () => parseError('\u00a7'),
    'Lỗi cú pháp: ký tự không mong đợi: U+00A7.',
  ],
  [
    'syntax: single quote',
    () => parseError("{ ping(x: 'a') }"),
    `Lỗi cú pháp: ký tự nháy đơn (') không hợp lệ. Có phải ý bạn là dùng nháy kép (")?`,
  ],
  [
    'syntax: unterminated string',
    () => parseError('{ ping(x: "abc'),
    'Lỗi cú pháp: chuỗi chưa được đóng.',
  ],
  [
    'syntax: digit after zero',
    () => parseError('{ ping(x: 01) }'),
    'Lỗi cú pháp: số không hợp lệ, không được có chữ số sau số 0 đứng đầu: "1".',
  ],
  [
    'syntax: expected digit',
    () => parseError('{ ping(x: 1.) }'),
    'Lỗi cú pháp: số không hợp lệ, cần một chữ số nhưng gặp: ")".',
  ],
  [
    'syntax: variable in constant',
    () => parseError('query Q($a: Int = $b) { ping }'),
    'Lỗi cú pháp: không được dùng biến "$b" trong giá trị hằng.',
  ],
  [
    'syntax: character escape',
    () => parseError('{ ping(x: "\\q") }'),
    'Lỗi cú pháp: chuỗi thoát ký tự không hợp lệ: "\\q".',
  ],
  [
    'syntax: token limit',
    () => {
      try {
        parse('{ a b c d e f }', { maxTokens: 3 });
      } catch (error) {
        return (error as GraphQLError).message;
      }
      throw new Error('parse accepted the document');
    },
    'Lỗi cú pháp: tài liệu có hơn 3 token nên đã dừng phân tích.',
  ],
  [
    'cannot query field with suggestion',
    () => validationError('{ organization(code: "x") { nam } }'),
    'Không thể truy vấn trường "nam" trên kiểu "Organization". Có phải ý bạn là "name"?',
  ],
  [
    'cannot query field without suggestion',
    () => validationError('{ organization(code: "x") { zzzzzz } }'),
    'Không thể truy vấn trường "zzzzzz" trên kiểu "Organization".',
  ],
  [
    'unknown argument with suggestion',
    () => validationError('{ organization(code: "x", cod: "y") { name } }'),
    'Trường "Query.organization" không có tham số "cod". Có phải ý bạn là "code"?',
  ],
  [
    'unknown argument without suggestion',
    () => validationError('{ ping(x: 1) }'),
    'Trường "Query.ping" không có tham số "x".',
  ],
  [
    'unknown directive argument',
    () => validationError('{ ping @skip(if: true, unless: false) }'),
    'Directive "@skip" không có tham số "unless".',
  ],
  [
    'missing required argument',
    () => validationError('{ organization { name } }'),
    'Thiếu tham số bắt buộc "code" (kiểu "ID!") của trường "organization".',
  ],
  [
    'missing directive argument',
    () => validationError('{ ping @include }'),
    'Thiếu tham số bắt buộc "if" (kiểu "Boolean!") của directive "@include".',
  ],
  [
    'subfields required',
    () => validationError('{ organization(code: "x") }'),
    'Trường "organization" có kiểu "Organization" nên phải chọn các trường con. Có phải ý bạn là "organization { ... }"?',
  ],
  [
    'subfields not allowed',
    () => validationError('{ organization(code: "x") { name { x } } }'),
    'Trường "name" không được chọn trường con vì kiểu "String!" không có trường con.',
  ],
  [
    'unknown type',
    () =>
      validationError('query Q($x: Strin) { organization(code: "x") { name } ping @skip(if: $x) }'),
    'Kiểu "Strin" không tồn tại. Có phải ý bạn là "String"?',
  ],
  ['unknown fragment', () => validationError('{ ...Frag }'), 'Fragment "Frag" không tồn tại.'],
  [
    'unknown directive',
    () => validationError('{ ping @skp(if: true) }'),
    'Directive "@skp" không tồn tại.',
  ],
  [
    'directive in wrong location',
    () => validationError('query Q @skip(if: true) { ping }'),
    'Không được dùng directive "@skip" ở vị trí QUERY.',
  ],
  [
    'variable not defined by operation',
    () => validationError('query Q { organization(code: $c) { name } }'),
    'Biến "$c" chưa được khai báo trong thao tác "Q".',
  ],
  [
    'variable not defined',
    () => validationError('{ organization(code: $c) { name } }'),
    'Biến "$c" chưa được khai báo.',
  ],
  [
    'variable never used in operation',
    () => validationError('query Q($u: Int) { ping }'),
    'Biến "$u" được khai báo nhưng không được dùng trong thao tác "Q".',
  ],
  [
    'variable never used',
    () => validationError('query ($u: Int) { ping }'),
    'Biến "$u" được khai báo nhưng không được dùng.',
  ],
  [
    'variable in wrong position',
    () => validationError('query Q($c: ID) { organization(code: $c) { name } }'),
    'Biến "$c" có kiểu "ID" nhưng được dùng ở vị trí cần kiểu "ID!".',
  ],
  [
    'input field not defined',
    () => validationError('{ organizations(filter: { nam: "x" }) { name } }'),
    'Kiểu "Filter" không có trường "nam". Có phải ý bạn là "name"?',
  ],
  [
    'required input field missing',
    () => validationError('{ organizations(range: { to: 1 }) { name } }'),
    'Thiếu trường bắt buộc "Range.from" (kiểu "Int!").',
  ],
  [
    'enum value does not exist',
    () => validationError('{ organizations(filter: { level: CENTRL }) { name } }'),
    'Giá trị "CENTRL" không có trong enum "Level". Có phải ý bạn là giá trị enum "CENTRAL"?',
  ],
  [
    'literal String',
    () => validationError('{ organizations(filter: { name: 1 }) { name } }'),
    'Giá trị không hợp lệ cho kiểu String, cần một chuỗi: 1',
  ],
  [
    'literal Int non-integer',
    () => validationError('{ organizations(first: 1.5) { name } }'),
    'Giá trị không hợp lệ cho kiểu Int, cần một số nguyên: 1.5',
  ],
  [
    'literal Int out of range',
    () => validationError('{ organizations(first: 99999999999) { name } }'),
    'Giá trị không hợp lệ cho kiểu Int, cần một số nguyên có dấu 32 bit: 99999999999',
  ],
  [
    'literal Float',
    () => validationError('{ organizations(ratio: "x") { name } }'),
    'Giá trị không hợp lệ cho kiểu Float, cần một số: "x"',
  ],
  [
    'literal Boolean',
    () => validationError('{ organizations(active: 1) { name } }'),
    'Giá trị không hợp lệ cho kiểu Boolean, cần true hoặc false: 1',
  ],
  [
    'literal ID',
    () => validationError('{ organization(code: 1.5) { name } }'),
    'Giá trị không hợp lệ cho kiểu ID, cần một chuỗi hoặc số nguyên: 1.5',
  ],
  [
    'literal null for non-null',
    () => validationError('{ organization(code: null) { name } }'),
    'Cần giá trị kiểu "ID!" nhưng gặp null.',
  ],
  [
    'duplicate operation name',
    () => validationError('query Q { ping } query Q { organization(code: "x") { name } }'),
    'Chỉ được có một thao tác tên "Q".',
  ],
  [
    'fragment never used',
    () => validationError('fragment F on Organization { name } { ping }'),
    'Fragment "F" được khai báo nhưng không được dùng.',
  ],
  [
    'required variable not provided',
    () => variableError(OPERATION, {}),
    'Thiếu biến bắt buộc "$c" (kiểu "ID!").',
  ],
  [
    'required variable null',
    () => variableError(OPERATION, { c: null }),
    'Biến "$c" có kiểu "ID!" nên không được là null.',
  ],
  [
    'variable String',
    () => variableError(OPERATION, { c: 'x', s: 1 }),
    'Biến "$s" có giá trị không hợp lệ 1; Giá trị không hợp lệ cho kiểu String, cần một chuỗi: 1',
  ],
  [
    'variable Int',
    () => variableError(OPERATION, { c: 'x', n: 'x' }),
    'Biến "$n" có giá trị không hợp lệ "x"; Giá trị không hợp lệ cho kiểu Int, cần một số nguyên: "x"',
  ],
  [
    'variable Int with "; " in value',
    () => variableError(OPERATION, { c: 'x', n: 'a; b' }),
    'Biến "$n" có giá trị không hợp lệ "a; b"; Giá trị không hợp lệ cho kiểu Int, cần một số nguyên: "a; b"',
  ],
  [
    'variable Int out of range',
    () => variableError(OPERATION, { c: 'x', n: 2 ** 40 }),
    'Biến "$n" có giá trị không hợp lệ 1099511627776; Giá trị không hợp lệ cho kiểu Int, cần một số nguyên có dấu 32 bit: 1099511627776',
  ],
  [
    'variable Float',
    () => variableError(OPERATION, { c: 'x', r: 'y' }),
    'Biến "$r" có giá trị không hợp lệ "y"; Giá trị không hợp lệ cho kiểu Float, cần một số: "y"',
  ],
  [
    'variable Boolean',
    () => variableError(OPERATION, { c: 'x', b: 1 }),
    'Biến "$b" có giá trị không hợp lệ 1; Giá trị không hợp lệ cho kiểu Boolean, cần true hoặc false: 1',
  ],
  [
    'variable ID',
    () => variableError(OPERATION, { c: true }),
    'Biến "$c" có giá trị không hợp lệ true; Giá trị không hợp lệ cho kiểu ID, cần một chuỗi hoặc số nguyên: true',
  ],
  [
    'variable enum value',
    () => variableError(OPERATION, { c: 'x', l: 'CENTRL' }),
    'Biến "$l" có giá trị không hợp lệ "CENTRL"; Giá trị "CENTRL" không có trong enum "Level". Có phải ý bạn là giá trị enum "CENTRAL"?',
  ],
  [
    'variable enum non-string',
    () => variableError(OPERATION, { c: 'x', l: 1 }),
    'Biến "$l" có giá trị không hợp lệ 1; Giá trị không hợp lệ cho enum "Level", cần một chuỗi: 1.',
  ],
  [
    'variable nested path',
    () => variableError(OPERATION, { c: 'x', f: { codes: [1.5] } }),
    'Biến "$f" có giá trị không hợp lệ 1.5 tại "f.codes[0]"; Giá trị không hợp lệ cho kiểu ID, cần một chuỗi hoặc số nguyên: 1.5',
  ],
  [
    'variable input field not defined',
    () => variableError(OPERATION, { c: 'x', f: { nam: 'x' } }),
    'Biến "$f" có giá trị không hợp lệ { nam: "x" }; Kiểu "Filter" không có trường "nam". Có phải ý bạn là "name"?',
  ],
  [
    'variable not an object',
    () => variableError(OPERATION, { c: 'x', f: 'x' }),
    'Biến "$f" có giá trị không hợp lệ "x"; Giá trị không hợp lệ cho kiểu "Filter", cần một đối tượng.',
  ],
  [
    'variable required input field',
    () => variableError('query Q($g: Range) { ping }', { g: { to: 1 } }),
    'Biến "$g" có giá trị không hợp lệ { to: 1 }; Thiếu trường bắt buộc "from" (kiểu "Int!").',
  ],
  [
    'unknown operation name',
    () => executionError('query A { ping }', 'B'),
    'Không tìm thấy thao tác tên "B".',
  ],
  [
    'operation name required',
    () => executionError('query A { ping } query B { ping }'),
    'Tài liệu có nhiều thao tác nên phải gửi kèm tên thao tác (operationName).',
  ],
];

describe('localizeGraphQLMessage', () => {
  it.each(cases)('vi: %s', (_name, english, vietnamese) => {
    expect(localizeGraphQLMessage(english(), 'vi')).toBe(vietnamese);
  });

  it.each(cases)('en unchanged: %s', (_name, english) => {
    const message = english();
    expect(localizeGraphQLMessage(message, 'en')).toBe(message);
  });

  it('joins two suggestions with hoặc', () => {
    const english = validationError('{ unit { nameV } }');
    expect(english).toBe(
      'Cannot query field "nameV" on type "Unit". Did you mean "nameVi" or "nameEn"?',
    );
    expect(localizeGraphQLMessage(english, 'vi')).toBe(
      'Không thể truy vấn trường "nameV" trên kiểu "Unit". Có phải ý bạn là "nameVi" hoặc "nameEn"?',
    );
  });

  it('joins three suggestions with hoặc', () => {
    const english = validationError('{ agency { nameV } }');
    expect(english).toBe(
      'Cannot query field "nameV" on type "Agency". Did you mean "nameVi", "nameEn", or "nameFr"?',
    );
    expect(localizeGraphQLMessage(english, 'vi')).toBe(
      'Không thể truy vấn trường "nameV" trên kiểu "Agency". Có phải ý bạn là "nameVi", "nameEn" hoặc "nameFr"?',
    );
  });

  it('suggests an inline fragment', () => {
    const english = validationError('{ named { nameVi } }');
    expect(english).toBe(
      'Cannot query field "nameVi" on type "Named". Did you mean to use an inline fragment on "Agency" or "Unit"?',
    );
    expect(localizeGraphQLMessage(english, 'vi')).toBe(
      'Không thể truy vấn trường "nameVi" trên kiểu "Named". Có phải ý bạn là dùng inline fragment trên "Agency" hoặc "Unit"?',
    );
  });

  it('keeps unknown messages unchanged', () => {
    const messages = [
      'Not authenticated: token expired.',
      'Lỗi hệ thống. Hãy cung cấp mã yêu cầu abc khi báo lỗi.',
      'Something went wrong. Did you mean "x"?',
      'Syntax Error',
      '',
    ];
    for (const message of messages) expect(localizeGraphQLMessage(message, 'vi')).toBe(message);
  });

  it('translates the hub scalar reasons', () => {
    const message = variableError('query Q($d: Date) { ping }', { d: '2025-02-30' });
    expect(message).toBe(
      'Variable "$d" got invalid value "2025-02-30"; Date 2025-02-30 is not a calendar date',
    );
    expect(localizeGraphQLMessage(message, 'vi')).toBe(
      'Biến "$d" có giá trị không hợp lệ "2025-02-30"; Date 2025-02-30 không phải là một ngày có trong lịch',
    );
    const shape = variableError('query Q($d: Date) { ping }', { d: '1/7/2025' });
    expect(localizeGraphQLMessage(shape, 'vi')).toBe(
      'Biến "$d" có giá trị không hợp lệ "1/7/2025"; Date phải là chuỗi ngày dạng YYYY-MM-DD, nhận được "1/7/2025"',
    );
  });

  it('keeps an unknown variable reason in English', () => {
    const message = 'Variable "$d" got invalid value "x"; the moon is not a date';
    expect(localizeGraphQLMessage(message, 'vi')).toBe(
      'Biến "$d" có giá trị không hợp lệ "x"; the moon is not a date',
    );
  });

  it('keeps quoted names and values verbatim', () => {
    const field = localizeGraphQLMessage(
      validationError('{ organization(code: "x") { ten_Don_Vi } }'),
      'vi',
    );
    expect(field).toBe('Không thể truy vấn trường "ten_Don_Vi" trên kiểu "Organization".');

    const value = localizeGraphQLMessage(variableError(OPERATION, { c: 'x', n: 'Hà Nội' }), 'vi');
    expect(value).toContain('"$n"');
    expect(value.split('"Hà Nội"')).toHaveLength(3);
  });

  it('keeps a plain scalar error reason', () => {
    const english = validationError('{ odd(n: 2) }');
    expect(english).toBe('Expected value of type "Odd", found 2; Odd needs an odd number');
    expect(localizeGraphQLMessage(english, 'vi')).toBe(
      'Cần giá trị kiểu "Odd" nhưng gặp 2; Odd needs an odd number',
    );
  });

  it('leaves a translated message as it is', () => {
    const once = localizeGraphQLMessage(
      validationError('{ organization(code: "x") { nam } }'),
      'vi',
    );
    expect(localizeGraphQLMessage(once, 'vi')).toBe(once);
  });
});
