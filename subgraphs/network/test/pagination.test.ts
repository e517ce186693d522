import { cursorScope, encodeCursor } from '@dxhub/kit';
import type { TestSubgraph } from '@dxhub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNetwork } from './helpers.js';

const READER = { org: 'cuc-chuyen-doi-so-quoc-gia', scopes: ['network:read'] };
const WRITER = { org: '01', scopes: ['network:read', 'network:write'] };

interface Page {
  totalCount: number;
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  edges: { cursor: string }[];
  nodes: { code: string }[];
}

const ORGANIZATIONS = `query ($filter: OrganizationFilter, $first: Int, $after: String) {
  organizations(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor }
    nodes { code }
  }
}`;

const PEOPLE = `query ($filter: PersonFilter, $first: Int, $after: String) {
  people(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor }
    nodes { code: fullName }
  }
}`;

const MISMATCH_EN = (cursor: string) =>
  `Invalid value for after: cursor "${cursor}" belongs to another query, with other filters, search text, order or parent record; start again without after.`;

describe('directory pagination', () => {
  let sg: TestSubgraph;

  beforeAll(async () => {
    sg = await startNetwork();
    const district = await sg.run(`{ organization(code: "001") { id } }`, undefined, READER);
    const organizationId = (district.data?.organization as { id: string }).id;
    for (const fullName of ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường']) {
      const created = await sg.run(
        `mutation ($input: CreatePersonInput!) { createPerson(input: $input) { id } }`,
        { input: { fullName, organizationId } },
        WRITER,
      );
      expect(created.errors).toBeUndefined();
    }
  });
  afterAll(async () => sg?.dispose());

  async function organizations(variables: Record<string, unknown>): Promise<Page> {
    const result = await sg.run(ORGANIZATIONS, variables, READER);
    expect(result.errors).toBeUndefined();
    return result.data?.organizations as Page;
  }

  async function rejected(query: string, variables: Record<string, unknown>, locale = 'en') {
    const result = await sg.run(query, variables, { ...READER, locale });
    expect(result.errors, JSON.stringify(variables)).toHaveLength(1);
    return result.errors![0]!;
  }

  it('first 0 without after ends at null', async () => {
    const page = await organizations({ first: 0 });
    expect(page.nodes).toEqual([]);
    expect(page.totalCount).toBeGreaterThan(10);
    expect(page.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: null,
      endCursor: null,
    });
  });

  it('first 0 keeps the after position', async () => {
    const all = await organizations({ first: 6 });
    const after = all.edges[1]!.cursor;
    const empty = await organizations({ first: 0, after });
    expect(empty.nodes).toEqual([]);
    expect(empty.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: true,
      startCursor: after,
      endCursor: after,
    });

    const next = await organizations({ first: 2, after: empty.pageInfo.endCursor });
    expect(next.nodes).toEqual(all.nodes.slice(2, 4));
  });

  it('a page past the end keeps after', async () => {
    const all = await organizations({ first: 500 });
    expect(all.pageInfo.hasNextPage).toBe(false);
    const past = await organizations({ first: 5, after: all.pageInfo.endCursor });
    expect(past.nodes).toEqual([]);
    expect(past.pageInfo.hasNextPage).toBe(false);
    expect(past.pageInfo.endCursor).toBe(all.pageInfo.endCursor);
    expect(past.pageInfo.startCursor).toBe(all.pageInfo.endCursor);
  });

  it('accepts the cursor with another first', async () => {
    const filter = { search: 'bo', level: 'CENTRAL' };
    const all = await organizations({ filter, first: 4 });
    expect(all.nodes.length).toBe(4);
    const first = await organizations({ filter, first: 1 });
    // The same search typed another way has the same search key, so the cursor still fits.
    const next = await organizations({
      filter: { search: 'BỘ', level: 'CENTRAL' },
      first: 3,
      after: first.pageInfo.endCursor,
    });
    expect(next.nodes).toEqual(all.nodes.slice(1, 4));
  });

  it('rejects a cursor of another search', async () => {
    const first = await organizations({ filter: { search: 'bo' }, first: 1 });
    const cursor = first.pageInfo.endCursor!;
    const error = await rejected(ORGANIZATIONS, {
      filter: { search: 'cong thuong' },
      first: 1,
      after: cursor,
    });
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.extensions?.field).toBe('after');
    expect(error.extensions?.reason).toBe('CURSOR_QUERY_MISMATCH');
    expect(error.message).toBe(MISMATCH_EN(cursor));
  });

  it('rejects a cursor of another query in Vietnamese', async () => {
    const first = await organizations({ filter: { search: 'bo' }, first: 1 });
    const cursor = first.pageInfo.endCursor!;
    const error = await rejected(
      ORGANIZATIONS,
      { filter: { search: 'ha noi' }, first: 1, after: cursor },
      'vi',
    );
    expect(error.extensions?.field).toBe('after');
    expect(error.message).toBe(
      `Giá trị không hợp lệ ở after: con trỏ "${cursor}" thuộc một truy vấn khác (khác bộ lọc, chuỗi tìm kiếm, thứ tự sắp xếp hoặc bản ghi chứa danh sách); hãy tải lại từ trang đầu, không truyền after.`,
    );
  });

  it('rejects a cursor of other filters', async () => {
    const first = await organizations({ filter: { level: 'CENTRAL' }, first: 1 });
    const cursor = first.pageInfo.endCursor!;
    for (const filter of [
      {},
      { level: 'PROVINCE' },
      { level: 'CENTRAL', kind: 'MINISTRY' },
      { level: 'CENTRAL', asOf: '2025-01-01' },
      { level: 'CENTRAL', updatedSince: '2020-01-01T00:00:00Z' },
    ]) {
      const error = await rejected(ORGANIZATIONS, { filter, first: 1, after: cursor });
      expect(error.extensions?.reason, JSON.stringify(filter)).toBe('CURSOR_QUERY_MISMATCH');
    }
  });

  it('binds nested lists to their parent unit', async () => {
    const children = `query ($code: String!, $after: String) {
      organization(code: $code) {
        children(first: 1, after: $after) { pageInfo { endCursor } nodes { code } }
      }
    }`;
    const result = await sg.run(children, { code: '01' }, READER);
    const page = (result.data?.organization as { children: Page }).children;
    expect(page.nodes).toEqual([{ code: '001' }]);
    const cursor = page.pageInfo.endCursor!;

    const same = await sg.run(children, { code: '01', after: cursor }, READER);
    expect(same.errors).toBeUndefined();
    const other = await rejected(children, { code: '79', after: cursor });
    expect(other.extensions?.reason).toBe('CURSOR_QUERY_MISMATCH');
    expect(other.path).toEqual(['organization', 'children']);

    const descendants = `query ($after: String) {
      organization(code: "01") { descendants(first: 1, after: $after) { nodes { code } } }
    }`;
    const error = await rejected(descendants, { after: cursor });
    expect(error.extensions?.reason).toBe('CURSOR_QUERY_MISMATCH');
    const topLevel = await rejected(ORGANIZATIONS, { first: 1, after: cursor });
    expect(topLevel.extensions?.reason).toBe('CURSOR_QUERY_MISMATCH');
  });

  it('refuses a memberships cursor whose time is not a timestamp', async () => {
    // Built with the scope the resolver gives an unfiltered list, so only the time is wrong.
    const scope = cursorScope('memberships', null, false, null, null, null);
    const id = '00000000-0000-4000-8000-000000000000';
    for (const time of ['garbage', 'infinity', '2025-02-30T10:00:00.000Z']) {
      const after = encodeCursor([time, id], scope);
      const error = await rejected(
        `query ($after: String) { memberships(first: 1, after: $after) { nodes { id } } }`,
        { after },
      );
      expect(error.extensions, time).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
      expect(error.extensions?.reason, time).not.toBe('CURSOR_QUERY_MISMATCH');
    }
  });

  it('binds the people list to its filter', async () => {
    const filter = { organizationCode: '001' };
    const first = await sg.run(PEOPLE, { filter, first: 1 }, READER);
    expect(first.errors).toBeUndefined();
    const page = first.data?.people as Page;
    expect(page.totalCount).toBe(3);
    const cursor = page.pageInfo.endCursor!;

    const next = await sg.run(PEOPLE, { filter, first: 5, after: cursor }, READER);
    expect(next.errors).toBeUndefined();
    expect((next.data?.people as Page).nodes).toHaveLength(2);

    for (const other of [
      { organizationCode: '01', includeDescendants: true },
      { organizationCode: '001', search: 'van' },
      {},
    ]) {
      const error = await rejected(PEOPLE, { filter: other, first: 1, after: cursor });
      expect(error.extensions?.reason, JSON.stringify(other)).toBe('CURSOR_QUERY_MISMATCH');
    }
    const organizations = await rejected(ORGANIZATIONS, { first: 1, after: cursor });
    expect(organizations.extensions?.reason).toBe('CURSOR_QUERY_MISMATCH');
  });

  it('binds the people of a unit to that unit', async () => {
    const people = `query ($code: String!, $first: Int, $after: String) {
      organization(code: $code) {
        people(first: $first, after: $after) {
          pageInfo { hasNextPage endCursor } nodes { fullName }
        }
      }
    }`;
    const result = await sg.run(people, { code: '001', first: 1 }, READER);
    const page = (result.data?.organization as { people: Page }).people;
    const cursor = page.pageInfo.endCursor!;

    const empty = await sg.run(people, { code: '001', first: 0, after: cursor }, READER);
    expect((empty.data?.organization as { people: Page }).people.pageInfo).toEqual({
      hasNextPage: true,
      endCursor: cursor,
    });
    const error = await rejected(people, { code: '01', first: 1, after: cursor });
    expect(error.extensions?.reason).toBe('CURSOR_QUERY_MISMATCH');
    const list = await rejected(PEOPLE, { filter: { organizationCode: '001' }, after: cursor });
    expect(list.extensions?.reason).toBe('CURSOR_QUERY_MISMATCH');
  });
});
