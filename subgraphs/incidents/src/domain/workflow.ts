import type { IncidentStatus } from './taxonomy.js';

/**
 * The incident workflow. A report is triaged or rejected. A triaged incident is contained,
 * resolved directly or rejected. A resolved incident is closed, or reopened for triage when it
 * recurs.
 * CLOSED and REJECTED are final. The migration `drizzle-rules/0000_workflow_rules.sql` enforces the same
 * table in a trigger, and a test checks that both agree.
 */
export const STATUS_TRANSITIONS: Record<IncidentStatus, readonly IncidentStatus[]> = {
  REPORTED: ['TRIAGED', 'REJECTED'],
  TRIAGED: ['CONTAINED', 'RESOLVED', 'REJECTED'],
  CONTAINED: ['RESOLVED'],
  RESOLVED: ['CLOSED', 'TRIAGED'],
  CLOSED: [],
  REJECTED: [],
};

/** Returns whether an incident in status `from` may move to `to`. */
export function canTransition(from: IncidentStatus, to: IncidentStatus): boolean {
  return STATUS_TRANSITIONS[from].includes(to);
}
