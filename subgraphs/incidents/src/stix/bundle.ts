import { randomUUID } from 'node:crypto';
import { v5 as uuidV5 } from 'uuid';
import type { LinkedIndicator } from '../db/indicator-queries.js';
import type { OrgRow } from '../db/org-queries.js';
import type { IncidentRow } from '../db/schema.js';
import { RSIT_CLASS_NAMES } from '../domain/taxonomy.js';
import { TLP_MARKING_DEFINITIONS, type TlpMarkingDefinition } from './markings.js';
import { stixPattern } from './patterns.js';

/**
 * Namespace of the UUIDv5 identifiers dxhub derives for objects it has no stored id for
 * (identities of organisations, indicators as one incident reports them, relationships), so
 * that exporting the same data twice yields the same STIX ids.
 */
export const DXHUB_STIX_NAMESPACE = 'c7955ec1-7f63-4d2e-bf17-a9faa43e4967';

/** Prefix of dxhub's custom properties, as STIX 2.1 recommends for custom properties (x_ + source). */
const CUSTOM = 'x_dxhub_';

/** A STIX 2.1 object as this module writes it. */
export type StixObject = Record<string, unknown> & { type: string; id: string };

export interface StixBundle {
  type: 'bundle';
  id: string;
  objects: (StixObject | TlpMarkingDefinition)[];
}

export interface StixExportInput {
  incident: IncidentRow;
  /** The reporter as the org tree stores it; null when the tree no longer contains the unit. */
  reporter: OrgRow | null;
  affected: OrgRow[];
  indicators: LinkedIndicator[];
}

/** Formats a time as STIX requires: UTC with exactly millisecond precision. */
function stixTime(at: Date): string {
  return at.toISOString();
}

function derivedId(type: string, name: string): string {
  return `${type}--${uuidV5(name, DXHUB_STIX_NAMESPACE)}`;
}

/** STIX industry sectors (industry-sector-ov) for the levels of the org tree. */
const SECTORS: Record<string, string> = {
  CENTRAL: 'government-national',
  PROVINCE: 'government-regional',
  DISTRICT: 'government-local',
  COMMUNE: 'government-local',
  COMMUNITY: 'government-local',
};

/**
 * Builds the identity of an organisation. The incidents subgraph stores codes, not names, so the
 * identity is named by the unit's code and carries it as an external reference. Identities
 * are left unmarked: which public body a code names is public, and one identity then has the
 * same content in every bundle. `created` is the first day the unit is valid, a stable time.
 */
function identityOf(org: OrgRow | null, orgId: string): StixObject {
  const since = `${org?.validFrom ?? '2000-01-01'}T00:00:00.000Z`;
  const sector = org ? SECTORS[org.level] : undefined;
  return {
    type: 'identity',
    spec_version: '2.1',
    id: derivedId('identity', `organisation:${orgId}`),
    created: since,
    modified: since,
    name: org?.code ?? orgId,
    identity_class: 'organization',
    ...(sector ? { sectors: [sector] } : {}),
    ...(org
      ? { external_references: [{ source_name: 'dxhub-organisation-code', external_id: org.code }] }
      : {}),
  };
}

/**
 * Builds the STIX 2.1 bundle of one incident. It contains the `incident` SDO and, per indicator,
 * an `indicator` SDO with a STIX pattern and an `indicates` relationship to the incident. It
 * adds identities of the reporter and the affected organisations, with `targets` relationships,
 * and the TLP 2.0 marking definition that every marked object refers to. The bundle id is new
 * on every call because bundles are transport envelopes, and every other id is stable.
 */
export function buildStixBundle(input: StixExportInput): StixBundle {
  const { incident } = input;
  const marking = TLP_MARKING_DEFINITIONS[incident.tlp];
  const marked = { object_marking_refs: [marking.id] };
  const incidentId = `incident--${incident.id}`;
  const created = stixTime(incident.createdAt);
  const modified = stixTime(incident.updatedAt);

  const reporter = identityOf(input.reporter, incident.reporterOrgId);
  const incidentObject: StixObject = {
    type: 'incident',
    spec_version: '2.1',
    id: incidentId,
    created,
    modified,
    created_by_ref: reporter.id,
    name: incident.title,
    description: incident.description,
    labels: [`rsit:${RSIT_CLASS_NAMES[incident.category]}`],
    [`${CUSTOM}category`]: RSIT_CLASS_NAMES[incident.category],
    [`${CUSTOM}severity`]: incident.severity.toLowerCase(),
    [`${CUSTOM}status`]: incident.status.toLowerCase(),
    [`${CUSTOM}detected`]: stixTime(incident.detectedAt),
    [`${CUSTOM}reported`]: stixTime(incident.reportedAt),
    ...marked,
  };

  const indicatorObjects: StixObject[] = [];
  const relationships: StixObject[] = [];
  for (const indicator of input.indicators) {
    const linkName = `${incident.id}:${indicator.id}`;
    const linkedAt = stixTime(indicator.addedAt);
    const indicatorId = derivedId('indicator', `indicator:${linkName}`);
    indicatorObjects.push({
      type: 'indicator',
      spec_version: '2.1',
      id: indicatorId,
      created: linkedAt,
      modified: linkedAt,
      created_by_ref: reporter.id,
      name: indicator.value,
      indicator_types: ['malicious-activity'],
      pattern: stixPattern(indicator.type, indicator.value),
      pattern_type: 'stix',
      pattern_version: '2.1',
      valid_from: stixTime(indicator.createdAt),
      ...marked,
    });
    relationships.push({
      type: 'relationship',
      spec_version: '2.1',
      id: derivedId('relationship', `indicates:${linkName}`),
      created: linkedAt,
      modified: linkedAt,
      created_by_ref: reporter.id,
      relationship_type: 'indicates',
      source_ref: indicatorId,
      target_ref: incidentId,
      ...marked,
    });
  }

  const affectedIdentities: StixObject[] = [];
  for (const org of input.affected) {
    const identity = org.id === incident.reporterOrgId ? reporter : identityOf(org, org.id);
    if (identity !== reporter) affectedIdentities.push(identity);
    relationships.push({
      type: 'relationship',
      spec_version: '2.1',
      id: derivedId('relationship', `targets:${incident.id}:${org.id}`),
      created,
      modified,
      created_by_ref: reporter.id,
      relationship_type: 'targets',
      source_ref: incidentId,
      target_ref: identity.id,
      ...marked,
    });
  }

  return {
    type: 'bundle',
    id: `bundle--${randomUUID()}`,
    objects: [
      marking,
      reporter,
      ...affectedIdentities,
      incidentObject,
      ...indicatorObjects,
      ...relationships,
    ],
  };
}
