import DataLoader from 'dataloader';
import { groupedLoader, keyedLoader, type Db, type SubgraphContext } from '@dxhub/kit';
import {
  committeeMembersByCommittees,
  committeeMembersByIds,
  committeesByIds,
  openCommitteesByOrganizations,
  type CommitteeMemberRow,
  type CommitteeRow,
} from './db/committees.js';
import {
  countOrganizations,
  linksOf,
  organizationsByIds,
  pageOrganizationEntries,
  type OrgListFilter,
  type OrgPageEntry,
  type OrgRow,
} from './db/organizations.js';
import {
  committeeMembersByPersons,
  membershipsByColumn,
  membershipsByIds,
  peopleByIds,
  peopleByOrganizations,
  type MembershipRow,
  type PersonRow,
} from './db/people.js';
import {
  emptyProgress,
  progressCounts,
  unitsWithFocalPoint,
  type ProgressCounts,
} from './db/progress.js';

/** One page of a child or descendant list of one unit, with the list's total. */
export interface OrgGroupPage {
  entries: OrgPageEntry[];
  total: number;
}

/** Arguments shared by every unit's list in one batch: filter, page size and cursor. */
export interface OrgGroupArgs {
  by: 'parent' | 'ancestor';
  filter: OrgListFilter;
  size: number;
  after: [number, string, string] | null;
}

/** Successions of one version. */
export interface OrgLinks {
  successorIds: string[];
  predecessorIds: string[];
}

/**
 * Per-request DataLoaders of the network subgraph. Every entity hop goes through one, so a
 * request costs the same number of SQL statements for 10 rows as for 1,000.
 */
export interface NetworkLoaders {
  organization: DataLoader<string, OrgRow | null>;
  links: DataLoader<string, OrgLinks>;
  /** Child or descendant pages, one loader per distinct set of list arguments. */
  organizationPages(args: OrgGroupArgs): DataLoader<string, OrgGroupPage>;
  focalPoint(day: string): DataLoader<string, boolean>;
  progress(day: string): DataLoader<string, ProgressCounts>;
  person: DataLoader<string, PersonRow | null>;
  peopleOfOrganization: DataLoader<string, PersonRow[]>;
  membership: DataLoader<string, MembershipRow | null>;
  membershipsOfOrganization: DataLoader<string, MembershipRow[]>;
  membershipsOfPerson: DataLoader<string, MembershipRow[]>;
  committee: DataLoader<string, CommitteeRow | null>;
  committeeOfOrganization: DataLoader<string, CommitteeRow | null>;
  committeeMember: DataLoader<string, CommitteeMemberRow | null>;
  membersOfCommittee: DataLoader<string, CommitteeMemberRow[]>;
  committeeSeatsOfPerson: DataLoader<string, CommitteeMemberRow[]>;
  /** People whose personal data this request already noted for the audit log. */
  piiNoted: Set<string>;
}

/** Memoises one loader per key, for loaders whose query depends on arguments. */
function perKey<T>(create: (key: string) => T): (key: string) => T {
  const made = new Map<string, T>();
  return (key) => {
    let loader = made.get(key);
    if (!loader) {
      loader = create(key);
      made.set(key, loader);
    }
    return loader;
  };
}

function organizationPagesLoader(db: Db, args: OrgGroupArgs): DataLoader<string, OrgGroupPage> {
  return new DataLoader<string, OrgGroupPage>(
    async (ids) => {
      const grouping = { by: args.by, ids };
      const [entries, totals] = await Promise.all([
        pageOrganizationEntries(db, args.filter, grouping, args.size, args.after),
        countOrganizations(db, args.filter, grouping),
      ]);
      const byGroup = new Map<string, OrgPageEntry[]>();
      for (const entry of entries) {
        const list = byGroup.get(entry.groupId);
        if (list) list.push(entry);
        else byGroup.set(entry.groupId, [entry]);
      }
      return ids.map((id) => ({ entries: byGroup.get(id) ?? [], total: totals.get(id) ?? 0 }));
    },
    { maxBatchSize: 5000 },
  );
}

export function createNetworkLoaders(
  context: Omit<SubgraphContext<NetworkLoaders>, 'loaders'>,
): NetworkLoaders {
  const db = context.db;
  const pages = perKey((key) => organizationPagesLoader(db, JSON.parse(key) as OrgGroupArgs));

  return {
    organization: keyedLoader(
      (ids) => organizationsByIds(db, ids),
      (row) => row.id,
    ),
    links: new DataLoader(async (ids) => {
      const links = await linksOf(db, ids);
      return ids.map((id) => ({
        successorIds: links
          .filter((link) => link.predecessorId === id)
          .map((link) => link.successorId),
        predecessorIds: links
          .filter((link) => link.successorId === id)
          .map((link) => link.predecessorId),
      }));
    }),
    organizationPages: (args) => pages(JSON.stringify(args)),
    focalPoint: perKey(
      (day) =>
        new DataLoader<string, boolean>(async (ids) => {
          const found = await unitsWithFocalPoint(db, ids, day);
          return ids.map((id) => found.has(id));
        }),
    ),
    progress: perKey(
      (day) =>
        new DataLoader<string, ProgressCounts>(async (ids) => {
          const counts = await progressCounts(db, ids, day);
          return ids.map((id) => counts.get(id) ?? emptyProgress(day));
        }),
    ),
    person: keyedLoader(
      (ids) => peopleByIds(db, ids),
      (row) => row.id,
    ),
    peopleOfOrganization: groupedLoader(
      (ids) => peopleByOrganizations(db, ids),
      (row) => row.organizationId,
    ),
    membership: keyedLoader(
      (ids) => membershipsByIds(db, ids),
      (row) => row.id,
    ),
    membershipsOfOrganization: groupedLoader(
      (ids) => membershipsByColumn(db, 'organizationId', ids),
      (row) => row.organizationId,
    ),
    membershipsOfPerson: groupedLoader(
      (ids) => membershipsByColumn(db, 'personId', ids),
      (row) => row.personId ?? '',
    ),
    committee: keyedLoader(
      (ids) => committeesByIds(db, ids),
      (row) => row.id,
    ),
    committeeOfOrganization: keyedLoader(
      (ids) => openCommitteesByOrganizations(db, ids),
      (row) => row.organizationId,
    ),
    committeeMember: keyedLoader(
      (ids) => committeeMembersByIds(db, ids),
      (row) => row.id,
    ),
    membersOfCommittee: groupedLoader(
      (ids) => committeeMembersByCommittees(db, ids),
      (row) => row.committeeId,
    ),
    committeeSeatsOfPerson: groupedLoader(
      (ids) => committeeMembersByPersons(db, ids),
      (row) => row.personId,
    ),
    piiNoted: new Set(),
  };
}
