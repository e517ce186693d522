// Input checks shared by the resolvers. Each throws BAD_USER_INPUT naming the field, the value
// and the accepted form, in the request's language.
import type { Locale } from '@dxhub/kit';
import { FIRST_YEAR, LAST_YEAR } from './db/schema.js';
import { badInput } from './errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Maximum length of free text (titles, reasons, places), in characters. */
export const MAX_TEXT_LENGTH = 2000;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export function checkId(locale: Locale, field: string, value: string): string {
  if (!isUuid(value)) {
    throw badInput(
      locale,
      field,
      { en: `"${value}" is not an id (a UUID)`, vi: `"${value}" không phải mã định danh (UUID)` },
      value,
    );
  }
  return value.toLowerCase();
}

export function checkYear(locale: Locale, field: string, year: number): number {
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) {
    throw badInput(
      locale,
      field,
      {
        en: `${year} is outside the years ${FIRST_YEAR} to ${LAST_YEAR}`,
        vi: `${year} nằm ngoài khoảng năm ${FIRST_YEAR} đến ${LAST_YEAR}`,
      },
      year,
    );
  }
  return year;
}

/** Checks a count of posts or hours: a whole number of at least `min`. */
export function checkCount(locale: Locale, field: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) {
    throw badInput(
      locale,
      field,
      {
        en: `${value} is below the minimum of ${min}`,
        vi: `${value} nhỏ hơn giá trị tối thiểu ${min}`,
      },
      value,
    );
  }
  return value;
}

/** Trims a required text and normalises it to NFC, so "Hà Nội" typed either way compares equal. */
export function checkText(locale: Locale, field: string, value: string): string {
  const text = value.normalize('NFC').trim();
  if (text === '')
    throw badInput(
      locale,
      field,
      { en: 'the value is required', vi: 'giá trị này là bắt buộc' },
      value,
    );
  if (text.length > MAX_TEXT_LENGTH) {
    throw badInput(locale, field, {
      en: `the text has ${text.length} characters, more than the maximum of ${MAX_TEXT_LENGTH}`,
      vi: `nội dung có ${text.length} ký tự, vượt quá tối đa ${MAX_TEXT_LENGTH}`,
    });
  }
  return text;
}

/** Like {@link checkText} for optional text; an empty string clears the value. */
export function checkOptionalText(
  locale: Locale,
  field: string,
  value: string | null | undefined,
): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  return checkText(locale, field, value);
}

export function checkDateOrder(locale: Locale, field: string, start: string, end: string): void {
  if (end < start) {
    throw badInput(
      locale,
      field,
      {
        en: `${end} is before the start date ${start}`,
        vi: `${end} sớm hơn ngày bắt đầu ${start}`,
      },
      end,
    );
  }
}
