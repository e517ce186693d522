import { sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { rows } from '../db/query.js';

/** Raised when a role cannot be limited as asked; the message names the role and the fix. */
export class AuditRoleError extends Error {
  readonly code = 'AUDIT_ROLE_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'AuditRoleError';
  }
}

/**
 * Gives an existing PostgreSQL role what a service needs on the audit log, reading and appending,
 * and takes away UPDATE, DELETE and TRUNCATE. Run it as the role that owns `audit.events` (the
 * one that ran the migrations). It refuses a superuser or the table's owner, because neither can
 * be kept from changing rows: the services must connect as another role.
 *
 * Holds on PostgreSQL only. The embedded database has a single role, which owns every table.
 */
export async function restrictAuditRole(database: Database, role: string): Promise<void> {
  if (database.kind !== 'postgres') {
    throw new AuditRoleError(
      'the embedded database has one role that owns every table; database roles need PostgreSQL (set DATABASE_URL)',
    );
  }
  const found = rows<{ rolsuper: boolean; owns: boolean }>(
    await database.db.execute(sql`
      select r.rolsuper,
             pg_has_role(r.oid, (select relowner from pg_class where oid = 'audit.events'::regclass), 'USAGE') as owns
        from pg_roles r where r.rolname = ${role}`),
  )[0];
  if (!found)
    throw new AuditRoleError(
      `role "${role}" does not exist; create it first (CREATE ROLE ... LOGIN)`,
    );
  if (found.rolsuper)
    throw new AuditRoleError(
      `role "${role}" is a superuser, which no privilege can restrict; give the services a plain role`,
    );
  if (found.owns) {
    throw new AuditRoleError(
      `role "${role}" owns audit.events (or is a member of its owner) and could drop the append-only trigger; run migrations as another role`,
    );
  }
  const name = sql.identifier(role);
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`grant usage on schema audit to ${name}`);
    await tx.execute(sql`revoke all on audit.events from ${name}`);
    await tx.execute(sql`grant select, insert on audit.events to ${name}`);
  });
}
