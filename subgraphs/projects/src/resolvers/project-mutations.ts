import { DxError, vietnamDate } from '@dxhub/kit';
import { eq, sql } from 'drizzle-orm';
import type { DeliveryMode, FundingSource, Platform } from '../domain/classifiers.js';
import {
  CLOSED_STATUSES,
  CONTRACTED_STATUSES,
  PROJECT_STATUSES,
  statusLabel,
} from '../domain/workflow.js';
import { projects, statusChanges, type ProjectRow } from '../db/schema.js';
import { badInput } from '../errors.js';
import {
  amountInput,
  atMostOneInput,
  dateOrderInput,
  optionalTextInput,
  textInput,
} from './inputs.js';
import {
  inTransaction,
  lockProject,
  prepareChange,
  refreshProject,
  wrongStatus,
} from './mutation-support.js';
import { resolveContractor, resolveOwner } from './org-refs.js';
import type { Context } from './context.js';

interface CreateProjectInput {
  code: string;
  name: string;
  description?: string | null;
  ownerId?: string | null;
  ownerCode?: string | null;
  platform: Platform;
  deliveryMode: DeliveryMode;
  contractorId?: string | null;
  contractorCode?: string | null;
  fundingSource: FundingSource;
  budget: bigint;
  plannedStartOn: string;
  plannedEndOn: string;
}

interface UpdateProjectInput {
  name?: string | null;
  description?: string | null;
  platform?: Platform | null;
  deliveryMode?: DeliveryMode | null;
  contractorId?: string | null;
  contractorCode?: string | null;
  fundingSource?: FundingSource | null;
  plannedStartOn?: string | null;
  plannedEndOn?: string | null;
}

const CODE_PATTERN = /^\S(.{0,62}\S)?$/u;
const NAME_MAX = 500;
const DESCRIPTION_MAX = 10_000;

function codeInput(ctx: Context, value: string): string {
  const code = textInput(ctx.locale, 'input.code', value, { max: 64 });
  if (!CODE_PATTERN.test(code)) {
    throw badInput(ctx.locale, 'input.code', code, {
      en: 'a project code has 1 to 64 characters; remove the spaces at either end',
      vi: 'mã dự án có từ 1 đến 64 ký tự; hãy bỏ khoảng trắng ở hai đầu',
    });
  }
  return code;
}

function inHouseWithContractor(
  ctx: Context,
  deliveryMode: DeliveryMode,
  contractorCode: string,
): DxError {
  return badInput(ctx.locale, 'input.contractorId', contractorCode, {
    en: `a project done by the body itself (${deliveryMode}) has no contractor; remove the contractor or choose OUTSOURCED_SERVICE or SOCIAL_MOBILISATION`,
    vi: `dự án do cơ quan nhà nước tự triển khai (${deliveryMode}) không có doanh nghiệp thực hiện; hãy bỏ doanh nghiệp hoặc chọn OUTSOURCED_SERVICE hay SOCIAL_MOBILISATION`,
  });
}

function contractorRequired(ctx: Context, project: Pick<ProjectRow, 'code' | 'status'>): DxError {
  return new DxError('PROJECTS_CONTRACTOR_REQUIRED', {
    locale: ctx.locale,
    params: { code: project.code, status: statusLabel(project.status, ctx.locale) },
    extensions: { deliveryMode: 'OUTSOURCED_SERVICE' },
  });
}

// TODO: project codes are unique across the hub, so this error shows a caller from another
// province that a project it cannot read exists. Scope codes per owner, or return no detail.
function duplicateCode(ctx: Context, code: string): DxError {
  return new DxError('PROJECTS_DUPLICATE_CODE', {
    locale: ctx.locale,
    params: { value: code },
    extensions: { field: 'input.code', value: code },
  });
}

export async function createProject(_: unknown, args: { input: CreateProjectInput }, ctx: Context) {
  const { input } = args;
  const code = codeInput(ctx, input.code);
  const name = textInput(ctx.locale, 'input.name', input.name, { max: NAME_MAX });
  const description = optionalTextInput(ctx.locale, 'input.description', input.description, {
    max: DESCRIPTION_MAX,
    multiline: true,
  });
  const budget = amountInput(ctx.locale, 'input.budget', input.budget);
  dateOrderInput(ctx.locale, 'input.plannedEndOn', input.plannedStartOn, input.plannedEndOn);
  atMostOneInput(
    ctx.locale,
    ['input.ownerId', 'input.ownerCode'],
    [input.ownerId, input.ownerCode],
  );
  atMostOneInput(
    ctx.locale,
    ['input.contractorId', 'input.contractorCode'],
    [input.contractorId, input.contractorCode],
  );

  const owner = await resolveOwner(ctx, { id: input.ownerId, code: input.ownerCode });
  const contractor = await resolveContractor(ctx, {
    id: input.contractorId,
    code: input.contractorCode,
  });
  if (contractor && input.deliveryMode === 'IN_HOUSE') {
    throw inHouseWithContractor(ctx, input.deliveryMode, contractor.code);
  }
  const { actor } = await prepareChange(ctx);

  const { project, creation } = await inTransaction(
    ctx,
    async (tx) => {
      const [project] = await tx
        .insert(projects)
        .values({
          code,
          name,
          description: description ?? null,
          ownerOrgId: owner.id,
          platform: input.platform,
          deliveryMode: input.deliveryMode,
          contractorOrgId: contractor?.id ?? null,
          fundingSource: input.fundingSource,
          budget,
          plannedStartOn: input.plannedStartOn,
          plannedEndOn: input.plannedEndOn,
        })
        .returning();
      const [creation] = await tx
        .insert(statusChanges)
        .values({
          projectId: project!.id,
          fromStatus: null,
          toStatus: 'PROPOSED',
          effectiveOn: vietnamDate(),
          ...actor,
        })
        .returning({ id: statusChanges.id });
      return { project: project!, creation: creation! };
    },
    (constraint) => (constraint === 'projects_code_key' ? duplicateCode(ctx, code) : undefined),
  );

  ctx.audit.note('MUTATION', [project.id, creation.id]);
  ctx.logger.info({ projectId: project.id, code }, 'project created');
  refreshProject(ctx, project);
  return project;
}

/** Reads the contractor change of an update: undefined when neither contractor field is given. */
async function contractorChange(
  ctx: Context,
  input: UpdateProjectInput,
): Promise<{ id: string | null; code: string | null } | undefined> {
  const hasId = Object.prototype.hasOwnProperty.call(input, 'contractorId');
  const hasCode = Object.prototype.hasOwnProperty.call(input, 'contractorCode');
  if (!hasId && !hasCode) return undefined;
  atMostOneInput(
    ctx.locale,
    ['input.contractorId', 'input.contractorCode'],
    [input.contractorId, input.contractorCode],
  );
  const contractor = await resolveContractor(ctx, {
    id: input.contractorId,
    code: input.contractorCode,
  });
  return contractor ? { id: contractor.id, code: contractor.code } : { id: null, code: null };
}

export async function updateProject(
  _: unknown,
  args: { id: string; input: UpdateProjectInput },
  ctx: Context,
) {
  const { input } = args;
  const changes: Partial<typeof projects.$inferInsert> = {};
  if (input.name !== undefined && input.name !== null) {
    changes.name = textInput(ctx.locale, 'input.name', input.name, { max: NAME_MAX });
  }
  const description = optionalTextInput(ctx.locale, 'input.description', input.description, {
    max: DESCRIPTION_MAX,
    multiline: true,
  });
  if (description !== undefined) changes.description = description;
  if (input.platform) changes.platform = input.platform;
  if (input.deliveryMode) changes.deliveryMode = input.deliveryMode;
  if (input.fundingSource) changes.fundingSource = input.fundingSource;
  if (input.plannedStartOn) changes.plannedStartOn = input.plannedStartOn;
  if (input.plannedEndOn) changes.plannedEndOn = input.plannedEndOn;
  const contractor = await contractorChange(ctx, input);
  if (contractor) changes.contractorOrgId = contractor.id;
  const { scope } = await prepareChange(ctx);

  const { project, changed } = await inTransaction(
    ctx,
    async (tx) => {
      const current = await lockProject(ctx, tx, scope, args.id, 'id');
      if (CLOSED_STATUSES.includes(current.status)) {
        throw wrongStatus(
          ctx.locale,
          current,
          { en: 'changing it', vi: 'thay đổi thông tin' },
          openStatuses(),
        );
      }
      const next = { ...current, ...changes };
      dateOrderInput(ctx.locale, 'input.plannedEndOn', next.plannedStartOn, next.plannedEndOn);
      if (next.deliveryMode === 'IN_HOUSE' && next.contractorOrgId) {
        throw inHouseWithContractor(
          ctx,
          next.deliveryMode,
          contractor?.code ?? next.contractorOrgId,
        );
      }
      if (
        next.deliveryMode === 'OUTSOURCED_SERVICE' &&
        !next.contractorOrgId &&
        CONTRACTED_STATUSES.includes(next.status)
      ) {
        throw contractorRequired(ctx, current);
      }
      if (Object.keys(changes).length === 0) return { project: current, changed: false };
      const [updated] = await tx
        .update(projects)
        .set({ ...changes, updatedAt: sql`now()` })
        .where(eq(projects.id, current.id))
        .returning();
      return { project: updated!, changed: true };
    },
    () => undefined,
  );

  if (changed) ctx.audit.note('MUTATION', [project.id]);
  refreshProject(ctx, project);
  return project;
}

/** Statuses in which a project still takes changes. */
export function openStatuses() {
  return PROJECT_STATUSES.filter((status) => !CLOSED_STATUSES.includes(status));
}

export { contractorRequired };
