import { createLogger } from '@dxhub/kit';
import { createTestSubgraph, type TestSubgraph } from '@dxhub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportError, importAgencies, importUnits, networkSubgraph } from '../src/index.js';
import { directorySnapshot, tempFile } from './helpers.js';

const HEADER = 'Tỉnh Thành Phố,Mã TP,Quận Huyện,Mã QH,Phường Xã,Mã PX,Cấp,Tên Tiếng Anh';

function unitsJson(records: object[]): string {
  return `[\n${records.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`;
}

const SMALL_LIST = [
  {
    code: '01',
    name: 'Thành phố Hà Nội',
    type: 'Thành phố Trung ương',
    level: 'province',
    parentCode: null,
  },
  { code: '001', name: 'Quận Ba Đình', type: 'Quận', level: 'district', parentCode: '01' },
  { code: '00001', name: 'Phường Phúc Xá', type: 'Phường', level: 'commune', parentCode: '001' },
  { code: '00004', name: 'Phường Trúc Bạch', type: 'Phường', level: 'commune', parentCode: '001' },
];

/** Runs an import that must fail and returns its error. */
async function rejection(attempt: Promise<unknown>): Promise<ImportError> {
  const error = await attempt.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ImportError);
  return error as ImportError;
}

describe('units import rejects bad files', () => {
  let sg: TestSubgraph;

  beforeAll(async () => {
    sg = await createTestSubgraph(networkSubgraph);
    await importUnits(sg.db.database, tempFile('units.json', unitsJson(SMALL_LIST)), {
      effective: '2024-05-01',
    });
  });
  afterAll(async () => sg?.dispose());

  const cases: {
    name: string;
    content: string;
    file?: string;
    code: string;
    row: number | null;
  }[] = [
    {
      name: 'a code of the wrong length',
      content: unitsJson([
        ...SMALL_LIST,
        {
          code: '0009',
          name: 'Phường Kim Mã',
          type: 'Phường',
          level: 'commune',
          parentCode: '001',
        },
      ]),
      code: 'FIELD_INVALID',
      row: 5,
    },
    {
      name: 'an unknown parent',
      content: unitsJson([
        ...SMALL_LIST,
        {
          code: '00009',
          name: 'Phường Kim Mã',
          type: 'Phường',
          level: 'commune',
          parentCode: '999',
        },
      ]),
      code: 'PARENT_UNKNOWN',
      row: 5,
    },
    {
      name: 'a repeated code',
      content: unitsJson([
        ...SMALL_LIST,
        {
          code: '00004',
          name: 'Phường Kim Mã',
          type: 'Phường',
          level: 'commune',
          parentCode: '001',
        },
      ]),
      code: 'CODE_DUPLICATE',
      row: 5,
    },
    {
      name: 'a name without its type prefix',
      content: unitsJson([
        ...SMALL_LIST,
        { code: '00009', name: 'Kim Mã', type: 'Phường', level: 'commune', parentCode: '001' },
      ]),
      code: 'FIELD_INVALID',
      row: 5,
    },
    {
      name: 'an unknown level',
      content: unitsJson([{ ...SMALL_LIST[0], level: 'region' }]),
      code: 'FIELD_INVALID',
      row: 1,
    },
    { name: 'broken JSON', content: '[{"code": "01",', code: 'FILE_MALFORMED', row: null },
    { name: 'an empty list', content: '[]', code: 'FILE_EMPTY', row: null },
    {
      name: 'a CSV row missing its type',
      file: 'units.csv',
      content: `${HEADER}\nThành phố Hà Nội,01,Quận Ba Đình,001,Phường Phúc Xá,00001,Phường,\nThành phố Hà Nội,01,Quận Ba Đình,001,Phường Kim Mã,00009,,\n`,
      code: 'FIELD_MISSING',
      row: 3,
    },
    {
      name: 'a CSV without the Mã PX column',
      file: 'units.csv',
      content:
        'Tỉnh Thành Phố,Mã TP,Quận Huyện,Mã QH,Phường Xã,Cấp\nThành phố Hà Nội,01,Quận Ba Đình,001,Phường Phúc Xá,Phường\n',
      code: 'COLUMN_MISSING',
      row: 1,
    },
    {
      name: 'a district named twice differently',
      file: 'units.csv',
      content: `${HEADER}\nThành phố Hà Nội,01,Quận Ba Đình,001,Phường Phúc Xá,00001,Phường,\nThành phố Hà Nội,01,Quận Hoàn Kiếm,001,Phường Trúc Bạch,00004,Phường,\n`,
      code: 'ROW_CONFLICT',
      row: 3,
    },
  ];

  for (const testCase of cases) {
    it(`rejects ${testCase.name} and writes nothing`, async () => {
      const before = await directorySnapshot(sg.db.database);
      const file = tempFile(testCase.file ?? 'units.json', testCase.content);
      const error = await rejection(importUnits(sg.db.database, file, { effective: '2024-06-01' }));
      expect(error.code).toBe(testCase.code);
      expect(error.row).toBe(testCase.row);
      expect(error.describe('vi')).not.toBe(error.describe('en'));
      expect(await directorySnapshot(sg.db.database)).toEqual(before);
    });
  }

  it('rolls back a file that fails after writing', async () => {
    const before = await directorySnapshot(sg.db.database);
    const renamed = SMALL_LIST.map((unit) =>
      unit.code === '00004' ? { ...unit, name: 'Phường Ba Đình' } : unit,
    );
    const mapping = tempFile(
      'mapping.csv',
      'old_code,new_code,effective\n00004,00004,2024-06-01\n77777,00001,2024-06-01\n',
    );
    const error = await rejection(
      importUnits(sg.db.database, tempFile('units.json', unitsJson(renamed)), {
        effective: '2024-06-01',
        mapping,
      }),
    );
    expect(error.code).toBe('MAPPING_UNRESOLVED');
    expect(error.row).toBe(3);
    expect(await directorySnapshot(sg.db.database)).toEqual(before);
  });

  it('rejects a bad effective date', async () => {
    const error = await rejection(
      importUnits(sg.db.database, tempFile('units.json', unitsJson(SMALL_LIST)), {
        effective: '2024-02-30',
      }),
    );
    expect(error.code).toBe('EFFECTIVE_DATE_INVALID');
  });

  it('rejects a missing file', async () => {
    const error = await rejection(
      importUnits(sg.db.database, '/nonexistent/units.json', { effective: '2024-06-01' }),
    );
    expect(error.code).toBe('FILE_UNREADABLE');
  });
});

describe('units import of changes', () => {
  let sg: TestSubgraph;
  const ADMIN = { org: 'bo-tai-chinh', scopes: ['network:read', 'hub:admin'] };

  beforeAll(async () => {
    sg = await createTestSubgraph(networkSubgraph);
  });
  afterAll(async () => sg?.dispose());

  it('closes changed and missing units and opens new ones', async () => {
    await importUnits(sg.db.database, tempFile('a.json', unitsJson(SMALL_LIST)), {
      effective: '2024-05-01',
    });
    const next = [
      SMALL_LIST[0]!,
      SMALL_LIST[1]!,
      { ...SMALL_LIST[3]!, name: 'Phường Ba Đình' },
      { code: '00009', name: 'Phường Kim Mã', type: 'Phường', level: 'commune', parentCode: '001' },
    ];
    const mapping = tempFile(
      'mapping.json',
      JSON.stringify([{ oldCode: '00001', newCode: '00004', effective: '2025-01-01' }]),
    );
    const report = await importUnits(sg.db.database, tempFile('b.json', unitsJson(next)), {
      effective: '2025-01-01',
      mapping,
    });
    expect(report).toMatchObject({ continued: 2, opened: 2, closed: 2, links: 1, changed: true });

    const result = await sg.run(
      `{ gone: organization(code: "00001", asOf: "2024-12-31") { validTo successors { name } }
         missing: organization(code: "00001", asOf: "2025-01-01") { id }
         renamed: organization(code: "00004", asOf: "2025-01-01") { name validFrom predecessors { name } }
         before: organization(code: "00004", asOf: "2024-12-31") { name validTo } }`,
      undefined,
      ADMIN,
    );
    expect(result.data).toEqual({
      gone: { validTo: '2024-12-31', successors: [{ name: 'Phường Ba Đình' }] },
      missing: null,
      renamed: {
        name: 'Phường Ba Đình',
        validFrom: '2025-01-01',
        predecessors: [{ name: 'Phường Phúc Xá' }],
      },
      before: { name: 'Phường Trúc Bạch', validTo: '2024-12-31' },
    });
  });

  it('rejects a changed list on the day of the last one', async () => {
    const changed = [SMALL_LIST[0]!, { ...SMALL_LIST[1]!, name: 'Quận Hoàn Kiếm' }];
    const error = await rejection(
      importUnits(sg.db.database, tempFile('c.json', unitsJson(changed)), {
        effective: '2025-01-01',
      }),
    );
    expect(error.code).toBe('UNIT_OPENED_SAME_DAY');
  });

  it('replaces children whose parent was replaced', async () => {
    const renamedDistrict = [
      SMALL_LIST[0]!,
      { ...SMALL_LIST[1]!, name: 'Quận Hoàn Kiếm' },
      { ...SMALL_LIST[3]!, name: 'Phường Ba Đình' },
      { code: '00009', name: 'Phường Kim Mã', type: 'Phường', level: 'commune', parentCode: '001' },
    ];
    const report = await importUnits(
      sg.db.database,
      tempFile('d.json', unitsJson(renamedDistrict)),
      { effective: '2025-02-01' },
    );
    expect(report).toMatchObject({ continued: 1, opened: 3, closed: 3 });
    const result = await sg.run(
      `{ organization(code: "00009", asOf: "2025-02-01") { parent { name } ancestors { code } } }`,
      undefined,
      ADMIN,
    );
    expect(result.data?.organization).toEqual({
      parent: { name: 'Quận Hoàn Kiếm' },
      ancestors: [{ code: '01' }, { code: '001' }],
    });
  });
});

describe('agencies import', () => {
  let sg: TestSubgraph;
  const ADMIN = { org: 'bo-tai-chinh', scopes: ['network:read', 'hub:admin'] };

  beforeAll(async () => {
    sg = await createTestSubgraph(networkSubgraph);
  });
  afterAll(async () => sg?.dispose());

  it('moves the coordinating agency between ministries by date', async () => {
    const query = `query ($asOf: Date!) { organization(code: "cuc-chuyen-doi-so-quoc-gia", asOf: $asOf) {
      id kind level parent { code } ancestors { code } predecessors { id } successors { id } } }`;
    const before = (await sg.run(query, { asOf: '2025-02-28' }, ADMIN)).data
      ?.organization as Record<string, unknown>;
    const after = (await sg.run(query, { asOf: '2025-03-01' }, ADMIN)).data?.organization as Record<
      string,
      unknown
    >;
    expect(before).toMatchObject({
      kind: 'AGENCY_UNIT',
      level: 'CENTRAL',
      parent: { code: 'bo-thong-tin-va-truyen-thong' },
    });
    expect(after).toMatchObject({
      parent: { code: 'bo-khoa-hoc-va-cong-nghe' },
      ancestors: [{ code: 'bo-khoa-hoc-va-cong-nghe' }],
    });
    expect(before.successors).toEqual([{ id: after.id }]);
    expect(after.predecessors).toEqual([{ id: before.id }]);
  });

  it('counts the central bodies of each period', async () => {
    const query = `query ($asOf: Date!) { organizations(filter: { level: CENTRAL, asOf: $asOf }, first: 0) { totalCount } }`;
    // 30 bodies before 1 March 2025 and 22 after, plus the coordinating agency.
    expect((await sg.run(query, { asOf: '2025-02-28' }, ADMIN)).data).toEqual({
      organizations: { totalCount: 31 },
    });
    expect((await sg.run(query, { asOf: '2025-03-01' }, ADMIN)).data).toEqual({
      organizations: { totalCount: 23 },
    });
  });

  it('corrects, replaces and adds bodies, and is idempotent', async () => {
    const file = tempFile(
      'agencies.json',
      JSON.stringify([
        {
          code: 'bo-tai-chinh',
          name: 'Bộ Tài chính',
          nameEn: 'Ministry of Finance of Viet Nam',
          kind: 'ministry',
        },
        { code: 'bo-y-te', name: 'Bộ Y tế mới', nameEn: 'Ministry of Health', kind: 'ministry' },
        {
          code: 'cuc-an-toan-thong-tin',
          name: 'Cục An toàn thông tin',
          kind: 'agency-unit',
          parentCode: 'bo-cong-an',
          validFrom: '2025-03-01',
        },
      ]),
    );
    const lines: string[] = [];
    const logger = createLogger({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const report = await importAgencies(sg.db.database, file, {
      effective: '2026-01-01',
      logger,
    });
    expect(report).toMatchObject({ updated: 1, closed: 1, opened: 2, changed: true });
    // The shipped list and the shared one are both called agencies.json; the log names the file.
    const finished = lines
      .map((line) => JSON.parse(line) as { msg: string; path?: string })
      .find((line) => line.msg === 'central bodies import finished');
    expect(finished?.path).toBe(file);
    const again = await importAgencies(sg.db.database, file, { effective: '2026-01-01' });
    expect(again).toMatchObject({ changed: false, continued: 3 });

    const result = await sg.run(
      `{ health: organization(code: "bo-y-te", asOf: "2026-01-01") { name validFrom }
         oldHealth: organization(code: "bo-y-te", asOf: "2025-12-31") { name validTo }
         finance: organization(code: "bo-tai-chinh", asOf: "2026-01-01") { nameEn }
         unit: organization(code: "cuc-an-toan-thong-tin", asOf: "2026-01-01") { parent { code } } }`,
      undefined,
      ADMIN,
    );
    expect(result.data).toEqual({
      health: { name: 'Bộ Y tế mới', validFrom: '2026-01-01' },
      oldHealth: { name: 'Bộ Y tế', validTo: '2025-12-31' },
      finance: { nameEn: 'Ministry of Finance of Viet Nam' },
      unit: { parent: { code: 'bo-cong-an' } },
    });
  });

  it('rejects an overlapping period and an unknown parent', async () => {
    const before = await directorySnapshot(sg.db.database);
    const overlap = tempFile(
      'overlap.json',
      JSON.stringify([
        {
          code: 'bo-ke-hoach-va-dau-tu',
          name: 'Bộ Kế hoạch và Đầu tư',
          kind: 'ministry',
          validFrom: '2025-01-01',
        },
      ]),
    );
    expect(
      (await rejection(importAgencies(sg.db.database, overlap, { effective: '2026-01-01' }))).code,
    ).toBe('PERIOD_OVERLAP');
    const orphan = tempFile(
      'orphan.json',
      JSON.stringify([
        { code: 'cuc-moi', name: 'Cục Mới', kind: 'agency-unit', parentCode: 'bo-khong-co' },
      ]),
    );
    const error = await rejection(
      importAgencies(sg.db.database, orphan, { effective: '2026-01-01' }),
    );
    expect(error.code).toBe('PARENT_UNKNOWN');
    expect(error.row).toBe(1);
    expect(await directorySnapshot(sg.db.database)).toEqual(before);
  });
});
