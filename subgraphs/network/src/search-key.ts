/**
 * Search keys for Vietnamese names. Users type without diacritics ("ha noi"), with them in
 * either tone-mark position ("Hoà" or "Hòa"), and write "d" for "đ". All of these reduce to the
 * same key. Keys are computed here rather than with PostgreSQL's `unaccent`, so the embedded and
 * the real database store identical keys.
 */

/** Unit-type prefixes of official names, longest first so `thi xa` wins over `thi`. */
const UNIT_TYPE_PREFIXES = [
  'thanh pho',
  'thi tran',
  'thi xa',
  'dac khu',
  'phuong',
  'huyen',
  'quan',
  'tinh',
  'xa',
];

/**
 * Reduces text to its search key: decomposed (NFD) with combining marks removed, `đ` as `d`,
 * lower case, anything but letters and digits as a single space, trimmed.
 *
 * @example searchKey('Thành phố  Hà Nội') === 'thanh pho ha noi'
 */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Returns the search key without its unit-type prefix, so "ha noi" is an exact match for
 * "Thành phố Hà Nội". A name that is only a prefix keeps its key.
 *
 * @example shortSearchKey('Thành phố Hà Nội') === 'ha noi'
 */
export function shortSearchKey(text: string): string {
  const key = searchKey(text);
  for (const prefix of UNIT_TYPE_PREFIXES) {
    if (key.startsWith(`${prefix} `)) return key.slice(prefix.length + 1);
  }
  return key;
}

/** Escapes `%`, `_` and `\` so a key can sit inside a LIKE pattern. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}
