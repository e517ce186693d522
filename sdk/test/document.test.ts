import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { operationTypeOf, prepareDocument, type DocumentNodeLike } from '../src/document.js';

describe('operationTypeOf', () => {
  const cases: [string, string | undefined, string][] = [
    ['{ limits { maxPageSize } }', undefined, 'query'],
    ['query Q { a }', undefined, 'query'],
    ['mutation M($x: Int) { add(x: $x) { id } }', undefined, 'mutation'],
    ['# mutation in a comment\nquery Q { a }', undefined, 'query'],
    ['query Q($f: Filter = { kind: "mutation" }) { mutation: a }', undefined, 'query'],
    ['query """mutation""" { a }', undefined, 'query'],
    ['fragment F on Query { a }\nmutation M { b }', undefined, 'mutation'],
    ['query A { a } mutation B { b }', 'B', 'mutation'],
    ['query A { a } mutation B { b }', 'A', 'query'],
    ['subscription S { s }', undefined, 'subscription'],
  ];
  it.each(cases)('reads %j (operation %s) as %s', (query, name, expected) => {
    expect(operationTypeOf(query, name)).toBe(expected);
  });
});

describe('prepareDocument', () => {
  it('reads the source text of a parsed document', () => {
    const document = parse('mutation M { add { id } }') as unknown as DocumentNodeLike;
    expect(prepareDocument(document, undefined)).toEqual({
      query: 'mutation M { add { id } }',
      operationType: 'mutation',
    });
  });

  it('prints a parsed document without location', () => {
    const document = parse('query Q { a }', { noLocation: true }) as unknown as DocumentNodeLike;
    const prepared = prepareDocument(document, () => 'query Q { a }');
    expect(prepared.query).toBe('query Q { a }');
  });

  it('rejects a parsed document without location or print', () => {
    const document = parse('query Q { a }', { noLocation: true }) as unknown as DocumentNodeLike;
    expect(() => prepareDocument(document, undefined)).toThrow(/no source text/);
  });

  it('accepts a String object', () => {
    // Generated typed document strings are String objects.
    expect(prepareDocument(new String('mutation { a }'), undefined).operationType).toBe('mutation');
  });
});
