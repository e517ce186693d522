// Field-level validation of mutation input. Every problem of a request is collected, so a form
// can mark all its bad fields at once, and reported as one BAD_USER_INPUT error.
import { DxError, type FieldError, type Locale } from '@dxhub/kit';
import validator from 'validator';

/** Stable codes of field problems, sent in `extensions.fieldErrors[].code`. */
export type FieldProblem =
  | 'REQUIRED'
  | 'INVALID_FORMAT'
  | 'NOT_FOUND'
  | 'INVALID_PARENT'
  | 'KIND_NOT_ALLOWED'
  | 'CATEGORY_MISMATCH'
  | 'DATE_ORDER'
  | 'OUT_OF_PERIOD'
  | 'CODE_TAKEN'
  | 'DUPLICATE'
  | 'READ_ONLY';

/** Collects field errors in the request's language. */
export class FieldErrors {
  readonly list: FieldError[] = [];

  constructor(private readonly locale: Locale) {}

  /**
   * Records a problem. `value` is echoed back to the client, so leave it out for personal
   * data (e-mail, phone, national ID).
   */
  add(
    field: string,
    code: FieldProblem,
    message: { en: string; vi: string },
    value?: unknown,
  ): void {
    this.list.push({
      field,
      code,
      message: message[this.locale],
      ...(value === undefined ? {} : { value }),
    });
  }

  has(field: string): boolean {
    return this.list.some((error) => error.field === field);
  }

  /** Throws BAD_USER_INPUT naming the first field, with every problem in `fieldErrors`. */
  throwIfAny(): void {
    const [first] = this.list;
    if (!first) return;
    throw new DxError('BAD_USER_INPUT', {
      locale: this.locale,
      params: { field: first.field, reason: first.message },
      fieldErrors: this.list,
    });
  }
}

/** Lower-case words joined by single hyphens, as the agency codes are written. */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Vietnamese tax code: 10 digits, or 10 digits, a hyphen and 3 for a dependent unit. */
export const TAX_CODE = /^\d{10}(?:-\d{3})?$/;

/** Citizen identity number (căn cước công dân): 12 digits. */
export const NATIONAL_ID = /^\d{12}$/;

/**
 * Vietnamese telephone numbers after the 2017-2018 renumbering, with the leading 0 or +84 in
 * its place: mobiles 03x, 05x, 07x, 08x and 09x have 10 digits, landlines 02x have 11. Spaces,
 * dots and hyphens between digit groups are allowed.
 */
const PHONE = /^(?:0|\+84)(?:[35789]\d{8}|2\d{9})$/;

export function isVietnamesePhone(value: string): boolean {
  return PHONE.test(value.replace(/[\s.-]/g, ''));
}

/** Stores phone numbers in one form: digits, with `0` rather than `+84`. */
export function normalisePhone(value: string): string {
  return value.replace(/[\s.-]/g, '').replace(/^\+84/, '0');
}

export function isValidEmail(value: string): boolean {
  return validator.isEmail(value, { allow_display_name: false, require_tld: true });
}

/** Text with runs of whitespace collapsed and NFC, or null when it is empty. */
export function cleanName(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const cleaned = value.normalize('NFC').replace(/\s+/g, ' ').trim();
  return cleaned === '' ? null : cleaned;
}
