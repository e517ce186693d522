// Domain vocabulary of the network directory, shared by the tables, the import and the resolvers.
import type { OrgLevel } from '@dxhub/kit';

export type { OrgLevel };

/** Kind of unit. A department or IT unit carries the level of the body it belongs to. */
export const orgKinds = [
  'MINISTRY',
  'MINISTERIAL_AGENCY',
  'GOVERNMENT_AGENCY',
  /** A body under a ministry or agency (Cục, Tổng cục, Vụ, ...), such as the coordinating agency. */
  'AGENCY_UNIT',
  'PROVINCE',
  'DISTRICT',
  'COMMUNE',
  'PROVINCIAL_DEPARTMENT',
  /** The specialised office of a district People's Committee. */
  'DISTRICT_OFFICE',
  /** The dedicated IT / digital-transformation unit of a ministry, agency or province. */
  'IT_UNIT',
  'COMMUNITY_TEAM',
  /** A cybersecurity incident response team (Đội ứng cứu sự cố), which the incidents subgraph routes to. */
  'INCIDENT_RESPONSE_TEAM',
  'ENTERPRISE',
] as const;
export type OrgKind = (typeof orgKinds)[number];

/** Kinds that enter the directory only through the units import. */
export const ADMINISTRATIVE_KINDS: readonly OrgKind[] = ['PROVINCE', 'DISTRICT', 'COMMUNE'];

/** Kinds of the Government-level bodies in the central-bodies list. */
export const CENTRAL_BODY_KINDS: readonly OrgKind[] = [
  'MINISTRY',
  'MINISTERIAL_AGENCY',
  'GOVERNMENT_AGENCY',
];

/** Import or mutation that wrote an organisation version. */
export type OrgSource = 'UNITS_IMPORT' | 'AGENCIES' | 'DIRECTORY';

/** Member categories named by Decision 1690/QĐ-TTg. */
export const membershipCategories = [
  'IT_UNIT',
  'MINISTRY_BODY_FOCAL_POINT',
  'PROVINCIAL_DEPARTMENT_FOCAL_POINT',
  'DISTRICT_OFFICE',
  'COMMUNE_OFFICIAL',
  'COMMUNITY_TEAM_MEMBER',
  'ENTERPRISE_DELEGATE',
] as const;
export type MembershipCategory = (typeof membershipCategories)[number];

export const networkRoles = [
  'FOCAL_POINT',
  'IT_UNIT_STAFF',
  'STEERING_COMMITTEE_MEMBER',
  'COMMUNITY_TEAM_MEMBER',
  'ENTERPRISE_DELEGATE',
] as const;
export type NetworkRole = (typeof networkRoles)[number];

/** Role a person has through a membership of each category. */
export const ROLE_OF_CATEGORY: Record<MembershipCategory, NetworkRole> = {
  IT_UNIT: 'IT_UNIT_STAFF',
  MINISTRY_BODY_FOCAL_POINT: 'FOCAL_POINT',
  PROVINCIAL_DEPARTMENT_FOCAL_POINT: 'FOCAL_POINT',
  DISTRICT_OFFICE: 'FOCAL_POINT',
  COMMUNE_OFFICIAL: 'FOCAL_POINT',
  COMMUNITY_TEAM_MEMBER: 'COMMUNITY_TEAM_MEMBER',
  ENTERPRISE_DELEGATE: 'ENTERPRISE_DELEGATE',
};

/** Kinds of unit a membership of each category may belong to. */
export const KINDS_OF_CATEGORY: Record<MembershipCategory, readonly OrgKind[]> = {
  IT_UNIT: ['IT_UNIT', 'MINISTRY', 'MINISTERIAL_AGENCY', 'GOVERNMENT_AGENCY', 'PROVINCE'],
  MINISTRY_BODY_FOCAL_POINT: ['AGENCY_UNIT'],
  PROVINCIAL_DEPARTMENT_FOCAL_POINT: ['PROVINCIAL_DEPARTMENT'],
  DISTRICT_OFFICE: ['DISTRICT', 'DISTRICT_OFFICE'],
  COMMUNE_OFFICIAL: ['COMMUNE'],
  COMMUNITY_TEAM_MEMBER: ['COMMUNITY_TEAM'],
  ENTERPRISE_DELEGATE: ['ENTERPRISE'],
};

/** Categories whose membership counts as the unit's DX section or focal point (target 3). */
export const FOCAL_POINT_CATEGORIES: readonly MembershipCategory[] = [
  'MINISTRY_BODY_FOCAL_POINT',
  'PROVINCIAL_DEPARTMENT_FOCAL_POINT',
  'DISTRICT_OFFICE',
  'COMMUNE_OFFICIAL',
];

/**
 * Units each target of Decision 1690/QĐ-TTg counts. Target 1: ministries, ministerial-level
 * agencies, government agencies and provinces restructure their IT unit. Target 3: bodies under
 * ministries, provincial departments, districts and communes have a focal point. Target 4: every
 * member reaches the national platforms, so every unit counts.
 */
export const IT_UNIT_TARGET_KINDS: readonly OrgKind[] = [...CENTRAL_BODY_KINDS, 'PROVINCE'];
export const FOCAL_POINT_TARGET_KINDS: readonly OrgKind[] = [
  'AGENCY_UNIT',
  'PROVINCIAL_DEPARTMENT',
  'DISTRICT',
  'COMMUNE',
];

export const steeringRoles = ['CHAIR', 'VICE_CHAIR', 'MEMBER'] as const;
export type SteeringRole = (typeof steeringRoles)[number];

/**
 * Start date given to central bodies whose start is not recorded: the list marks only the
 * bodies created by the 2025 restructuring with a start date. The kit's test tree uses the
 * same day.
 */
export const UNKNOWN_START_DATE = '2000-01-01';
