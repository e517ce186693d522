// The audit log and the hub's published limits.
import { MAX_BATCH_SIZE, MAX_PAGE_SIZE, cursorScope } from '@dxhub/kit';
import { codesUnder, pageAuditEvents, type AuditFilter } from '../db/audit.js';
import { connectionOf, isSeqCursor, pageArgs, type Context } from './common.js';

/**
 * Lists the organisation codes whose events the caller may read. The coordinating agency and
 * `hub:admin` read all events (null). Other callers read those of their own organisation and of
 * every unit that was ever under it.
 */
async function readableOrgCodes(ctx: Context): Promise<string[] | null> {
  const caller = ctx.caller!;
  if (caller.seesAll) return null;
  const org = await caller.org();
  // NOTE: codes are reused across reorganisations, so an event by a later unit that took over
  // a code once under the caller's organisation is also listed.
  return org ? codesUnder(ctx.db, org.id) : [caller.orgCode];
}

export const auditQueries = {
  limits: () => ({ maxPageSize: MAX_PAGE_SIZE, maxBatchSize: MAX_BATCH_SIZE }),

  auditEvents: async (
    _: unknown,
    args: { filter?: AuditFilter | null; first?: number | null; after?: string | null },
    ctx: Context,
  ) => {
    const filter = args.filter ?? {};
    const scope = cursorScope(
      'auditEvents',
      filter.subject,
      filter.orgCode,
      filter.action,
      filter.subgraph,
      filter.from,
      filter.to,
    );
    const { size, after, position } = pageArgs(args, ctx, isSeqCursor, scope);
    // TODO: this reads the main database. When AUDIT_DATABASE_URL names another one, the kit
    // must hand resolvers that database, so that this query reads the log where it is appended.
    const page = await pageAuditEvents(
      ctx.db,
      filter,
      await readableOrgCodes(ctx),
      size,
      after?.[0] ?? null,
    );
    return connectionOf(
      page.events,
      size,
      page.total,
      (event) => [event.seq],
      position,
      async (events) => events.map((event) => ({ ...event, at: new Date(event.atMs) })),
    );
  },
};
