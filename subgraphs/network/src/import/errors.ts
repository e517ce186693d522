/** Reason an import was rejected, as a stable code that the CLI and tests branch on. */
export type ImportErrorCode =
  /** The file could not be read from disk. */
  | 'FILE_UNREADABLE'
  /** Neither a JSON array nor a CSV with the expected header. */
  | 'FORMAT_UNKNOWN'
  /** JSON or CSV syntax error. */
  | 'FILE_MALFORMED'
  /** The file contains no records. */
  | 'FILE_EMPTY'
  /** A CSV header lacks a required column. */
  | 'COLUMN_MISSING'
  /** A required field of a row is empty. */
  | 'FIELD_MISSING'
  /** A field has a value outside its format or its list of choices. */
  | 'FIELD_INVALID'
  /** Two rows carry the same code. */
  | 'CODE_DUPLICATE'
  /** Two CSV rows describe the same province or district differently. */
  | 'ROW_CONFLICT'
  /** A parent code names no unit at the level above. */
  | 'PARENT_UNKNOWN'
  /** The `--effective` date is not a calendar date. */
  | 'EFFECTIVE_DATE_INVALID'
  /** The list is dated before the latest import of the same kind. */
  | 'LIST_OUTDATED'
  /** A changed unit was opened on the effective date itself, so it cannot be closed the day before. */
  | 'UNIT_OPENED_SAME_DAY'
  /** Two versions of one code would be valid on the same day. */
  | 'PERIOD_OVERLAP'
  /** A mapping row names a code that no unit carries on the dates it implies. */
  | 'MAPPING_UNRESOLVED'
  /** The list has far fewer provinces than the directory, so it cannot be a complete list. */
  | 'LIST_INCOMPLETE';

interface Reason {
  en: string;
  vi: string;
}

/**
 * A rejected import file. Nothing was written: the import runs in one transaction. `row` is the
 * 1-based record number in a JSON file or the line number in a CSV file (the header is line 1),
 * or null when the problem is not in one row.
 */
export class ImportError extends Error {
  override readonly name = 'ImportError';

  constructor(
    readonly code: ImportErrorCode,
    readonly reason: Reason,
    readonly row: number | null = null,
  ) {
    super(`${row === null ? '' : `Row ${row}: `}${reason.en}`);
  }

  /** Returns the reason in the CLI's language, prefixed with the row when there is one. */
  describe(locale: 'en' | 'vi'): string {
    if (this.row === null) return this.reason[locale];
    return `${locale === 'vi' ? 'Dòng' : 'Row'} ${this.row}: ${this.reason[locale]}`;
  }
}

/** Shorthand for the constructor with both languages. */
export function importError(
  code: ImportErrorCode,
  en: string,
  vi: string,
  row: number | null = null,
): ImportError {
  return new ImportError(code, { en, vi }, row);
}
