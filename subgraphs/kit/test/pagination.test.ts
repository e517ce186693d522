import { buildSchema, execute, parse, type GraphQLResolveInfo } from 'graphql';
import { describe, expect, it } from 'vitest';
import { selectsField } from '../src/index.js';

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
