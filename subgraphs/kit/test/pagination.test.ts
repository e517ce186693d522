import { buildSchema, execute, parse, type GraphQLResolveInfo } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  DxError,
  cursorScope,
  decodeCursor,
  encodeCursor,
  isTimestampText,
  selectsField,
  toConnection,
} from '../src/index.js';

const schema = buildSchema(`
  type Query { list: Page }
  type Page { totalCount: Int nodes: [Int] inner: Page }
`);

/** Runs `query` and returns the result of `selectsField(info, 'totalCount')` for the root field. */
function selectsTotal(query: string): boolean {
  let answer: boolean | undefined;
  execute({
    schema,
    document: parse(query),
    rootValue: {
      list: (_: unknown, _ctx: unknown, info: GraphQLResolveInfo) => {
        answer = selectsField(info, 'totalCount');
        return { totalCount: 0, nodes: [] };
      },
    },
  });
  if (answer === undefined) throw new Error('the resolver did not run');
  return answer;
}

describe('selectsField', () => {
  it('finds a direct selection, aliased or not', () => {
    expect(selectsTotal('{ list { totalCount } }')).toBe(true);
    expect(selectsTotal('{ list { n: totalCount } }')).toBe(true);
  });

  it('finds selections inside fragments, even skipped ones', () => {
    expect(selectsTotal('{ list { ... on Page { totalCount } } }')).toBe(true);
    expect(selectsTotal('{ list { ...T } } fragment T on Page { totalCount }')).toBe(true);
    expect(
      selectsTotal(
        '{ list { ...A } } fragment A on Page { ...B } fragment B on Page { totalCount }',
      ),
    ).toBe(true);
    expect(selectsTotal('{ list { totalCount @skip(if: true) } }')).toBe(true);
  });

  it('ignores the field deeper down and other fields', () => {
    expect(selectsTotal('{ list { nodes } }')).toBe(false);
    expect(selectsTotal('{ list { inner { totalCount } } }')).toBe(false);
    expect(selectsTotal('{ list { ...T ...T } } fragment T on Page { nodes }')).toBe(false);
  });
});

/** Runs `action` and returns the DxError it throws. */
function rejection(action: () => unknown): DxError {
  try {
    action();
  } catch (error) {
    if (error instanceof DxError) return error;
    throw error;
  }
  throw new Error('no error was thrown');
}

const rows = [{ id: 1 }, { id: 2 }, { id: 3 }];
const keyOf = (row: { id: number }) => [row.id];

describe('toConnection', () => {
  it('returns null cursors for first 0 without after', () => {
    const page = toConnection(rows.slice(0, 1), 0, 3, keyOf, { after: null });
    expect(page.edges).toEqual([]);
    expect(page.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: null,
      endCursor: null,
    });
  });

  it('keeps after as the cursors of first 0', () => {
    const after = encodeCursor([1]);
    const page = toConnection(rows.slice(1, 2), 0, 3, keyOf, { after });
    expect(page.nodes).toEqual([]);
    expect(page.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: true,
      startCursor: after,
      endCursor: after,
    });
  });

  it('keeps after as the cursors past the last row', () => {
    const after = encodeCursor([3]);
    const page = toConnection([], 5, 3, keyOf, { after });
    expect(page.pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: true,
      startCursor: after,
      endCursor: after,
    });
  });

  it('treats an empty after as the first page', () => {
    const page = toConnection([], 0, 0, keyOf, { after: '' });
    expect(page.pageInfo.hasPreviousPage).toBe(false);
    expect(page.pageInfo.endCursor).toBeNull();
  });

  it('gives each edge a cursor of its key and scope', () => {
    const scope = cursorScope('numbers', 'odd');
    const page = toConnection(rows, 2, 3, keyOf, { after: null, scope });
    expect(page.edges.map((edge) => decodeCursor(edge.cursor, 'en', scope))).toEqual([[1], [2]]);
    expect(page.pageInfo.startCursor).toBe(page.edges[0]!.cursor);
    expect(page.pageInfo.endCursor).toBe(page.edges[1]!.cursor);
    expect(page.pageInfo.hasNextPage).toBe(true);
  });
});

describe('cursorScope', () => {
  it('is eight hexadecimal digits, stable for equal parts', () => {
    const scope = cursorScope('organizations', 'ha noi', null, new Date('2025-07-01T00:00:00Z'));
    expect(scope).toMatch(/^[0-9a-f]{8}$/);
    expect(cursorScope('organizations', 'ha noi', null, new Date('2025-07-01T00:00:00Z'))).toBe(
      scope,
    );
  });

  it('differs when any part differs', () => {
    const scopes = [
      cursorScope('organizations', 'ha noi', null),
      cursorScope('organizations', 'ha nam', null),
      cursorScope('organizations', 'ha noi', 'PROVINCE'),
      cursorScope('people', 'ha noi', null),
      cursorScope('organizations', null, 'ha noi'),
    ];
    expect(new Set(scopes).size).toBe(scopes.length);
  });

  it('reads undefined as null', () => {
    expect(cursorScope('people', undefined)).toBe(cursorScope('people', null));
  });
});

describe('decodeCursor', () => {
  const scope = cursorScope('organizations', 'ha noi');
  const other = cursorScope('organizations', 'binh');

  it('returns the key of a cursor with the expected scope', () => {
    const key = [2, 'ha noi', '6f1c']; // a rank, a name key and an id
    expect(decodeCursor(encodeCursor(key, scope), 'en', scope)).toEqual(key);
  });

  it('ignores the scope when none is expected', () => {
    expect(decodeCursor(encodeCursor(['a', null], scope))).toEqual(['a', null]);
    expect(decodeCursor(encodeCursor(['a', null]))).toEqual(['a', null]);
  });

  it('rejects a cursor of another query', () => {
    const cursor = encodeCursor([1], other);
    const error = rejection(() => decodeCursor(cursor, 'en', scope));
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.extensions.field).toBe('after');
    expect(error.extensions.reason).toBe('CURSOR_QUERY_MISMATCH');
    expect(error.message).toBe(
      `Invalid value for after: cursor "${cursor}" belongs to another query, with other filters, search text, order or parent record; start again without after.`,
    );
  });

  it('rejects a cursor of another query in Vietnamese', () => {
    const cursor = encodeCursor([1], other);
    const error = rejection(() => decodeCursor(cursor, 'vi', scope));
    expect(error.extensions.reason).toBe('CURSOR_QUERY_MISMATCH');
    expect(error.message).toBe(
      `Giá trị không hợp lệ ở after: con trỏ "${cursor}" thuộc một truy vấn khác (khác bộ lọc, chuỗi tìm kiếm, thứ tự sắp xếp hoặc bản ghi chứa danh sách); hãy tải lại từ trang đầu, không truyền after.`,
    );
  });

  it('rejects a cursor without scope where one is expected', () => {
    const error = rejection(() => decodeCursor(encodeCursor([1]), 'en', scope));
    expect(error.extensions.reason).toBe('CURSOR_QUERY_MISMATCH');
  });

  it('rejects malformed cursors', () => {
    const encode = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
    for (const cursor of [
      '',
      'not a cursor',
      encode('{"k":[1]}'),
      encode('[{"a":1}]'),
      encode('xyz[1]'),
      encode(`${scope}`),
      encode(`${scope}[1`),
    ]) {
      const error = rejection(() => decodeCursor(cursor, 'en', scope));
      expect(error.extensions.field, cursor).toBe('after');
      expect(error.extensions.reason, cursor).toBeUndefined();
      expect(error.message, cursor).toBe(
        `Invalid value for after: cursor "${cursor}" is not valid; pass pageInfo.endCursor from the previous page.`,
      );
    }
  });
});

describe('isTimestampText', () => {
  it('accepts the times that cursors carry', () => {
    for (const text of [
      '2026-12-05T08:07:34.175Z',
      '2026-12-05 08:07:34.175261+00',
      '2024-02-29 23:59:59+07:00',
      '2026-01-01T00:00:00Z',
    ])
      expect(isTimestampText(text), text).toBe(true);
  });

  it('refuses what PostgreSQL would refuse or read as another date', () => {
    for (const text of [
      'infinity',
      '-infinity',
      'yesterday',
      'garbage',
      '2025-02-30T10:00:00Z',
      '2025-02-28T24:00:00Z',
      '2025-13-01 00:00:00+00',
      '2025-02-28',
      '2025-02-28T10:00:00',
    ])
      expect(isTimestampText(text), text).toBe(false);
  });
});
