import { vietnamDate, type SubgraphContext } from '@dxhub/kit';
import type { Label } from '../domain/taxonomy.js';
import { forbidden } from '../errors.js';

/** Caller facts that the visibility rules use. */
export interface Viewer {
  /** The caller's organisation in network.org_tree; null when the token's code is not a member. */
  orgId: string | null;
  orgCode: string;
}

/** Returns the caller as a viewer; the kit caches the org look-up for the request. */
export async function viewerOf(ctx: SubgraphContext): Promise<Viewer> {
  const caller = ctx.caller;
  if (!caller) return { orgId: null, orgCode: '' };
  const org = await caller.org();
  return { orgId: org?.id ?? null, orgCode: caller.orgCode };
}

/** Returns the viewer's organisation id, or throws FORBIDDEN (NOT_A_MEMBER) naming the action. */
export async function memberOrgId(ctx: SubgraphContext, action: Label): Promise<string> {
  const viewer = await viewerOf(ctx);
  if (viewer.orgId) return viewer.orgId;
  const date = vietnamDate(ctx.caller?.claims.issuedAt);
  throw forbidden(ctx.locale, 'NOT_A_MEMBER', {
    en: `organisation ${viewer.orgCode} of the access token is not in the network directory on ${date}, so it cannot ${action.en}; use a token of a network member`,
    vi: `đơn vị ${viewer.orgCode} trong mã thông báo không có trong danh bạ mạng lưới chuyển đổi số vào ngày ${date}, nên không thể ${action.vi}; hãy dùng mã thông báo của một thành viên mạng lưới`,
  });
}
