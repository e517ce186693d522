import type { GraphQLResolveInfo, SelectionSetNode } from 'graphql';
import { DxError } from './errors.js';
import type { Locale } from './locale.js';

/** Largest page a client may request; published through the gateway's `limits` query. */
export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 50;
/** Largest number of rows one bulk mutation accepts; published through the `limits` query. */
export const MAX_BATCH_SIZE = 5000;

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** The decoded position of a keyset cursor: the sort key values of the last row seen. */
export type CursorKey = (string | number | null)[];

/** Length of a cursor scope: eight hexadecimal digits, 32 bits. */
const SCOPE_LENGTH = 8;
const SCOPE_PATTERN = /^[0-9a-f]{8}$/;

/**
 * Fingerprints the arguments that define a list, so that its cursors are rejected by any other
 * list. Pass a name for the list, then the values of every argument that changes which rows
 * the list contains or their order: filters, search text, ordering and the parent's id for a
 * nested list, but not `first` or `after`. Pass values in a fixed order, normalised where two spellings
 * select the same rows, and `null` for an absent one. Dates become their ISO text.
 *
 * The fingerprint is 32-bit FNV-1a over the UTF-16 code units of the JSON text of `parts`. It
 * catches mistakes and is no security boundary, because anyone can compute it. Compute it once
 * per list request, not per row.
 */
export function cursorScope(...parts: unknown[]): string {
  const text = JSON.stringify(parts);
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(SCOPE_LENGTH, '0');
}

/**
 * Encodes a cursor: base64url of the scope, when given, followed by the JSON array of the key.
 * The scope is hexadecimal and the JSON starts with `[`, so the decoder can split them.
 */
export function encodeCursor(key: CursorKey, scope?: string): string {
  return Buffer.from((scope ?? '') + JSON.stringify(key), 'utf8').toString('base64url');
}

/** Builds the BAD_USER_INPUT error of a rejected `after` cursor. */
function cursorError(
  locale: Locale,
  reason: { en: string; vi: string },
  extensions: Record<string, unknown> = {},
): DxError {
  return new DxError('BAD_USER_INPUT', {
    locale,
    params: { field: 'after', reason: locale === 'vi' ? reason.vi : reason.en },
    extensions: { field: 'after', ...extensions },
  });
}

function invalidCursor(cursor: string, locale: Locale): DxError {
  return cursorError(locale, {
    en: `cursor "${cursor}" is not valid; pass pageInfo.endCursor from the previous page`,
    vi: `con trỏ "${cursor}" không hợp lệ; hãy dùng pageInfo.endCursor của trang trước`,
  });
}

function cursorOfOtherQuery(cursor: string, locale: Locale): DxError {
  return cursorError(
    locale,
    {
      en: `cursor "${cursor}" belongs to another query, with other filters, search text, order or parent record; start again without after`,
      vi: `con trỏ "${cursor}" thuộc một truy vấn khác (khác bộ lọc, chuỗi tìm kiếm, thứ tự sắp xếp hoặc bản ghi chứa danh sách); hãy tải lại từ trang đầu, không truyền after`,
    },
    { reason: 'CURSOR_QUERY_MISMATCH' },
  );
}

/**
 * Decodes a cursor, or throws BAD_USER_INPUT naming the argument. When `scope` is given, the
 * cursor must carry that scope, so a cursor of another list or another query, or one issued
 * without a scope, is rejected with reason CURSOR_QUERY_MISMATCH. Without `scope`, any
 * well-formed cursor is accepted and its scope is not checked.
 */
export function decodeCursor(cursor: string, locale: Locale = 'en', scope?: string): CursorKey {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const keyStart = text.indexOf('[');
  const carried = keyStart > 0 ? text.slice(0, keyStart) : '';
  let key: unknown;
  try {
    key = keyStart >= 0 ? JSON.parse(text.slice(keyStart)) : undefined;
  } catch {
    key = undefined;
  }
  const wellFormed =
    (carried === '' || SCOPE_PATTERN.test(carried)) &&
    Array.isArray(key) &&
    key.every((v) => v === null || ['string', 'number'].includes(typeof v));
  if (!wellFormed) throw invalidCursor(cursor, locale);
  if (scope !== undefined && carried !== scope) throw cursorOfOtherQuery(cursor, locale);
  return key as CursorKey;
}

/**
 * Checks a timestamp carried in a cursor: a real calendar day and time with an offset, as
 * `Date.prototype.toISOString` (`2026-12-05T08:07:34.175Z`) or PostgreSQL
 * (`2026-12-05 08:07:34.175261+00`) print it. `Date.parse` is no check: it accepts
 * `2025-02-30`, which PostgreSQL then refuses inside the query, and a cursor edited to carry
 * `infinity` or a word such as `yesterday` would be read as a date.
 */
export function isTimestampText(text: string): boolean {
  const match =
    /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?([+-]\d{2}(:?\d{2}){0,2}|Z)$/.exec(
      text,
    );
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as number[];
  const date = new Date(Date.UTC(year!, month! - 1, day!, hour!, minute!, second!));
  return (
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month! - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second
  );
}

/** Validates `first`, defaulting it, or throws BAD_USER_INPUT with the allowed range. */
export function pageSize(first: number | null | undefined, locale: Locale = 'en'): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw new DxError('BAD_USER_INPUT', {
      locale,
      params: {
        field: 'first',
        reason:
          locale === 'vi'
            ? `${first} nằm ngoài khoảng 0 đến ${MAX_PAGE_SIZE}`
            : `${first} is outside 0 to ${MAX_PAGE_SIZE}`,
      },
      extensions: { field: 'first' },
    });
  }
  return first;
}

/** Start of a page as the list request gave it, with the list's cursor scope. */
export interface PagePosition {
  /** The `after` argument as the client sent it: null, undefined or empty on the first page. */
  after: string | null | undefined;
  /** The list's {@link cursorScope}. Without it the page's cursors carry no scope. */
  scope?: string | undefined;
}

/**
 * Builds a connection from a keyset query that fetched `size + 1` rows, so the extra row tells
 * whether another page exists without a second query. A page without edges, such as one of
 * `first: 0`, returns the client's `after` as its start and end cursor, so that continuing from
 * `endCursor` resumes at the same position rather than at the first row.
 */
export function toConnection<T>(
  fetched: T[],
  size: number,
  totalCount: number,
  keyOf: (node: T) => CursorKey,
  position: PagePosition,
): Connection<T> {
  const nodes = fetched.slice(0, size);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(keyOf(node), position.scope), node }));
  const after = position.after || null;
  return {
    edges,
    nodes,
    totalCount,
    pageInfo: {
      hasNextPage: fetched.length > size,
      hasPreviousPage: after !== null,
      startCursor: edges[0]?.cursor ?? after,
      endCursor: edges.at(-1)?.cursor ?? after,
    },
  };
}

/**
 * True when the field being resolved selects `name` among its direct subfields, through inline
 * fragments and fragment spreads too. A selection under `@skip` or `@include` counts as made, so
 * false means the result cannot contain the field: a list resolver can leave out the count
 * query when no one reads `totalCount`.
 */
export function selectsField(info: GraphQLResolveInfo, name: string): boolean {
  const seen = new Set<string>();
  const search = (set: SelectionSetNode | undefined): boolean => {
    if (!set) return false;
    for (const selection of set.selections) {
      if (selection.kind === 'Field') {
        if (selection.name.value === name) return true;
      } else if (selection.kind === 'InlineFragment') {
        if (search(selection.selectionSet)) return true;
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        if (search(info.fragments[selection.name.value]?.selectionSet)) return true;
      }
    }
    return false;
  };
  return info.fieldNodes.some((node) => search(node.selectionSet));
}
