import type { DxhubClient } from './client.js';
import type { DocumentInput } from './document.js';
import { InvalidResponseError, RequestAbortedError } from './errors.js';
import { hubLimits } from './limits.js';
import type { RequestOptions } from './options.js';

/**
 * The parts of a hub connection that pagination reads. Every list field of the hub returns this
 * shape.
 *
 * @example
 * ```ts
 * const connection: ConnectionLike<{ code: string }> = {
 *   nodes: [{ code: '01' }],
 *   pageInfo: { hasNextPage: false, endCursor: 'WyIwMSJd' },
 *   totalCount: 1,
 * };
 * ```
 */
export interface ConnectionLike<TNode> {
  nodes?: readonly TNode[] | null;
  edges?: readonly ({ node: TNode } | null)[] | null;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  totalCount?: number | null;
}

/**
 * One page of a connection.
 *
 * @example
 * ```ts
 * for await (const page of paginatePages(hub, doc, {}, (d) => d.organizations)) console.log(page.nodes.length, page.totalCount);
 * ```
 */
export interface Page<TNode> {
  nodes: TNode[];
  totalCount: number | undefined;
  endCursor: string | undefined;
  hasNextPage: boolean;
}

/**
 * How to walk a connection.
 *
 * @example
 * ```ts
 * const options: PaginateOptions = { pageSize: 200, maxItems: 1_000, signal: AbortSignal.timeout(60_000) };
 * ```
 */
export interface PaginateOptions extends Pick<RequestOptions, 'signal' | 'timeoutMs' | 'retry'> {
  /** Nodes per request; capped at the hub's `maxPageSize`. Default 100. */
  pageSize?: number;
  /** Stop after this many nodes. */
  maxItems?: number;
}

/**
 * Variables every paginated operation takes; {@link paginate} sets them.
 *
 * @example
 * ```ts
 * const firstPage: PageVariables = { first: 100, after: null };
 * ```
 */
export interface PageVariables {
  first?: number | null;
  after?: string | null;
}

/**
 * Page size used when the caller gives none.
 *
 * @example
 * ```ts
 * const all = paginate(hub, OrganizationsDocument, {}, (d) => d.organizations, { pageSize: DEFAULT_PAGE_SIZE * 2 });
 * ```
 */
export const DEFAULT_PAGE_SIZE = 100;

/**
 * Walks a connection page by page, passing `first` and `after` and following
 * `pageInfo.endCursor` until `hasNextPage` is false.
 *
 * @example
 * ```ts
 * for await (const page of paginatePages(hub, OrganizationsDocument, { filter: { level: 'PROVINCE' } }, (d) => d.organizations)) {
 *   console.log(`${page.nodes.length} of ${page.totalCount}`);
 * }
 * ```
 */
export async function* paginatePages<TResult, TVariables extends PageVariables, TNode>(
  client: DxhubClient,
  document: DocumentInput<TResult, TVariables>,
  variables: Omit<TVariables, 'first' | 'after'>,
  select: (data: TResult) => ConnectionLike<TNode> | null | undefined,
  options: PaginateOptions = {},
): AsyncGenerator<Page<TNode>, void, undefined> {
  const requested = options.pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(requested) || requested < 1) {
    throw new TypeError(
      `@dxhub/sdk: pageSize must be a whole number above 0, got ${String(requested)}`,
    );
  }
  const { maxPageSize } = await hubLimits(client, options);
  const pageSize = Math.min(requested, maxPageSize);
  const maxItems = options.maxItems ?? Number.POSITIVE_INFINITY;
  const requestOptions: RequestOptions = {
    signal: options.signal,
    timeoutMs: options.timeoutMs,
    retry: options.retry,
  };

  let after: string | undefined;
  let seen = 0;
  for (;;) {
    if (options.signal?.aborted) throw new RequestAbortedError({ cause: options.signal.reason });
    const first = Math.min(pageSize, maxItems - seen);
    const pageVariables = {
      ...variables,
      first,
      ...(after === undefined ? {} : { after }),
    } as unknown as TVariables;
    const data = await client.request(document, pageVariables as never, requestOptions);
    const connection = select(data);
    if (!connection) return;

    const nodes = connection.nodes
      ? [...connection.nodes]
      : (connection.edges ?? []).flatMap((edge) => (edge ? [edge.node] : []));
    const endCursor = connection.pageInfo.endCursor ?? undefined;
    const hasNextPage = connection.pageInfo.hasNextPage && nodes.length > 0;
    seen += nodes.length;
    yield { nodes, totalCount: connection.totalCount ?? undefined, endCursor, hasNextPage };

    if (!hasNextPage || seen >= maxItems) return;
    if (endCursor === undefined || endCursor === after) {
      throw new InvalidResponseError(
        '@dxhub/sdk: the hub reported another page but its endCursor did not advance',
      );
    }
    after = endCursor;
  }
}

/**
 * Iterates over every node of a connection, fetching pages as the loop needs them.
 *
 * @example
 * ```ts
 * for await (const org of paginate(hub, OrganizationsDocument, { filter: { search: 'ha noi' } }, (d) => d.organizations)) {
 *   console.log(org.code, org.name);
 * }
 * ```
 */
export async function* paginate<TResult, TVariables extends PageVariables, TNode>(
  client: DxhubClient,
  document: DocumentInput<TResult, TVariables>,
  variables: Omit<TVariables, 'first' | 'after'>,
  select: (data: TResult) => ConnectionLike<TNode> | null | undefined,
  options: PaginateOptions = {},
): AsyncGenerator<TNode, void, undefined> {
  for await (const page of paginatePages(client, document, variables, select, options)) {
    yield* page.nodes;
  }
}

/**
 * Collects an async iterable into an array; convenient after {@link paginate} with `maxItems`.
 *
 * @example
 * ```ts
 * const provinces = await collect(hub.directory.list({ level: 'PROVINCE' }));
 * ```
 */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}
