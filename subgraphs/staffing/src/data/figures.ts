// Roll-ups under a unit: training coverage and the Decision 1690/QĐ-TTg target figures. Each
// function computes the figures of any number of units in one statement.
import { rows, type Db } from '@dxhub/kit';
import { sql, type SQL } from 'drizzle-orm';
import { IT_UNIT_KIND, TARGET_BODY_KINDS, type DayRange } from './orgs.js';

/** Key standing for the whole network instead of a unit id. */
export const WHOLE_NETWORK = '*';

export interface CoverageCounts {
  /** People who held a digital-transformation position at any time in the range. */
  people: number;
  /** Those of them with a training session completed in the range. */
  trained: number;
}

export interface TargetCounts {
  bodies: number;
  bodiesWithItUnit: number;
  bodiesWithPostsTransferred: number;
}

function uuidArray(ids: readonly string[]): SQL {
  return sql`array[${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )}]::uuid[]`;
}

function splitUnits(keys: readonly string[]): { unitIds: string[]; wholeNetwork: boolean } {
  return {
    unitIds: keys.filter((key) => key !== WHOLE_NETWORK),
    wholeNetwork: keys.includes(WHOLE_NETWORK),
  };
}

/** SQL condition: a person completed a training session within the range. */
function trainedWithin(personId: SQL, range: DayRange): SQL {
  return sql`exists (select 1 from staffing.attendance x
    where x.person_id = ${personId} and x.status = 'COMPLETED'
      and x.completed_on between ${range.from}::date and ${range.to}::date)`;
}

/** SQL condition on assignment `a`: held on at least one day of the range. */
function heldWithin(range: DayRange): SQL {
  return sql`a.start_date <= ${range.to}::date and (a.end_date is null or a.end_date >= ${range.from}::date)`;
}

/**
 * Training coverage of units (ids, or {@link WHOLE_NETWORK}) over a range. A person counts once
 * per unit however many positions they held under it.
 */
export async function loadCoverage(
  db: Db,
  keys: readonly string[],
  range: DayRange,
): Promise<Map<string, CoverageCounts>> {
  const { unitIds, wholeNetwork } = splitUnits(keys);
  const found = new Map<string, CoverageCounts>(
    keys.map((key) => [key, { people: 0, trained: 0 }]),
  );
  if (unitIds.length > 0) {
    const result = await db.execute(sql`
      with dx_people as (
        select distinct u.unit_id, a.person_id
          from unnest(${uuidArray(unitIds)}) as u(unit_id)
          join network.org_tree t on t.id = u.unit_id or t.ancestor_ids @> array[u.unit_id]
          join staffing.positions p on p.org_id = t.id and p.dx_role
          join staffing.assignments a on a.position_id = p.id
         where ${heldWithin(range)}
      )
      select d.unit_id::text as key, count(*)::int as people,
             (count(*) filter (where ${trainedWithin(sql`d.person_id`, range)}))::int as trained
        from dx_people d
       group by d.unit_id`);
    for (const row of rows<{ key: string; people: number; trained: number }>(result)) {
      found.set(row.key, { people: Number(row.people), trained: Number(row.trained) });
    }
  }
  if (wholeNetwork) {
    const result = await db.execute(sql`
      with dx_people as (
        select distinct a.person_id
          from staffing.assignments a
          join staffing.positions p on p.id = a.position_id and p.dx_role
         where ${heldWithin(range)}
      )
      select count(*)::int as people,
             (count(*) filter (where ${trainedWithin(sql`d.person_id`, range)}))::int as trained
        from dx_people d`);
    const [row] = rows<{ people: number; trained: number }>(result);
    found.set(WHOLE_NETWORK, {
      people: Number(row?.people ?? 0),
      trained: Number(row?.trained ?? 0),
    });
  }
  return found;
}

/** SQL condition on org-tree alias `alias`: valid on the day. */
function validOn(alias: string, day: string): SQL {
  const table = sql.raw(alias);
  return sql`${table}.valid_from <= ${day}::date and (${table}.valid_to is null or ${table}.valid_to >= ${day}::date)`;
}

/**
 * For units (ids, or {@link WHOLE_NETWORK}) on a day: the ministries, agencies and provinces
 * under each, how many have an IT unit, and how many IT units received posts by a transfer
 * decided on or before that day.
 */
export async function loadTargets(
  db: Db,
  keys: readonly string[],
  asOf: string,
): Promise<Map<string, TargetCounts>> {
  const { unitIds, wholeNetwork } = splitUnits(keys);
  const found = new Map<string, TargetCounts>(
    keys.map((key) => [key, { bodies: 0, bodiesWithItUnit: 0, bodiesWithPostsTransferred: 0 }]),
  );
  const kinds = sql.join(
    TARGET_BODY_KINDS.map((kind) => sql`${kind}`),
    sql`, `,
  );
  const itUnitOfBody = sql`select 1 from network.org_tree i
     where i.parent_id = bodies.body_id and i.kind = ${IT_UNIT_KIND} and ${validOn('i', asOf)}`;
  const counts = sql`count(*)::int as bodies,
      (count(*) filter (where exists (${itUnitOfBody})))::int as with_it_unit,
      (count(*) filter (where exists (${itUnitOfBody} and exists (
          select 1 from staffing.transfers tr where tr.to_org_id = i.id and tr.decision_date <= ${asOf}::date)))
      )::int as with_transfer`;

  const parts: SQL[] = [];
  if (unitIds.length > 0) {
    parts.push(sql`
      with bodies as (
        select u.unit_id, b.id as body_id
          from unnest(${uuidArray(unitIds)}) as u(unit_id)
          join network.org_tree b on b.id = u.unit_id or b.ancestor_ids @> array[u.unit_id]
         where b.kind in (${kinds}) and ${validOn('b', asOf)}
      )
      select bodies.unit_id::text as key, ${counts} from bodies group by bodies.unit_id`);
  }
  if (wholeNetwork) {
    parts.push(sql`
      with bodies as (
        select b.id as body_id from network.org_tree b where b.kind in (${kinds}) and ${validOn('b', asOf)}
      )
      select ${WHOLE_NETWORK} as key, ${counts} from bodies`);
  }
  for (const part of parts) {
    const result = await db.execute(part);
    for (const row of rows<{
      key: string;
      bodies: number;
      with_it_unit: number;
      with_transfer: number;
    }>(result)) {
      found.set(row.key, {
        bodies: Number(row.bodies),
        bodiesWithItUnit: Number(row.with_it_unit),
        bodiesWithPostsTransferred: Number(row.with_transfer),
      });
    }
  }
  return found;
}
