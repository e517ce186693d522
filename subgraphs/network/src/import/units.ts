// `dxhub import units FILE --effective DATE`: brings the directory's administrative units in
// line with an official list, keeping every earlier version with its validity period.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { rows, type Database, type Logger } from '@dxhub/kit';
import { addDays, isIsoDate } from '../dates.js';
import { importError } from './errors.js';
import { applyMapping, readMapping } from './mapping.js';
import { readSourceFile } from './source-file.js';
import { readUnits, type UnitRecord } from './units-file.js';
import {
  closeVersions,
  insertVersions,
  latestImportDate,
  lockImports,
  recordImport,
  type ImportReport,
  type NewVersion,
} from './writes.js';

export interface ImportUnitsOptions {
  /** Date the list takes effect, `YYYY-MM-DD`. */
  effective: string;
  /** Succession mapping file: old code, new code, effective date. */
  mapping?: string | undefined;
  logger?: Logger | undefined;
}

/** An open version written by an earlier units import. */
export interface CurrentUnit {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  level: string;
  parentId: string | null;
  validFrom: string;
}

/** Changes an import makes, worked out before anything is written. */
export interface UnitChanges {
  continued: number;
  close: string[];
  open: NewVersion[];
  englishNames: { id: string; nameEn: string }[];
}

/**
 * Imports an official list of administrative units (the JSON layout or the statistics office's
 * CSV export) effective on `options.effective`, in one transaction:
 * - a unit whose code, name, level and parent are unchanged continues under its id;
 * - any other difference closes the old version the day before and opens a new one, because
 *   codes are reused for different units. A unit whose parent was replaced is replaced too;
 * - an open unit missing from the list is closed the day before;
 * - successors come only from the mapping file.
 * Importing the same list again writes nothing. A list dated before the latest units import
 * is rejected with {@link ImportError} `LIST_OUTDATED`, and any bad row rejects the file.
 */
export async function importUnits(
  database: Database,
  file: string,
  options: ImportUnitsOptions,
): Promise<ImportReport> {
  const started = performance.now();
  const effective = options.effective;
  if (!isIsoDate(effective)) {
    throw importError(
      'EFFECTIVE_DATE_INVALID',
      `effective date "${effective}" is not a YYYY-MM-DD calendar date`,
      `ngày hiệu lực "${effective}" không phải ngày dạng YYYY-MM-DD`,
    );
  }
  const source = readSourceFile(file);
  const units = readUnits(source);
  const mapping = options.mapping ? readMapping(options.mapping) : [];

  const report = await database.db.transaction(async (tx) => {
    await lockImports(tx);
    const latest = await latestImportDate(tx, 'UNITS');
    if (latest && effective < latest) {
      throw importError(
        'LIST_OUTDATED',
        `the list is dated ${effective}, before the latest units import of ${latest}; import lists in date order`,
        `danh mục có hiệu lực ${effective}, trước lần nhập gần nhất (${latest}); hãy nhập các danh mục theo thứ tự thời gian`,
      );
    }

    const current = await openImportedUnits(tx);
    rejectPartialList(units, current);
    const changes = planUnitChanges(units, current, effective);
    // NOTE: units created by mutation under a closed unit (a provincial department, say) stay
    // open under it; their owners close them and create successors under the new unit.
    await closeVersions(tx, changes.close, addDays(effective, -1));
    if (changes.englishNames.length > 0) {
      await tx.execute(sql`
        update network.organizations o set name_en = n.name_en, updated_at = now()
        from jsonb_to_recordset(${JSON.stringify(changes.englishNames.map((n) => ({ id: n.id, name_en: n.nameEn })))}::jsonb)
          as n(id uuid, name_en text)
        where o.id = n.id`);
    }
    await insertVersions(tx, changes.open);
    const links = await applyMapping(tx, mapping, { logger: options.logger });

    const result = {
      kind: 'UNITS' as const,
      file: source.name,
      format: source.format,
      effective,
      records: units.length,
      continued: changes.continued,
      opened: changes.open.length,
      closed: changes.close.length,
      updated: changes.englishNames.length,
      links,
    };
    const changed = result.opened + result.closed + result.updated + result.links > 0;
    if (changed) await recordImport(tx, result, source.sha256);
    return { ...result, changed };
  });

  const done = { ...report, durationMs: Math.round(performance.now() - started) };
  options.logger?.info({ import: done, path: source.path }, 'units import finished');
  return done;
}

/**
 * Rejects a list with fewer than half as many provinces as are open in the directory. Every unit
 * missing from a list is closed, so a partial file would close most of the country; a real
 * reorganisation cuts provinces by less than that (63 to 34 in July 2025).
 */
function rejectPartialList(units: readonly UnitRecord[], current: Map<string, CurrentUnit>): void {
  const provincesInFile = units.filter((unit) => unit.level === 'PROVINCE').length;
  let provincesOpen = 0;
  for (const unit of current.values()) if (unit.level === 'PROVINCE') provincesOpen += 1;
  if (provincesOpen > 0 && provincesInFile * 2 < provincesOpen) {
    throw importError(
      'LIST_INCOMPLETE',
      `the list has ${provincesInFile} province(s) but the directory has ${provincesOpen} open; importing it would close every unit it leaves out, so import the complete list`,
      `danh mục có ${provincesInFile} tỉnh nhưng danh bạ đang có ${provincesOpen} tỉnh còn hiệu lực; nhập danh mục này sẽ đóng mọi đơn vị không có trong đó, hãy nhập danh mục đầy đủ`,
    );
  }
}

async function openImportedUnits(tx: Database['db']): Promise<Map<string, CurrentUnit>> {
  const found = rows<{
    id: string;
    code: string;
    name: string;
    name_en: string | null;
    level: string;
    parent_id: string | null;
    valid_from: string;
  }>(
    await tx.execute(sql`
      select id, code, name, name_en, level, parent_id, valid_from::text as valid_from
      from network.organizations
      where source = 'UNITS_IMPORT' and valid_to is null`),
  );
  return new Map(
    found.map((row) => [
      row.code,
      {
        id: row.id,
        code: row.code,
        name: row.name,
        nameEn: row.name_en,
        level: row.level,
        parentId: row.parent_id,
        validFrom: row.valid_from,
      },
    ]),
  );
}

/**
 * Compares a list (parents before children) with the open imported units and returns what to
 * close, open and correct. A parent counts as unchanged only when it continues itself, so the
 * children of a replaced unit are replaced too: a version's parent never changes.
 */
export function planUnitChanges(
  units: UnitRecord[],
  current: Map<string, CurrentUnit>,
  effective: string,
): UnitChanges {
  const dayBefore = addDays(effective, -1);
  const idByCode = new Map<string, string>();
  const changes: UnitChanges = { continued: 0, close: [], open: [], englishNames: [] };

  const close = (unit: CurrentUnit, row: number | null): void => {
    if (unit.validFrom > dayBefore) {
      throw importError(
        'UNIT_OPENED_SAME_DAY',
        `unit ${unit.code} "${unit.name}" was opened on ${unit.validFrom} and cannot close on ${dayBefore}; a changed list needs a later effective date`,
        `đơn vị ${unit.code} "${unit.name}" có hiệu lực từ ${unit.validFrom} nên không thể kết thúc vào ${dayBefore}; danh mục thay đổi cần ngày hiệu lực muộn hơn`,
        row,
      );
    }
    changes.close.push(unit.id);
  };

  for (const unit of units) {
    const parentId = unit.parentCode ? (idByCode.get(unit.parentCode) ?? null) : null;
    const existing = current.get(unit.code);
    if (
      existing &&
      existing.name === unit.name &&
      existing.level === unit.level &&
      existing.parentId === parentId
    ) {
      idByCode.set(unit.code, existing.id);
      changes.continued += 1;
      if (unit.nameEn && unit.nameEn !== existing.nameEn)
        changes.englishNames.push({ id: existing.id, nameEn: unit.nameEn });
      continue;
    }
    if (existing) close(existing, unit.row);
    const id = randomUUID();
    idByCode.set(unit.code, id);
    changes.open.push({
      id,
      code: unit.code,
      name: unit.name,
      nameEn: unit.nameEn,
      kind: unit.level,
      level: unit.level,
      unitType: unit.type,
      parentId,
      validFrom: effective,
      validTo: null,
      source: 'UNITS_IMPORT',
    });
  }

  for (const unit of current.values()) {
    if (!idByCode.has(unit.code)) close(unit, null);
  }
  return changes;
}
