// Mutations that create, correct and close organisations.
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { DxError, rows, type Db } from '@dxhub/kit';
import { selectOrganizations, type OrgRow } from '../../db/organizations.js';
import { organizationLinks, organizations } from '../../db/schema.js';
import { addDays, today } from '../../dates.js';
import type { OrgKind, OrgLevel } from '../../model.js';
import { searchKey, shortSearchKey } from '../../search-key.js';
import { SLUG, TAX_CODE, cleanName } from '../../validation.js';
import { idArgument, outsideJurisdiction, type Context } from '../common.js';
import {
  FieldErrors,
  checkDateOrder,
  checkWithinUnit,
  mustBeOpen,
  mustCover,
  mustExist,
  referencedOrg,
  writing,
} from './checks.js';

/** Kinds a mutation may create: the kinds of parent each needs, and its level. */
const CREATABLE: Partial<Record<OrgKind, { parents: OrgKind[]; level: OrgLevel | 'PARENT' }>> = {
  AGENCY_UNIT: {
    parents: ['MINISTRY', 'MINISTERIAL_AGENCY', 'GOVERNMENT_AGENCY', 'AGENCY_UNIT'],
    level: 'PARENT',
  },
  PROVINCIAL_DEPARTMENT: { parents: ['PROVINCE'], level: 'PARENT' },
  DISTRICT_OFFICE: { parents: ['DISTRICT'], level: 'PARENT' },
  IT_UNIT: {
    parents: [
      'MINISTRY',
      'MINISTERIAL_AGENCY',
      'GOVERNMENT_AGENCY',
      'AGENCY_UNIT',
      'PROVINCE',
      'PROVINCIAL_DEPARTMENT',
    ],
    level: 'PARENT',
  },
  COMMUNITY_TEAM: { parents: ['COMMUNE'], level: 'COMMUNITY' },
  INCIDENT_RESPONSE_TEAM: {
    parents: [
      'MINISTRY',
      'MINISTERIAL_AGENCY',
      'GOVERNMENT_AGENCY',
      'AGENCY_UNIT',
      'PROVINCE',
      'PROVINCIAL_DEPARTMENT',
      'IT_UNIT',
    ],
    level: 'PARENT',
  },
  ENTERPRISE: { parents: [], level: 'ENTERPRISE' },
};

interface CreateOrganizationInput {
  code: string;
  name: string;
  nameEn?: string | null;
  kind: OrgKind;
  parentId?: string | null;
  validFrom?: string | null;
  predecessorIds?: string[] | null;
}

async function freshOrganization(tx: Db, ctx: Context, id: string): Promise<OrgRow> {
  const [row] = await selectOrganizations(tx, eq(organizations.id, id));
  ctx.loaders.organization.clear(id).prime(id, row!);
  return row!;
}

/** Whether any version of `code` is valid on `from` or later. */
async function codeTakenFrom(ctx: Context, code: string, from: string): Promise<boolean> {
  const found = rows<{ id: string }>(
    await ctx.db.execute(sql`
      select id from network.organizations
      where code = ${code} and (valid_to is null or valid_to >= ${from}::date) limit 1`),
  );
  return found.length > 0;
}

function checkKindAndParent(
  errors: FieldErrors,
  input: CreateOrganizationInput,
  parent: OrgRow | null,
): void {
  const rule = CREATABLE[input.kind];
  if (!rule) {
    errors.add(
      'input.kind',
      'KIND_NOT_ALLOWED',
      {
        en: `${input.kind} units enter the directory only through "dxhub import units" or "dxhub import agencies"`,
        vi: `đơn vị loại ${input.kind} chỉ được đưa vào danh bạ bằng lệnh "dxhub import units" hoặc "dxhub import agencies"`,
      },
      input.kind,
    );
    return;
  }
  if (rule.parents.length === 0 && input.parentId) {
    errors.add(
      'input.parentId',
      'INVALID_PARENT',
      { en: `a ${input.kind} has no parent`, vi: `đơn vị loại ${input.kind} không có cấp trên` },
      input.parentId,
    );
  }
  if (rule.parents.length > 0 && !input.parentId) {
    errors.add('input.parentId', 'REQUIRED', {
      en: `a ${input.kind} needs a parent`,
      vi: `đơn vị loại ${input.kind} cần có cấp trên`,
    });
  }
  if (parent && rule.parents.length > 0 && !rule.parents.includes(parent.kind)) {
    errors.add(
      'input.parentId',
      'INVALID_PARENT',
      {
        en: `a ${input.kind} belongs to a ${rule.parents.join(' or ')}, not to ${parent.code} (${parent.kind})`,
        vi: `đơn vị loại ${input.kind} phải thuộc ${rule.parents.join(' hoặc ')}, không thuộc ${parent.code} (${parent.kind})`,
      },
      input.parentId,
    );
  }
}

function checkCode(errors: FieldErrors, input: CreateOrganizationInput): void {
  const pattern = input.kind === 'ENTERPRISE' ? TAX_CODE : SLUG;
  if (!pattern.test(input.code)) {
    errors.add(
      'input.code',
      'INVALID_FORMAT',
      input.kind === 'ENTERPRISE'
        ? {
            en: 'an enterprise code is its tax code: 10 digits, or 10 digits, "-" and 3 digits',
            vi: 'mã của doanh nghiệp là mã số thuế: 10 chữ số, hoặc 10 chữ số, "-" và 3 chữ số',
          }
        : {
            en: 'use lower-case letters and digits joined by single hyphens, such as so-khoa-hoc-va-cong-nghe-ha-noi',
            vi: 'dùng chữ thường và chữ số nối bằng một dấu gạch ngang, ví dụ so-khoa-hoc-va-cong-nghe-ha-noi',
          },
      input.code,
    );
  }
}

export const organizationMutations = {
  createOrganization: async (
    _: unknown,
    { input }: { input: CreateOrganizationInput },
    ctx: Context,
  ) => {
    const predecessorIds = (input.predecessorIds ?? []).map((id, index) =>
      idArgument(ctx, `input.predecessorIds.${index}`, 'Organization', id),
    );
    const errors = new FieldErrors(ctx.locale);
    // An empty parentId is rejected, not read as "no parent".
    const parent =
      input.parentId === null || input.parentId === undefined
        ? null
        : await referencedOrg(ctx, errors, 'input.parentId', input.parentId);
    if (parent) await mustCover(ctx, parent, `${parent.code}`);
    else if (!input.parentId && !ctx.caller?.seesAll) throw outsideJurisdiction(ctx, input.code);

    checkKindAndParent(errors, input, parent);
    checkCode(errors, input);
    const name = cleanName(input.name);
    if (!name)
      errors.add('input.name', 'REQUIRED', { en: 'the name is empty', vi: 'tên bị để trống' });
    const validFrom = input.validFrom ?? today();
    if (parent) checkWithinUnit(errors, 'input.validFrom', parent, validFrom);
    if (!errors.has('input.code') && (await codeTakenFrom(ctx, input.code, validFrom))) {
      errors.add(
        'input.code',
        'CODE_TAKEN',
        {
          en: `code ${input.code} already names a unit on or after ${validFrom}`,
          vi: `mã ${input.code} đã được dùng cho một đơn vị từ ${validFrom} trở đi`,
        },
        input.code,
      );
    }

    const predecessors: OrgRow[] = [];
    for (const [index, id] of predecessorIds.entries()) {
      const field = `input.predecessorIds.${index}`;
      const predecessor = await referencedOrg(ctx, errors, field, id);
      if (!predecessor) continue;
      await mustCover(ctx, predecessor, predecessor.code);
      if (predecessor.validTo === null || predecessor.validTo >= validFrom) {
        errors.add(
          field,
          'DATE_ORDER',
          {
            en: `${predecessor.code} must be closed before ${validFrom} to be succeeded`,
            vi: `${predecessor.code} phải kết thúc trước ${validFrom} mới có đơn vị kế thừa`,
          },
          id,
        );
      }
      predecessors.push(predecessor);
    }
    errors.throwIfAny();

    const rule = CREATABLE[input.kind]!;
    const id = randomUUID();
    const row = await writing(ctx, () =>
      ctx.db.transaction(async (tx) => {
        await tx.insert(organizations).values({
          id,
          code: input.code,
          name: name!,
          nameEn: cleanName(input.nameEn),
          kind: input.kind,
          level: rule.level === 'PARENT' ? parent!.level : rule.level,
          parentId: parent?.id ?? null,
          validFrom,
          source: 'DIRECTORY',
          searchKey: searchKey(name!),
          searchKeyShort: shortSearchKey(name!),
        });
        if (predecessors.length > 0) {
          await tx.insert(organizationLinks).values(
            predecessors.map((p) => ({
              predecessorId: p.id,
              successorId: id,
              effectiveOn: validFrom,
            })),
          );
        }
        return freshOrganization(tx, ctx, id);
      }),
    );
    ctx.audit.note('MUTATION', [id, ...predecessors.map((p) => p.id)]);
    return row;
  },

  updateOrganization: async (
    _: unknown,
    args: { id: string; input: { name?: string | null; nameEn?: string | null } },
    ctx: Context,
  ) => {
    const org = await mustExist(
      ctx,
      'Organization',
      idArgument(ctx, 'id', 'Organization', args.id),
      (id) => ctx.loaders.organization.load(id),
    );
    await mustCover(ctx, org, org.code);
    const errors = new FieldErrors(ctx.locale);
    if (org.source !== 'DIRECTORY') {
      errors.add(
        'id',
        'READ_ONLY',
        {
          en: `${org.code} comes from an official list; change it by importing a newer list`,
          vi: `${org.code} lấy từ danh mục chính thức; hãy nhập danh mục mới hơn để thay đổi`,
        },
        args.id,
      );
    }
    const name = args.input.name === undefined ? org.name : cleanName(args.input.name);
    if (!name)
      errors.add('input.name', 'REQUIRED', {
        en: 'the name cannot be empty',
        vi: 'tên không được để trống',
      });
    errors.throwIfAny();

    const nameEn = args.input.nameEn === undefined ? org.nameEn : cleanName(args.input.nameEn);
    await ctx.db
      .update(organizations)
      .set({
        name: name!,
        nameEn,
        searchKey: searchKey(name!),
        searchKeyShort: shortSearchKey(name!),
        updatedAt: new Date(),
      })
      .where(eq(organizations.id, org.id));
    ctx.audit.note('MUTATION', [org.id]);
    return freshOrganization(ctx.db, ctx, org.id);
  },

  recordOrganizationProgress: async (
    _: unknown,
    args: {
      id: string;
      input: {
        itUnitDecisionNumber?: string | null;
        itUnitDecisionDate?: string | null;
        platformAccessGrantedOn?: string | null;
      };
    },
    ctx: Context,
  ) => {
    const org = await mustExist(
      ctx,
      'Organization',
      idArgument(ctx, 'id', 'Organization', args.id),
      (id) => ctx.loaders.organization.load(id),
    );
    await mustCover(ctx, org, org.code);
    const errors = new FieldErrors(ctx.locale);
    const input = args.input;
    const number =
      input.itUnitDecisionNumber === undefined
        ? org.itUnitDecisionNumber
        : cleanName(input.itUnitDecisionNumber);
    const decided =
      input.itUnitDecisionDate === undefined ? org.itUnitDecisionDate : input.itUnitDecisionDate;
    const granted =
      input.platformAccessGrantedOn === undefined
        ? org.platformAccessGrantedOn
        : input.platformAccessGrantedOn;
    if ((number === null) !== (decided === null)) {
      const missing = number === null ? 'input.itUnitDecisionNumber' : 'input.itUnitDecisionDate';
      errors.add(missing, 'REQUIRED', {
        en: 'the decision number and the decision date go together',
        vi: 'số quyết định và ngày quyết định phải được ghi cùng nhau',
      });
    }
    const now = today();
    for (const [field, day] of [
      ['input.itUnitDecisionDate', decided],
      ['input.platformAccessGrantedOn', granted],
    ] as const) {
      if (day && day > now) {
        errors.add(
          field,
          'DATE_ORDER',
          { en: `${day} is in the future`, vi: `${day} là ngày trong tương lai` },
          day,
        );
      }
    }
    errors.throwIfAny();

    await ctx.db
      .update(organizations)
      .set({
        itUnitDecisionNumber: number,
        itUnitDecisionDate: decided,
        platformAccessGrantedOn: granted,
        updatedAt: new Date(),
      })
      .where(eq(organizations.id, org.id));
    ctx.audit.note('MUTATION', [org.id]);
    return freshOrganization(ctx.db, ctx, org.id);
  },

  closeOrganization: async (
    _: unknown,
    args: { id: string; validTo: string; successorIds?: string[] | null },
    ctx: Context,
  ) => {
    const orgId = idArgument(ctx, 'id', 'Organization', args.id);
    const successorIds = (args.successorIds ?? []).map((id, index) =>
      idArgument(ctx, `successorIds.${index}`, 'Organization', id),
    );
    const org = await mustExist(ctx, 'Organization', orgId, (id) =>
      ctx.loaders.organization.load(id),
    );
    await mustCover(ctx, org, org.code);
    mustBeOpen(ctx, 'organization', org);
    const errors = new FieldErrors(ctx.locale);
    if (org.source !== 'DIRECTORY') {
      errors.add(
        'id',
        'READ_ONLY',
        {
          en: `${org.code} comes from an official list; it closes when a newer list leaves it out`,
          vi: `${org.code} lấy từ danh mục chính thức; đơn vị sẽ kết thúc khi danh mục mới hơn không còn đơn vị này`,
        },
        args.id,
      );
    }
    checkDateOrder(errors, 'validTo', org.validFrom, args.validTo);
    errors.throwIfAny();

    const open = rows<{ code: string }>(
      await ctx.db.execute(sql`
        select code from network.organizations
        where parent_id = ${org.id}::uuid and (valid_to is null or valid_to > ${args.validTo}::date)`),
    );
    if (open.length > 0) {
      const codes = open.map((child) => child.code).join(', ');
      throw new DxError('CONFLICT', {
        locale: ctx.locale,
        params: {
          reason:
            ctx.locale === 'vi'
              ? `${org.code} còn đơn vị trực thuộc có hiệu lực sau ${args.validTo} (${codes}); hãy kết thúc các đơn vị đó trước`
              : `${org.code} has units valid after ${args.validTo} (${codes}); close them first`,
        },
      });
    }

    const successors: OrgRow[] = [];
    for (const [index, id] of successorIds.entries()) {
      const field = `successorIds.${index}`;
      const successor = await referencedOrg(ctx, errors, field, id);
      if (!successor) continue;
      await mustCover(ctx, successor, successor.code);
      if (successor.validFrom <= args.validTo) {
        errors.add(
          field,
          'DATE_ORDER',
          {
            en: `${successor.code} starts on ${successor.validFrom}, not after ${args.validTo}`,
            vi: `${successor.code} bắt đầu từ ${successor.validFrom}, không sau ${args.validTo}`,
          },
          id,
        );
      }
      successors.push(successor);
    }
    errors.throwIfAny();

    const row = await ctx.db.transaction(async (tx) => {
      await tx
        .update(organizations)
        .set({ validTo: args.validTo, updatedAt: new Date() })
        .where(eq(organizations.id, org.id));
      if (successors.length > 0) {
        await tx
          .insert(organizationLinks)
          .values(
            successors.map((s) => ({
              predecessorId: org.id,
              successorId: s.id,
              effectiveOn: addDays(args.validTo, 1),
            })),
          )
          .onConflictDoNothing();
      }
      return freshOrganization(tx, ctx, org.id);
    });
    ctx.audit.note('MUTATION', [org.id, ...successors.map((s) => s.id)]);
    return row;
  },
};
