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

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** Decodes a cursor, or throws BAD_USER_INPUT naming the argument. */
export function decodeCursor(cursor: string, locale: Locale = 'en'): CursorKey {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(key) &&
      key.every((v) => v === null || ['string', 'number'].includes(typeof v))
    ) {
      return key as CursorKey;
    }
  } catch {
    // Reported below.
  }
  throw new DxError('BAD_USER_INPUT', {
    locale,
    params: {
      field: 'after',
      reason:
        locale === 'vi'
          ? `con trỏ "${cursor}" không hợp lệ; hãy dùng pageInfo.endCursor của trang trước`
          : `cursor "${cursor}" is not valid; pass pageInfo.endCursor from the previous page`,
    },
    extensions: { field: 'after' },
  });
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

/**
 * Builds a connection from a keyset query that fetched `size + 1` rows, so the extra row tells
 * whether another page exists without a second query.
 */
export function toConnection<T>(
  fetched: T[],
  size: number,
  totalCount: number,
  keyOf: (node: T) => CursorKey,
  hasPreviousPage: boolean,
): Connection<T> {
  const nodes = fetched.slice(0, size);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return {
    edges,
    nodes,
    totalCount,
    pageInfo: {
      hasNextPage: fetched.length > size,
      hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
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
