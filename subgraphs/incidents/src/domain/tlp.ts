/**
 * Traffic Light Protocol 2.0 markings (FIRST, 2022), from the widest audience to the narrowest.
 * The order is the one "lowering" and "raising" a marking refer to.
 */
export const TLP_MARKINGS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED'] as const;
export type TlpMarking = (typeof TLP_MARKINGS)[number];

/** The marking as TLP 2.0 writes it, for people and for STIX marking names. */
export const TLP_NAMES: Record<TlpMarking, string> = {
  CLEAR: 'TLP:CLEAR',
  GREEN: 'TLP:GREEN',
  AMBER: 'TLP:AMBER',
  AMBER_STRICT: 'TLP:AMBER+STRICT',
  RED: 'TLP:RED',
};

/** Markings whose reads go to the audit log as `RESTRICTED_READ`. */
export const RESTRICTED_MARKINGS: ReadonlySet<TlpMarking> = new Set([
  'AMBER',
  'AMBER_STRICT',
  'RED',
]);

function rank(marking: TlpMarking): number {
  return TLP_MARKINGS.indexOf(marking);
}

/**
 * Returns whether a marking change lets more organisations read the incident, which needs
 * `incidents:manage`: a lower marking, or a RED incident that gains a named recipient.
 */
export function widensAudience(
  from: { tlp: TlpMarking; recipientIds: readonly string[] },
  to: { tlp: TlpMarking; recipientIds: readonly string[] },
): boolean {
  if (rank(to.tlp) < rank(from.tlp)) return true;
  if (from.tlp === 'RED' && to.tlp === 'RED') {
    const before = new Set(from.recipientIds);
    return to.recipientIds.some((id) => !before.has(id));
  }
  return false;
}
