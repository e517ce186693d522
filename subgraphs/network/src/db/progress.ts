// Progress toward the targets of Decision 1690/QĐ-TTg, counted from the directory on a date.
import { sql, type SQL } from 'drizzle-orm';
import { rows, type Db } from '@dxhub/kit';
import {
  FOCAL_POINT_CATEGORIES,
  FOCAL_POINT_TARGET_KINDS,
  IT_UNIT_TARGET_KINDS,
} from '../model.js';
import { isUuid, uuidArray } from './sql.js';
import { validOn } from './organizations.js';

export interface Ratio {
  numerator: number;
  denominator: number;
  percent: number | null;
}

export interface ProgressCounts {
  asOf: string;
  itUnitRestructured: Ratio;
  focalPointAssigned: Ratio;
  platformAccessGranted: Ratio;
}

function list(values: readonly string[]): SQL {
  return sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  );
}

function ratio(numerator: number | string, denominator: number | string): Ratio {
  const n = Number(numerator);
  const d = Number(denominator);
  return {
    numerator: n,
    denominator: d,
    percent: d === 0 ? null : Math.round((n / d) * 1000) / 10,
  };
}

/** Builds a condition true for units of `o` that have a focal-point membership valid on `day`. */
export function hasFocalPoint(day: string): SQL {
  return sql`exists (select 1 from network.memberships m
    where m.organization_id = o.id and m.category in (${list(FOCAL_POINT_CATEGORIES)}) and ${validOn('m', day)})`;
}

/**
 * Counts, for each root unit, the units valid on `day` at or below it that each target applies
 * to and those that met it by that day. With `rootIds` null, counts the whole network under the
 * key ''.
 */
export async function progressCounts(
  db: Db,
  rootIds: readonly string[] | null,
  day: string,
): Promise<Map<string, ProgressCounts>> {
  const roots = rootIds?.filter(isUuid) ?? null;
  const scope = roots
    ? sql`from unnest(${uuidArray(roots)}) as r(root_id)
          join network.org_tree t on t.id = r.root_id or t.ancestor_ids @> array[r.root_id]`
    : sql`from (select null::uuid as root_id) r cross join network.org_tree t`;
  const found = rows<Record<string, string | number | null>>(
    await db.execute(sql`
      select r.root_id,
        count(*) filter (where o.kind in (${list(IT_UNIT_TARGET_KINDS)})) as it_total,
        count(*) filter (where o.kind in (${list(IT_UNIT_TARGET_KINDS)}) and o.it_unit_decision_date <= ${day}::date) as it_done,
        count(*) filter (where o.kind in (${list(FOCAL_POINT_TARGET_KINDS)})) as focal_total,
        count(*) filter (where o.kind in (${list(FOCAL_POINT_TARGET_KINDS)}) and ${hasFocalPoint(day)}) as focal_done,
        count(*) as all_total,
        count(*) filter (where o.platform_access_granted_on <= ${day}::date) as access_done
      ${scope}
      join network.organizations o on o.id = t.id
      where ${validOn('o', day)}
      group by r.root_id`),
  );
  const result = new Map<string, ProgressCounts>();
  for (const row of found) {
    result.set(String(row.root_id ?? ''), {
      asOf: day,
      itUnitRestructured: ratio(row.it_done ?? 0, row.it_total ?? 0),
      focalPointAssigned: ratio(row.focal_done ?? 0, row.focal_total ?? 0),
      platformAccessGranted: ratio(row.access_done ?? 0, row.all_total ?? 0),
    });
  }
  return result;
}

/** Ids among `orgIds` that have a focal-point membership valid on `day`. */
export async function unitsWithFocalPoint(
  db: Db,
  orgIds: readonly string[],
  day: string,
): Promise<Set<string>> {
  const found = rows<{ id: string }>(
    await db.execute(sql`
      select o.id from network.organizations o
      where o.id = any(${uuidArray(orgIds.filter(isUuid))}) and ${hasFocalPoint(day)}`),
  );
  return new Set(found.map((row) => row.id));
}

/** Counts with every ratio empty, for a unit with nothing valid on the day. */
export function emptyProgress(day: string): ProgressCounts {
  return {
    asOf: day,
    itUnitRestructured: ratio(0, 0),
    focalPointAssigned: ratio(0, 0),
    platformAccessGranted: ratio(0, 0),
  };
}
