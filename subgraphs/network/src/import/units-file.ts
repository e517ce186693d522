// Reading the official list of administrative units from the statistics office's JSON layout
// or its CSV export, into one validated list of records.
import type { OrgLevel } from '../model.js';
import { searchKey } from '../search-key.js';
import { importError } from './errors.js';
import {
  cleanText,
  parseCsvRows,
  parseJsonArray,
  type CsvRow,
  type SourceFile,
} from './source-file.js';

export type UnitLevel = Extract<OrgLevel, 'PROVINCE' | 'DISTRICT' | 'COMMUNE'>;

/** One administrative unit of an official list. */
export interface UnitRecord {
  /** Record number (JSON) or line number (CSV) the unit was first read from. */
  row: number;
  code: string;
  name: string;
  nameEn: string | null;
  /** `Tỉnh`, `Thành phố Trung ương`, `Quận`, `Huyện`, `Thị xã`, `Thành phố`, `Phường`, `Xã`, `Thị trấn`, `Đặc khu`. */
  type: string;
  level: UnitLevel;
  parentCode: string | null;
}

/** Unit types of each level, each with the name prefix it requires. */
const TYPES: Record<UnitLevel, Record<string, string>> = {
  PROVINCE: { Tỉnh: 'Tỉnh', 'Thành phố Trung ương': 'Thành phố' },
  DISTRICT: { Quận: 'Quận', Huyện: 'Huyện', 'Thị xã': 'Thị xã', 'Thành phố': 'Thành phố' },
  COMMUNE: { Phường: 'Phường', Xã: 'Xã', 'Thị trấn': 'Thị trấn', 'Đặc khu': 'Đặc khu' },
};

const CODE_PATTERN: Record<UnitLevel, RegExp> = {
  PROVINCE: /^\d{2}$/,
  DISTRICT: /^\d{3}$/,
  COMMUNE: /^\d{5}$/,
};

const CODE_DIGITS: Record<UnitLevel, number> = { PROVINCE: 2, DISTRICT: 3, COMMUNE: 5 };

const LEVEL_NAMES: Record<UnitLevel, { en: string; vi: string }> = {
  PROVINCE: { en: 'province', vi: 'tỉnh' },
  DISTRICT: { en: 'district', vi: 'huyện' },
  COMMUNE: { en: 'commune', vi: 'xã' },
};

/** Levels a unit's parent may have: one level up, or the province for 2025's communes. */
const PARENT_LEVELS: Record<UnitLevel, UnitLevel[]> = {
  PROVINCE: [],
  DISTRICT: ['PROVINCE'],
  COMMUNE: ['DISTRICT', 'PROVINCE'],
};

/** Reads, checks and orders (provinces, then districts, then communes) the units of a file. */
export function readUnits(source: SourceFile): UnitRecord[] {
  const records = source.format === 'json' ? unitsFromJson(source) : unitsFromCsv(source);
  if (records.length === 0) {
    throw importError(
      'FILE_EMPTY',
      `${source.name} holds no units`,
      `${source.name} không có đơn vị nào`,
    );
  }
  records.forEach(checkUnit);
  checkCodesAndParents(records);
  const rank: Record<UnitLevel, number> = { PROVINCE: 0, DISTRICT: 1, COMMUNE: 2 };
  return records
    .map((record, index) => ({ record, index }))
    .sort((a, b) => rank[a.record.level] - rank[b.record.level] || a.index - b.index)
    .map(({ record }) => record);
}

function unitsFromJson(source: SourceFile): UnitRecord[] {
  const levels: Record<string, UnitLevel> = {
    province: 'PROVINCE',
    district: 'DISTRICT',
    commune: 'COMMUNE',
  };
  return parseJsonArray(source).map((item, index) => {
    const row = index + 1;
    const rawLevel = cleanText(item.level);
    const level = levels[rawLevel.toLowerCase()];
    if (!level) {
      throw importError(
        'FIELD_INVALID',
        `level "${rawLevel}" is not province, district or commune`,
        `cấp "${rawLevel}" không phải province, district hoặc commune`,
        row,
      );
    }
    const parentCode =
      item.parentCode === null || item.parentCode === undefined ? null : cleanText(item.parentCode);
    return {
      row,
      code: cleanText(item.code),
      name: cleanText(item.name),
      nameEn: cleanText(item.nameEn) || null,
      type: cleanText(item.type),
      level,
      parentCode: parentCode || null,
    };
  });
}

/** Header keys of the statistics office's CSV export, with the labels it prints. */
const CSV_COLUMNS = {
  tinhthanhpho: 'Tỉnh Thành Phố',
  matp: 'Mã TP',
  quanhuyen: 'Quận Huyện',
  maqh: 'Mã QH',
  phuongxa: 'Phường Xã',
  mapx: 'Mã PX',
  cap: 'Cấp',
};

/**
 * Turns the CSV export, one row per commune with its district and province repeated (a district
 * without communes has one row with the commune columns empty), into one record per unit.
 * The province's and district's types are the prefixes of their names.
 */
function unitsFromCsv(source: SourceFile): UnitRecord[] {
  const rows = parseCsvRows(source, CSV_COLUMNS);
  const records: UnitRecord[] = [];
  const seen = new Map<string, UnitRecord>();

  const addOnce = (record: UnitRecord): void => {
    const earlier = seen.get(`${record.level}:${record.code}`);
    if (!earlier) {
      seen.set(`${record.level}:${record.code}`, record);
      records.push(record);
      return;
    }
    if (earlier.name !== record.name || earlier.parentCode !== record.parentCode) {
      const what = LEVEL_NAMES[record.level];
      throw importError(
        'ROW_CONFLICT',
        `${what.en} ${record.code} is "${earlier.name}" under ${earlier.parentCode ?? 'no parent'} on line ${earlier.row} but "${record.name}" under ${record.parentCode ?? 'no parent'} here`,
        `${what.vi} ${record.code} là "${earlier.name}" thuộc ${earlier.parentCode ?? 'không có cấp trên'} ở dòng ${earlier.row} nhưng là "${record.name}" thuộc ${record.parentCode ?? 'không có cấp trên'} ở dòng này`,
        record.row,
      );
    }
  };

  for (const row of rows) {
    const field = (key: string): string => cleanText(row.fields.get(key));
    const provinceCode = field('matp');
    const districtCode = field('maqh');
    const communeCode = field('mapx');
    requireField(row, provinceCode, 'Mã TP');
    addOnce(unitFromCsv(row, 'PROVINCE', provinceCode, field('tinhthanhpho'), null, null));
    if (districtCode)
      addOnce(unitFromCsv(row, 'DISTRICT', districtCode, field('quanhuyen'), null, provinceCode));
    if (communeCode) {
      requireField(row, field('cap'), 'Cấp');
      const record = unitFromCsv(
        row,
        'COMMUNE',
        communeCode,
        field('phuongxa'),
        field('cap'),
        districtCode || provinceCode,
      );
      record.nameEn = field('tentienganh') || null;
      addOnce(record);
    }
  }
  return records;
}

function requireField(row: CsvRow, value: string, label: string): void {
  if (!value) {
    throw importError(
      'FIELD_MISSING',
      `column "${label}" is empty`,
      `cột "${label}" bị để trống`,
      row.line,
    );
  }
}

function unitFromCsv(
  row: CsvRow,
  level: UnitLevel,
  code: string,
  name: string,
  type: string | null,
  parentCode: string | null,
): UnitRecord {
  return {
    row: row.line,
    code,
    name,
    nameEn: null,
    type: type ?? typeFromName(level, name),
    level,
    parentCode,
  };
}

/** Finds the unit type whose prefix starts the name, ignoring case and diacritics; empty when none. */
function typeFromName(level: UnitLevel, name: string): string {
  const key = searchKey(name);
  const matches = Object.entries(TYPES[level]).filter(([, prefix]) =>
    key.startsWith(`${searchKey(prefix)} `),
  );
  matches.sort((a, b) => b[1].length - a[1].length);
  return matches[0]?.[0] ?? '';
}

function checkUnit(record: UnitRecord): void {
  const what = LEVEL_NAMES[record.level];
  if (!record.code)
    throw importError('FIELD_MISSING', 'the code is empty', 'mã đơn vị bị để trống', record.row);
  if (!CODE_PATTERN[record.level].test(record.code)) {
    const digits = CODE_DIGITS[record.level];
    throw importError(
      'FIELD_INVALID',
      `code "${record.code}" of a ${what.en} must have ${digits} digits, with its leading zeros`,
      `mã "${record.code}" của đơn vị cấp ${what.vi} phải gồm ${digits} chữ số, giữ nguyên các số 0 ở đầu`,
      record.row,
    );
  }
  if (!record.name)
    throw importError(
      'FIELD_MISSING',
      `the name of ${record.code} is empty`,
      `tên của ${record.code} bị để trống`,
      record.row,
    );

  const prefix = TYPES[record.level][record.type];
  if (prefix === undefined) {
    const allowed = Object.keys(TYPES[record.level]).join(', ');
    throw importError(
      'FIELD_INVALID',
      `type "${record.type}" of ${record.code} is not a ${what.en} type; expected one of ${allowed}`,
      `loại "${record.type}" của ${record.code} không phải loại đơn vị cấp ${what.vi}; cần là một trong ${allowed}`,
      record.row,
    );
  }
  if (!searchKey(record.name).startsWith(`${searchKey(prefix)} `)) {
    throw importError(
      'FIELD_INVALID',
      `name "${record.name}" of ${record.code} does not start with "${prefix}", the prefix of its type ${record.type}`,
      `tên "${record.name}" của ${record.code} không bắt đầu bằng "${prefix}" theo loại ${record.type}`,
      record.row,
    );
  }
  if (record.level === 'PROVINCE' && record.parentCode !== null) {
    throw importError(
      'FIELD_INVALID',
      `province ${record.code} must have no parent, found "${record.parentCode}"`,
      `tỉnh ${record.code} không được có cấp trên, nhưng có "${record.parentCode}"`,
      record.row,
    );
  }
  if (record.level !== 'PROVINCE' && !record.parentCode) {
    throw importError(
      'FIELD_MISSING',
      `${what.en} ${record.code} has no parent code`,
      `${what.vi} ${record.code} thiếu mã cấp trên`,
      record.row,
    );
  }
}

function checkCodesAndParents(records: UnitRecord[]): void {
  const byCode = new Map<string, UnitRecord>();
  for (const record of records) {
    const earlier = byCode.get(record.code);
    if (earlier) {
      throw importError(
        'CODE_DUPLICATE',
        `code ${record.code} appears again; row ${earlier.row} already has it`,
        `mã ${record.code} bị lặp lại; dòng ${earlier.row} đã có mã này`,
        record.row,
      );
    }
    byCode.set(record.code, record);
  }
  for (const record of records) {
    if (!record.parentCode) continue;
    const parent = byCode.get(record.parentCode);
    if (!parent || !PARENT_LEVELS[record.level].includes(parent.level)) {
      const expected = PARENT_LEVELS[record.level].map((level) => LEVEL_NAMES[level]);
      throw importError(
        'PARENT_UNKNOWN',
        `parent code ${record.parentCode} of ${record.code} names no ${expected.map((e) => e.en).join(' or ')} in this file`,
        `mã cấp trên ${record.parentCode} của ${record.code} không khớp đơn vị cấp ${expected.map((e) => e.vi).join(' hoặc ')} nào trong tệp`,
        record.row,
      );
    }
  }
}
