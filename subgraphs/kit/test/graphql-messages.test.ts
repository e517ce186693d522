import {
  buildSchema,
  execute,
  getVariableValues,
  type GraphQLError,
  parse,
  validate,
  type OperationDefinitionNode,
} from 'graphql';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    pick(by: Pick): String
  }
  input Pick @oneOf { code: ID, name: String }
  type Subscription { unitChanged: Unit, agencyChanged: Agency }
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

/** Returns the message of the last validation error of `query`, which has several. */
function lastValidationError(query: string): string {
  const errors = validate(schema, parse(query));
  if (errors.length < 2) {
    throw new Error(
      `expected several errors for ${query}, got ${JSON.stringify(errors.map(String))}`,
    );
  }
  return errors[errors.length - 1]!.message;
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
    'fields conflict: different fields',
    () => validationError('{ unit { nameVi: nameEn nameVi } }'),
    'Các trường "nameVi" xung đột vì "nameEn" và "nameVi" là hai trường khác nhau. Nếu muốn lấy cả hai, hãy đặt alias khác nhau cho các trường.',
  ],
  [
    'fields conflict: differing arguments',
    () => validationError('{ organization(code: "a") { name } organization(code: "b") { name } }'),
    'Các trường "organization" xung đột vì chúng có tham số khác nhau. Nếu muốn lấy cả hai, hãy đặt alias khác nhau cho các trường.',
  ],
  [
    'fields conflict: conflicting types',
    () => validationError('{ named { ... on Unit { x: nameVi } ... on Agency { x: id } } }'),
    'Các trường "x" xung đột vì chúng trả về hai kiểu xung đột nhau "String" và "ID!". Nếu muốn lấy cả hai, hãy đặt alias khác nhau cho các trường.',
  ],
  [
    'fields conflict: nested subfields',
    () =>
      validationError(
        '{ org: organization(code: "x") { parent { n: name c: code } } org: organization(code: "x") { parent { n: code c: name } } }',
      ),
    'Các trường "org" xung đột vì trường con "parent" xung đột vì trường con "n" xung đột vì "name" và "code" là hai trường khác nhau và trường con "c" xung đột vì "code" và "name" là hai trường khác nhau. Nếu muốn lấy cả hai, hãy đặt alias khác nhau cho các trường.',
  ],
  [
    'fragment cycle',
    () => validationError('fragment A on Query { ...A } { ...A }'),
    'Fragment "A" không được dùng bên trong chính nó.',
  ],
  [
    'fragment cycle via others',
    () =>
      validationError(
        'fragment A on Query { ...B } fragment B on Query { ...C } fragment C on Query { ...A } { ...A }',
      ),
    'Fragment "A" không được dùng bên trong chính nó (qua "B", "C").',
  ],
  [
    'impossible fragment spread',
    () => validationError('fragment A on Agency { id } { unit { ...A } }'),
    'Không dùng được fragment "A" ở đây vì đối tượng kiểu "Unit" không bao giờ có kiểu "Agency".',
  ],
  [
    'impossible inline fragment',
    () => validationError('{ unit { ... on Agency { id } } }'),
    'Không dùng được inline fragment ở đây vì đối tượng kiểu "Unit" không bao giờ có kiểu "Agency".',
  ],
  [
    'fragment on scalar type',
    () => validationError('fragment F on Date { x } { ...F }'),
    'Fragment "F" chỉ được đặt trên kiểu đối tượng, interface hoặc union, không đặt được trên kiểu "Date".',
  ],
  [
    'inline fragment on scalar type',
    () => validationError('{ ... on Date { x } }'),
    'Inline fragment chỉ được đặt trên kiểu đối tượng, interface hoặc union, không đặt được trên kiểu "Date".',
  ],
  [
    'duplicate directive',
    () => validationError('{ ping @skip(if: false) @skip(if: false) }'),
    'Directive "@skip" chỉ được dùng một lần ở vị trí này.',
  ],
  [
    'duplicate variable',
    () => validationError('query Q($a: Int, $a: Int) { organizations(first: $a) { name } }'),
    'Chỉ được có một biến tên "$a".',
  ],
  [
    'type definition in request',
    () => validationError('type Foo { a: Int } { ping }'),
    'Định nghĩa "Foo" không thực thi được: tài liệu chỉ được chứa thao tác và fragment.',
  ],
  [
    'schema definition in request',
    () => validationError('schema { query: Query } { ping }'),
    'Định nghĩa lược đồ không thực thi được: tài liệu chỉ được chứa thao tác và fragment.',
  ],
  [
    'subscription with two fields',
    () => validationError('subscription S { unitChanged { id } agencyChanged { id } }'),
    'Thao tác subscription "S" chỉ được chọn một trường ở cấp gốc.',
  ],
  [
    'anonymous subscription with two fields',
    () => validationError('subscription { unitChanged { id } agencyChanged { id } }'),
    'Thao tác subscription không tên chỉ được chọn một trường ở cấp gốc.',
  ],
  [
    'subscription of introspection',
    () => validationError('subscription S { __typename }'),
    'Thao tác subscription "S" không được chọn trường introspection ở cấp gốc.',
  ],
  [
    'anonymous subscription of introspection',
    () => validationError('subscription { __typename }'),
    'Thao tác subscription không tên không được chọn trường introspection ở cấp gốc.',
  ],
  [
    'nullable variable for OneOf',
    () => validationError('query Q($c: ID) { pick(by: { code: $c }) }'),
    'Biến "$c" có kiểu "ID" nhưng phải là kiểu non-null mới dùng được cho kiểu OneOf "Pick".',
  ],
  [
    'introspection too deep',
    () =>
      validationError(
        '{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }',
      ),
    'Truy vấn introspection lồng sâu quá mức cho phép',
  ],
  [
    'validation error limit',
    () => lastValidationError(`{ ${Array.from({ length: 101 }, (_, i) => `f${i}`).join(' ')} }`),
    'Có quá nhiều lỗi kiểm tra tính hợp lệ nên đã dừng kiểm tra.',
  ],
  [
    'validation aborted',
    () => validationError(`{ ${'a: ping '.repeat(800)}}`),
    'Đã dừng kiểm tra tính hợp lệ của tài liệu.',
  ],
  [
    'variable of output type',
    () => variableError('query Q($o: Organization) { ping }', { o: {} }),
    'Biến "$o" có kiểu "Organization" nhưng đó không phải kiểu đầu vào.',
  ],
  [
    'argument invalid at execution',
    () => executionError('{ organizations(first: "x") { name } }'),
    'Tham số "first" có giá trị không hợp lệ "x".',
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

  it('translates a conflict reason cut by graphql-js', () => {
    const count = 30;
    const aliases = (field: string) =>
      Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ');
    const english = validationError(
      `{ o: organization(code: "x") { parent { ${aliases('name')} } } o: organization(code: "x") { parent { ${aliases('code')} } } }`,
    );
    expect(english).toMatch(/\.\.\.\. Use different aliases on the fields/);
    const vietnamese = localizeGraphQLMessage(english, 'vi');
    expect(vietnamese).toMatch(
      /^Các trường "o" xung đột vì trường con "parent" xung đột vì trường con "a0" xung đột vì "name" và "code" là hai trường khác nhau và trường con "a1" /,
    );
    expect(vietnamese).toMatch(
      /\.\.\.\. Nếu muốn lấy cả hai, hãy đặt alias khác nhau cho các trường\.$/,
    );
    expect(vietnamese).not.toMatch(/subfields|conflict|different|because/);
  });

  it('keeps a name cut inside a conflict reason', () => {
    const english =
      'Fields "o" conflict because subfields "a0" conflict because "name" and "code" are different fields and subfields "a1.... Use different aliases on the fields to fetch both if this was intentional.';
    expect(localizeGraphQLMessage(english, 'vi')).toBe(
      'Các trường "o" xung đột vì trường con "a0" xung đột vì "name" và "code" là hai trường khác nhau và trường con "a1.... Nếu muốn lấy cả hai, hãy đặt alias khác nhau cho các trường.',
    );
  });

  it('drops a phrase cut inside a conflict reason', () => {
    const english =
      'Fields "o" conflict because subfields "a0" conflict because they have differing arguments and subfields "a1" confl.... Use different aliases on the fields to fetch both if this was intentional.';
    expect(localizeGraphQLMessage(english, 'vi')).toBe(
      'Các trường "o" xung đột vì trường con "a0" xung đột vì chúng có tham số khác nhau và trường con "a1".... Nếu muốn lấy cả hai, hãy đặt alias khác nhau cho các trường.',
    );
  });

  it('keeps an unknown conflict reason in English', () => {
    const english =
      'Fields "o" conflict because they disagree. Use different aliases on the fields to fetch both if this was intentional.';
    expect(localizeGraphQLMessage(english, 'vi')).toBe(
      'Các trường "o" xung đột vì they disagree. Nếu muốn lấy cả hai, hãy đặt alias khác nhau cho các trường.',
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

describe('localizeGraphQLMessage for Apollo Server', () => {
  // The English messages come from Apollo Server itself, as the graphql-js ones above do.
  const typeDefs = 'type Query { ping: String } type Mutation { ping: String }';
  let server: ApolloServer;
  let batching: ApolloServer;
  beforeAll(async () => {
    server = new ApolloServer({ typeDefs, csrfPrevention: false });
    batching = new ApolloServer({
      typeDefs,
      csrfPrevention: false,
      allowBatchedHttpRequests: true,
    });
    await server.start();
    await batching.start();
  });
  afterAll(async () => {
    await server?.stop();
    await batching?.stop();
  });

  /** Returns the code and message of the one error Apollo Server responds to the request. */
  async function badRequest(
    request: { method?: string; headers?: Record<string, string>; search?: string; body?: unknown },
    target: () => ApolloServer = () => server,
  ): Promise<{ code: unknown; message: string }> {
    const response = await target().executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: request.method ?? 'POST',
        headers: new HeaderMap(Object.entries(request.headers ?? {})),
        search: request.search ?? '',
        body: request.body,
      },
      context: async () => ({}),
    });
    if (response.body.kind !== 'complete') throw new Error('expected a complete response body');
    const { errors } = JSON.parse(response.body.string) as {
      errors?: { message: string; extensions?: { code?: unknown } }[];
    };
    if (errors?.length !== 1) throw new Error(`expected one error, got ${response.body.string}`);
    return { code: errors[0]!.extensions?.code, message: errors[0]!.message };
  }

  const query = '{ ping }';
  const apolloCases: [
    name: string,
    request: () => Promise<{ code: unknown; message: string }>,
    vietnamese: string,
  ][] = [
    [
      'POST without body',
      () => badRequest({ body: '' }),
      'Yêu cầu POST thiếu nội dung, có Content-Type không hợp lệ hoặc gửi một đối tượng JSON rỗng. Hãy gửi một đối tượng JSON có khóa "query" với Content-Type: application/json.',
    ],
    [
      'empty query',
      () => badRequest({ body: { query: '' } }),
      'Thao tác GraphQL phải có `query` khác rỗng hoặc phần mở rộng (extension) `persistedQuery`.',
    ],
    [
      'parsed document as query',
      () => badRequest({ body: { query: { kind: 'Document', definitions: [] } } }),
      'Truy vấn GraphQL phải là chuỗi. Có vẻ yêu cầu đang gửi dạng biểu diễn nội bộ của graphql-js cho một truy vấn đã phân tích, thay vì truy vấn viết bằng ngôn ngữ truy vấn GraphQL. Hãy chuyển cây cú pháp (AST) thành chuỗi bằng hàm `print` của `graphql`, hoặc dùng một client như `apollo-client` để tự chuyển.',
    ],
    [
      'query not a string',
      () => badRequest({ body: { query: 1 } }),
      'Truy vấn GraphQL (`query`) phải là chuỗi.',
    ],
    [
      'variables as JSON string',
      () => badRequest({ body: { query, variables: '{}' } }),
      '`variables` trong nội dung yêu cầu POST phải là một đối tượng JSON, không phải một chuỗi chứa JSON đã mã hóa.',
    ],
    [
      'extensions as JSON string',
      () => badRequest({ body: { query, extensions: '{}' } }),
      '`extensions` trong nội dung yêu cầu POST phải là một đối tượng JSON, không phải một chuỗi chứa JSON đã mã hóa.',
    ],
    [
      'variables not an object',
      () => badRequest({ body: { query, variables: [1] } }),
      '`variables` trong nội dung yêu cầu POST, nếu có, phải là một đối tượng.',
    ],
    [
      'extensions not an object',
      () => badRequest({ body: { query, extensions: 1 } }),
      '`extensions` trong nội dung yêu cầu POST, nếu có, phải là một đối tượng.',
    ],
    [
      'operationName not a string',
      () => badRequest({ body: { query, operationName: 1 } }),
      '`operationName` trong nội dung yêu cầu POST, nếu có, phải là một chuỗi.',
    ],
    [
      'GET with another content type',
      () =>
        badRequest({
          method: 'GET',
          headers: { 'content-type': 'text/plain' },
          search: '?query=%7Bping%7D',
        }),
      'Yêu cầu GET chỉ được có header content-type là application/json.',
    ],
    [
      'repeated search parameter',
      () => badRequest({ method: 'GET', search: '?query=a&query=b' }),
      "Tham số 'query' chỉ được xuất hiện một lần trên URL.",
    ],
    [
      'search parameter not JSON',
      () => badRequest({ method: 'GET', search: '?query=%7Bping%7D&variables=%7B' }),
      'Tham số variables trên URL không phải JSON hợp lệ.',
    ],
    [
      'search parameter not an object',
      () => badRequest({ method: 'GET', search: '?query=%7Bping%7D&extensions=%5B%5D' }),
      'Tham số extensions trên URL phải là một đối tượng JSON.',
    ],
    [
      'method other than GET and POST',
      () => badRequest({ method: 'PUT', body: { query } }),
      'Máy chủ GraphQL chỉ nhận yêu cầu GET hoặc POST.',
    ],
    [
      'unacceptable accept header',
      () => badRequest({ headers: { accept: 'application/xml' }, body: { query } }),
      "Header 'accept' của yêu cầu không chấp nhận application/json; charset=utf-8 hoặc application/graphql-response+json; charset=utf-8",
    ],
    [
      'mutation over GET',
      () => badRequest({ method: 'GET', search: '?query=mutation%7Bping%7D' }),
      'Yêu cầu GET chỉ dùng được cho thao tác query, không dùng được cho thao tác mutation',
    ],
    [
      'batch when batching is off',
      () => badRequest({ body: [{ query }] }),
      'Máy chủ không nhận nhiều thao tác trong một yêu cầu (batching).',
    ],
    [
      'empty batch',
      () => badRequest({ body: [] }, () => batching),
      'Yêu cầu không có thao tác nào.',
    ],
  ];

  it.each(apolloCases)('vi: %s', async (_name, request, vietnamese) => {
    const { code, message } = await request();
    expect(code).toBe('BAD_REQUEST');
    expect(localizeGraphQLMessage(message, 'vi')).toBe(vietnamese);
    expect(localizeGraphQLMessage(message, 'en')).toBe(message);
  });

  it('keeps the persisted-query protocol messages', async () => {
    const { code, message } = await badRequest({
      body: { extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } },
    });
    expect(code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(localizeGraphQLMessage(message, 'vi')).toBe('PersistedQueryNotFound');
  });
});
