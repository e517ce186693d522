/**
 * Accent folding for search: users type "ha noi" and expect "Hà Nội", and "đ" must match "d".
 * The same character map feeds the SQL `translate()` of the stored search column, so text
 * folded here and in the database always agrees.
 */
const BASE_VOWELS = 'aăâeêioôơuưy';
// Combining marks of the five Vietnamese tones: grave, acute, hook above, tilde, dot below.
const TONE_MARKS = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];

function asciiOf(vowel: string): string {
  return vowel.normalize('NFD').charAt(0);
}

function buildFoldMap(): { from: string; to: string } {
  let from = '';
  let to = '';
  for (const vowel of BASE_VOWELS) {
    for (const mark of TONE_MARKS) {
      const letter = (vowel + mark).normalize('NFC');
      if (letter === asciiOf(vowel)) continue;
      from += letter;
      to += asciiOf(vowel);
    }
  }
  return { from: from + 'đ', to: to + 'd' };
}

/** Characters folded by {@link foldForSearch}, and what each becomes, position by position. */
export const FOLD_MAP = buildFoldMap();

const FOLD_LOOKUP = new Map([...FOLD_MAP.from].map((char, index) => [char, FOLD_MAP.to[index]!]));

/** Lower-cases NFC text and strips Vietnamese diacritics, as the database's search column does. */
export function foldForSearch(text: string): string {
  let folded = '';
  for (const char of text.normalize('NFC').toLowerCase()) folded += FOLD_LOOKUP.get(char) ?? char;
  return folded;
}
