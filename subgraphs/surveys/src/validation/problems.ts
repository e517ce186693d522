import type { FieldError, Locale } from '@dxhub/kit';
import type { Bilingual } from '../errors.js';

/** Collects every problem of an input, so one response lists them all instead of the first. */
export class Problems {
  readonly list: FieldError[] = [];

  constructor(readonly locale: Locale) {}

  add(field: string, code: string, message: Bilingual, value?: unknown): void {
    this.list.push({
      field,
      code,
      message: message[this.locale],
      ...(value === undefined ? {} : { value }),
    });
  }

  get empty(): boolean {
    return this.list.length === 0;
  }
}

/** Trims and NFC-normalises user text, so "Hà Nội" typed in decomposed form is stored composed. */
export function cleanText(value: string): string {
  return value.normalize('NFC').trim();
}
