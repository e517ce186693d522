import { date, index, pgSchema, text, uuid } from 'drizzle-orm/pg-core';

/**
 * The organisation tree: the one table of the `network` schema that other subgraphs may read,
 * for jurisdiction checks, roll-ups under a unit and survey audiences. The network subgraph
 * writes it in the same transaction as every organisation change; no other subgraph writes it.
 */
export const networkSchema = pgSchema('network');

export const orgLevels = [
  'CENTRAL',
  'PROVINCE',
  'DISTRICT',
  'COMMUNE',
  'COMMUNITY',
  'ENTERPRISE',
] as const;
export type OrgLevel = (typeof orgLevels)[number];

export const orgTree = networkSchema.table(
  'org_tree',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull(),
    parentId: uuid('parent_id'),
    /** Ancestors from the root down to the parent; the unit itself is not included. */
    ancestorIds: uuid('ancestor_ids').array().notNull(),
    level: text('level').$type<OrgLevel>().notNull(),
    kind: text('kind').notNull(),
    validFrom: date('valid_from').notNull(),
    /** Last day the unit is valid, inclusive; null while it is current. */
    validTo: date('valid_to'),
  },
  (table) => [
    index('org_tree_code_idx').on(table.code, table.validFrom),
    index('org_tree_parent_idx').on(table.parentId),
    index('org_tree_ancestors_idx').using('gin', table.ancestorIds),
  ],
);

/** Code of the coordinating agency, which sees the whole network. */
export const COORDINATING_AGENCY_CODE = 'cuc-chuyen-doi-so-quoc-gia';
