import { describe, expect, it } from 'vitest';
import { judgeBreakingChanges } from '../../schema/breaking.js';

const BEFORE = `
  enum OrgLevel { CENTRAL PROVINCE DISTRICT @deprecated(reason: "no districts after 2025-07-01") COMMUNE }
  type Organization {
    code: String!
    name: String!
    oldName: String @deprecated(reason: "use name")
    level: OrgLevel!
    children(first: Int, legacyFilter: String @deprecated(reason: "use first")): [Organization!]!
  }
  type Legacy { value: String }
  type Query {
    organization(code: String!): Organization
    legacy: Legacy @deprecated(reason: "gone soon")
  }
`;

describe('breaking-change check', () => {
  it('allows removals deprecated first', () => {
    const after = `
      enum OrgLevel { CENTRAL PROVINCE COMMUNE }
      type Organization { code: String! name: String! level: OrgLevel! children(first: Int): [Organization!]! }
      type Query { organization(code: String!): Organization }
    `;
    const changes = judgeBreakingChanges(BEFORE, after);
    expect(changes.map((c) => [c.coordinate, c.deprecatedFirst])).toEqual(
      expect.arrayContaining([
        ['Organization.oldName', true],
        ['OrgLevel.DISTRICT', true],
        ['Organization.children(legacyFilter:)', true],
        ['Query.legacy', true],
        ['Legacy', true],
      ]),
    );
    expect(changes.every((c) => c.deprecatedFirst)).toBe(true);
  });

  it('blocks removals not deprecated first', () => {
    const after = `
      enum OrgLevel { CENTRAL DISTRICT COMMUNE }
      type Organization { code: String! oldName: String level: OrgLevel! children(first: Int, legacyFilter: String): [Organization!]! }
      type Legacy { value: String }
      type Query { organization(code: String!, asOf: String!): Organization legacy: Legacy }
    `;
    const blocking = judgeBreakingChanges(BEFORE, after).filter((c) => !c.deprecatedFirst);
    expect(blocking.map((c) => c.coordinate).sort()).toEqual([
      'OrgLevel.PROVINCE',
      'Organization.name',
      'Query.organization(asOf:)',
    ]);
  });

  it('blocks a type change of a live field', () => {
    const after = BEFORE.replace('name: String!', 'name: Int!');
    const [change] = judgeBreakingChanges(BEFORE, after);
    expect(change?.coordinate).toBe('Organization.name');
    expect(change?.deprecatedFirst).toBe(false);
  });

  it('finds nothing between equal schemas', () => {
    expect(judgeBreakingChanges(BEFORE, BEFORE)).toEqual([]);
  });
});
