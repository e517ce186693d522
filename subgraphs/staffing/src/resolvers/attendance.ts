// Bulk upsert of a session's attendance: every row is checked first, every problem is reported
// together, and only a batch without problems is written, in one transaction.
import { DxError, MAX_BATCH_SIZE, type FieldError, type Locale } from '@dxhub/kit';
import type { Context } from '../context.js';
import type { AttendanceStatus } from '../db/schema.js';
import {
  checkOrgRef,
  isValidDuring,
  loadOrgsByCode,
  loadOrgsById,
  requireCovers,
  today,
  type OrganizationRef,
  type OrgRow,
} from '../data/orgs.js';
import { upsertAttendanceRows, type AttendanceUpsert, type SessionRow } from '../data/training.js';
import { badInput, badRows, type Bilingual } from '../errors.js';
import { isUuid } from '../validation.js';
import { findSession, recordedOrg } from './shared.js';

export interface AttendanceInput {
  personId: string;
  organization: OrganizationRef;
  status: AttendanceStatus;
  completedOn?: string | null;
}

/** Collects the problems of a batch, one entry per failed field. */
class RowProblems {
  readonly errors: FieldError[] = [];
  readonly failedRows = new Set<number>();

  constructor(private readonly locale: Locale) {}

  add(index: number, field: string, code: string, message: Bilingual, value?: unknown): void {
    this.failedRows.add(index);
    this.errors.push({
      field: `rows.${index}.${field}`,
      code,
      message: message[this.locale],
      ...(value === undefined ? {} : { value }),
    });
  }
}

/** Resolves every row's organisation with at most two statements (ids, then codes). */
async function resolveRowOrgs(
  ctx: Context,
  rows: AttendanceInput[],
  session: SessionRow,
  problems: RowProblems,
): Promise<(OrgRow | undefined)[]> {
  const refs = rows.map((row, index) => {
    try {
      return checkOrgRef(ctx, row.organization, `rows.${index}.organization`);
    } catch (error) {
      if (!(error instanceof DxError)) throw error;
      problems.add(
        index,
        'organization',
        'INVALID',
        {
          en: 'give exactly one of id and code, with a UUID id or a non-empty code',
          vi: 'hãy cung cấp đúng một trong hai trường id (UUID) hoặc code (không để trống)',
        },
        row.organization,
      );
      return undefined;
    }
  });
  const period = { from: session.startsOn, to: session.endsOn };
  const ids = [...new Set(refs.flatMap((ref) => (ref && 'id' in ref ? [ref.id] : [])))];
  const codes = [...new Set(refs.flatMap((ref) => (ref && 'code' in ref ? [ref.code] : [])))];
  const byId = new Map((await loadOrgsById(ctx.db, ids)).map((org) => [org.id, org]));
  const byCode = await loadOrgsByCode(ctx.db, codes, period);

  return refs.map((ref, index) => {
    if (!ref) return undefined;
    const org = 'id' in ref ? byId.get(ref.id) : byCode.get(ref.code);
    const name = 'id' in ref ? ref.id : ref.code;
    if (!org || !isValidDuring(org, period)) {
      problems.add(
        index,
        'organization',
        'NOT_FOUND',
        {
          en: `no organisation ${name} existed from ${period.from} to ${period.to}, the session's dates`,
          vi: `không có đơn vị ${name} trong thời gian của lớp, từ ${period.from} đến ${period.to}`,
        },
        name,
      );
      return undefined;
    }
    return org;
  });
}

/** Checks the person and the completion of each row, recording every problem found. */
function checkRows(rows: AttendanceInput[], session: SessionRow, problems: RowProblems): void {
  const firstRowOfPerson = new Map<string, number>();
  const lastDay = today();
  rows.forEach((row, index) => {
    if (!isUuid(row.personId)) {
      problems.add(
        index,
        'personId',
        'INVALID_ID',
        {
          en: `"${row.personId}" is not a person id (a UUID)`,
          vi: `"${row.personId}" không phải mã định danh người (UUID)`,
        },
        row.personId,
      );
    } else {
      const personId = row.personId.toLowerCase();
      const first = firstRowOfPerson.get(personId);
      if (first === undefined) firstRowOfPerson.set(personId, index);
      else
        problems.add(
          index,
          'personId',
          'DUPLICATE',
          {
            en: `person ${row.personId} is already in row ${first}; send one row per person`,
            vi: `người ${row.personId} đã có ở dòng ${first}; mỗi người chỉ gửi một dòng`,
          },
          row.personId,
        );
    }

    const completedOn = row.completedOn ?? null;
    if (row.status === 'COMPLETED' && completedOn === null) {
      problems.add(index, 'completedOn', 'REQUIRED', {
        en: 'a COMPLETED row needs completedOn, the day the person completed the course',
        vi: 'dòng có trạng thái COMPLETED phải có completedOn, ngày hoàn thành khóa học',
      });
    } else if (row.status !== 'COMPLETED' && completedOn !== null) {
      problems.add(
        index,
        'completedOn',
        'NOT_ALLOWED',
        {
          en: `completedOn is only for COMPLETED rows, and this row is ${row.status}; leave it out`,
          vi: `completedOn chỉ dùng cho dòng COMPLETED, còn dòng này là ${row.status}; hãy bỏ trống`,
        },
        completedOn,
      );
    } else if (completedOn !== null && (completedOn < session.startsOn || completedOn > lastDay)) {
      problems.add(
        index,
        'completedOn',
        'OUT_OF_RANGE',
        {
          en: `${completedOn} is outside ${session.startsOn} (the session's first day) to ${lastDay} (today)`,
          vi: `${completedOn} nằm ngoài khoảng từ ${session.startsOn} (ngày bắt đầu lớp) đến ${lastDay} (hôm nay)`,
        },
        completedOn,
      );
    }
  });
}

function checkBatchSize(locale: Locale, count: number): void {
  if (count === 0) {
    throw badInput(locale, 'rows', {
      en: 'no rows were sent; send at least one',
      vi: 'chưa gửi dòng nào; hãy gửi ít nhất một dòng',
    });
  }
  if (count > MAX_BATCH_SIZE) {
    throw badInput(
      locale,
      'rows',
      {
        en: `${count} rows exceed the maximum of ${MAX_BATCH_SIZE} per request; split them into several requests`,
        vi: `${count} dòng vượt quá tối đa ${MAX_BATCH_SIZE} dòng mỗi yêu cầu; hãy chia thành nhiều yêu cầu`,
      },
      count,
    );
  }
}

export async function upsertAttendance(
  _: unknown,
  args: { sessionId: string; rows: AttendanceInput[] },
  ctx: Context,
): Promise<{ session: SessionRow; inserted: number; updated: number }> {
  const session = await findSession(ctx, 'sessionId', args.sessionId);
  await requireCovers(ctx, await recordedOrg(ctx, session.organizerId), {
    en: 'record attendance of the training sessions',
    vi: 'ghi nhận tham dự lớp bồi dưỡng, tập huấn',
  });
  checkBatchSize(ctx.locale, args.rows.length);

  const problems = new RowProblems(ctx.locale);
  checkRows(args.rows, session, problems);
  const orgs = await resolveRowOrgs(ctx, args.rows, session, problems);
  if (problems.failedRows.size > 0) {
    const failed = problems.failedRows.size;
    const total = args.rows.length;
    throw badRows(
      ctx.locale,
      'rows',
      {
        en: `${failed} of ${total} rows are invalid, so none was saved; fix the rows listed in fieldErrors and send the batch again`,
        vi: `${failed} trên ${total} dòng không hợp lệ nên chưa dòng nào được lưu; hãy sửa các dòng nêu trong fieldErrors rồi gửi lại cả lô`,
      },
      problems.errors,
    );
  }

  const upserts: AttendanceUpsert[] = args.rows.map((row, index) => ({
    personId: row.personId.toLowerCase(),
    orgId: (orgs[index] as OrgRow).id,
    status: row.status,
    completedOn: row.completedOn ?? null,
  }));
  const result = await upsertAttendanceRows(ctx.db, session.id, session.startsOn, upserts);
  if ('startsOnChanged' in result) {
    throw new DxError('CONFLICT', {
      locale: ctx.locale,
      params: {
        reason:
          ctx.locale === 'vi'
            ? `ngày bắt đầu của lớp vừa đổi thành ${result.startsOnChanged} trong lúc kiểm tra; hãy gửi lại cả lô`
            : `the session's first day changed to ${result.startsOnChanged} while the rows were checked; send the batch again`,
      },
    });
  }
  ctx.audit.note('MUTATION', result.ids);
  ctx.logger.info(
    { sessionId: session.id, inserted: result.inserted, updated: result.updated },
    'attendance upserted',
  );
  return { session, inserted: result.inserted, updated: result.updated };
}
