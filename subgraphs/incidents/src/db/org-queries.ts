// Reads of network.org_tree, the one table of another subgraph this subgraph may read.
import { orgTree, vietnamDate, type Db, type Locale, anyOf } from '@dxhub/kit';
import { and, asc, eq, gte, isNull, lte, or, type SQL } from 'drizzle-orm';
import { validate as isUuid } from 'uuid';
import { INCIDENT_RESPONSE_TEAM_KIND } from '../domain/taxonomy.js';
import { invalidField, notFound } from '../errors.js';

/** An organisation as the org tree has it. */
export interface OrgRow {
  id: string;
  code: string;
  level: string;
  kind: string;
  ancestorIds: string[];
  validFrom: string;
  validTo: string | null;
}

/** An organisation reference from a mutation input: an id, or a code valid today. */
export interface OrganizationRefInput {
  id?: string | null;
  code?: string | null;
}

const columns = {
  id: orgTree.id,
  code: orgTree.code,
  level: orgTree.level,
  kind: orgTree.kind,
  ancestorIds: orgTree.ancestorIds,
  validFrom: orgTree.validFrom,
  validTo: orgTree.validTo,
};

function validOn(day: string): SQL | undefined {
  return and(lte(orgTree.validFrom, day), or(isNull(orgTree.validTo), gte(orgTree.validTo, day)));
}

/** Loads organisations by id, whatever their validity dates. */
export async function orgsByIds(db: Db, ids: readonly string[]): Promise<OrgRow[]> {
  const valid = ids.filter((id) => isUuid(id));
  if (valid.length === 0) return [];
  return db.select(columns).from(orgTree).where(anyOf(orgTree.id, valid));
}

/** Organisations of the incident-response kind valid today, by code. */
export async function responseTeams(db: Db): Promise<OrgRow[]> {
  return db
    .select(columns)
    .from(orgTree)
    .where(and(eq(orgTree.kind, INCIDENT_RESPONSE_TEAM_KIND), validOn(vietnamDate())))
    .orderBy(asc(orgTree.code));
}

/**
 * Resolves organisation references of one mutation in one statement. Ids match any unit,
 * current or former, because an incident may concern a unit that has since been merged;
 * codes match the unit valid today. Throws BAD_USER_INPUT for a reference that gives both or
 * neither, and NOT_FOUND for one that matches nothing.
 */
export async function resolveOrgRefs(
  db: Db,
  locale: Locale,
  refs: readonly { field: string; ref: OrganizationRefInput }[],
): Promise<Map<string, OrgRow>> {
  const ids: string[] = [];
  const codes: string[] = [];
  for (const { field, ref } of refs) {
    const hasId = typeof ref.id === 'string' && ref.id !== '';
    const hasCode = typeof ref.code === 'string' && ref.code !== '';
    if (hasId === hasCode) {
      throw invalidField(locale, field, 'ONE_OF_ID_OR_CODE', {
        en: 'give exactly one of id and code',
        vi: 'hãy nhập đúng một trong hai trường id hoặc code',
      });
    }
    if (hasId && !isUuid(ref.id as string))
      throw notFound(locale, 'organisation', ref.id as string);
    if (hasId) ids.push(ref.id as string);
    else codes.push(ref.code as string);
  }
  if (refs.length === 0) return new Map();

  const byId = anyOf(orgTree.id, ids);
  const byCode =
    codes.length > 0 ? and(anyOf(orgTree.code, codes), validOn(vietnamDate())) : undefined;
  const found = await db.select(columns).from(orgTree).where(or(byId, byCode));

  const resolved = new Map<string, OrgRow>();
  for (const { field, ref } of refs) {
    const match = ref.id
      ? found.find((org) => org.id === ref.id)
      : found.find((org) => org.code === ref.code);
    if (!match) throw notFound(locale, 'organisation', (ref.id || ref.code) as string);
    resolved.set(field, match);
  }
  return resolved;
}
