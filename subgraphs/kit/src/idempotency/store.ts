import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import type { MigrationSet } from '../db/migrate.js';
import { rows } from '../db/query.js';

/** Migrations of the `idempotency` schema; run on each subgraph's own database. */
export const idempotencyMigrations: MigrationSet = {
  schema: 'idempotency',
  folder: fileURLToPath(new URL('../../drizzle/idempotency', import.meta.url)),
};

/** Whose key it is: a key is unique per subgraph, OAuth client and subject. */
export interface IdempotencyKeyId {
  subgraph: string;
  clientId: string;
  subject: string;
  key: string;
}

/** A key row as another request with the same key finds it. */
export interface StoredIdempotencyKey {
  requestHash: string;
  status: 'IN_PROGRESS' | 'COMPLETED';
  responseBody: string | null;
  httpStatus: number | null;
}

function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value && typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    for (const name of Object.keys(value).sort())
      sorted[name] = sortKeysDeep((value as Record<string, unknown>)[name]);
    return sorted;
  }
  return value;
}

/**
 * Hashes what makes two requests "the same": operation name, query text and variables, with
 * object keys sorted so that the order in which a client wrote its variables does not matter.
 */
export function hashIdempotentRequest(request: {
  query?: string | undefined;
  operationName?: string | null | undefined;
  variables?: Record<string, unknown> | null | undefined;
}): string {
  const canonical = JSON.stringify([
    request.operationName ?? null,
    request.query ?? '',
    sortKeysDeep(request.variables ?? {}),
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * Claims a key for a request, in one statement so that of several concurrent requests exactly one
 * wins. A key is free when no row exists, when its row has expired, or when a request with the
 * same hash took it and its lease ran out (the process that held it died). Returns true when this
 * request now owns the key.
 */
export async function claimIdempotencyKey(
  database: Database,
  id: IdempotencyKeyId,
  requestHash: string,
  times: { leaseMs: number; retentionMs: number },
): Promise<boolean> {
  const claimed = rows<{ claimed: number }>(
    await database.db.execute(sql`
      insert into idempotency.keys
        (subgraph, client_id, subject, key, request_hash, status, locked_until, expires_at)
      values (${id.subgraph}, ${id.clientId}, ${id.subject}, ${id.key}, ${requestHash}, 'IN_PROGRESS',
        now() + ${times.leaseMs} * interval '1 millisecond',
        now() + ${times.retentionMs} * interval '1 millisecond')
      on conflict (subgraph, client_id, subject, key) do update set
        request_hash = excluded.request_hash,
        status = 'IN_PROGRESS',
        response_body = null,
        http_status = null,
        created_at = now(),
        locked_until = excluded.locked_until,
        expires_at = excluded.expires_at
      where idempotency.keys.expires_at <= now()
        or (idempotency.keys.status = 'IN_PROGRESS'
            and idempotency.keys.locked_until <= now()
            and idempotency.keys.request_hash = excluded.request_hash)
      returning 1 as claimed`),
  );
  return claimed.length > 0;
}

/** Reads a key's row; undefined when it has expired or does not exist. */
export async function findIdempotencyKey(
  database: Database,
  id: IdempotencyKeyId,
): Promise<StoredIdempotencyKey | undefined> {
  const found = rows<{
    request_hash: string;
    status: string;
    response_body: string | null;
    http_status: number | null;
  }>(
    await database.db.execute(sql`
      select request_hash, status, response_body, http_status from idempotency.keys
      where subgraph = ${id.subgraph} and client_id = ${id.clientId} and subject = ${id.subject}
        and key = ${id.key} and expires_at > now()`),
  )[0];
  if (!found) return undefined;
  return {
    requestHash: found.request_hash,
    status: found.status === 'COMPLETED' ? 'COMPLETED' : 'IN_PROGRESS',
    responseBody: found.response_body,
    httpStatus: found.http_status === null ? null : Number(found.http_status),
  };
}

/** Stores the response of the request holding the key, so that retries receive it. */
export async function completeIdempotencyKey(
  database: Database,
  id: IdempotencyKeyId,
  requestHash: string,
  response: { body: string; httpStatus: number },
): Promise<void> {
  await database.db.execute(sql`
    update idempotency.keys
    set status = 'COMPLETED', response_body = ${response.body}, http_status = ${response.httpStatus},
      locked_until = now()
    where subgraph = ${id.subgraph} and client_id = ${id.clientId} and subject = ${id.subject}
      and key = ${id.key} and request_hash = ${requestHash} and status = 'IN_PROGRESS'`);
}

/** Frees a key whose request changed nothing, so that a retry executes again. */
export async function releaseIdempotencyKey(
  database: Database,
  id: IdempotencyKeyId,
  requestHash: string,
): Promise<void> {
  await database.db.execute(sql`
    delete from idempotency.keys
    where subgraph = ${id.subgraph} and client_id = ${id.clientId} and subject = ${id.subject}
      and key = ${id.key} and request_hash = ${requestHash} and status = 'IN_PROGRESS'`);
}

/** Deletes a subgraph's expired keys; returns how many went. */
export async function purgeExpiredIdempotencyKeys(
  database: Database,
  subgraph: string,
): Promise<number> {
  const deleted = rows<{ key: string }>(
    await database.db.execute(sql`
      delete from idempotency.keys where subgraph = ${subgraph} and expires_at <= now() returning key`),
  );
  return deleted.length;
}
