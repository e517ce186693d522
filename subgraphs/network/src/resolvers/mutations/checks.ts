// Checks every mutation shares: finding the records it names, the caller's jurisdiction, dates,
// and turning a database constraint violation into a coded error.
import { DxError } from '@dxhub/kit';
import type { OrgRow } from '../../db/organizations.js';
import { FieldErrors } from '../../validation.js';
import { covers, idArgument, notFound, outsideJurisdiction, type Context } from '../common.js';

/** Loads a record a mutation acts on by id, or throws NOT_FOUND. */
export async function mustExist<T>(
  ctx: Context,
  entity: string,
  id: string,
  load: (id: string) => Promise<T | null>,
): Promise<T> {
  const found = await load(id);
  if (!found) throw notFound(ctx, entity, id);
  return found;
}

/** Throws FORBIDDEN unless the caller's jurisdiction covers `org`. */
export async function mustCover(ctx: Context, org: OrgRow | null, what: string): Promise<void> {
  if (!org || !(await covers(ctx, org))) throw outsideJurisdiction(ctx, what);
}

/**
 * Loads the organisation an input field names. A missing one becomes a field error, while a
 * blank or malformed id throws BAD_USER_INPUT at once.
 */
export async function referencedOrg(
  ctx: Context,
  errors: FieldErrors,
  field: string,
  id: string,
): Promise<OrgRow | null> {
  const org = await ctx.loaders.organization.load(idArgument(ctx, field, 'Organization', id));
  if (!org) {
    errors.add(
      field,
      'NOT_FOUND',
      { en: `no organisation has id ${id}`, vi: `không tìm thấy tổ chức có mã định danh ${id}` },
      id,
    );
  }
  return org;
}

/** Records DATE_ORDER when `to` is before `from`. */
export function checkDateOrder(
  errors: FieldErrors,
  field: string,
  from: string,
  to: string | null | undefined,
): void {
  if (to && to < from) {
    errors.add(
      field,
      'DATE_ORDER',
      { en: `${to} is before the start date ${from}`, vi: `${to} trước ngày bắt đầu ${from}` },
      to,
    );
  }
}

/** Records OUT_OF_PERIOD when `day` falls outside the validity of `org`. */
export function checkWithinUnit(
  errors: FieldErrors,
  field: string,
  org: OrgRow,
  day: string,
): void {
  if (day < org.validFrom || (org.validTo !== null && day > org.validTo)) {
    const period = `${org.validFrom} – ${org.validTo ?? '…'}`;
    errors.add(
      field,
      'OUT_OF_PERIOD',
      {
        en: `${day} is outside the validity of ${org.code} (${period})`,
        vi: `${day} nằm ngoài thời gian hiệu lực của ${org.code} (${period})`,
      },
      day,
    );
  }
}

/** Throws CONFLICT for a record that is already closed. */
export function mustBeOpen(ctx: Context, entity: string, record: { validTo: string | null }): void {
  if (record.validTo !== null) {
    throw new DxError('CONFLICT', {
      locale: ctx.locale,
      params: {
        reason:
          ctx.locale === 'vi'
            ? `${entity} đã kết thúc vào ${record.validTo}`
            : `the ${entity} was already closed on ${record.validTo}`,
      },
    });
  }
}

/** Reads the SQLSTATE of a driver error, which drizzle may wrap in its own error as `cause`. */
function sqlState(error: unknown): string | undefined {
  for (
    let current = error as { code?: unknown; cause?: unknown } | undefined;
    current;
    current = current.cause as typeof current
  ) {
    if (typeof current.code === 'string' && /^[0-9A-Z]{5}$/.test(current.code)) return current.code;
  }
  return undefined;
}

/**
 * Runs a write and turns a unique or exclusion violation, which a concurrent request can cause
 * after the checks passed, into CONFLICT.
 */
export async function writing<T>(ctx: Context, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const state = sqlState(error);
    if (state === '23505' || state === '23P01') {
      throw new DxError('CONFLICT', {
        locale: ctx.locale,
        params: {
          reason:
            ctx.locale === 'vi'
              ? 'một bản ghi khác vừa được ghi với cùng giá trị; hãy tải lại và thử lại'
              : 'another record with the same values was just written; reload and try again',
        },
        cause: error,
      });
    }
    throw error;
  }
}

export { FieldErrors };
