import { DxError, vietnamDate } from '@dxhub/kit';
import { badInput, notFound, outsideJurisdiction } from '../errors.js';
import { isValidOn, type OrgRecord } from '../db/orgs.js';
import { lookupCodeInput, uuidInput } from './inputs.js';
import type { Context } from './context.js';

/** A unit given either by id or by code; both fields may be absent. */
export interface OrgReference {
  id?: string | null | undefined;
  code?: string | null | undefined;
}

/**
 * Looks up a unit given by id (any validity) or by code (as of today). Throws BAD_USER_INPUT
 * naming the field for a malformed id or a blank code, and NOT_FOUND naming the value when no
 * such unit exists. Returns null when neither is given.
 */
export async function lookUpOrg(
  ctx: Context,
  reference: OrgReference,
  fields: { id: string; code: string },
): Promise<OrgRecord | null> {
  if (reference.id !== undefined && reference.id !== null) {
    const id = uuidInput(ctx.locale, fields.id, reference.id);
    const org = await ctx.loaders.orgById.load(id);
    if (!org) throw notFound(ctx.locale, 'Organization', reference.id);
    return org;
  }
  if (reference.code !== undefined && reference.code !== null) {
    const code = lookupCodeInput(ctx.locale, fields.code, reference.code);
    const org = await ctx.loaders.orgByCode.load(code);
    if (!org) throw notFound(ctx.locale, 'Organization', code);
    return org;
  }
  return null;
}

function requireCurrent(ctx: Context, org: OrgRecord, field: string): void {
  const today = vietnamDate();
  if (!isValidOn(org, today)) {
    throw badInput(ctx.locale, field, org.code, {
      en: `unit ${org.code} is not valid today (valid ${org.validFrom} to ${org.validTo ?? 'now'}); give the unit that succeeded it`,
      vi: `đơn vị ${org.code} không còn hiệu lực hôm nay (hiệu lực từ ${org.validFrom} đến ${org.validTo ?? 'nay'}); hãy chọn đơn vị kế thừa`,
    });
  }
}

/**
 * Resolves the owner of a new project: the unit given, or the caller's organisation. The owner
 * must exist today and lie in the caller's jurisdiction.
 */
export async function resolveOwner(ctx: Context, reference: OrgReference): Promise<OrgRecord> {
  const caller = ctx.caller!;
  const given = await lookUpOrg(ctx, reference, { id: 'input.ownerId', code: 'input.ownerCode' });
  let owner = given;
  if (!owner) {
    const own = await caller.org();
    owner = own ? await ctx.loaders.orgById.load(own.id) : null;
    if (!owner) {
      throw new DxError('FORBIDDEN', {
        locale: ctx.locale,
        params: {
          reason:
            ctx.locale === 'vi'
              ? `tổ chức ${caller.orgCode} của mã thông báo không có trong danh bạ mạng lưới; hãy chỉ định ownerId hoặc ownerCode`
              : `the token's organisation ${caller.orgCode} is not in the network directory; give ownerId or ownerCode`,
        },
        extensions: { reason: 'UNKNOWN_ORGANIZATION' },
      });
    }
  }
  const field = given && !reference.id ? 'input.ownerCode' : 'input.ownerId';
  requireCurrent(ctx, owner, field);
  if (!(await caller.covers(owner))) {
    throw outsideJurisdiction(
      ctx.locale,
      ctx.locale === 'vi' ? `Đơn vị chủ quản ${owner.code}` : `Owner ${owner.code}`,
    );
  }
  return owner;
}

/** Resolves a contractor: an enterprise (level ENTERPRISE) that exists today. */
export async function resolveContractor(
  ctx: Context,
  reference: OrgReference,
): Promise<OrgRecord | null> {
  const fields = { id: 'input.contractorId', code: 'input.contractorCode' };
  const contractor = await lookUpOrg(ctx, reference, fields);
  if (!contractor) return null;
  const field = reference.id ? fields.id : fields.code;
  if (contractor.level !== 'ENTERPRISE') {
    throw badInput(ctx.locale, field, contractor.code, {
      en: `unit ${contractor.code} is at level ${contractor.level}, not an enterprise; give an enterprise (level ENTERPRISE) by id or tax code`,
      vi: `đơn vị ${contractor.code} thuộc cấp ${contractor.level}, không phải doanh nghiệp; hãy chọn doanh nghiệp (cấp ENTERPRISE) theo id hoặc mã số thuế`,
    });
  }
  requireCurrent(ctx, contractor, field);
  return contractor;
}
