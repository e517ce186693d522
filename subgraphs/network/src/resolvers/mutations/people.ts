// Mutations for people and network memberships.
import { and, eq, isNull, lte, sql } from 'drizzle-orm';
import { rows } from '@dxhub/kit';
import type { OrgRow } from '../../db/organizations.js';
import { memberships, people, steeringCommitteeMembers } from '../../db/schema.js';
import { today } from '../../dates.js';
import { KINDS_OF_CATEGORY, type MembershipCategory } from '../../model.js';
import { searchKey } from '../../search-key.js';
import {
  NATIONAL_ID,
  cleanName,
  isValidEmail,
  isVietnamesePhone,
  normalisePhone,
} from '../../validation.js';
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

interface ContactInput {
  email?: string | null;
  phone?: string | null;
  nationalId?: string | null;
}

/**
 * Checks contact fields. Values are personal data, so the field errors never echo them.
 * Returns the values to store, with the phone number in its canonical form.
 */
async function checkContacts(
  ctx: Context,
  errors: FieldErrors,
  input: ContactInput,
  personId: string | null,
) {
  const email =
    input.email === undefined ? undefined : (cleanName(input.email)?.toLowerCase() ?? null);
  const phone = input.phone === undefined ? undefined : cleanName(input.phone);
  const nationalId = input.nationalId === undefined ? undefined : cleanName(input.nationalId);
  if (email && !isValidEmail(email)) {
    errors.add('input.email', 'INVALID_FORMAT', {
      en: 'not a valid e-mail address',
      vi: 'địa chỉ thư điện tử không hợp lệ',
    });
  }
  if (phone && !isVietnamesePhone(phone)) {
    errors.add('input.phone', 'INVALID_FORMAT', {
      en: 'not a Vietnamese phone number; write 10 digits for a mobile or 11 for a landline, starting with 0 or +84',
      vi: 'số điện thoại không hợp lệ; hãy ghi 10 chữ số (di động) hoặc 11 chữ số (cố định), bắt đầu bằng 0 hoặc +84',
    });
  }
  if (nationalId && !NATIONAL_ID.test(nationalId)) {
    errors.add('input.nationalId', 'INVALID_FORMAT', {
      en: 'a citizen identity number has 12 digits',
      vi: 'số căn cước công dân gồm 12 chữ số',
    });
  } else if (nationalId) {
    const taken = rows<{ id: string }>(
      await ctx.db.execute(sql`
        select id from network.people where national_id = ${nationalId}
        ${personId ? sql`and id <> ${personId}::uuid` : sql``} limit 1`),
    );
    if (taken.length > 0) {
      errors.add('input.nationalId', 'DUPLICATE', {
        en: 'another person already has this identity number',
        vi: 'số căn cước này đã được ghi cho một người khác',
      });
    }
  }
  return { email, phone: phone ? normalisePhone(phone) : phone, nationalId };
}

function checkCategory(errors: FieldErrors, category: MembershipCategory, org: OrgRow): void {
  const kinds = KINDS_OF_CATEGORY[category];
  if (!kinds.includes(org.kind)) {
    errors.add(
      'input.organizationId',
      'CATEGORY_MISMATCH',
      {
        en: `a ${category} membership belongs to a ${kinds.join(' or ')}, not to ${org.code} (${org.kind})`,
        vi: `thành viên loại ${category} phải thuộc ${kinds.join(' hoặc ')}, không thuộc ${org.code} (${org.kind})`,
      },
      org.id,
    );
  }
}

interface CreatePersonInput extends ContactInput {
  fullName: string;
  position?: string | null;
  organizationId: string;
  validFrom?: string | null;
}

interface CreateMembershipInput {
  category: MembershipCategory;
  organizationId: string;
  personId?: string | null;
  note?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
}

export const peopleMutations = {
  createPerson: async (_: unknown, { input }: { input: CreatePersonInput }, ctx: Context) => {
    const errors = new FieldErrors(ctx.locale);
    const org = await referencedOrg(ctx, errors, 'input.organizationId', input.organizationId);
    if (org) await mustCover(ctx, org, org.code);
    const fullName = cleanName(input.fullName);
    if (!fullName)
      errors.add('input.fullName', 'REQUIRED', {
        en: 'the full name is empty',
        vi: 'họ và tên bị để trống',
      });
    const validFrom = input.validFrom ?? today();
    if (org) checkWithinUnit(errors, 'input.validFrom', org, validFrom);
    const contacts = await checkContacts(ctx, errors, input, null);
    errors.throwIfAny();

    const [row] = await writing(ctx, () =>
      ctx.db
        .insert(people)
        .values({
          fullName: fullName!,
          nameKey: searchKey(fullName!),
          position: cleanName(input.position),
          organizationId: org!.id,
          email: contacts.email ?? null,
          phone: contacts.phone ?? null,
          nationalId: contacts.nationalId ?? null,
          validFrom,
        })
        .returning(),
    );
    ctx.audit.note('MUTATION', [row!.id]);
    return row;
  },

  updatePerson: async (
    _: unknown,
    args: {
      id: string;
      input: ContactInput & {
        fullName?: string | null;
        position?: string | null;
        organizationId?: string | null;
      };
    },
    ctx: Context,
  ) => {
    const person = await mustExist(ctx, 'Person', idArgument(ctx, 'id', 'Person', args.id), (id) =>
      ctx.loaders.person.load(id),
    );
    await mustCover(
      ctx,
      await ctx.loaders.organization.load(person.organizationId),
      person.fullName,
    );
    const errors = new FieldErrors(ctx.locale);
    const input = args.input;
    let organizationId = person.organizationId;
    if (input.organizationId !== undefined) {
      const org =
        input.organizationId === null
          ? null
          : await referencedOrg(ctx, errors, 'input.organizationId', input.organizationId);
      if (input.organizationId === null)
        errors.add('input.organizationId', 'REQUIRED', {
          en: 'a person belongs to an organisation',
          vi: 'mỗi người phải thuộc một tổ chức',
        });
      if (org) {
        await mustCover(ctx, org, org.code);
        organizationId = org.id;
      }
    }
    const fullName = input.fullName === undefined ? person.fullName : cleanName(input.fullName);
    if (!fullName)
      errors.add('input.fullName', 'REQUIRED', {
        en: 'the full name cannot be empty',
        vi: 'họ và tên không được để trống',
      });
    const contacts = await checkContacts(ctx, errors, input, person.id);
    errors.throwIfAny();

    const [row] = await writing(ctx, () =>
      ctx.db
        .update(people)
        .set({
          fullName: fullName!,
          nameKey: searchKey(fullName!),
          position: input.position === undefined ? person.position : cleanName(input.position),
          organizationId,
          ...(contacts.email === undefined ? {} : { email: contacts.email }),
          ...(contacts.phone === undefined ? {} : { phone: contacts.phone }),
          ...(contacts.nationalId === undefined ? {} : { nationalId: contacts.nationalId }),
          updatedAt: new Date(),
        })
        .where(eq(people.id, person.id))
        .returning(),
    );
    ctx.audit.note('MUTATION', [person.id]);
    ctx.loaders.person.clear(person.id).prime(person.id, row!);
    return row;
  },

  closePerson: async (_: unknown, args: { id: string; validTo: string }, ctx: Context) => {
    const person = await mustExist(ctx, 'Person', idArgument(ctx, 'id', 'Person', args.id), (id) =>
      ctx.loaders.person.load(id),
    );
    await mustCover(
      ctx,
      await ctx.loaders.organization.load(person.organizationId),
      person.fullName,
    );
    mustBeOpen(ctx, 'person', person);
    const errors = new FieldErrors(ctx.locale);
    checkDateOrder(errors, 'validTo', person.validFrom, args.validTo);
    errors.throwIfAny();

    const { row, closed } = await ctx.db.transaction(async (tx) => {
      const [updated] = await tx
        .update(people)
        .set({ validTo: args.validTo, updatedAt: new Date() })
        .where(eq(people.id, person.id))
        .returning();
      const stillOpen = (table: typeof memberships | typeof steeringCommitteeMembers) =>
        and(
          eq(table.personId, person.id),
          isNull(table.validTo),
          lte(table.validFrom, args.validTo),
        );
      const seats = await tx
        .update(steeringCommitteeMembers)
        .set({ validTo: args.validTo, updatedAt: new Date() })
        .where(stillOpen(steeringCommitteeMembers))
        .returning({ id: steeringCommitteeMembers.id });
      const held = await tx
        .update(memberships)
        .set({ validTo: args.validTo, updatedAt: new Date() })
        .where(stillOpen(memberships))
        .returning({ id: memberships.id });
      return { row: updated!, closed: [...seats, ...held].map((r) => r.id) };
    });
    ctx.audit.note('MUTATION', [person.id, ...closed]);
    return row;
  },

  createMembership: async (
    _: unknown,
    { input }: { input: CreateMembershipInput },
    ctx: Context,
  ) => {
    const errors = new FieldErrors(ctx.locale);
    const org = await referencedOrg(ctx, errors, 'input.organizationId', input.organizationId);
    if (org) await mustCover(ctx, org, org.code);
    // An empty personId is rejected, not read as a membership of the organisation itself.
    const personId =
      input.personId === null || input.personId === undefined
        ? null
        : idArgument(ctx, 'input.personId', 'Person', input.personId);
    const person = personId ? await ctx.loaders.person.load(personId) : null;
    if (input.personId && !person) {
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
    if (person)
      await mustCover(
        ctx,
        await ctx.loaders.organization.load(person.organizationId),
        person.fullName,
      );
    if (org) checkCategory(errors, input.category, org);

    const validFrom = input.validFrom ?? today();
    checkDateOrder(errors, 'input.validTo', validFrom, input.validTo);
    if (org) checkWithinUnit(errors, 'input.validFrom', org, validFrom);
    if (
      person &&
      (validFrom < person.validFrom || (person.validTo !== null && validFrom > person.validTo))
    ) {
      const period = `${person.validFrom} – ${person.validTo ?? '…'}`;
      errors.add(
        'input.validFrom',
        'OUT_OF_PERIOD',
        {
          en: `${validFrom} is outside the person's time in the network (${period})`,
          vi: `${validFrom} nằm ngoài thời gian người này tham gia mạng lưới (${period})`,
        },
        validFrom,
      );
    }
    if (org && !errors.has('input.validTo')) {
      const overlapping = await ctx.db
        .select({ id: memberships.id })
        .from(memberships)
        .where(
          and(
            eq(memberships.category, input.category),
            eq(memberships.organizationId, org.id),
            person ? eq(memberships.personId, person.id) : isNull(memberships.personId),
            sql`${memberships.validFrom} <= coalesce(${input.validTo ?? null}::date, 'infinity'::date)`,
            sql`coalesce(${memberships.validTo}, 'infinity'::date) >= ${validFrom}::date`,
          ),
        )
        .limit(1);
      if (overlapping.length > 0) {
        errors.add('input.category', 'DUPLICATE', {
          en: 'the same membership already exists for part of this period',
          vi: 'tư cách thành viên này đã tồn tại trong một phần của khoảng thời gian đã chọn',
        });
      }
    }
    errors.throwIfAny();

    const [row] = await ctx.db
      .insert(memberships)
      .values({
        category: input.category,
        organizationId: org!.id,
        personId: person?.id ?? null,
        note: cleanName(input.note),
        validFrom,
        validTo: input.validTo ?? null,
      })
      .returning();
    ctx.audit.note('MUTATION', [row!.id]);
    return row;
  },

  updateMembership: async (
    _: unknown,
    args: { id: string; input: { note?: string | null; validFrom?: string | null } },
    ctx: Context,
  ) => {
    const membership = await mustExist(
      ctx,
      'Membership',
      idArgument(ctx, 'id', 'Membership', args.id),
      (id) => ctx.loaders.membership.load(id),
    );
    await mustCover(
      ctx,
      await ctx.loaders.organization.load(membership.organizationId),
      'membership',
    );
    const errors = new FieldErrors(ctx.locale);
    const validFrom = args.input.validFrom ?? membership.validFrom;
    checkDateOrder(errors, 'input.validFrom', validFrom, membership.validTo);
    errors.throwIfAny();

    const [row] = await ctx.db
      .update(memberships)
      .set({
        note: args.input.note === undefined ? membership.note : cleanName(args.input.note),
        validFrom,
        updatedAt: new Date(),
      })
      .where(eq(memberships.id, membership.id))
      .returning();
    ctx.audit.note('MUTATION', [membership.id]);
    return row;
  },

  closeMembership: async (_: unknown, args: { id: string; validTo: string }, ctx: Context) => {
    const membership = await mustExist(
      ctx,
      'Membership',
      idArgument(ctx, 'id', 'Membership', args.id),
      (id) => ctx.loaders.membership.load(id),
    );
    await mustCover(
      ctx,
      await ctx.loaders.organization.load(membership.organizationId),
      'membership',
    );
    mustBeOpen(ctx, 'membership', membership);
    const errors = new FieldErrors(ctx.locale);
    checkDateOrder(errors, 'validTo', membership.validFrom, args.validTo);
    errors.throwIfAny();

    const [row] = await ctx.db
      .update(memberships)
      .set({ validTo: args.validTo, updatedAt: new Date() })
      .where(eq(memberships.id, membership.id))
      .returning();
    ctx.audit.note('MUTATION', [membership.id]);
    return row;
  },
};
