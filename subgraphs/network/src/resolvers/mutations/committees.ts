// Mutations for steering committees and their members.
import { and, eq, isNull } from 'drizzle-orm';
import { steeringCommitteeMembers, steeringCommittees } from '../../db/schema.js';
import { today } from '../../dates.js';
import type { OrgKind, SteeringRole } from '../../model.js';
import { cleanName } from '../../validation.js';
import { idArgument, type Context } from '../common.js';
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

/** Bodies that have a steering committee for digital transformation: ministries, agencies and provinces. */
const COMMITTEE_KINDS: readonly OrgKind[] = [
  'MINISTRY',
  'MINISTERIAL_AGENCY',
  'GOVERNMENT_AGENCY',
  'PROVINCE',
];

interface CreateCommitteeInput {
  organizationId: string;
  name: string;
  decisionNumber?: string | null;
  validFrom?: string | null;
}

interface AddMemberInput {
  committeeId: string;
  personId: string;
  role: SteeringRole;
  validFrom?: string | null;
}

export const committeeMutations = {
  createSteeringCommittee: async (
    _: unknown,
    { input }: { input: CreateCommitteeInput },
    ctx: Context,
  ) => {
    const errors = new FieldErrors(ctx.locale);
    const org = await referencedOrg(ctx, errors, 'input.organizationId', input.organizationId);
    if (org) await mustCover(ctx, org, org.code);
    if (org && !COMMITTEE_KINDS.includes(org.kind)) {
      errors.add(
        'input.organizationId',
        'KIND_NOT_ALLOWED',
        {
          en: `steering committees belong to a ${COMMITTEE_KINDS.join(' or ')}, not to ${org.code} (${org.kind})`,
          vi: `ban chỉ đạo chỉ thuộc ${COMMITTEE_KINDS.join(' hoặc ')}, không thuộc ${org.code} (${org.kind})`,
        },
        org.id,
      );
    }
    const name = cleanName(input.name);
    if (!name)
      errors.add('input.name', 'REQUIRED', { en: 'the name is empty', vi: 'tên bị để trống' });
    const validFrom = input.validFrom ?? today();
    if (org) checkWithinUnit(errors, 'input.validFrom', org, validFrom);
    if (org && (await ctx.loaders.committeeOfOrganization.load(org.id))) {
      errors.add(
        'input.organizationId',
        'DUPLICATE',
        {
          en: `${org.code} already has a steering committee`,
          vi: `${org.code} đã có Ban Chỉ đạo chuyển đổi số`,
        },
        org.id,
      );
    }
    errors.throwIfAny();

    const [row] = await writing(ctx, () =>
      ctx.db
        .insert(steeringCommittees)
        .values({
          organizationId: org!.id,
          name: name!,
          decisionNumber: cleanName(input.decisionNumber),
          validFrom,
        })
        .returning(),
    );
    ctx.audit.note('MUTATION', [row!.id]);
    return row;
  },

  closeSteeringCommittee: async (
    _: unknown,
    args: { id: string; validTo: string },
    ctx: Context,
  ) => {
    const committee = await mustExist(
      ctx,
      'SteeringCommittee',
      idArgument(ctx, 'id', 'SteeringCommittee', args.id),
      (id) => ctx.loaders.committee.load(id),
    );
    await mustCover(
      ctx,
      await ctx.loaders.organization.load(committee.organizationId),
      'steering committee',
    );
    mustBeOpen(ctx, 'steering committee', committee);
    const errors = new FieldErrors(ctx.locale);
    checkDateOrder(errors, 'validTo', committee.validFrom, args.validTo);
    errors.throwIfAny();

    const { row, seats } = await ctx.db.transaction(async (tx) => {
      const [closed] = await tx
        .update(steeringCommittees)
        .set({ validTo: args.validTo, updatedAt: new Date() })
        .where(eq(steeringCommittees.id, committee.id))
        .returning();
      const ended = await tx
        .update(steeringCommitteeMembers)
        .set({ validTo: args.validTo, updatedAt: new Date() })
        .where(
          and(
            eq(steeringCommitteeMembers.committeeId, committee.id),
            isNull(steeringCommitteeMembers.validTo),
          ),
        )
        .returning({ id: steeringCommitteeMembers.id });
      return { row: closed, seats: ended.map((seat) => seat.id) };
    });
    ctx.audit.note('MUTATION', [committee.id, ...seats]);
    return row;
  },

  addSteeringCommitteeMember: async (
    _: unknown,
    { input }: { input: AddMemberInput },
    ctx: Context,
  ) => {
    const committeeId = idArgument(
      ctx,
      'input.committeeId',
      'SteeringCommittee',
      input.committeeId,
    );
    const personId = idArgument(ctx, 'input.personId', 'Person', input.personId);
    const errors = new FieldErrors(ctx.locale);
    const committee = await ctx.loaders.committee.load(committeeId);
    if (!committee) {
      errors.add(
        'input.committeeId',
        'NOT_FOUND',
        {
          en: `no steering committee has id ${input.committeeId}`,
          vi: `không tìm thấy ban chỉ đạo có mã định danh ${input.committeeId}`,
        },
        input.committeeId,
      );
    }
    const org = committee ? await ctx.loaders.organization.load(committee.organizationId) : null;
    if (committee) await mustCover(ctx, org, org?.code ?? 'steering committee');
    const person = await ctx.loaders.person.load(personId);
    if (!person) {
      errors.add(
        'input.personId',
        'NOT_FOUND',
        {
          en: `no person has id ${input.personId}`,
          vi: `không tìm thấy người có mã định danh ${input.personId}`,
        },
        input.personId,
      );
    }
    const validFrom = input.validFrom ?? today();
    if (committee) {
      checkDateOrder(errors, 'input.validFrom', committee.validFrom, validFrom);
      if (committee.validTo !== null) {
        errors.add(
          'input.committeeId',
          'OUT_OF_PERIOD',
          {
            en: `the committee was dissolved on ${committee.validTo}`,
            vi: `ban chỉ đạo đã kết thúc hoạt động vào ${committee.validTo}`,
          },
          committee.id,
        );
      }
    }
    if (org) checkWithinUnit(errors, 'input.validFrom', org, validFrom);

    if (committee && person) {
      const open = await ctx.db
        .select()
        .from(steeringCommitteeMembers)
        .where(
          and(
            eq(steeringCommitteeMembers.committeeId, committee.id),
            isNull(steeringCommitteeMembers.validTo),
          ),
        );
      if (input.role === 'CHAIR' && open.some((member) => member.role === 'CHAIR')) {
        errors.add(
          'input.role',
          'DUPLICATE',
          {
            en: 'the committee already has a chair; close that seat first',
            vi: 'ban chỉ đạo đã có trưởng ban; hãy kết thúc nhiệm vụ của trưởng ban hiện tại trước',
          },
          input.role,
        );
      }
      if (open.some((member) => member.personId === person.id)) {
        errors.add(
          'input.personId',
          'DUPLICATE',
          {
            en: 'the person already sits on this committee',
            vi: 'người này đã là thành viên của ban chỉ đạo',
          },
          person.id,
        );
      }
    }
    errors.throwIfAny();

    const [row] = await writing(ctx, () =>
      ctx.db
        .insert(steeringCommitteeMembers)
        .values({ committeeId: committee!.id, personId: person!.id, role: input.role, validFrom })
        .returning(),
    );
    ctx.audit.note('MUTATION', [row!.id]);
    return row;
  },

  closeSteeringCommitteeMember: async (
    _: unknown,
    args: { id: string; validTo: string },
    ctx: Context,
  ) => {
    const member = await mustExist(
      ctx,
      'SteeringCommitteeMember',
      idArgument(ctx, 'id', 'SteeringCommitteeMember', args.id),
      (id) => ctx.loaders.committeeMember.load(id),
    );
    const committee = await ctx.loaders.committee.load(member.committeeId);
    await mustCover(
      ctx,
      committee ? await ctx.loaders.organization.load(committee.organizationId) : null,
      'steering committee',
    );
    mustBeOpen(ctx, 'committee seat', member);
    const errors = new FieldErrors(ctx.locale);
    checkDateOrder(errors, 'validTo', member.validFrom, args.validTo);
    errors.throwIfAny();

    const [row] = await ctx.db
      .update(steeringCommitteeMembers)
      .set({ validTo: args.validTo, updatedAt: new Date() })
      .where(eq(steeringCommitteeMembers.id, member.id))
      .returning();
    ctx.audit.note('MUTATION', [member.id]);
    return row;
  },
};
