// Keyset pagination over `(created_at, id)`, the order every staffing list uses: stable while
// rows are added, and served by the `*_created_idx` indexes.
import {
  decodeCursor,
  isTimestampText,
  pageSize,
  toConnection,
  type Connection,
  type Db,
  type Locale,
  type PagePosition,
} from '@dxhub/kit';
import { and, asc, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import { badInput } from '../errors.js';
import { isUuid } from '../validation.js';
import type { OrganizationRef } from './orgs.js';

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export interface Page {
  size: number;
  /** Condition selecting rows after the cursor; undefined on the first page. */
  afterCondition: SQL | undefined;
  /** The request's `after` and the list's cursor scope, for the connection's cursors. */
  position: PagePosition;
}

/**
 * Checks `first` and `after` and turns the cursor into a condition on the two columns. `scope`
 * is the list's `cursorScope`, and a cursor issued under another scope is rejected. Leave it
 * out only where the resolver has already checked the cursor against its scope.
 */
export function readPage(
  locale: Locale,
  args: PageArgs,
  createdAt: SQLWrapper,
  id: SQLWrapper,
  scope?: string,
): Page {
  const size = pageSize(args.first, locale);
  const position = { after: args.after, scope };
  if (!args.after) return { size, afterCondition: undefined, position };
  const key = decodeCursor(args.after, locale, scope);
  const [at, lastId] = key;
  if (
    key.length !== 2 ||
    typeof at !== 'string' ||
    !isTimestampText(at) ||
    typeof lastId !== 'string' ||
    !isUuid(lastId)
  ) {
    throw badInput(
      locale,
      'after',
      {
        en: `cursor "${args.after}" does not belong to this list; pass pageInfo.endCursor from the previous page`,
        vi: `con trỏ "${args.after}" không thuộc danh sách này; hãy dùng pageInfo.endCursor của trang trước`,
      },
      args.after,
    );
  }
  return {
    size,
    afterCondition: sql`(${createdAt}, ${id}) > (${at}::timestamptz, ${lastId}::uuid)`,
    position,
  };
}

/** Returns an organisation reference as a `cursorScope` part: its id and code, or null. */
export function refScopePart(ref: OrganizationRef | null | undefined): unknown {
  return ref ? [ref.id ?? null, ref.code ?? null] : null;
}

/** Builds the connection from rows fetched with `limit size + 1` and the total count. */
export function connectionOf<T extends { createdAt: Date; id: string }>(
  rows: T[],
  page: Page,
  totalCount: number,
): Connection<T> {
  return toConnection(
    rows,
    page.size,
    totalCount,
    (row) => [row.createdAt.toISOString(), row.id],
    page.position,
  );
}

/** SQL condition for `updatedSince`: rows changed at or after the instant. */
export function changedSince(column: SQLWrapper, since: Date | null | undefined): SQL | undefined {
  return since ? sql`${column} >= ${since.toISOString()}::timestamptz` : undefined;
}

/** A table every staffing list pages through: it has `created_at` and `id`. */
type PagedTable = PgTable & { createdAt: AnyPgColumn; id: AnyPgColumn };

/**
 * Fetches one page of a table's rows matching `where`, plus their total count, in two statements
 * whatever the page size. It reads `size + 1` rows because the extra row shows whether another
 * page exists.
 */
export async function fetchPage<T extends PagedTable>(
  db: Db,
  table: T,
  where: SQL | undefined,
  page: Page,
): Promise<{ rows: T['$inferSelect'][]; totalCount: number }> {
  const [counted] = await db
    .select({ n: sql<number>`count(*)::int`.mapWith(Number) })
    .from(table as PgTable)
    .where(where);
  const found = await db
    .select()
    .from(table as PgTable)
    .where(and(where, page.afterCondition))
    .orderBy(asc(table.createdAt), asc(table.id))
    .limit(page.size + 1);
  return { rows: found as T['$inferSelect'][], totalCount: counted?.n ?? 0 };
}
