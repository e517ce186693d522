// Succession mappings: which unit took over from which, stated explicitly in a file. The
// directory never guesses successors from names or codes.
import { sql } from 'drizzle-orm';
import { rows, type Db, type Logger } from '@dxhub/kit';
import { isIsoDate } from '../dates.js';
import { importError } from './errors.js';
import { cleanText, parseCsvRows, parseJsonArray, readSourceFile } from './source-file.js';

/** One mapping row: the unit with `oldCode` the day before `effective` is succeeded by `newCode` on `effective`. */
export interface MappingRow {
  row: number;
  oldCode: string;
  newCode: string;
  effective: string;
}

/**
 * Reads a mapping file: CSV with the columns `old_code`, `new_code`, `effective` (header names
 * matched ignoring case, separators and diacritics), or a JSON array of
 * `{oldCode, newCode, effective}`.
 */
export function readMapping(file: string): MappingRow[] {
  const source = readSourceFile(file);
  const raw =
    source.format === 'json'
      ? parseJsonArray(source).map((item, index) => ({
          row: index + 1,
          oldCode: cleanText(item.oldCode),
          newCode: cleanText(item.newCode),
          effective: cleanText(item.effective),
        }))
      : parseCsvRows(source, {
          oldcode: 'old_code',
          newcode: 'new_code',
          effective: 'effective',
        }).map((row) => ({
          row: row.line,
          oldCode: cleanText(row.fields.get('oldcode')),
          newCode: cleanText(row.fields.get('newcode')),
          effective: cleanText(row.fields.get('effective')),
        }));
  for (const mapping of raw) {
    if (!mapping.oldCode || !mapping.newCode) {
      throw importError(
        'FIELD_MISSING',
        'a mapping row needs both an old and a new code',
        'dòng ánh xạ cần cả mã cũ và mã mới',
        mapping.row,
      );
    }
    if (!isIsoDate(mapping.effective)) {
      throw importError(
        'FIELD_INVALID',
        `effective date "${mapping.effective}" is not a YYYY-MM-DD calendar date`,
        `ngày hiệu lực "${mapping.effective}" không phải ngày dạng YYYY-MM-DD`,
        mapping.row,
      );
    }
  }
  return raw;
}

interface ResolvedMapping {
  row_no: number;
  old_code: string;
  new_code: string;
  effective: string;
  old_id: string | null;
  new_id: string | null;
  linked: boolean;
}

/**
 * Writes the succession links a mapping states and returns how many were new. Each row's old
 * code is resolved on the day before its effective date and its new code on the date itself.
 * An unresolved row rejects the import, unless `lenient` (the start-up seed), which logs it.
 * A row whose two codes resolve to the same, continuing unit needs no link.
 */
export async function applyMapping(
  tx: Db,
  mapping: MappingRow[],
  options: { lenient?: boolean; logger?: Logger | undefined } = {},
): Promise<number> {
  if (mapping.length === 0) return 0;
  const resolved = rows<ResolvedMapping>(
    await tx.execute(sql`
      select m.row_no, m.old_code, m.new_code, m.effective::text as effective,
             o.id as old_id, n.id as new_id,
             exists (select 1 from network.organization_links l
                     where l.predecessor_id = o.id and l.successor_id = n.id) as linked
      from jsonb_to_recordset(${JSON.stringify(mapping.map(({ row, oldCode, newCode, effective }) => ({ row_no: row, old_code: oldCode, new_code: newCode, effective })))}::jsonb)
        as m(row_no int, old_code text, new_code text, effective date)
      left join network.organizations o on o.code = m.old_code
        and o.valid_from <= m.effective - 1 and (o.valid_to is null or o.valid_to >= m.effective - 1)
      left join network.organizations n on n.code = m.new_code
        and n.valid_from <= m.effective and (n.valid_to is null or n.valid_to >= m.effective)
      order by m.row_no`),
  );

  const links: { predecessor_id: string; successor_id: string; effective_on: string }[] = [];
  for (const row of resolved) {
    if (!row.old_id || !row.new_id) {
      const [code, day, dayVi] = row.old_id
        ? [row.new_code, `on ${row.effective}`, `vào ngày ${row.effective}`]
        : [row.old_code, `on the day before ${row.effective}`, `vào ngày trước ${row.effective}`];
      const error = importError(
        'MAPPING_UNRESOLVED',
        `no unit has code ${code} ${day}; import the list that contains it first`,
        `không có đơn vị nào mang mã ${code} ${dayVi}; hãy nhập danh mục chứa đơn vị đó trước`,
        row.row_no,
      );
      if (!options.lenient) throw error;
      options.logger?.warn(
        { row: row.row_no, code },
        `succession mapping skipped: ${error.reason.en}`,
      );
      continue;
    }
    if (row.linked || row.old_id === row.new_id) continue;
    links.push({
      predecessor_id: row.old_id,
      successor_id: row.new_id,
      effective_on: row.effective,
    });
  }
  if (links.length === 0) return 0;

  const inserted = rows<{ predecessor_id: string }>(
    await tx.execute(sql`
      insert into network.organization_links (predecessor_id, successor_id, effective_on)
      select predecessor_id, successor_id, effective_on
      from jsonb_to_recordset(${JSON.stringify(links)}::jsonb) as l(predecessor_id uuid, successor_id uuid, effective_on date)
      on conflict do nothing
      returning predecessor_id`),
  );
  return inserted.length;
}
