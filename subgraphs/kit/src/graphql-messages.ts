import type { Locale } from './locale.js';

/**
 * Vietnamese wording of the English messages that graphql-js 16 produces for parse, validation,
 * variable-coercion and operation-resolution errors. Patterns follow the message texts of
 * graphql 16.15 (`language/lexer.js`, `language/parser.js`, `validation/rules/*.js`,
 * `execution/values.js`, `execution/execute.js`, `type/scalars.js`, `type/definition.js`,
 * `utilities/coerceInputValue.js`), and the `BAD_REQUEST` texts of Apollo Server 5.5
 * (`runHttpQuery.js`, `requestPipeline.js`, `httpBatching.js`). A message no pattern matches is
 * returned unchanged, so a changed wording in a later release falls back to English instead of
 * failing.
 *
 * Terms: field is "trường", argument "tham số", variable "biến", type "kiểu", operation
 * "thao tác", document "tài liệu", request "yêu cầu". Fragment, directive, enum, alias and
 * introspection stay in English because Vietnamese developers use and search for those words
 * untranslated. Names, values and types that graphql-js quotes or prints are copied verbatim.
 */
export interface MessageTranslation {
  /** Matches the whole English message, anchored at both ends. */
  pattern: RegExp;
  vi: (match: RegExpExecArray) => string;
}

const NAME = '[_A-Za-z][_0-9A-Za-z]*';
/** A double-quoted name or type as graphql-js prints it, such as `"Organization"` or `"[ID!]!"`. */
const QUOTED = '"([^"]*)"';

/** Token kinds as `getTokenDesc` in `language/parser.js` prints them, punctuators excluded. */
const TOKEN_KINDS: Record<string, string> = {
  '<SOF>': 'đầu tài liệu',
  '<EOF>': 'cuối tài liệu',
  Name: 'tên',
  Int: 'số nguyên',
  Float: 'số thực',
  String: 'chuỗi',
  BlockString: 'chuỗi khối',
  Comment: 'chú thích',
};

/** Translates a token description such as `<EOF>`, `Name "on"` or `"}"`. */
function describeToken(description: string): string {
  const match = /^(<SOF>|<EOF>|Name|Int|Float|String|BlockString|Comment)( "[\s\S]*")?$/.exec(
    description,
  );
  if (!match) return description;
  return TOKEN_KINDS[match[1]!]! + (match[2] ?? '');
}

/** Descriptions that follow `Syntax Error: ` in the messages of the lexer and the parser. */
const SYNTAX_DESCRIPTIONS: MessageTranslation[] = [
  {
    pattern: /^Expected ((?:"[^"]*")|[^,]+), found ([\s\S]+)\.$/,
    vi: (m) => `cần ${describeToken(m[1]!)} nhưng gặp ${describeToken(m[2]!)}.`,
  },
  {
    pattern: /^Unexpected variable "(\$[^"]*)" in constant value\.$/,
    vi: (m) => `không được dùng biến "${m[1]}" trong giá trị hằng.`,
  },
  {
    pattern:
      /^Unexpected single quote character \('\), did you mean to use a double quote \("\)\?$/,
    vi: () => `ký tự nháy đơn (') không hợp lệ. Có phải ý bạn là dùng nháy kép (")?`,
  },
  {
    pattern: /^Unexpected character: ([\s\S]+)\.$/,
    vi: (m) => `ký tự không mong đợi: ${m[1]}.`,
  },
  {
    pattern: /^Invalid character: ([\s\S]+)\.$/,
    vi: (m) => `ký tự không hợp lệ: ${m[1]}.`,
  },
  {
    pattern: /^Invalid character within String: ([\s\S]+)\.$/,
    vi: (m) => `ký tự không hợp lệ trong chuỗi: ${m[1]}.`,
  },
  {
    pattern: /^Unterminated string\.$/,
    vi: () => 'chuỗi chưa được đóng.',
  },
  {
    pattern: /^Invalid number, unexpected digit after 0: ([\s\S]+)\.$/,
    vi: (m) => `số không hợp lệ, không được có chữ số sau số 0 đứng đầu: ${m[1]}.`,
  },
  {
    pattern: /^Invalid number, expected digit but got: ([\s\S]+)\.$/,
    vi: (m) => `số không hợp lệ, cần một chữ số nhưng gặp: ${m[1]}.`,
  },
  {
    pattern: /^Invalid Unicode escape sequence: ("[\s\S]*")\.$/,
    vi: (m) => `chuỗi thoát Unicode không hợp lệ: ${m[1]}.`,
  },
  {
    pattern: /^Invalid character escape sequence: ("[\s\S]*")\.$/,
    vi: (m) => `chuỗi thoát ký tự không hợp lệ: ${m[1]}.`,
  },
  {
    // graphql-js 16 spells this message "more that".
    pattern: /^Document contains more tha[nt] (\d+) tokens\. Parsing aborted\.$/,
    vi: (m) => `tài liệu có hơn ${m[1]} token nên đã dừng phân tích.`,
  },
  {
    pattern: /^Document contains more than (\d+) comments\. Parsing aborted\.$/,
    vi: (m) => `tài liệu có hơn ${m[1]} chú thích nên đã dừng phân tích.`,
  },
  {
    pattern: /^Source contains more than (\d+) UTF-16 code units\. Parsing aborted\.$/,
    vi: (m) => `tài liệu dài hơn ${m[1]} đơn vị mã UTF-16 nên đã dừng phân tích.`,
  },
  {
    // Checked last because the forms above also start with "Unexpected".
    pattern: /^Unexpected ([\s\S]+)\.$/,
    vi: (m) => `gặp ${describeToken(m[1]!)} không mong đợi.`,
  },
];

/**
 * Messages of scalar, enum and input-object coercion (`type/scalars.js`, `type/definition.js`,
 * `utilities/coerceInputValue.js`). They also appear as the reason after a variable's
 * "got invalid value" prefix, which is translated only when the reason is one of these.
 */
const COERCION_MESSAGES: MessageTranslation[] = [
  {
    pattern: /^String cannot represent a non string value: ([\s\S]*)$/,
    vi: (m) => `Giá trị không hợp lệ cho kiểu String, cần một chuỗi: ${m[1]}`,
  },
  {
    pattern: /^String cannot represent value: ([\s\S]*)$/,
    vi: (m) => `Không biểu diễn được giá trị bằng kiểu String: ${m[1]}`,
  },
  {
    pattern: /^Int cannot represent non-integer value: ([\s\S]*)$/,
    vi: (m) => `Giá trị không hợp lệ cho kiểu Int, cần một số nguyên: ${m[1]}`,
  },
  {
    pattern: /^Int cannot represent non 32-bit signed integer value: ([\s\S]*)$/,
    vi: (m) => `Giá trị không hợp lệ cho kiểu Int, cần một số nguyên có dấu 32 bit: ${m[1]}`,
  },
  {
    pattern: /^Float cannot represent non numeric value: ([\s\S]*)$/,
    vi: (m) => `Giá trị không hợp lệ cho kiểu Float, cần một số: ${m[1]}`,
  },
  {
    pattern: /^Boolean cannot represent a non boolean value: ([\s\S]*)$/,
    vi: (m) => `Giá trị không hợp lệ cho kiểu Boolean, cần true hoặc false: ${m[1]}`,
  },
  {
    pattern: /^ID cannot represent a non-string and non-integer value: ([\s\S]*)$/,
    vi: (m) => `Giá trị không hợp lệ cho kiểu ID, cần một chuỗi hoặc số nguyên: ${m[1]}`,
  },
  {
    pattern: /^ID cannot represent value: ([\s\S]*)$/,
    vi: (m) => `Giá trị không hợp lệ cho kiểu ID, cần một chuỗi hoặc số nguyên: ${m[1]}`,
  },
  {
    pattern: new RegExp(`^Value "([\\s\\S]*)" does not exist in ${QUOTED} enum\\.$`),
    vi: (m) => `Giá trị "${m[1]}" không có trong enum "${m[2]}".`,
  },
  {
    pattern: new RegExp(`^Enum ${QUOTED} cannot represent non-string value: ([\\s\\S]*)\\.$`),
    vi: (m) => `Giá trị không hợp lệ cho enum "${m[1]}", cần một chuỗi: ${m[2]}.`,
  },
  {
    pattern: new RegExp(`^Enum ${QUOTED} cannot represent non-enum value: ([\\s\\S]*)\\.$`),
    vi: (m) => `Giá trị không hợp lệ cho enum "${m[1]}", cần một giá trị enum: ${m[2]}.`,
  },
  {
    pattern: new RegExp(`^Enum ${QUOTED} cannot represent value: ([\\s\\S]*)$`),
    vi: (m) => `Không biểu diễn được giá trị bằng enum "${m[1]}": ${m[2]}`,
  },
  {
    pattern: new RegExp(`^Expected type ${QUOTED} to be an object\\.$`),
    vi: (m) => `Giá trị không hợp lệ cho kiểu "${m[1]}", cần một đối tượng.`,
  },
  {
    pattern: new RegExp(`^Expected non-nullable type ${QUOTED} not to be null\\.$`),
    vi: (m) => `Kiểu "${m[1]}" không nhận giá trị null.`,
  },
  {
    // Both the validation form `"Type.field"` and the coercion form `"field"`.
    pattern: new RegExp(`^Field ${QUOTED} of required type ${QUOTED} was not provided\\.$`),
    vi: (m) => `Thiếu trường bắt buộc "${m[1]}" (kiểu "${m[2]}").`,
  },
  {
    pattern: new RegExp(`^Field ${QUOTED} is not defined by type ${QUOTED}\\.$`),
    vi: (m) => `Kiểu "${m[2]}" không có trường "${m[1]}".`,
  },
  {
    pattern: new RegExp(`^Exactly one key must be specified for OneOf type ${QUOTED}\\.$`),
    vi: (m) => `Kiểu OneOf "${m[1]}" phải có đúng một khóa.`,
  },
  {
    pattern: new RegExp(`^Field ${QUOTED} must be non-null\\.$`),
    vi: (m) => `Trường "${m[1]}" không được là null.`,
  },
  {
    // parseValue returned undefined, or threw a plain Error whose message follows.
    pattern: new RegExp(`^Expected type ${QUOTED}\\.( [\\s\\S]*)?$`),
    vi: (m) => `Giá trị không hợp lệ cho kiểu "${m[1]}".${m[2] ?? ''}`,
  },
  // The hub's own scalars (scalars.ts), whose parse functions have no request locale.
  {
    pattern: /^Date must be a YYYY-MM-DD string, got ([\s\S]*)$/,
    vi: (m) => `Date phải là chuỗi ngày dạng YYYY-MM-DD, nhận được ${m[1]}`,
  },
  {
    pattern: /^Date (\S+) is not a calendar date$/,
    vi: (m) => `Date ${m[1]} không phải là một ngày có trong lịch`,
  },
  {
    pattern: /^DateTime must be an ISO 8601 timestamp with a zone, such as (\S+); got ([\s\S]*)$/,
    vi: (m) =>
      `DateTime phải là thời điểm theo ISO 8601 có múi giờ, ví dụ ${m[1]}; nhận được ${m[2]}`,
  },
  {
    pattern:
      /^VND must be a whole number of đồng written as a string, such as ("\d+"), within 64 bits; got ([\s\S]*)$/,
    vi: (m) =>
      `VND phải là số đồng nguyên viết dưới dạng chuỗi, ví dụ ${m[1]}, trong phạm vi 64 bit; nhận được ${m[2]}`,
  },
];

/** Parse, validation, variable and operation-resolution messages other than coercion. */
const DOCUMENT_MESSAGES: MessageTranslation[] = [
  {
    pattern: /^Syntax Error: ([\s\S]*)$/,
    vi: (m) => `Lỗi cú pháp: ${translateWith(SYNTAX_DESCRIPTIONS, m[1]!) ?? m[1]}`,
  },
  {
    pattern: new RegExp(`^Cannot query field ${QUOTED} on type ${QUOTED}\\.$`),
    vi: (m) => `Không thể truy vấn trường "${m[1]}" trên kiểu "${m[2]}".`,
  },
  {
    pattern: new RegExp(`^Unknown argument ${QUOTED} on field ${QUOTED}\\.$`),
    vi: (m) => `Trường "${m[2]}" không có tham số "${m[1]}".`,
  },
  {
    pattern: new RegExp(`^Unknown argument ${QUOTED} on directive ${QUOTED}\\.$`),
    vi: (m) => `Directive "${m[2]}" không có tham số "${m[1]}".`,
  },
  {
    pattern: new RegExp(
      `^Field ${QUOTED} argument ${QUOTED} of type ${QUOTED} is required, but it was not provided\\.$`,
    ),
    vi: (m) => `Thiếu tham số bắt buộc "${m[2]}" (kiểu "${m[3]}") của trường "${m[1]}".`,
  },
  {
    pattern: new RegExp(
      `^Directive ${QUOTED} argument ${QUOTED} of type ${QUOTED} is required, but it was not provided\\.$`,
    ),
    vi: (m) => `Thiếu tham số bắt buộc "${m[2]}" (kiểu "${m[3]}") của directive "${m[1]}".`,
  },
  {
    // The " Did you mean "field { ... }"?" that follows is handled as a suggestion suffix.
    pattern: new RegExp(
      `^Field ${QUOTED} of type ${QUOTED} must have a selection of subfields\\.$`,
    ),
    vi: (m) => `Trường "${m[1]}" có kiểu "${m[2]}" nên phải chọn các trường con.`,
  },
  {
    pattern: new RegExp(
      `^Field ${QUOTED} of type ${QUOTED} must have at least one field selected\\.$`,
    ),
    vi: (m) => `Trường "${m[1]}" có kiểu "${m[2]}" nên phải chọn ít nhất một trường con.`,
  },
  {
    pattern: new RegExp(
      `^Field ${QUOTED} must not have a selection since type ${QUOTED} has no subfields\\.$`,
    ),
    vi: (m) => `Trường "${m[1]}" không được chọn trường con vì kiểu "${m[2]}" không có trường con.`,
  },
  {
    pattern: new RegExp(`^Unknown type ${QUOTED}\\.$`),
    vi: (m) => `Kiểu "${m[1]}" không tồn tại.`,
  },
  {
    pattern: new RegExp(`^Unknown fragment ${QUOTED}\\.$`),
    vi: (m) => `Fragment "${m[1]}" không tồn tại.`,
  },
  {
    pattern: new RegExp(`^Unknown directive ${QUOTED}\\.$`),
    vi: (m) => `Directive "${m[1]}" không tồn tại.`,
  },
  {
    pattern: new RegExp(`^Directive ${QUOTED} may not be used on (${NAME})\\.$`),
    vi: (m) => `Không được dùng directive "${m[1]}" ở vị trí ${m[2]}.`,
  },
  {
    pattern: new RegExp(`^Variable ${QUOTED} is not defined by operation ${QUOTED}\\.$`),
    vi: (m) => `Biến "${m[1]}" chưa được khai báo trong thao tác "${m[2]}".`,
  },
  {
    pattern: new RegExp(`^Variable ${QUOTED} is not defined\\.$`),
    vi: (m) => `Biến "${m[1]}" chưa được khai báo.`,
  },
  {
    pattern: new RegExp(`^Variable ${QUOTED} is never used in operation ${QUOTED}\\.$`),
    vi: (m) => `Biến "${m[1]}" được khai báo nhưng không được dùng trong thao tác "${m[2]}".`,
  },
  {
    pattern: new RegExp(`^Variable ${QUOTED} is never used\\.$`),
    vi: (m) => `Biến "${m[1]}" được khai báo nhưng không được dùng.`,
  },
  {
    pattern: new RegExp(`^Variable ${QUOTED} cannot be non-input type ${QUOTED}\\.$`),
    vi: (m) => `Biến "${m[1]}" không thể có kiểu "${m[2]}" vì đó không phải kiểu đầu vào.`,
  },
  {
    pattern: new RegExp(
      `^Variable ${QUOTED} of type ${QUOTED} used in position expecting type ${QUOTED}\\.$`,
    ),
    vi: (m) => `Biến "${m[1]}" có kiểu "${m[2]}" nhưng được dùng ở vị trí cần kiểu "${m[3]}".`,
  },
  {
    pattern: new RegExp(`^Variable ${QUOTED} of required type ${QUOTED} was not provided\\.$`),
    vi: (m) => `Thiếu biến bắt buộc "${m[1]}" (kiểu "${m[2]}").`,
  },
  {
    pattern: new RegExp(`^Variable ${QUOTED} of non-null type ${QUOTED} must not be null\\.$`),
    vi: (m) => `Biến "${m[1]}" có kiểu "${m[2]}" nên không được là null.`,
  },
  {
    pattern: new RegExp(`^Variable "(\\$${NAME})" got invalid value ([\\s\\S]*)$`),
    vi: (m) => translateInvalidVariable(m[1]!, m[2]!),
  },
  {
    pattern: /^Too many errors processing variables, error limit reached\. Execution aborted\.$/,
    vi: () => 'Có quá nhiều lỗi khi xử lý biến nên đã dừng thực thi.',
  },
  {
    pattern: new RegExp(`^Expected value of type ${QUOTED}, found ([\\s\\S]*)$`),
    vi: (m) => translateExpectedValue(m[1]!, m[2]!),
  },
  {
    pattern: new RegExp(`^OneOf Input Object ${QUOTED} must specify exactly one key\\.$`),
    vi: (m) => `Kiểu OneOf "${m[1]}" phải có đúng một khóa.`,
  },
  {
    pattern: new RegExp(`^Argument ${QUOTED} of required type ${QUOTED} was not provided\\.$`),
    vi: (m) => `Thiếu tham số bắt buộc "${m[1]}" (kiểu "${m[2]}").`,
  },
  {
    pattern: new RegExp(
      `^Argument ${QUOTED} of required type ${QUOTED} was provided the variable ${QUOTED} which was not provided a runtime value\\.$`,
    ),
    vi: (m) =>
      `Tham số bắt buộc "${m[1]}" (kiểu "${m[2]}") nhận biến "${m[3]}" nhưng biến này không được truyền giá trị.`,
  },
  {
    pattern: new RegExp(`^Argument ${QUOTED} of non-null type ${QUOTED} must not be null\\.$`),
    vi: (m) => `Tham số "${m[1]}" có kiểu "${m[2]}" nên không được là null.`,
  },
  {
    pattern: new RegExp(`^There can be only one operation named ${QUOTED}\\.$`),
    vi: (m) => `Chỉ được có một thao tác tên "${m[1]}".`,
  },
  {
    pattern: new RegExp(`^There can be only one argument named ${QUOTED}\\.$`),
    vi: (m) => `Chỉ được có một tham số tên "${m[1]}".`,
  },
  {
    pattern: new RegExp(`^There can be only one variable named ${QUOTED}\\.$`),
    vi: (m) => `Chỉ được có một biến tên "${m[1]}".`,
  },
  {
    pattern: new RegExp(`^There can be only one fragment named ${QUOTED}\\.$`),
    vi: (m) => `Chỉ được có một fragment tên "${m[1]}".`,
  },
  {
    pattern: new RegExp(`^There can be only one input field named ${QUOTED}\\.$`),
    vi: (m) => `Chỉ được có một trường tên "${m[1]}" trong giá trị đầu vào.`,
  },
  {
    pattern: /^This anonymous operation must be the only defined operation\.$/,
    vi: () => 'Thao tác không tên phải là thao tác duy nhất trong tài liệu.',
  },
  {
    pattern: new RegExp(`^Fragment ${QUOTED} is never used\\.$`),
    vi: (m) => `Fragment "${m[1]}" được khai báo nhưng không được dùng.`,
  },
  {
    pattern: new RegExp(`^Unknown operation named ${QUOTED}\\.$`),
    vi: (m) => `Không tìm thấy thao tác tên "${m[1]}".`,
  },
  {
    pattern: /^Must provide operation name if query contains multiple operations\.$/,
    vi: () => 'Tài liệu có nhiều thao tác nên phải gửi kèm tên thao tác (operationName).',
  },
  {
    pattern: /^Must provide an operation\.$/,
    vi: () => 'Tài liệu không có thao tác nào.',
  },
  {
    pattern: /^Schema is not configured to execute (query|mutation|subscription) operation\.$/,
    vi: (m) => `Lược đồ không hỗ trợ thao tác ${m[1]}.`,
  },
  {
    pattern: new RegExp(
      `^Fields ${QUOTED} conflict because ([\\s\\S]*)\\. Use different aliases on the fields to fetch both if this was intentional\\.$`,
    ),
    vi: (m) =>
      `Các trường "${m[1]}" xung đột vì ${translateConflictReason(m[2]!) ?? m[2]}. ` +
      'Nếu muốn lấy cả hai, hãy đặt alias khác nhau cho các trường.',
  },
  {
    pattern: new RegExp(`^Cannot spread fragment ${QUOTED} within itself\\.$`),
    vi: (m) => `Fragment "${m[1]}" không được dùng bên trong chính nó.`,
  },
  {
    // The path lists the fragments of the cycle, such as `"B", "C"`.
    pattern: new RegExp(`^Cannot spread fragment ${QUOTED} within itself via ("[\\s\\S]*")\\.$`),
    vi: (m) => `Fragment "${m[1]}" không được dùng bên trong chính nó (qua ${m[2]}).`,
  },
  {
    pattern: new RegExp(
      `^Fragment ${QUOTED} cannot be spread here as objects of type ${QUOTED} can never be of type ${QUOTED}\\.$`,
    ),
    vi: (m) =>
      `Không dùng được fragment "${m[1]}" ở đây vì đối tượng kiểu "${m[2]}" không bao giờ có kiểu "${m[3]}".`,
  },
  {
    pattern: new RegExp(
      `^Fragment cannot be spread here as objects of type ${QUOTED} can never be of type ${QUOTED}\\.$`,
    ),
    vi: (m) =>
      `Không dùng được inline fragment ở đây vì đối tượng kiểu "${m[1]}" không bao giờ có kiểu "${m[2]}".`,
  },
  {
    pattern: new RegExp(`^Fragment ${QUOTED} cannot condition on non composite type ${QUOTED}\\.$`),
    vi: (m) =>
      `Fragment "${m[1]}" chỉ được đặt trên kiểu đối tượng, interface hoặc union, không đặt được trên kiểu "${m[2]}".`,
  },
  {
    pattern: new RegExp(`^Fragment cannot condition on non composite type ${QUOTED}\\.$`),
    vi: (m) =>
      `Inline fragment chỉ được đặt trên kiểu đối tượng, interface hoặc union, không đặt được trên kiểu "${m[1]}".`,
  },
  {
    pattern: new RegExp(`^The directive ${QUOTED} can only be used once at this location\\.$`),
    vi: (m) => `Directive "${m[1]}" chỉ được dùng một lần ở vị trí này.`,
  },
  {
    pattern: new RegExp(`^The ${QUOTED} definition is not executable\\.$`),
    vi: (m) =>
      `Định nghĩa "${m[1]}" không thực thi được: tài liệu chỉ được chứa thao tác và fragment.`,
  },
  {
    pattern: /^The schema definition is not executable\.$/,
    vi: () =>
      'Định nghĩa lược đồ không thực thi được: tài liệu chỉ được chứa thao tác và fragment.',
  },
  {
    pattern: new RegExp(`^Subscription ${QUOTED} must select only one top level field\\.$`),
    vi: (m) => `Thao tác subscription "${m[1]}" chỉ được chọn một trường ở cấp gốc.`,
  },
  {
    pattern: /^Anonymous Subscription must select only one top level field\.$/,
    vi: () => 'Thao tác subscription không tên chỉ được chọn một trường ở cấp gốc.',
  },
  {
    pattern: new RegExp(
      `^Subscription ${QUOTED} must not select an introspection top level field\\.$`,
    ),
    vi: (m) => `Thao tác subscription "${m[1]}" không được chọn trường introspection ở cấp gốc.`,
  },
  {
    pattern: /^Anonymous Subscription must not select an introspection top level field\.$/,
    vi: () => 'Thao tác subscription không tên không được chọn trường introspection ở cấp gốc.',
  },
  {
    pattern: new RegExp(
      `^Variable ${QUOTED} is of type ${QUOTED} but must be non-nullable to be used for OneOf Input Object ${QUOTED}\\.$`,
    ),
    vi: (m) =>
      `Biến "${m[1]}" có kiểu "${m[2]}" nhưng phải là kiểu non-null mới dùng được cho kiểu OneOf "${m[3]}".`,
  },
  {
    pattern: /^Maximum introspection depth exceeded$/,
    vi: () => 'Truy vấn introspection lồng sâu quá mức cho phép',
  },
  {
    pattern: /^Too many validation errors, error limit reached\. Validation aborted\.$/,
    vi: () => 'Có quá nhiều lỗi kiểm tra tính hợp lệ nên đã dừng kiểm tra.',
  },
  {
    // graphql-js 16.15 raises this when validation exceeds its work budget, for example when
    // OverlappingFieldsCanBeMergedRule would compare too many pairs of fields.
    pattern: /^Validation aborted\.$/,
    vi: () => 'Đã dừng kiểm tra tính hợp lệ của tài liệu.',
  },
  {
    pattern: new RegExp(
      `^Variable ${QUOTED} expected value of type ${QUOTED} which cannot be used as an input type\\.$`,
    ),
    vi: (m) => `Biến "${m[1]}" có kiểu "${m[2]}" nhưng đó không phải kiểu đầu vào.`,
  },
  {
    pattern: new RegExp(`^Argument ${QUOTED} has invalid value ([\\s\\S]*)\\.$`),
    vi: (m) => `Tham số "${m[1]}" có giá trị không hợp lệ ${m[2]}.`,
  },
];

/**
 * The " Did you mean ...?" suffix of `jsutils/didYouMean.js`: one to five quoted suggestions,
 * joined as `"a" or "b"` or `"a", "b", or "c"`, optionally after "the enum value" or
 * "to use an inline fragment on".
 */
const SUGGESTION_SUFFIX =
  /^([\s\S]*?) Did you mean (the enum value |to use an inline fragment on )?("[^"]*"(?:(?:, |,? or )"[^"]*")*)\?$/;

function translateSuggestion(subject: string | undefined, list: string): string {
  const items = list.match(/"[^"]*"/g) ?? [];
  const last = items.pop();
  const joined = items.length > 0 ? `${items.join(', ')} hoặc ${last}` : `${last}`;
  if (subject === 'the enum value ') return ` Có phải ý bạn là giá trị enum ${joined}?`;
  if (subject === 'to use an inline fragment on ')
    return ` Có phải ý bạn là dùng inline fragment trên ${joined}?`;
  return ` Có phải ý bạn là ${joined}?`;
}

/** Translates a message with the first matching entry of a table, suffix included. */
function translateWith(table: readonly MessageTranslation[], message: string): string | undefined {
  const suggestion = SUGGESTION_SUFFIX.exec(message);
  const body = suggestion ? suggestion[1]! : message;
  for (const entry of table) {
    const match = entry.pattern.exec(body);
    if (!match) continue;
    const suffix = suggestion ? translateSuggestion(suggestion[2], suggestion[3]!) : '';
    return entry.vi(match) + suffix;
  }
  return undefined;
}

/**
 * Splits `head; reason` at the first "; " whose reason is a known coercion message, because a
 * printed value such as `"a; b"` may contain "; " itself. Without such a split, it splits at the
 * first "; " and leaves the reason in English.
 */
function splitReason(text: string): { head: string; reason: string | undefined } | undefined {
  let first: { head: string; reason: string | undefined } | undefined;
  for (let index = text.indexOf('; '); index !== -1; index = text.indexOf('; ', index + 1)) {
    const head = text.slice(0, index);
    const reason = text.slice(index + 2);
    const translated = translateWith(COERCION_MESSAGES, reason);
    if (translated !== undefined) return { head, reason: translated };
    first ??= { head, reason: undefined };
  }
  return first;
}

/** Translates `Variable "$v" got invalid value V[ at "path"]; reason` (`execution/values.js`). */
function translateInvalidVariable(variable: string, rest: string): string {
  const split = splitReason(rest);
  if (!split) return `Biến "${variable}" có giá trị không hợp lệ ${rest}`;
  const reason = split.reason ?? rest.slice(split.head.length + 2);
  const at = /^([\s\S]*) at "([^"]*)"$/.exec(split.head);
  const where = at ? `${at[1]} tại "${at[2]}"` : split.head;
  return `Biến "${variable}" có giá trị không hợp lệ ${where}; ${reason}`;
}

/** Translates ValuesOfCorrectTypeRule's `Expected value of type "T", found V.` and `...; reason`. */
function translateExpectedValue(type: string, rest: string): string {
  const split = splitReason(rest);
  if (split) {
    const reason = split.reason ?? rest.slice(split.head.length + 2);
    return `Cần giá trị kiểu "${type}" nhưng gặp ${split.head}; ${reason}`;
  }
  return `Cần giá trị kiểu "${type}" nhưng gặp ${rest}`;
}

/**
 * Phrases of an OverlappingFieldsCanBeMergedRule reason. A reason nests as
 * `subfields "a" conflict because <reason>`, several joined by " and ", around the leaves
 * `"x" and "y" are different fields`, `they return conflicting types "T" and "U"` and
 * `they have differing arguments`. The Vietnamese keeps the English word order, so each phrase
 * is translated in place and the nesting, which the text alone leaves ambiguous, needs no parsing.
 */
const CONFLICT_REASON_PHRASES: readonly [english: string, vi: string][] = [
  ['subfields ', 'trường con '],
  [' conflict because ', ' xung đột vì '],
  [' are different fields', ' là hai trường khác nhau'],
  ['they return conflicting types ', 'chúng trả về hai kiểu xung đột nhau '],
  ['they have differing arguments', 'chúng có tham số khác nhau'],
  [' and ', ' và '],
];

/**
 * Translates the reason of a field conflict phrase by phrase, copying quoted names and types.
 * graphql-js 16.15 cuts a reason after 1000 characters and appends "...", so in a cut reason a
 * last phrase left incomplete is dropped and a last name left incomplete is kept. Returns
 * undefined when the text contains anything else.
 */
function translateConflictReason(reason: string): string | undefined {
  const truncated = reason.endsWith('...');
  const text = truncated ? reason.slice(0, -3) : reason;
  let translated = '';
  let index = 0;
  while (index < text.length) {
    if (text[index] === '"') {
      const close = text.indexOf('"', index + 1);
      if (close === -1) {
        if (!truncated) return undefined;
        translated += text.slice(index);
        break;
      }
      translated += text.slice(index, close + 1);
      index = close + 1;
      continue;
    }

    const phrase = CONFLICT_REASON_PHRASES.find(([english]) => text.startsWith(english, index));
    if (phrase) {
      translated += phrase[1];
      index += phrase[0].length;
      continue;
    }
    const rest = text.slice(index);
    if (truncated && CONFLICT_REASON_PHRASES.some(([english]) => english.startsWith(rest))) break;
    return undefined;
  }
  return truncated ? `${translated}...` : translated;
}

/**
 * The `BAD_REQUEST` messages of Apollo Server 5.5 for a request that is not a usable GraphQL
 * request. `PersistedQueryNotFound` and `PersistedQueryNotSupported` are left in English on
 * purpose, because Apollo Client's persisted-query link recognises those errors by their message
 * as well as by their code.
 */
const APOLLO_SERVER_MESSAGES: MessageTranslation[] = [
  {
    pattern: /^POST body missing, invalid Content-Type, or JSON object has no keys\.$/,
    vi: () =>
      'Yêu cầu POST thiếu nội dung, có Content-Type không hợp lệ hoặc gửi một đối tượng JSON rỗng. ' +
      'Hãy gửi một đối tượng JSON có khóa "query" với Content-Type: application/json.',
  },
  {
    pattern:
      /^GraphQL operations must contain a non-empty `query` or a `persistedQuery` extension\.$/,
    vi: () =>
      'Thao tác GraphQL phải có `query` khác rỗng hoặc phần mở rộng (extension) `persistedQuery`.',
  },
  {
    // Sent when `query` is a parsed graphql-js document instead of its text.
    pattern: new RegExp(
      "^GraphQL queries must be strings\\. It looks like you're sending the internal graphql-js representation of a parsed query in your request instead of a request in the GraphQL query language\\. You can convert an AST to a string using the `print` function from `graphql`, or use a client like `apollo-client` which converts the internal representation to a string for you\\.$",
    ),
    vi: () =>
      'Truy vấn GraphQL phải là chuỗi. Có vẻ yêu cầu đang gửi dạng biểu diễn nội bộ của graphql-js ' +
      'cho một truy vấn đã phân tích, thay vì truy vấn viết bằng ngôn ngữ truy vấn GraphQL. ' +
      'Hãy chuyển cây cú pháp (AST) thành chuỗi bằng hàm `print` của `graphql`, hoặc dùng một ' +
      'client như `apollo-client` để tự chuyển.',
  },
  {
    pattern: /^GraphQL queries must be strings\.$/,
    vi: () => 'Truy vấn GraphQL (`query`) phải là chuỗi.',
  },
  {
    pattern:
      /^`(variables|extensions)` in a POST body should be provided as an object, not a recursively JSON-encoded string\.$/,
    vi: (m) =>
      `\`${m[1]}\` trong nội dung yêu cầu POST phải là một đối tượng JSON, không phải một chuỗi chứa JSON đã mã hóa.`,
  },
  {
    pattern: /^`(variables|extensions)` in a POST body must be an object if provided\.$/,
    vi: (m) => `\`${m[1]}\` trong nội dung yêu cầu POST, nếu có, phải là một đối tượng.`,
  },
  {
    pattern: /^`operationName` in a POST body must be a string if provided\.$/,
    vi: () => '`operationName` trong nội dung yêu cầu POST, nếu có, phải là một chuỗi.',
  },
  {
    pattern: /^GET requests may not have a content-type header other than application\/json\.$/,
    vi: () => 'Yêu cầu GET chỉ được có header content-type là application/json.',
  },
  {
    pattern: /^The '([^']*)' search parameter may only be specified once\.$/,
    vi: (m) => `Tham số '${m[1]}' chỉ được xuất hiện một lần trên URL.`,
  },
  {
    pattern: /^The (variables|extensions) search parameter contains invalid JSON\.$/,
    vi: (m) => `Tham số ${m[1]} trên URL không phải JSON hợp lệ.`,
  },
  {
    pattern: /^The (variables|extensions) search parameter should contain a JSON-encoded object\.$/,
    vi: (m) => `Tham số ${m[1]} trên URL phải là một đối tượng JSON.`,
  },
  {
    pattern: /^Apollo Server supports only GET\/POST requests\.$/,
    vi: () => 'Máy chủ GraphQL chỉ nhận yêu cầu GET hoặc POST.',
  },
  {
    pattern:
      /^An 'accept' header was provided for this request which does not accept ([\s\S]+?) or ([\s\S]+)$/,
    vi: (m) => `Header 'accept' của yêu cầu không chấp nhận ${m[1]} hoặc ${m[2]}`,
  },
  {
    pattern: /^GET requests only support query operations, not (mutation|subscription) operations$/,
    vi: (m) => `Yêu cầu GET chỉ dùng được cho thao tác query, không dùng được cho thao tác ${m[1]}`,
  },
  {
    pattern: /^Operation batching disabled\.$/,
    vi: () => 'Máy chủ không nhận nhiều thao tác trong một yêu cầu (batching).',
  },
  {
    pattern: /^No operations found in request\.$/,
    vi: () => 'Yêu cầu không có thao tác nào.',
  },
];

/** Tables searched for a whole message. Coercion messages also reach clients without a prefix. */
const MESSAGES: readonly MessageTranslation[] = [
  ...DOCUMENT_MESSAGES,
  ...COERCION_MESSAGES,
  ...APOLLO_SERVER_MESSAGES,
];

/**
 * Returns the message in the request's language: for `vi`, the Vietnamese wording of a known
 * graphql-js 16 message, and for `en` or an unknown message, the message unchanged.
 */
export function localizeGraphQLMessage(message: string, locale: Locale): string {
  if (locale !== 'vi') return message;
  return translateWith(MESSAGES, message) ?? message;
}
