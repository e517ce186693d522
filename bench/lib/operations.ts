// The three operations the gateways are measured on, and the variable sets each one cycles
// through. A gateway that merges identical subgraph calls in flight would look faster on one
// fixed request than it is, so every operation has at least MIN_VARIABLE_SETS different ones.
import postgres from 'postgres';

export const MIN_VARIABLE_SETS = 100;

/** The day the directory is read on; the 2024 units are valid on it. */
const AS_OF = '2024-06-01';
const YEAR = 2024;

export type Variables = Record<string, unknown>;

export interface Operation {
  /** Short name used in the tables. */
  id: 'search' | 'overview' | 'entities';
  title: string;
  operationName: string;
  query: string;
}

/** Directory search on the network subgraph alone, the most frequent call a partner makes. */
const SEARCH: Operation = {
  id: 'search',
  title: 'directory search (network only)',
  operationName: 'DirectorySearch',
  query: /* GraphQL */ `
    query DirectorySearch($search: String!, $asOf: Date) {
      organizations(filter: { search: $search, asOf: $asOf }, first: 20) {
        totalCount
        nodes {
          id
          code
          name
          level
          unitType
          parent {
            code
            name
          }
        }
      }
    }
  `,
};

/**
 * One organisation with data from all five subgraphs: headcount (staffing), projects with
 * their contractor (projects, then network again), incidents with their reporter (incidents,
 * then network again) and pending surveys (surveys).
 */
const OVERVIEW: Operation = {
  id: 'overview',
  title: 'organisation overview (5 subgraphs, nested entities)',
  operationName: 'OrganizationOverview',
  query: /* GraphQL */ `
    query OrganizationOverview($code: String!, $asOf: Date, $year: Int!) {
      organization(code: $code, asOf: $asOf) {
        id
        code
        name
        level
        parent {
          code
          name
        }
        headcount(year: $year) {
          postsAllocated
          postsFilled
          vacantPosts
        }
        projects(first: 5) {
          totalCount
          nodes {
            code
            name
            status
            budget
            contractor {
              code
              name
            }
          }
        }
        incidents(first: 5) {
          totalCount
          nodes {
            title
            severity
            tlp
            reporter {
              code
              name
            }
          }
        }
        pendingSurveys {
          title
          closesAt
        }
      }
    }
  `,
};

/**
 * A page of 500 communes, each with its headcount changes of the year: one `_entities` call to
 * the staffing subgraph with 500 representations. The changes come from an indexed ledger
 * read. `headcount` would also sum each unit's subtree, which costs seconds of database time
 * per page at 100,000 allocations, so it would measure that query instead of the gateways.
 */
const ENTITIES: Operation = {
  id: 'entities',
  title: '500 communes with their headcount changes (_entities × 500)',
  operationName: 'CommuneHeadcountChanges',
  query: /* GraphQL */ `
    query CommuneHeadcountChanges($after: String, $asOf: Date, $year: Int!) {
      organizations(filter: { level: COMMUNE, asOf: $asOf }, first: 500, after: $after) {
        nodes {
          code
          name
          headcountHistory(year: $year) {
            kind
            postsAllocatedAfter
            postsFilledAfter
            decisionNumber
          }
        }
      }
    }
  `,
};

export const OPERATIONS: readonly Operation[] = [SEARCH, OVERVIEW, ENTITIES];

/** Finds a page cursor for each of the first 100 offsets, in steps of 100; see {@link variableSets}. */
export type PageCursorSource = (
  first: number,
  after: string | null,
) => Promise<{ endCursor: string | null; hasNextPage: boolean }>;

/**
 * Builds the variable sets of each operation from the loaded database. `search` gets the names
 * of provinces and districts, half typed without diacritics as users do. `overview` gets codes
 * of provinces, districts and communes. `entities` gets cursors that start a page of 500
 * communes at offsets 0, 100, 200 and so on; `pageCursor` walks the communes through a gateway,
 * so the cursors are the ones the network subgraph issues.
 */
export async function variableSets(
  databaseUrl: string,
  pageCursor: PageCursorSource,
): Promise<Map<Operation['id'], Variables[]>> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const names = await sql<{ name: string; key: string }[]>`
      select name, search_key_short as key from network.organizations
      where level in ('PROVINCE', 'DISTRICT') and valid_to is null
      order by code limit ${MIN_VARIABLE_SETS + 20}`;
    const search = names.map((row, index) => ({
      search:
        index % 2 === 0 ? row.key : row.name.replace(/^(Thành phố|Tỉnh|Quận|Huyện|Thị xã)\s+/u, ''),
      asOf: AS_OF,
    }));

    const codes = await sql<{ code: string }[]>`
      (select code from network.organizations where level = 'PROVINCE' and valid_to is null order by code limit 40)
      union all
      (select code from network.organizations where level = 'DISTRICT' and valid_to is null order by code limit 40)
      union all
      (select code from network.organizations where level = 'COMMUNE' and valid_to is null order by code limit 40)`;
    const overview = codes.map((row) => ({ code: row.code, asOf: AS_OF, year: YEAR }));

    const entities: Variables[] = [{ after: null, asOf: AS_OF, year: YEAR }];
    let after: string | null = null;
    while (entities.length < MIN_VARIABLE_SETS) {
      const page = await pageCursor(100, after);
      if (!page.hasNextPage || !page.endCursor) break;
      after = page.endCursor;
      entities.push({ after, asOf: AS_OF, year: YEAR });
    }
    for (const [id, sets] of [
      ['search', search],
      ['overview', overview],
      ['entities', entities],
    ] as const) {
      if (sets.length < MIN_VARIABLE_SETS) {
        throw new Error(
          `bench: only ${sets.length} variable sets for ${id}; at least ${MIN_VARIABLE_SETS} are needed`,
        );
      }
    }
    return new Map<Operation['id'], Variables[]>([
      ['search', search],
      ['overview', overview],
      ['entities', entities],
    ]);
  } finally {
    await sql.end();
  }
}

/** The query that walks the communes for {@link variableSets}. */
export const COMMUNE_PAGE_QUERY = /* GraphQL */ `
  query CommunePage($first: Int!, $after: String, $asOf: Date) {
    organizations(filter: { level: COMMUNE, asOf: $asOf }, first: $first, after: $after) {
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`;
export const COMMUNE_PAGE_AS_OF = AS_OF;
