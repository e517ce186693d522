import type { GraphQLFormattedError } from 'graphql';

/**
 * The callers every access matrix runs as. The records under test belong to `sameBody`
 * (district 001, Quận Ba Đình); `parentBody` is its province (01, Hà Nội); `otherBody` is an
 * unrelated province (79, Hồ Chí Minh); `admin` is an unrelated ministry holding `hub:admin`.
 */
export const ACCESS_ROLES = {
  anonymous: null,
  otherBody: '79',
  sameBody: '001',
  parentBody: '01',
  coordinatingAgency: 'cuc-chuyen-doi-so-quoc-gia',
  admin: 'bo-tai-chinh',
} as const;

export type AccessRole = keyof typeof ACCESS_ROLES;

/**
 * What a role must get:
 * - `UNAUTHENTICATED`, `FORBIDDEN`, `NOT_FOUND`: the first error has this code and no record
 *   data is returned (the checked path is null or empty);
 * - `ALLOWED`: no error, and `check` (when given) accepts the data;
 * - `EMPTY`: no error, but the records are filtered out (empty list, zero count or null).
 */
export type AccessOutcome = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'ALLOWED' | 'EMPTY';

export type RunOperation = (
  query: string,
  variables: Record<string, unknown> | undefined,
  as: { org: string; scopes: string[] } | null,
) => Promise<{ data?: Record<string, unknown> | null; errors?: readonly GraphQLFormattedError[] }>;

export interface AccessCase {
  /** The operation's name, for the test title. */
  name: string;
  query: string;
  /** Variables, computed from what the seed step returned (ids of created records). */
  variables?: (seeded: Record<string, unknown>) => Record<string, unknown>;
  /** Scopes every non-anonymous role's token carries for this case. */
  scopes: string[];
  expected: Record<AccessRole, AccessOutcome>;
  /** Dotted path of the data the outcome is judged on, such as `organization.people`. */
  path: string;
  /** For mutations: runs before each role so every role acts on a fresh record. */
  perRoleSeed?: (run: RunOperation) => Promise<Record<string, unknown>>;
}

/** The operations of one subgraph, with the seed step that creates the records they read. */
export interface AccessSuite {
  subgraph: string;
  /** Creates the records (as `sameBody` or through admin) and returns their ids. */
  seed(run: RunOperation): Promise<Record<string, unknown>>;
  cases: AccessCase[];
}

function valueAt(data: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (value, key) =>
        value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined,
      data,
    );
}

function isEmptyValue(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'number') return value === 0;
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if ('totalCount' in record) return record.totalCount === 0;
    if ('nodes' in record && Array.isArray(record.nodes)) return record.nodes.length === 0;
    if ('edges' in record && Array.isArray(record.edges)) return record.edges.length === 0;
  }
  return false;
}

/**
 * Judges one response against the expected outcome; returns null when it matches, or a
 * sentence saying what was wrong.
 */
export function judgeAccess(
  outcome: AccessOutcome,
  path: string,
  response: { data?: Record<string, unknown> | null; errors?: readonly GraphQLFormattedError[] },
): string | null {
  const value = valueAt(response.data, path);
  const codes = (response.errors ?? []).map((e) => e.extensions?.code);
  if (outcome === 'ALLOWED') {
    if (codes.length > 0) return `expected data, got errors ${codes.join(', ')}`;
    if (isEmptyValue(value)) return `expected data at ${path}, got ${JSON.stringify(value)}`;
    return null;
  }
  if (outcome === 'EMPTY') {
    if (codes.length > 0) return `expected an empty result, got errors ${codes.join(', ')}`;
    if (!isEmptyValue(value)) return `expected nothing at ${path}, got ${JSON.stringify(value)}`;
    return null;
  }
  if (codes[0] !== outcome)
    return `expected ${outcome}, got ${codes.length ? codes.join(', ') : 'no error'}`;
  if (!isEmptyValue(value))
    return `expected no data at ${path} with ${outcome}, got ${JSON.stringify(value)}`;
  return null;
}
