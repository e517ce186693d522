import { DxError, type Caller, type CallerOrg, type SubgraphContext } from '@dxhub/kit';
import type { SurveysLoaders } from './loaders.js';

/** Request context of every surveys resolver. */
export type Context = SubgraphContext<SurveysLoaders>;

/** The request context before its loaders exist, as `createLoaders` gets it. */
export type BaseContext = Omit<Context, 'loaders'>;

/**
 * Returns the verified caller. The kit's directives reject token-less requests before any
 * surveys resolver runs, so a missing caller means a field lacks its access directive.
 */
export function callerOf(ctx: BaseContext): Caller {
  if (ctx.caller) return ctx.caller;
  throw new DxError('UNAUTHENTICATED', {
    locale: ctx.locale,
    params: {
      reason: ctx.locale === 'vi' ? 'trường này cần mã thông báo' : 'this field needs a token',
    },
    extensions: { reason: 'TOKEN_MISSING' },
  });
}

/** Returns the caller's organisation, or throws FORBIDDEN when the directory has no unit with the token's code. */
export async function callerOrgOf(ctx: BaseContext): Promise<CallerOrg> {
  const caller = callerOf(ctx);
  const org = await caller.org();
  if (org) return org;
  throw new DxError('FORBIDDEN', {
    locale: ctx.locale,
    params: {
      reason:
        ctx.locale === 'vi'
          ? `đơn vị "${caller.orgCode}" trong mã thông báo không có trong danh bạ mạng lưới vào ngày cấp mã`
          : `the token's organisation "${caller.orgCode}" is not in the network directory on the token's issue date`,
    },
  });
}
