import type { AuditAction, AuditEventInput } from './log.js';

/**
 * What a request noted for the audit log. Resolvers call {@link AuditTrail.note}; the kit
 * appends the notes, and one event per mutation, before the response is sent.
 */
export class AuditTrail {
  readonly notes: { action: AuditAction; recordIds: string[] }[] = [];

  /** Records that this request read or changed the given records. */
  note(action: AuditAction, recordIds: string[]): void {
    if (recordIds.length > 0) this.notes.push({ action, recordIds });
  }

  /** Record ids noted for an action, merged in order of noting. */
  idsFor(action: AuditAction): string[] {
    return this.notes.filter((n) => n.action === action).flatMap((n) => n.recordIds);
  }
}

export type { AuditEventInput };
