import { createTestSubgraph, type TestSubgraph } from '@dxhub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportError, importUnits, networkSubgraph } from '../src/index.js';
import { directorySnapshot, tempFile } from './helpers.js';

function province(code: string, name: string) {
  return { code, name: `Tỉnh ${name}`, type: 'Tỉnh', level: 'province', parentCode: null };
}

const FOUR_PROVINCES = [
  province('02', 'Hà Giang'),
  province('04', 'Cao Bằng'),
  province('06', 'Bắc Kạn'),
  province('08', 'Tuyên Quang'),
];

const unitsJson = (records: object[]) =>
  `[\n${records.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`;

describe('units import of a partial list', () => {
  let sg: TestSubgraph;

  beforeAll(async () => {
    sg = await createTestSubgraph(networkSubgraph);
    await importUnits(sg.db.database, tempFile('four.json', unitsJson(FOUR_PROVINCES)), {
      effective: '2024-05-01',
    });
  });
  afterAll(async () => sg?.dispose());

  it('rejects a list with under half the provinces', async () => {
    const before = await directorySnapshot(sg.db.database);
    const error = await importUnits(
      sg.db.database,
      tempFile('one.json', unitsJson(FOUR_PROVINCES.slice(0, 1))),
      {
        effective: '2024-06-01',
      },
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).code).toBe('LIST_INCOMPLETE');
    expect((error as ImportError).describe('vi')).toContain('danh mục đầy đủ');
    expect(await directorySnapshot(sg.db.database)).toEqual(before);
  });

  it('accepts a reorganisation that keeps half the provinces', async () => {
    const report = await importUnits(
      sg.db.database,
      tempFile('two.json', unitsJson(FOUR_PROVINCES.slice(0, 2))),
      {
        effective: '2024-07-01',
      },
    );
    expect(report.closed).toBe(2);
  });
});
