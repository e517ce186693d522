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
 * neither, a malformed id or a blank code, and NOT_FOUND for one that matches nothing.
 */
export async function resolveOrgRefs(
  db: Db,
  locale: Locale,
  refs: readonly { field: string; ref: OrganizationRefInput }[],
): Promise<Map<string, OrgRow>> {
  const checked = refs.map(({ field, ref }) => checkOrgRef(locale, field, ref));
  if (checked.length === 0) return new Map();

  const ids = checked.flatMap((ref) => ('id' in ref ? [ref.id] : []));
  const codes = checked.flatMap((ref) => ('code' in ref ? [ref.code] : []));
  const byId = anyOf(orgTree.id, ids);
  const byCode =
    codes.length > 0 ? and(anyOf(orgTree.code, codes), validOn(vietnamDate())) : undefined;
  const found = await db.select(columns).from(orgTree).where(or(byId, byCode));

  const resolved = new Map<string, OrgRow>();
  for (const ref of checked) {
    const match =
      'id' in ref
        ? found.find((org) => org.id === ref.id)
        : found.find((org) => org.code === ref.code);
    if (!match) throw notFound(locale, 'Organization', 'id' in ref ? ref.id : ref.code);
    resolved.set(ref.field, match);
  }
  return resolved;
}

type CheckedOrgRef = { field: string } & ({ id: string } | { code: string });

/**
 * Checks the shape of one reference: exactly one of id and code, the id a UUID and the code not
 * blank. Returns the lower-cased id or the trimmed code, or throws BAD_USER_INPUT naming the
 * field. An empty string counts as given, so it is rejected instead of being ignored.
 */
function checkOrgRef(locale: Locale, field: string, ref: OrganizationRefInput): CheckedOrgRef {
  const hasId = typeof ref.id === 'string';
  const hasCode = typeof ref.code === 'string';
  if (hasId === hasCode) {
    throw invalidField(locale, field, 'ONE_OF_ID_OR_CODE', {
      en: 'give exactly one of id and code',
      vi: 'hãy nhập đúng một trong hai trường id hoặc code',
    });
  }
  if (typeof ref.id === 'string') {
    if (!isUuid(ref.id)) {
      throw invalidField(
        locale,
        `${field}.id`,
        'INVALID_ID',
        {
          en: `"${ref.id}" is not an organisation id (a UUID); give the id field of the organisation, or its code instead`,
          vi: `"${ref.id}" không phải là mã định danh đơn vị (UUID); hãy nhập trường id của đơn vị, hoặc nhập mã đơn vị ở trường code`,
        },
        ref.id,
      );
    }
    return { field, id: ref.id.toLowerCase() };
  }
  const code = (ref.code as string).trim();
  if (code === '') {
    throw invalidField(
      locale,
      `${field}.code`,
      'REQUIRED',
      {
        en: 'the code is empty; give the code of the organisation, or its id instead',
        vi: 'mã đơn vị đang để trống; hãy nhập mã đơn vị, hoặc nhập id của đơn vị',
      },
      ref.code,
    );
  }
  return { field, code };
}
