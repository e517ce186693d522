// Drizzle tables of the network subgraph, all inside the PostgreSQL schema "network".
// The org tree is defined in the kit because other subgraphs read it; its migration lives here.
// Triggers that keep org_tree in step with organizations, and that keep a code's validity
// periods apart, are in the hand-written migration `drizzle/0002_invariants.sql`.
import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { networkSchema, orgTree, type OrgLevel } from '@dxhub/kit/org-tree';
import type { MembershipCategory, OrgKind, OrgSource, SteeringRole } from '../model.js';

export { networkSchema, orgTree };

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

/** `valid_to` is the last valid day, inclusive; null while the record is current. */
const validity = {
  validFrom: date('valid_from').notNull(),
  validTo: date('valid_to'),
};

/**
 * Every version of every unit in the directory. A version's code, level and parent never
 * change: a reorganised unit is closed and a new version (a new id) is opened, because official
 * codes are reused for different units. Names are NFC; the search keys are derived from the
 * name in TypeScript (see `search-key.ts`).
 */
export const organizations = networkSchema.table(
  'organizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    kind: text('kind').$type<OrgKind>().notNull(),
    level: text('level').$type<OrgLevel>().notNull(),
    /** Administrative type as the statistics office names it: `Tỉnh`, `Quận`, `Phường`, ... */
    unitType: text('unit_type'),
    parentId: uuid('parent_id').references((): AnyPgColumn => organizations.id),
    ...validity,
    /** Writer of the version: the units import, the central-bodies list, or a mutation. */
    source: text('source').$type<OrgSource>().notNull(),
    /** Normalised full name: no diacritics, `đ` as `d`, lower case, single spaces. */
    searchKey: text('search_key').notNull(),
    /** {@link searchKey} without the unit-type prefix (`tinh`, `thanh pho`, `phuong`, ...). */
    searchKeyShort: text('search_key_short').notNull(),
    /** Decision that restructured the unit's IT unit for the digital-transformation tasks. */
    itUnitDecisionNumber: text('it_unit_decision_number'),
    itUnitDecisionDate: date('it_unit_decision_date'),
    /** Day from which the unit's members can use the national platforms and toolkits. */
    platformAccessGrantedOn: date('platform_access_granted_on'),
    ...timestamps,
  },
  (table) => [
    uniqueIndex('organizations_code_from_uq').on(table.code, table.validFrom),
    uniqueIndex('organizations_open_code_uq')
      .on(table.code)
      .where(sql`${table.validTo} is null`),
    index('organizations_parent_idx').on(table.parentId),
    index('organizations_level_idx').on(table.level, table.validFrom),
    // A list without a search text is read in this order: level from the centre down, then
    // name and id (`rankOf` in organizations.ts spells the same expression). With it a page is
    // the first rows of an index scan instead of a sort of every unit of the level (EXPLAIN
    // ANALYZE of the first 500 of 10,595 communes on the 2024 units: 6.1 ms before, 0.3 ms).
    index('organizations_list_order_idx').on(
      sql`(case ${table.level} when 'CENTRAL' then 0 when 'PROVINCE' then 1 when 'DISTRICT' then 2 when 'COMMUNE' then 3 when 'COMMUNITY' then 4 else 5 end)`,
      table.searchKey,
      table.id,
    ),
    index('organizations_updated_idx').on(table.updatedAt),
    index('organizations_search_prefix_idx').on(table.searchKey.op('text_pattern_ops')),
    index('organizations_search_short_prefix_idx').on(table.searchKeyShort.op('text_pattern_ops')),
    // GiST rather than GIN. With the 2024 and 2025 lists loaded (about 15,000 versions),
    // PostgreSQL 15 costs a GIN trigram scan above a sequential scan and does not use it in
    // EXPLAIN, but it combines the GiST index with the prefix index for the search condition.
    index('organizations_search_trgm_idx').using('gist', table.searchKey.op('gist_trgm_ops')),
    check(
      'organizations_validity_ck',
      sql`${table.validTo} is null or ${table.validTo} >= ${table.validFrom}`,
    ),
    check(
      'organizations_level_ck',
      sql`${table.level} in ('CENTRAL', 'PROVINCE', 'DISTRICT', 'COMMUNE', 'COMMUNITY', 'ENTERPRISE')`,
    ),
    check(
      'organizations_decision_ck',
      sql`(${table.itUnitDecisionNumber} is null) = (${table.itUnitDecisionDate} is null)`,
    ),
  ],
);

/** Succession between versions, written only from an explicit mapping or mutation. */
export const organizationLinks = networkSchema.table(
  'organization_links',
  {
    predecessorId: uuid('predecessor_id')
      .notNull()
      .references(() => organizations.id),
    successorId: uuid('successor_id')
      .notNull()
      .references(() => organizations.id),
    effectiveOn: date('effective_on').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.predecessorId, table.successorId] }),
    index('organization_links_successor_idx').on(table.successorId),
    check('organization_links_distinct_ck', sql`${table.predecessorId} <> ${table.successorId}`),
  ],
);

/** One row per import that changed the directory; the latest effective date gates older lists. */
export const imports = networkSchema.table(
  'imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** `UNITS` or `AGENCIES`. */
    kind: text('kind').notNull(),
    effective: date('effective').notNull(),
    fileName: text('file_name').notNull(),
    /** SHA-256 of the file's bytes, hex. */
    sha256: text('sha256').notNull(),
    format: text('format').notNull(),
    continued: integer('continued').notNull(),
    opened: integer('opened').notNull(),
    closed: integer('closed').notNull(),
    links: integer('links').notNull(),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('imports_kind_effective_idx').on(table.kind, table.effective)],
);

/**
 * People of the network. Email, phone and national ID are personal data under Decree
 * 13/2023/NĐ-CP: resolvers release them only with `network:pii` inside the caller's
 * jurisdiction, and note every release in the audit log.
 */
export const people = networkSchema.table(
  'people',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fullName: text('full_name').notNull(),
    /** Normalised {@link fullName} for search, built like the organisation search key. */
    nameKey: text('name_key').notNull(),
    position: text('position'),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    email: text('email'),
    phone: text('phone'),
    nationalId: text('national_id'),
    ...validity,
    ...timestamps,
  },
  (table) => [
    index('people_organization_idx').on(table.organizationId),
    index('people_updated_idx').on(table.updatedAt),
    index('people_name_trgm_idx').using('gist', table.nameKey.op('gist_trgm_ops')),
    uniqueIndex('people_national_id_uq')
      .on(table.nationalId)
      .where(sql`${table.nationalId} is not null`),
    check(
      'people_validity_ck',
      sql`${table.validTo} is null or ${table.validTo} >= ${table.validFrom}`,
    ),
  ],
);

/**
 * Membership of the network in one of the categories of Decision 1690/QĐ-TTg: a unit (an IT
 * unit, a district office) or a person acting for a unit.
 */
export const memberships = networkSchema.table(
  'memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    category: text('category').$type<MembershipCategory>().notNull(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    /** Null when the member is the unit itself. */
    personId: uuid('person_id').references(() => people.id),
    note: text('note'),
    ...validity,
    ...timestamps,
  },
  (table) => [
    index('memberships_organization_idx').on(table.organizationId),
    index('memberships_person_idx').on(table.personId),
    index('memberships_updated_idx').on(table.updatedAt),
    check(
      'memberships_validity_ck',
      sql`${table.validTo} is null or ${table.validTo} >= ${table.validFrom}`,
    ),
  ],
);

/** The digital-transformation steering committee (Ban Chỉ đạo) of a ministry or a province. */
export const steeringCommittees = networkSchema.table(
  'steering_committees',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    name: text('name').notNull(),
    decisionNumber: text('decision_number'),
    ...validity,
    ...timestamps,
  },
  (table) => [
    uniqueIndex('steering_committees_open_uq')
      .on(table.organizationId)
      .where(sql`${table.validTo} is null`),
    index('steering_committees_updated_idx').on(table.updatedAt),
    check(
      'steering_committees_validity_ck',
      sql`${table.validTo} is null or ${table.validTo} >= ${table.validFrom}`,
    ),
  ],
);

export const steeringCommitteeMembers = networkSchema.table(
  'steering_committee_members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    committeeId: uuid('committee_id')
      .notNull()
      .references(() => steeringCommittees.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    role: text('role').$type<SteeringRole>().notNull(),
    ...validity,
    ...timestamps,
  },
  (table) => [
    index('steering_committee_members_committee_idx').on(table.committeeId),
    index('steering_committee_members_person_idx').on(table.personId),
    uniqueIndex('steering_committee_members_chair_uq')
      .on(table.committeeId)
      .where(sql`${table.role} = 'CHAIR' and ${table.validTo} is null`),
    uniqueIndex('steering_committee_members_open_uq')
      .on(table.committeeId, table.personId)
      .where(sql`${table.validTo} is null`),
    check(
      'steering_committee_members_role_ck',
      sql`${table.role} in ('CHAIR', 'VICE_CHAIR', 'MEMBER')`,
    ),
    check(
      'steering_committee_members_validity_ck',
      sql`${table.validTo} is null or ${table.validTo} >= ${table.validFrom}`,
    ),
  ],
);
