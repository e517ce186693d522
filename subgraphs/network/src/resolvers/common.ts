// Helpers every resolver file shares: the context type, arguments and connections.
import {
  DxError,
  decodeCursor,
  isTimestampText,
  pageSize,
  toConnection,
  type Connection,
  type CursorKey,
  type PagePosition,
  type SubgraphContext,
} from '@dxhub/kit';
import type { OrgRow } from '../db/organizations.js';
import { isUuid } from '../db/sql.js';
import { today } from '../dates.js';
import { searchKey } from '../search-key.js';
import type { FieldProblem } from '../validation.js';
import type { NetworkLoaders } from '../loaders.js';

export type Context = SubgraphContext<NetworkLoaders>;

/** An organisation as resolvers pass it on: the row, and the day it was looked up for. */
export type OrgNode = OrgRow & { queriedOn?: string | undefined };

/**
 * Reads the page size and cursor of a connection field. `scope` is the list's `cursorScope`, so
 * a cursor of another list or query is rejected, and a cursor of the wrong shape too.
 * `position` goes to {@link connectionOf}.
 */
export function pageArgs<T extends CursorKey>(
  args: { first?: number | null; after?: string | null },
  ctx: Context,
  isKey: (key: CursorKey) => key is T,
  scope: string,
): { size: number; after: T | null; position: PagePosition } {
  const size = pageSize(args.first, ctx.locale);
  const position = { after: args.after, scope };
  if (!args.after) return { size, after: null, position };
  const key = decodeCursor(args.after, ctx.locale, scope);
  if (isKey(key)) return { size, after: key, position };
  throw new DxError('BAD_USER_INPUT', {
    locale: ctx.locale,
    params: {
      field: 'after',
      reason:
        ctx.locale === 'vi'
          ? `con trỏ "${args.after}" thuộc một danh sách khác; hãy dùng pageInfo.endCursor của trang trước trong danh sách này`
          : `cursor "${args.after}" belongs to another list; pass pageInfo.endCursor from the previous page of this list`,
    },
    extensions: { field: 'after' },
  });
}

/**
 * Returns the search key of a `search` argument, or null for no search (absent, empty or only
 * spaces). Text with other characters but no letter or digit, such as `%` or `"`, has an empty
 * key that would match every row, so it raises BAD_USER_INPUT naming `field`.
 */
export function searchKeyOf(
  ctx: Pick<Context, 'locale'>,
  field: string,
  text: string | null | undefined,
): string | null {
  if (!text || text.trim() === '') return null;
  const key = searchKey(text);
  if (key) return key;
  throw new DxError('BAD_USER_INPUT', {
    locale: ctx.locale,
    params: {
      field,
      reason:
        ctx.locale === 'vi'
          ? `chuỗi tìm kiếm "${text}" không có chữ cái hay chữ số nào; hãy nhập một phần tên`
          : `the search text "${text}" has no letter or digit; type part of a name`,
    },
    extensions: { field, reason: 'SEARCH_WITHOUT_LETTERS' },
  });
}

export const isOrgCursor = (key: CursorKey): key is [number, string, string] =>
  key.length === 3 && typeof key[0] === 'number' && typeof key[1] === 'string' && isUuid(key[2]);

export const isTextCursor = (key: CursorKey): key is [string, string] =>
  key.length === 2 && typeof key[0] === 'string' && isUuid(key[1]);

/** A cursor of a list ordered by creation time: the time as text, then the row's id. */
export const isTimeCursor = (key: CursorKey): key is [string, string] =>
  key.length === 2 &&
  typeof key[0] === 'string' &&
  isTimestampText(key[0]) &&
  typeof key[1] === 'string' &&
  isUuid(key[1]);

export const isSeqCursor = (key: CursorKey): key is [number] =>
  key.length === 1 && typeof key[0] === 'number';

/**
 * Returns the day a field of a unit is read on when the request names none. That is the day
 * the unit was looked up for, else today, moved into the unit's own validity so that a closed
 * unit shows its last state.
 */
export function dayFor(node: OrgNode, asOf: string | null | undefined): string {
  if (asOf) return asOf;
  if (node.queriedOn) return node.queriedOn;
  const day = today();
  if (day < node.validFrom) return node.validFrom;
  if (node.validTo && day > node.validTo) return node.validTo;
  return day;
}

/** True when a record with a validity period is valid on `day`. */
export function validOnDay(
  record: { validFrom: string; validTo: string | null },
  day: string,
): boolean {
  return record.validFrom <= day && (record.validTo === null || record.validTo >= day);
}

/** Builds a connection over rows fetched with one extra row, then swaps in the loaded nodes. */
export async function connectionOf<Entry, Node>(
  fetched: Entry[],
  size: number,
  total: number,
  keyOf: (entry: Entry) => CursorKey,
  position: PagePosition,
  toNode: (entries: Entry[]) => Promise<Node[]>,
): Promise<Connection<Node>> {
  const page = toConnection(fetched, size, total, keyOf, position);
  const nodes = await toNode(page.nodes);
  return {
    ...page,
    nodes,
    edges: page.edges.map((edge, index) => ({ cursor: edge.cursor, node: nodes[index]! })),
  };
}

/** Loads organisation rows by id, keeping the order and dropping ids that vanished. */
export async function loadOrganizations(
  ctx: Context,
  ids: readonly string[],
  queriedOn?: string,
): Promise<OrgNode[]> {
  const loaded = await ctx.loaders.organization.loadMany(ids);
  const nodes: OrgNode[] = [];
  for (const row of loaded) {
    if (row instanceof Error) throw row;
    if (row) nodes.push(queriedOn ? { ...row, queriedOn } : row);
  }
  return nodes;
}

/** Vietnamese names of the entity types that NOT_FOUND and {@link idArgument} messages name. */
const ENTITY_NAMES_VI = {
  Organization: 'đơn vị',
  Person: 'người',
  Membership: 'tư cách thành viên',
  SteeringCommittee: 'Ban Chỉ đạo chuyển đổi số',
  SteeringCommitteeMember: 'thành viên Ban Chỉ đạo',
} satisfies Record<string, string>;

/** Builds BAD_USER_INPUT for one argument, named in `extensions.field` and in one field error. */
function invalidArgument(
  ctx: Pick<Context, 'locale'>,
  field: string,
  problem: FieldProblem,
  value: string,
  reason: { en: string; vi: string },
): DxError {
  const message = reason[ctx.locale];
  return new DxError('BAD_USER_INPUT', {
    locale: ctx.locale,
    params: { field, reason: message },
    fieldErrors: [{ field, code: problem, message, value }],
    extensions: { field },
  });
}

/**
 * Returns the id an argument names, lower-cased, or throws BAD_USER_INPUT naming `field` when
 * it is blank or not a UUID. `entity` is the GraphQL type the id belongs to. Only client-facing
 * arguments go through this check, because `_entities` references with a malformed id resolve
 * to null under the federation contract.
 */
export function idArgument(
  ctx: Pick<Context, 'locale'>,
  field: string,
  entity: keyof typeof ENTITY_NAMES_VI,
  value: string,
): string {
  const blank = value.trim() === '';
  if (isUuid(value)) return value.toLowerCase();
  const name = { en: entity, vi: ENTITY_NAMES_VI[entity] };
  if (blank) {
    throw invalidArgument(ctx, field, 'REQUIRED', value, {
      en: `the id is empty; give the id field of the ${name.en}, a UUID`,
      vi: `mã định danh đang để trống (bắt buộc); hãy nhập trường id của ${name.vi} (dạng UUID)`,
    });
  }
  throw invalidArgument(ctx, field, 'INVALID_FORMAT', value, {
    en: `"${value}" is not a UUID; give the id field of the ${name.en}`,
    vi: `"${value}" không phải là mã định danh dạng UUID; hãy nhập trường id của ${name.vi}`,
  });
}

/**
 * Returns an organisation code argument without outer whitespace, or throws BAD_USER_INPUT
 * naming `field` when it is blank. `instead` ends the message with what else the caller may
 * do, for arguments that may be left out.
 */
export function orgCodeArgument(
  ctx: Pick<Context, 'locale'>,
  field: string,
  value: string,
  instead?: { en: string; vi: string },
): string {
  const code = value.trim();
  if (code !== '') return code;
  throw invalidArgument(ctx, field, 'REQUIRED', value, {
    en: `the code is empty; give the code of an organisation, such as bo-khoa-hoc-va-cong-nghe, an administrative unit code or a tax code${instead ? `, ${instead.en}` : ''}`,
    vi: `mã đơn vị đang để trống (bắt buộc); hãy nhập mã của đơn vị, ví dụ bo-khoa-hoc-va-cong-nghe, mã đơn vị hành chính hoặc mã số thuế${instead ? `, ${instead.vi}` : ''}`,
  });
}

/**
 * Returns the `filter.organizationCode` of a list without outer whitespace, or null when it is
 * left out. An empty code throws BAD_USER_INPUT, not read as "no filter".
 */
export function orgCodeFilter(
  ctx: Pick<Context, 'locale'>,
  value: string | null | undefined,
): string | null {
  if (value === null || value === undefined) return null;
  return orgCodeArgument(ctx, 'filter.organizationCode', value, {
    en: 'or leave organizationCode out to list every organisation',
    vi: 'hoặc bỏ trường organizationCode để không lọc theo đơn vị',
  });
}

/**
 * NOT_FOUND for an entity the request named by id or code. `extensions.entity` is the GraphQL
 * type name in every language, while the Vietnamese message names the entity in Vietnamese.
 */
export function notFound(ctx: Context, entity: string, value: string): DxError {
  const names: Record<string, string> = ENTITY_NAMES_VI;
  const displayName = ctx.locale === 'vi' ? (names[entity] ?? entity) : entity;
  return new DxError('NOT_FOUND', {
    locale: ctx.locale,
    params: { entity: displayName, value },
    extensions: { entity, value },
  });
}

/** FORBIDDEN for a record outside the caller's jurisdiction. */
export function outsideJurisdiction(ctx: Context, what: string): DxError {
  return new DxError('FORBIDDEN', {
    locale: ctx.locale,
    params: {
      reason:
        ctx.locale === 'vi'
          ? `${what} nằm ngoài phạm vi quản lý của đơn vị ${ctx.caller?.orgCode ?? ''}`
          : `${what} is outside the jurisdiction of ${ctx.caller?.orgCode ?? 'the caller'}`,
    },
    extensions: { reason: 'OUTSIDE_JURISDICTION' },
  });
}

/** Checks whether the caller's jurisdiction covers a unit. */
export async function covers(ctx: Context, org: OrgRow): Promise<boolean> {
  return Boolean(
    ctx.caller && (await ctx.caller.covers({ id: org.id, ancestorIds: org.ancestorIds })),
  );
}
