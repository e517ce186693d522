import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { rows } from '@dxhub/kit';
import { usingPostgres, type TestSubgraph } from '@dxhub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organizationPageQuery } from '../src/db/organizations.js';
import {
  ImportError,
  importUnits,
  networkSubgraph,
  searchKey,
  shortSearchKey,
} from '../src/index.js';
import { createTestSubgraph } from '@dxhub/kit/testing';
import {
  countsByLevel,
  directorySnapshot,
  reference,
  referenceDataAvailable,
  tempFile,
} from './helpers.js';

const available = referenceDataAvailable();
if (!usingPostgres)
  console.log(
    'network tests: TEST_DATABASE_URL is not set, so the EXPLAIN test of the search index is skipped',
  );
const ADMIN = { org: 'bo-tai-chinh', scopes: ['network:read', 'hub:admin'] };

describe.skipIf(!available)('units import of the official lists', () => {
  let sg: TestSubgraph;
  let snapshotAfter2024: string[];

  beforeAll(async () => {
    sg = await createTestSubgraph(networkSubgraph);
    const first = await importUnits(sg.db.database, reference('units-2024.json'), {
      effective: '2024-05-01',
    });
    expect(first.opened).toBe(11_363);
    snapshotAfter2024 = await directorySnapshot(sg.db.database);
    const mapping = tempFile(
      'mapping.csv',
      'old_code,new_code,effective\n91,91,2025-07-01\n89,91,2025-07-01\n',
    );
    await importUnits(sg.db.database, reference('units-2025.json'), {
      effective: '2025-07-01',
      mapping,
    });
  });
  afterAll(async () => sg?.dispose());

  it('matches the README counts as of 2024-06-01', async () => {
    const counts = await countsByLevel(sg.db.database, '2024-06-01');
    expect(counts.PROVINCE).toBe(63);
    expect(counts.DISTRICT).toBe(705);
    expect(counts.COMMUNE).toBe(10_595);
  });

  it('matches the README counts as of 2025-08-01', async () => {
    const counts = await countsByLevel(sg.db.database, '2025-08-01');
    expect(counts.PROVINCE).toBe(34);
    expect(counts.DISTRICT).toBeUndefined();
    expect(counts.COMMUNE).toBe(3_321);
  });

  it('counts by level through GraphQL', async () => {
    const query = `query ($asOf: Date!) {
      provinces: organizations(filter: { level: PROVINCE, asOf: $asOf }, first: 0) { totalCount }
      districts: organizations(filter: { level: DISTRICT, asOf: $asOf }, first: 0) { totalCount }
      communes: organizations(filter: { level: COMMUNE, asOf: $asOf }, first: 0) { totalCount }
    }`;
    const before = await sg.run(query, { asOf: '2024-06-01' }, ADMIN);
    expect(before.data).toEqual({
      provinces: { totalCount: 63 },
      districts: { totalCount: 705 },
      communes: { totalCount: 10_595 },
    });
    const after = await sg.run(query, { asOf: '2025-08-01' }, ADMIN);
    expect(after.data).toEqual({
      provinces: { totalCount: 34 },
      districts: { totalCount: 0 },
      communes: { totalCount: 3_321 },
    });
  });

  it('returns the unit a reused code names on each date', async () => {
    const query = `query ($asOf: Date!) { organization(code: "91", asOf: $asOf) { id name validFrom validTo } }`;
    const old = (await sg.run(query, { asOf: '2024-06-01' }, ADMIN)).data?.organization as Record<
      string,
      string
    >;
    const current = (await sg.run(query, { asOf: '2025-08-01' }, ADMIN)).data
      ?.organization as Record<string, string>;
    expect(old.name).toBe('Tỉnh Kiên Giang');
    expect(old.validTo).toBe('2025-06-30');
    expect(current.name).toBe('Tỉnh An Giang');
    expect(current.validFrom).toBe('2025-07-01');
    expect(current.id).not.toBe(old.id);
  });

  it('keeps an unchanged unit under its id', async () => {
    const query = `query ($asOf: Date!) { organization(code: "01", asOf: $asOf) { id validFrom validTo } }`;
    const old = (await sg.run(query, { asOf: '2024-06-01' }, ADMIN)).data?.organization as Record<
      string,
      string
    >;
    const current = (await sg.run(query, { asOf: '2025-08-01' }, ADMIN)).data
      ?.organization as Record<string, string>;
    expect(current).toEqual(old);
    expect(current.validTo).toBeNull();
  });

  it('links successors only from the mapping', async () => {
    const result = await sg.run(
      `{ old: organization(code: "91", asOf: "2024-06-01") { successors { code name } }
         new: organization(code: "91", asOf: "2025-08-01") { predecessors { code name } }
         other: organization(code: "46", asOf: "2024-06-01") { successors { code } } }`,
      undefined,
      ADMIN,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.old).toEqual({ successors: [{ code: '91', name: 'Tỉnh An Giang' }] });
    const predecessors = (result.data?.new as { predecessors: { name: string }[] }).predecessors
      .map((p) => p.name)
      .sort();
    expect(predecessors).toEqual(['Tỉnh An Giang', 'Tỉnh Kiên Giang']);
    expect(result.data?.other).toEqual({ successors: [] });
  });

  it('mirrors ancestors into org_tree', async () => {
    const result = await sg.run(
      `{ organization(code: "00001", asOf: "2024-06-01") { ancestors { code } parent { code } } }`,
      undefined,
      ADMIN,
    );
    expect(result.data?.organization).toEqual({
      ancestors: [{ code: '01' }, { code: '001' }],
      parent: { code: '001' },
    });
    const [mismatch] = rows<{ total: number | string }>(
      await sg.db.database.db.execute(sql`
        select count(*) as total from network.organizations o
        full join network.org_tree t on t.id = o.id
        where t.id is null or o.id is null or t.parent_id is distinct from o.parent_id
           or t.valid_to is distinct from o.valid_to or t.code <> o.code`),
    );
    expect(Number(mismatch?.total)).toBe(0);
  });

  it('lists descendants of a unit by level', async () => {
    const result = await sg.run(
      `{ organization(code: "01", asOf: "2024-06-01") {
           districts: descendants(level: DISTRICT, first: 0) { totalCount }
           communes: descendants(level: COMMUNE, first: 3) { totalCount nodes { level } }
         }
         viaFilter: organizations(filter: { ancestorCode: "01", level: COMMUNE, asOf: "2024-06-01" }, first: 0) { totalCount } }`,
      undefined,
      ADMIN,
    );
    const org = result.data?.organization as {
      districts: { totalCount: number };
      communes: { totalCount: number; nodes: { level: string }[] };
    };
    expect(org.districts.totalCount).toBe(30);
    expect(org.communes.totalCount).toBe(579);
    expect(org.communes.nodes.map((n) => n.level)).toEqual(['COMMUNE', 'COMMUNE', 'COMMUNE']);
    expect(result.data?.viaFilter).toEqual({ totalCount: 579 });
  });

  it('changes nothing when the same list is imported again', async () => {
    const before = await directorySnapshot(sg.db.database);
    const report = await importUnits(sg.db.database, reference('units-2025.json'), {
      effective: '2025-07-01',
    });
    expect(report.changed).toBe(false);
    expect(report.continued).toBe(3_355);
    expect(await directorySnapshot(sg.db.database)).toEqual(before);
  });

  it('rejects a list dated before the latest import', async () => {
    const before = await directorySnapshot(sg.db.database);
    const attempt = importUnits(sg.db.database, reference('units-2024.json'), {
      effective: '2024-05-01',
    });
    await expect(attempt).rejects.toBeInstanceOf(ImportError);
    await expect(attempt).rejects.toMatchObject({ code: 'LIST_OUTDATED' });
    expect(await directorySnapshot(sg.db.database)).toEqual(before);
  });

  it('keeps the 2024 directory when 2025 is added', async () => {
    const after = await directorySnapshot(sg.db.database);
    const now = new Set(after);
    // Every 2024 version is still there, closed on 2025-06-30 where the 2025 list changed it.
    const missing = snapshotAfter2024.filter(
      (row) =>
        !now.has(row) && !now.has(JSON.stringify({ ...JSON.parse(row), valid_to: '2025-06-30' })),
    );
    expect(missing).toEqual([]);
  });
});

describe.skipIf(!available)('search on the 2024 list', () => {
  let sg: TestSubgraph;

  beforeAll(async () => {
    sg = await createTestSubgraph(networkSubgraph);
    await importUnits(sg.db.database, reference('units-2024.json'), { effective: '2024-05-01' });
  });
  afterAll(async () => sg?.dispose());

  async function search(text: string, first = 50): Promise<{ total: number; names: string[] }> {
    const result = await sg.run(
      `query ($search: String!, $first: Int) {
         organizations(filter: { search: $search, asOf: "2024-06-01" }, first: $first) { totalCount nodes { name } }
       }`,
      { search: text, first },
      ADMIN,
    );
    expect(result.errors).toBeUndefined();
    const connection = result.data?.organizations as {
      totalCount: number;
      nodes: { name: string }[];
    };
    return { total: connection.totalCount, names: connection.nodes.map((n) => n.name) };
  }

  /** 0 exact, 1 prefix, 2 contained: the order the directory promises. */
  function matchClass(name: string, text: string): number {
    const key = searchKey(text);
    if (searchKey(name) === key || shortSearchKey(name) === key) return 0;
    if (searchKey(name).startsWith(key) || shortSearchKey(name).startsWith(key)) return 1;
    return 2;
  }

  it('finds Hà Nội however it is typed', async () => {
    for (const text of [
      'ha noi',
      'Ha Noi',
      'Hà Nội',
      'HÀ NỘI',
      'thanh pho ha noi',
      'Thanh pho Ha Noi',
    ]) {
      const { names } = await search(text);
      expect(names[0], text).toBe('Thành phố Hà Nội');
    }
  });

  it('matches đ with d', async () => {
    const { names } = await search('dong da');
    // The district comes before the wards of the same name.
    expect(names[0]).toBe('Quận Đống Đa');
    expect(names).toContain('Thị trấn Đồng Đăng');
  });

  it('ignores tone-mark placement', async () => {
    const typed = await search('Hoà Bình');
    const other = await search('Hòa Bình');
    expect(typed).toEqual(other);
    expect(typed.names[0]).toBe('Tỉnh Hoà Bình');
    // The districts come next, in name order; names that differ only in tone-mark placement tie.
    expect(
      typed.names
        .slice(1, 3)
        .map((name) => searchKey(name))
        .sort(),
    ).toEqual(['huyen hoa binh', 'thanh pho hoa binh']);
  });

  it('ranks exact before prefix before contained', async () => {
    for (const text of ['hoa binh', 'binh', 'an giang', 'dong da']) {
      const { names, total } = await search(text, 500);
      const classes = names.map((name) => matchClass(name, text));
      expect(classes, text).toEqual([...classes].sort((a, b) => a - b));
      expect(names.length, text).toBe(Math.min(total, 500));
    }
    const binh = (await search('binh', 500)).names.map((name) => matchClass(name, 'binh'));
    expect(binh).toContain(1);
    expect(binh).toContain(2);
    const hoaBinh = (await search('hoa binh', 500)).names.map((name) =>
      matchClass(name, 'hoa binh'),
    );
    expect(hoaBinh).toContain(0);
    expect(hoaBinh).toContain(1);
  });

  it('pages through results without repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page += 1) {
      const result = await sg.run(
        `query ($after: String) { organizations(filter: { search: "binh", asOf: "2024-06-01" }, first: 100, after: $after) {
            totalCount pageInfo { hasNextPage endCursor } nodes { id } } }`,
        { after },
        ADMIN,
      );
      const connection = result.data?.organizations as {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string };
        nodes: { id: string }[];
      };
      seen.push(...connection.nodes.map((n) => n.id));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    const { total } = await search('binh', 0);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(total);
    expect(total).toBeGreaterThan(500);
  });

  it('counts every match on each page, and past the last one', async () => {
    const page = `query ($after: String, $first: Int) {
      organizations(filter: { search: "hoa binh", asOf: "2024-06-01" }, first: $first, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } nodes { id } } }`;
    type Page = {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      nodes: { id: string }[];
    };
    const all = (await sg.run(page, { first: 500 }, ADMIN)).data?.organizations as Page;
    expect(all.nodes.length).toBe(all.totalCount);
    expect(all.totalCount).toBeGreaterThan(2);
    const second = (
      await sg
        .run(page, { first: 2, after: null }, ADMIN)
        .then((first) =>
          sg.run(
            page,
            { first: 2, after: (first.data?.organizations as Page).pageInfo.endCursor },
            ADMIN,
          ),
        )
    ).data?.organizations as Page;
    expect(second.totalCount).toBe(all.totalCount);
    expect(second.nodes.map((node) => node.id)).toEqual(all.nodes.slice(2, 4).map((n) => n.id));
    const past = (await sg.run(page, { first: 5, after: all.pageInfo.endCursor }, ADMIN)).data
      ?.organizations as Page;
    expect(past.nodes).toEqual([]);
    expect(past.totalCount).toBe(all.totalCount);
  });

  it.skipIf(!usingPostgres)('uses a search index on PostgreSQL', async () => {
    await sg.db.database.exec('analyze network.organizations');
    for (const [key, withTotal] of [
      ['ha noi', false],
      ['binh', false],
      ['nguyen hue', false],
      ['ha noi', true],
      ['binh', true],
    ] as const) {
      const query = organizationPageQuery(
        { asOf: '2024-06-01', searchKey: key },
        { by: 'none' },
        50,
        null,
        withTotal,
      );
      const plan = rows<{ 'QUERY PLAN': string }>(
        await sg.db.database.db.execute(sql`explain ${query}`),
      )
        .map((row) => row['QUERY PLAN'])
        .join('\n');
      expect(plan, plan).toMatch(/Index Scan (on|using) organizations_search_trgm_idx/);
      expect(plan, plan).not.toMatch(/Seq Scan on organizations/);
    }
  });

  it.skipIf(!usingPostgres)(
    'reads a page of one level without a search from its index',
    async () => {
      await sg.db.database.exec('analyze network.organizations');
      const [first] = rows<{ id: string; key: string }>(
        await sg.db.database.db.execute(
          sql`select id, search_key as key from network.organizations where level = 'COMMUNE' order by search_key, id limit 1`,
        ),
      );
      for (const after of [null, [3, first!.key, first!.id] as [number, string, string]]) {
        const query = organizationPageQuery(
          { asOf: '2024-06-01', level: 'COMMUNE' },
          { by: 'none' },
          500,
          after,
        );
        const plan = rows<{ 'QUERY PLAN': string }>(
          await sg.db.database.db.execute(sql`explain ${query}`),
        )
          .map((row) => row['QUERY PLAN'])
          .join('\n');
        // A seek to the level and the first rows in order, not a sort of all 10,000 communes.
        expect(plan, plan).toMatch(/Index Scan using organizations_list_order_idx/);
        expect(plan, plan).toMatch(/Index Cond: .*CASE level/);
        expect(plan, plan).not.toMatch(/Sort/);
      }
    },
  );
});

describe.skipIf(!available)('CSV import of the statistics office export', () => {
  let json: string[];

  beforeAll(async () => {
    const sg = await createTestSubgraph(networkSubgraph);
    await importUnits(sg.db.database, reference('units-2024.json'), { effective: '2024-05-01' });
    json = await directorySnapshot(sg.db.database);
    await sg.dispose();
  });

  async function importCsv(file: string): Promise<string[]> {
    const sg = await createTestSubgraph(networkSubgraph);
    try {
      const report = await importUnits(sg.db.database, file, { effective: '2024-05-01' });
      expect(report.format).toBe('csv');
      expect(report.records).toBe(11_363);
      return await directorySnapshot(sg.db.database);
    } finally {
      await sg.dispose();
    }
  }

  it('gives the same directory as the JSON list', async () => {
    expect(await importCsv(reference('units-2024.gso.csv'))).toEqual(json);
  });

  it('accepts a BOM, CRLF and plain header names', async () => {
    const text = fs.readFileSync(reference('units-2024.gso.csv'), 'utf8');
    const [header, ...body] = text.split('\n');
    const plainHeader = header!
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/đ/g, 'd')
      .toUpperCase();
    const file = tempFile('units-2024-excel.txt', `\uFEFF${[plainHeader, ...body].join('\r\n')}`);
    expect(await importCsv(file)).toEqual(json);
  });
});
