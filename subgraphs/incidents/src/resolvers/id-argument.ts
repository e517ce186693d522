// Checks of the id arguments that clients pass to queries and mutations.
import type { Locale } from '@dxhub/kit';
import { validate as isUuid } from 'uuid';
import type { Label } from '../domain/taxonomy.js';
import { invalidField } from '../errors.js';

/** Names of the records an id argument can point to, in both languages. */
const RECORD_NAMES = {
  Incident: { en: 'incident', vi: 'sự cố an toàn thông tin mạng' },
  Indicator: { en: 'indicator', vi: 'dấu hiệu xâm phạm (IOC)' },
} satisfies Record<string, Label>;

/**
 * Returns the id an argument names, lower-cased, or throws BAD_USER_INPUT naming `field` when
 * it is blank or not a UUID. The test is `validate` of the uuid package, as in the loaders, so
 * it also rejects version digits outside 1-8 and variant digits outside 8, 9, a and b.
 * `_entities` references skip this check and resolve to null under the federation contract.
 */
export function idArgument(
  locale: Locale,
  field: string,
  record: keyof typeof RECORD_NAMES,
  value: string,
): string {
  if (isUuid(value)) return value.toLowerCase();
  const name = RECORD_NAMES[record];
  if (value.trim() === '') {
    throw invalidField(
      locale,
      field,
      'REQUIRED',
      {
        en: `the id is empty; give the id field of the ${name.en}, a UUID`,
        vi: `mã định danh đang để trống (bắt buộc); hãy nhập trường id của ${name.vi} (dạng UUID)`,
      },
      value,
    );
  }
  throw invalidField(
    locale,
    field,
    'INVALID_ID',
    {
      en: `"${value}" is not a UUID; give the id field of the ${name.en}`,
      vi: `"${value}" không phải là mã định danh dạng UUID; hãy nhập trường id của ${name.vi}`,
    },
    value,
  );
}
