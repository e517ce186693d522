import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { searchKey } from '../search-key.js';
import { importError } from './errors.js';

/** An import file read into memory, with what the import needs to know about it. */
export interface SourceFile {
  /** Base name, recorded with the import. */
  name: string;
  /** Absolute path, for log lines: two lists can share a base name (the shipped and the shared agencies.json). */
  path: string;
  format: 'json' | 'csv';
  /** UTF-8 text without a byte-order mark. */
  text: string;
  /** SHA-256 of the bytes on disk, hex. */
  sha256: string;
}

/** One CSV record with its line number (the header is line 1) and its fields by header key. */
export interface CsvRow {
  line: number;
  fields: Map<string, string>;
}

/**
 * Reads an import file and decides its format: `.json` and `.csv` by extension, otherwise JSON
 * when the first non-blank character opens an array. A UTF-8 byte-order mark is dropped.
 */
export function readSourceFile(file: string): SourceFile {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw importError(
      'FILE_UNREADABLE',
      `cannot read ${file} (${reason}); check the path and its permissions`,
      `không đọc được tệp ${file} (${reason}); hãy kiểm tra đường dẫn và quyền truy cập`,
    );
  }
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const extension = path.extname(file).toLowerCase();
  const format =
    extension === '.json'
      ? 'json'
      : extension === '.csv'
        ? 'csv'
        : text.trimStart().startsWith('[')
          ? 'json'
          : 'csv';
  return {
    name: path.basename(file),
    path: path.resolve(file),
    format,
    text,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

/** Parses a JSON import file that must be an array of objects. */
export function parseJsonArray(source: SourceFile): Record<string, unknown>[] {
  let value: unknown;
  try {
    value = JSON.parse(source.text);
  } catch (error) {
    const detail = (error as Error).message;
    throw importError(
      'FILE_MALFORMED',
      `${source.name} is not valid JSON (${detail})`,
      `${source.name} không phải JSON hợp lệ (${detail})`,
    );
  }
  if (!Array.isArray(value)) {
    throw importError(
      'FORMAT_UNKNOWN',
      `${source.name} must hold a JSON array of records`,
      `${source.name} phải chứa một mảng JSON các bản ghi`,
    );
  }
  value.forEach((item, index) => {
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      throw importError(
        'FIELD_INVALID',
        'the record is not a JSON object',
        'bản ghi không phải đối tượng JSON',
        index + 1,
      );
    }
  });
  return value as Record<string, unknown>[];
}

/** Reduces a header or field name for matching: no diacritics, case or separators. */
export function headerKey(header: string): string {
  return searchKey(header).replace(/ /g, '');
}

/**
 * Parses CSV text (comma-separated, quoted fields, LF or CRLF line ends) into rows keyed by
 * {@link headerKey} of the header. Every column in `required` must be present.
 */
export function parseCsvRows(source: SourceFile, required: Record<string, string>): CsvRow[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsv(source.text, {
      info: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as typeof records;
  } catch (error) {
    const { lines, message } = error as { lines?: number; message: string };
    throw importError(
      'FILE_MALFORMED',
      `${source.name} is not valid CSV (${message})`,
      `${source.name} không phải CSV hợp lệ (${message})`,
      lines ?? null,
    );
  }
  const [header, ...body] = records;
  if (!header)
    throw importError('FILE_EMPTY', `${source.name} is empty`, `${source.name} không có dữ liệu`);

  const keys = header.record.map(headerKey);
  for (const [key, label] of Object.entries(required)) {
    if (!keys.includes(key)) {
      throw importError(
        'COLUMN_MISSING',
        `the header has no column "${label}"; found ${header.record.join(', ')}`,
        `dòng tiêu đề thiếu cột "${label}"; các cột hiện có: ${header.record.join(', ')}`,
        1,
      );
    }
  }
  return body.map(({ record, info }) => ({
    line: info.lines,
    fields: new Map(keys.map((key, index) => [key, record[index] ?? ''])),
  }));
}

/** Cleans the text of a field: NFC, runs of whitespace collapsed, empty when missing. */
export function cleanText(value: unknown): string {
  if (typeof value !== 'string') return '';
  return value.normalize('NFC').replace(/\s+/g, ' ').trim();
}
