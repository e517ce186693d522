import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { rows } from '../db/query.js';
import { COORDINATING_AGENCY_CODE } from '../db/org-tree.js';
import type { AccessTokenClaims } from './token.js';

/** The caller's organisation as the org tree has it on the token's issue date. */
export interface CallerOrg {
  id: string;
  code: string;
  level: string;
  ancestorIds: string[];
}

/** Formats a Date as `YYYY-MM-DD` in Asia/Ho_Chi_Minh, the calendar every `Date` value uses. */
export function vietnamDate(at: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Ho_Chi_Minh',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

/**
 * The caller of a request: the verified token's claims plus the organisation it acts for,
 * looked up once per request and only when a check needs it.
 */
export class Caller {
  private orgLookup: Promise<CallerOrg | null> | undefined;

  constructor(
    readonly claims: AccessTokenClaims,
    private readonly db: Db,
  ) {}

  get subject(): string {
    return this.claims.subject;
  }

  get orgCode(): string {
    return this.claims.orgCode;
  }

  hasScope(scope: string): boolean {
    return this.claims.scopes.includes(scope);
  }

  get isAdmin(): boolean {
    return this.hasScope('hub:admin');
  }

  /** True for `hub:admin` and the coordinating agency, which see the whole network. */
  get seesAll(): boolean {
    return this.isAdmin || this.claims.orgCode === COORDINATING_AGENCY_CODE;
  }

  /** Returns the caller's organisation as of the token's issue date, or null when the code is unknown. */
  org(): Promise<CallerOrg | null> {
    this.orgLookup ??= this.lookUpOrg();
    return this.orgLookup;
  }

  private async lookUpOrg(): Promise<CallerOrg | null> {
    const day = vietnamDate(this.claims.issuedAt);
    const found = rows<{
      id: string;
      code: string;
      level: string;
      ancestor_ids: string[] | string;
    }>(
      await this.db.execute(sql`
        select id, code, level, ancestor_ids from network.org_tree
        where code = ${this.claims.orgCode} and valid_from <= ${day}
          and (valid_to is null or valid_to >= ${day})
        limit 1`),
    )[0];
    if (!found) return null;
    return {
      id: found.id,
      code: found.code,
      level: found.level,
      ancestorIds: parseUuidArray(found.ancestor_ids),
    };
  }

  /**
   * Builds an SQL condition that is true for rows whose organisation column is the caller's
   * organisation or below it. It is always true for callers who see everything, and always false
   * for an unknown organisation.
   */
  async jurisdiction(orgIdColumn: SQLWrapper): Promise<SQL> {
    if (this.seesAll) return sql`true`;
    const org = await this.org();
    if (!org) return sql`false`;
    return sql`${orgIdColumn} in (select t.id from network.org_tree t where t.id = ${org.id}::uuid or ${org.id}::uuid = any(t.ancestor_ids))`;
  }

  /** Returns true when an organisation (with its ancestor ids) is within the caller's jurisdiction. */
  async covers(target: { id: string; ancestorIds: readonly string[] }): Promise<boolean> {
    if (this.seesAll) return true;
    const org = await this.org();
    if (!org) return false;
    return target.id === org.id || target.ancestorIds.includes(org.id);
  }
}

/** Reads a uuid[] column, which PGlite returns as an array and postgres.js raw queries as text. */
export function parseUuidArray(value: string[] | string | null | undefined): string[] {
  if (!value) return [];
  if (Array.isArray(value)) return value;
  const inner = value.replace(/^\{|\}$/g, '');
  return inner ? inner.split(',') : [];
}
