import { createTestSubgraph, type TestSubgraph } from '@dxhub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importUnits, networkSubgraph } from '../src/index.js';
import { tempFile } from './helpers.js';

const READER = { org: 'bo-tai-chinh', scopes: ['network:read', 'hub:admin'] };
const COMMUNES_PER_DISTRICT = 600;

/** Builds a made-up list: one province with two districts of 600 communes each. */
function syntheticList(): string {
  const units: object[] = [
    {
      code: '01',
      name: 'Thành phố Hà Nội',
      type: 'Thành phố Trung ương',
      level: 'province',
      parentCode: null,
    },
  ];
  for (const [index, district] of ['001', '002'].entries()) {
    units.push({
      code: district,
      name: `Quận Thử ${index + 1}`,
      type: 'Quận',
      level: 'district',
      parentCode: '01',
    });
    for (let n = 0; n < COMMUNES_PER_DISTRICT; n += 1) {
      const code = String(10_000 + index * COMMUNES_PER_DISTRICT + n).padStart(5, '0');
      units.push({
        code,
        name: `Phường Thử ${code}`,
        type: 'Phường',
        level: 'commune',
        parentCode: district,
      });
    }
  }
  return JSON.stringify(units);
}

describe('SQL statements per request', () => {
  let sg: TestSubgraph;
  let communeIds: string[];

  beforeAll(async () => {
    sg = await createTestSubgraph(networkSubgraph);
    await importUnits(sg.db.database, tempFile('synthetic.json', syntheticList()), {
      effective: '2024-05-01',
    });
    const ids: string[] = [];
    for (const district of ['001', '002']) {
      const result = await sg.run(
        `query ($code: String!) { organization(code: $code) { children(first: 500) { nodes { id } } } }`,
        { code: district },
        READER,
      );
      ids.push(
        ...(
          result.data?.organization as { children: { nodes: { id: string }[] } }
        ).children.nodes.map((n) => n.id),
      );
    }
    communeIds = ids;
  });
  afterAll(async () => sg?.dispose());

  /** Runs an operation and returns how many SQL statements it sent. */
  async function statementsFor(query: string, variables: Record<string, unknown>): Promise<number> {
    const before = sg.db.database.statements.count;
    const result = await sg.run(query, variables, READER);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return sg.db.database.statements.count - before;
  }

  it('resolves 1,000 references as cheaply as 10', async () => {
    expect(communeIds).toHaveLength(1000);
    const query = `query ($representations: [_Any!]!) {
      _entities(representations: $representations) {
        ... on Organization { id code name parent { code name } ancestors { code } successors { code } children { totalCount } }
      }
    }`;
    const asReferences = (ids: string[]) => ({
      representations: ids.map((id) => ({ __typename: 'Organization', id })),
    });
    const ten = await statementsFor(query, asReferences(communeIds.slice(0, 10)));
    const thousand = await statementsFor(query, asReferences(communeIds));
    expect(ten).toBeGreaterThan(0);
    expect(thousand).toBe(ten);
  });

  it('lists 1,000 units with their parents as cheaply as 10', async () => {
    const query = `query ($size: Int!) {
      organizations(filter: { level: DISTRICT, asOf: "2024-06-01" }, first: 2) {
        nodes { children(first: $size) { totalCount nodes { code parent { code name } ancestors { code } } } }
      }
    }`;
    const ten = await statementsFor(query, { size: 5 });
    const thousand = await statementsFor(query, { size: 500 });
    expect(ten).toBeGreaterThan(0);
    expect(thousand).toBe(ten);
  });

  it('counts a search in the statement that reads its page', async () => {
    // One statement reads the page with its total, one the rows of the page.
    const search = `{
      organizations(filter: { search: "thu", asOf: "2024-06-01" }, first: 20) { totalCount nodes { id } }
    }`;
    expect(await statementsFor(search, {})).toBe(2);
  });

  it('counts a list only when totalCount is selected', async () => {
    const list = (fields: string) => `{
      organizations(filter: { level: COMMUNE, asOf: "2024-06-01" }, first: 20) { ${fields} nodes { id } }
    }`;
    const without = await statementsFor(list(''), {});
    expect(await statementsFor(list('totalCount'), {})).toBe(without + 1);
    const viaFragment = `{
      organizations(filter: { level: COMMUNE, asOf: "2024-06-01" }, first: 20) { ...Total nodes { id } }
    }
    fragment Total on OrganizationConnection { totalCount }`;
    expect(await statementsFor(viaFragment, {})).toBe(without + 1);
    const viaInline = `{
      organizations(filter: { level: COMMUNE, asOf: "2024-06-01" }, first: 20) {
        ... on OrganizationConnection { totalCount @include(if: false) } nodes { id }
      }
    }`;
    expect(await statementsFor(viaInline, {})).toBe(without + 1);
  });

  it('returns 1,000 listed units', async () => {
    const result = await sg.run(
      `{ organizations(filter: { level: DISTRICT, asOf: "2024-06-01" }, first: 2) { nodes { children(first: 500) { totalCount nodes { parent { code } } } } } }`,
      undefined,
      READER,
    );
    const lists = (
      result.data?.organizations as {
        nodes: { children: { totalCount: number; nodes: { parent: { code: string } }[] } }[];
      }
    ).nodes;
    expect(lists.map((l) => l.children.totalCount)).toEqual([
      COMMUNES_PER_DISTRICT,
      COMMUNES_PER_DISTRICT,
    ]);
    expect(lists.flatMap((l) => l.children.nodes)).toHaveLength(1000);
    expect(lists[0]!.children.nodes.every((n) => n.parent.code === '001')).toBe(true);
  });
});
