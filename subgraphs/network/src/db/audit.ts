// Reading the audit log that the kit appends for every subgraph.
import { sql, type SQL } from 'drizzle-orm';
import { AUDIT_COLUMNS, rows, toAuditEvent, type AuditEvent, type Db } from '@dxhub/kit';
import { textArray } from './sql.js';

export interface AuditFilter {
  subject?: string | null;
  orgCode?: string | null;
  action?: string | null;
  subgraph?: string | null;
  from?: Date | null;
  to?: Date | null;
}

type AuditRow = Parameters<typeof toAuditEvent>[0];

/**
 * Reads a page of events, newest first, before sequence number `beforeSeq`, and the list's total.
 * `orgCodes` limits events to callers of those organisations; null means no limit.
 */
export async function pageAuditEvents(
  db: Db,
  filter: AuditFilter,
  orgCodes: readonly string[] | null,
  size: number,
  beforeSeq: number | null,
): Promise<{ events: AuditEvent[]; total: number }> {
  const where: SQL[] = [sql`true`];
  if (filter.subject) where.push(sql`subject = ${filter.subject}`);
  if (filter.orgCode) where.push(sql`org_code = ${filter.orgCode}`);
  if (filter.action) where.push(sql`action = ${filter.action}`);
  if (filter.subgraph) where.push(sql`subgraph = ${filter.subgraph}`);
  if (filter.from) where.push(sql`at >= ${filter.from.toISOString()}::timestamptz`);
  if (filter.to) where.push(sql`at < ${filter.to.toISOString()}::timestamptz`);
  if (orgCodes) where.push(sql`org_code = any(${textArray(orgCodes)})`);
  const condition = sql.join(where, sql` and `);

  const page = rows<AuditRow>(
    await db.execute(sql`
      select ${AUDIT_COLUMNS} from audit.events
      where ${condition} ${beforeSeq === null ? sql`` : sql`and seq < ${beforeSeq}`}
      order by seq desc limit ${size + 1}`),
  );
  const [count] = rows<{ total: number | string }>(
    await db.execute(sql`select count(*) as total from audit.events where ${condition}`),
  );
  return { events: page.map(toAuditEvent), total: Number(count?.total ?? 0) };
}

/** Codes of an organisation and of every unit that was ever under it. */
export async function codesUnder(db: Db, orgId: string): Promise<string[]> {
  const found = rows<{ code: string }>(
    await db.execute(sql`
      select distinct code from network.org_tree
      where id = ${orgId}::uuid or ancestor_ids @> array[${orgId}::uuid]`),
  );
  return found.map((row) => row.code);
}
