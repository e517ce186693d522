import type { Locale } from '@dxhub/kit';
import { badInput } from '../errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// C0 and C1 control characters; line breaks and tabs are allowed only in long texts.
const CONTROL = /\p{Cc}/u;
const LAYOUT = /[\t\r\n]/g;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Returns the id lower-cased, or throws BAD_USER_INPUT naming the field. */
export function uuidInput(locale: Locale, field: string, value: string): string {
  if (!UUID.test(value)) {
    throw badInput(locale, field, value, {
      en: `"${value}" is not an id; pass the id field of the record, a UUID`,
      vi: `"${value}" không phải là mã định danh; hãy truyền trường id của bản ghi (dạng UUID)`,
    });
  }
  return value.toLowerCase();
}

interface TextRule {
  max: number;
  /** Allows line breaks, for descriptions and notes. */
  multiline?: boolean;
}

/**
 * Returns a code to look a record up by, in NFC without outer whitespace, or throws
 * BAD_USER_INPUT naming the field when the code is blank.
 */
export function lookupCodeInput(locale: Locale, field: string, value: string): string {
  const code = value.normalize('NFC').trim();
  if (code.length === 0) {
    throw badInput(locale, field, value, {
      en: 'it is empty; give the code of the record, or look it up by id instead',
      vi: 'giá trị đang để trống; hãy nhập mã của bản ghi, hoặc tra cứu theo id',
    });
  }
  return code;
}

/**
 * Returns the text in NFC with outer whitespace removed, or throws BAD_USER_INPUT when it is
 * empty, too long or contains control characters.
 */
export function textInput(locale: Locale, field: string, value: string, rule: TextRule): string {
  const text = value.normalize('NFC').trim();
  if (text.length === 0) {
    throw badInput(locale, field, value, {
      en: 'it is empty; give a text',
      vi: 'giá trị đang để trống; hãy nhập nội dung (bắt buộc)',
    });
  }
  if (text.length > rule.max) {
    throw badInput(locale, field, `${text.slice(0, 40)}…`, {
      en: `it has ${text.length} characters; give at most ${rule.max}`,
      vi: `nội dung có ${text.length} ký tự; hãy nhập tối đa ${rule.max} ký tự`,
    });
  }
  const checked = rule.multiline ? text.replace(LAYOUT, '') : text;
  if (CONTROL.test(checked)) {
    throw badInput(locale, field, text, {
      en: rule.multiline
        ? 'it contains control characters; remove them'
        : 'it contains line breaks or control characters; write it on one line',
      vi: rule.multiline
        ? 'nội dung chứa ký tự điều khiển; hãy bỏ các ký tự đó'
        : 'nội dung chứa ký tự xuống dòng hoặc ký tự điều khiển; hãy viết trên một dòng',
    });
  }
  return text;
}

/** Like {@link textInput} for an optional field: null and blank text clear it. */
export function optionalTextInput(
  locale: Locale,
  field: string,
  value: string | null | undefined,
  rule: TextRule,
): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null || value.trim() === '') return null;
  return textInput(locale, field, value, rule);
}

/** Throws BAD_USER_INPUT unless the amount is 0 or more. */
export function amountInput(locale: Locale, field: string, value: bigint): bigint {
  if (value < 0n) {
    throw badInput(locale, field, value.toString(), {
      en: `${value} đồng is negative; give an amount of 0 or more`,
      vi: `${value} đồng là số âm; hãy nhập số tiền từ 0 trở lên`,
    });
  }
  return value;
}

/** Throws BAD_USER_INPUT when a date lies after today in Asia/Ho_Chi_Minh. */
export function notFutureInput(
  locale: Locale,
  field: string,
  value: string,
  today: string,
): string {
  if (value > today) {
    throw badInput(locale, field, value, {
      en: `${value} is in the future; give ${today} or an earlier day`,
      vi: `${value} là ngày trong tương lai; hãy nhập ngày ${today} hoặc trước đó`,
    });
  }
  return value;
}

/** Throws BAD_USER_INPUT unless `end` is on or after `start`. */
export function dateOrderInput(locale: Locale, field: string, start: string, end: string): void {
  if (end < start) {
    throw badInput(locale, field, end, {
      en: `${end} is before the start ${start}; give ${start} or a later day`,
      vi: `${end} trước ngày bắt đầu ${start}; hãy nhập ngày ${start} hoặc muộn hơn`,
    });
  }
}

/** Throws BAD_USER_INPUT unless the percentage is a whole number from 0 to 100. */
export function percentInput(locale: Locale, field: string, value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > 100) {
    throw badInput(locale, field, value, {
      en: `${value} is outside 0 to 100; give a whole percentage`,
      vi: `${value} nằm ngoài khoảng 0 đến 100; hãy nhập số phần trăm nguyên`,
    });
  }
  return value;
}

/** Throws BAD_USER_INPUT when both of two alternative fields are set. */
export function atMostOneInput(
  locale: Locale,
  fields: [string, string],
  values: [unknown, unknown],
): void {
  if (
    values[0] !== undefined &&
    values[0] !== null &&
    values[1] !== undefined &&
    values[1] !== null
  ) {
    throw badInput(locale, fields[1], values[1], {
      en: `${fields[0]} is set too; give only one of ${fields[0]} and ${fields[1]}`,
      vi: `${fields[0]} cũng đã được nhập; chỉ nhập một trong hai trường ${fields[0]} và ${fields[1]}`,
    });
  }
}

/** Throws BAD_USER_INPUT unless exactly one of two alternative fields is set. */
export function exactlyOneInput(
  locale: Locale,
  fields: [string, string],
  values: [unknown, unknown],
): void {
  atMostOneInput(locale, fields, values);
  if (
    (values[0] === undefined || values[0] === null) &&
    (values[1] === undefined || values[1] === null)
  ) {
    throw badInput(locale, fields[0], null, {
      en: `neither ${fields[0]} nor ${fields[1]} is set; give one of them`,
      vi: `chưa nhập ${fields[0]} hay ${fields[1]}; hãy nhập một trong hai trường (bắt buộc)`,
    });
  }
}

/** Throws BAD_USER_INPUT for a year outside the four-digit range. */
export function yearInput(locale: Locale, field: string, value: number): number {
  if (!Number.isInteger(value) || value < 1900 || value > 2200) {
    throw badInput(locale, field, value, {
      en: `${value} is not a year between 1900 and 2200`,
      vi: `${value} không phải là năm trong khoảng 1900 đến 2200`,
    });
  }
  return value;
}
