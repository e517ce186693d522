import { cursorScope, decodeCursor, pageSize, vietnamDate, type Locale } from '@dxhub/kit';
import type { DeliveryMode, FundingSource, Platform } from '../domain/classifiers.js';
import { foldForSearch } from '../domain/search.js';
import type { ProjectStatus } from '../domain/workflow.js';
import type { PageRequest, ProjectConditions, UnitRelation } from '../db/project-queries.js';
import { badInput } from '../errors.js';
import { atMostOneInput, uuidInput, yearInput } from './inputs.js';
import { lookUpOrg } from './org-refs.js';
import type { Context } from './context.js';

/** The `ProjectTotalsFilter` input. */
export interface TotalsFilterInput {
  statuses?: ProjectStatus[] | null;
  platforms?: Platform[] | null;
  deliveryModes?: DeliveryMode[] | null;
  fundingSources?: FundingSource[] | null;
  years?: number[] | null;
}

/** The `ProjectFilter` input. */
export interface ProjectFilterInput extends TotalsFilterInput {
  underUnitId?: string | null;
  underUnitCode?: string | null;
  contractorId?: string | null;
  contractorCode?: string | null;
  hasOverdueMilestones?: boolean | null;
  search?: string | null;
}

export interface PageArgs {
  filter?: ProjectFilterInput | null;
  updatedSince?: Date | null;
  first?: number | null;
  after?: string | null;
}

/** Sorts and de-duplicates a list, so equal filters share one loader batch; undefined for none. */
function anyOf<T extends string | number>(values: T[] | null | undefined): T[] | undefined {
  if (!values || values.length === 0) return undefined;
  return [...new Set(values)].sort();
}

/** Turns a totals filter into SQL-ready conditions. */
export function totalsConditions(
  locale: Locale,
  filter: TotalsFilterInput | null | undefined,
): ProjectConditions {
  const years = anyOf(filter?.years)?.map((year, index) =>
    yearInput(locale, `filter.years.${index}`, year),
  );
  const conditions: ProjectConditions = { today: vietnamDate() };
  const statuses = anyOf(filter?.statuses);
  const platforms = anyOf(filter?.platforms);
  const deliveryModes = anyOf(filter?.deliveryModes);
  const fundingSources = anyOf(filter?.fundingSources);
  if (statuses) conditions.statuses = statuses;
  if (platforms) conditions.platforms = platforms;
  if (deliveryModes) conditions.deliveryModes = deliveryModes;
  if (fundingSources) conditions.fundingSources = fundingSources;
  if (years) conditions.years = years;
  return conditions;
}

/** Turns a project filter into SQL-ready conditions, resolving unit codes to ids. */
export async function projectConditions(
  ctx: Context,
  filter: ProjectFilterInput | null | undefined,
  updatedSince: Date | null | undefined,
): Promise<ProjectConditions> {
  const conditions = totalsConditions(ctx.locale, filter);

  atMostOneInput(
    ctx.locale,
    ['filter.underUnitId', 'filter.underUnitCode'],
    [filter?.underUnitId, filter?.underUnitCode],
  );
  atMostOneInput(
    ctx.locale,
    ['filter.contractorId', 'filter.contractorCode'],
    [filter?.contractorId, filter?.contractorCode],
  );

  const unit = await lookUpOrg(
    ctx,
    { id: filter?.underUnitId, code: filter?.underUnitCode },
    { id: 'filter.underUnitId', code: 'filter.underUnitCode' },
  );
  const contractor = await lookUpOrg(
    ctx,
    { id: filter?.contractorId, code: filter?.contractorCode },
    { id: 'filter.contractorId', code: 'filter.contractorCode' },
  );
  if (unit) conditions.underUnitId = unit.id;
  if (contractor) conditions.contractorId = contractor.id;

  if (typeof filter?.hasOverdueMilestones === 'boolean') {
    conditions.hasOverdueMilestones = filter.hasOverdueMilestones;
  }

  const words = foldForSearch(filter?.search ?? '')
    .split(/\s+/)
    .filter((word) => word.length > 0);
  if (words.length > 0) conditions.searchWords = [...new Set(words)].sort();
  if (updatedSince) conditions.updatedSince = updatedSince.toISOString();

  return conditions;
}

/**
 * Returns the cursor scope of a project list: the list's name, the organisation of a nested
 * list (null for `projects`), the relation and the conditions. The conditions' `today` is left
 * out, so a walk through the pages may pass midnight.
 */
export function projectListScope(
  list: string,
  unitId: string | null,
  relation: UnitRelation,
  conditions: ProjectConditions,
): string {
  const { today: _today, ...filters } = conditions;
  return cursorScope(list, unitId, relation, filters);
}

/**
 * Reads `first` and `after` into a page request. A cursor must hold a code and an id and carry
 * `scope`, the list's {@link projectListScope}.
 */
export function pageRequest(
  locale: Locale,
  relation: UnitRelation,
  conditions: ProjectConditions,
  args: Pick<PageArgs, 'first' | 'after'>,
  scope: string,
): PageRequest {
  const size = pageSize(args.first, locale);
  if (args.after === undefined || args.after === null) {
    return { relation, conditions, size, after: null };
  }
  const key = decodeCursor(args.after, locale, scope);
  const [code, id] = key;
  if (key.length !== 2 || typeof code !== 'string' || typeof id !== 'string') {
    throw badInput(locale, 'after', args.after, {
      en: `cursor "${args.after}" is not a cursor of a project list; pass pageInfo.endCursor from the previous page`,
      vi: `con trỏ "${args.after}" không thuộc danh sách dự án; hãy dùng pageInfo.endCursor của trang trước`,
    });
  }
  return { relation, conditions, size, after: { code, id: uuidInput(locale, 'after', id) } };
}
