import { DxError, defineErrors, type Locale } from '@dxhub/kit';

/**
 * Domain error codes of the projects subgraph, sent in `extensions.code`. Clients branch on the
 * code; the extensions listed with each code carry the values a program needs.
 */
export const PROJECTS_ERRORS = {
  /** extensions: `from`, `to`, `allowed` (the statuses the project may move to). */
  PROJECTS_INVALID_TRANSITION: {
    status: 409,
    en: 'Project {code} cannot move from {from} to {to}. Allowed next statuses: {allowed}.',
    vi: 'Dự án {code} không thể chuyển từ trạng thái {from} sang {to}. Các trạng thái được phép: {allowed}.',
  },
  /** extensions: `spentToDate`, `budget` (strings of đồng). */
  PROJECTS_SPENDING_EXCEEDS_BUDGET: {
    status: 409,
    en: 'Spending to date of {spent} đồng exceeds the budget of {budget} đồng of project {code}. Record a budget change with changeProjectBudget first, or correct the amount.',
    vi: 'Số đã chi lũy kế {spent} đồng vượt kinh phí {budget} đồng của dự án {code}. Hãy ghi nhận điều chỉnh kinh phí bằng changeProjectBudget trước, hoặc sửa lại số tiền.',
  },
  /** extensions: `spentToDate`, `newBudget`. */
  PROJECTS_BUDGET_BELOW_SPENDING: {
    status: 409,
    en: 'The new budget of {budget} đồng is below the spending to date of {spent} đồng of project {code}. Give a budget of at least {spent} đồng.',
    vi: 'Kinh phí mới {budget} đồng thấp hơn số đã chi lũy kế {spent} đồng của dự án {code}. Hãy nhập kinh phí tối thiểu {spent} đồng.',
  },
  /** extensions: `status`, `allowedStatuses` (statuses in which the change is accepted). */
  PROJECTS_WRONG_STATUS: {
    status: 409,
    en: 'Project {code} is {status}, so {action} is not possible. It is possible while the project is {allowed}.',
    vi: 'Dự án {code} đang ở trạng thái {status} nên không thể {action}. Chỉ thực hiện được khi dự án ở trạng thái {allowed}.',
  },
  /** extensions: `field`, `value`. */
  PROJECTS_DUPLICATE_CODE: {
    status: 409,
    en: 'A project with code {value} already exists. Choose another code.',
    vi: 'Đã có dự án mang mã {value}. Hãy chọn mã khác.',
  },
  /** extensions: `deliveryMode`. */
  PROJECTS_CONTRACTOR_REQUIRED: {
    status: 409,
    en: 'Project {code} is outsourced as a service, so it needs a contractor enterprise before it can be {status}. Set contractorId or contractorCode with updateProject first.',
    vi: 'Dự án {code} thuê ngoài dịch vụ nên cần có doanh nghiệp thực hiện trước khi chuyển sang trạng thái {status}. Hãy đặt contractorId hoặc contractorCode bằng updateProject trước.',
  },
  /** extensions: `field`, `value`: another request changed the record first. */
  PROJECTS_CONCURRENT_CHANGE: {
    status: 409,
    en: 'Project {code} was changed by another request while this one ran. Read it again and retry.',
    vi: 'Dự án {code} vừa được một yêu cầu khác thay đổi. Hãy đọc lại dữ liệu và thử lại.',
  },
} as const;

defineErrors(PROJECTS_ERRORS);

export type ProjectsErrorCode = keyof typeof PROJECTS_ERRORS;

/** Builds a BAD_USER_INPUT error for one input field, with the reason in the request's language. */
export function badInput(
  locale: Locale,
  field: string,
  value: unknown,
  reason: { en: string; vi: string },
): DxError {
  return new DxError('BAD_USER_INPUT', {
    locale,
    params: { field, reason: reason[locale] },
    fieldErrors: [{ field, code: 'INVALID_VALUE', message: reason[locale], value }],
    extensions: { field },
  });
}

/** Builds the NOT_FOUND error for a record that does not exist or that the caller may not see. */
export function notFound(
  locale: Locale,
  entity: 'Project' | 'ProjectMilestone' | 'Organization',
  value: string,
): DxError {
  const names = {
    Project: { en: 'project', vi: 'dự án' },
    ProjectMilestone: { en: 'milestone', vi: 'mốc tiến độ' },
    Organization: { en: 'organisation', vi: 'tổ chức' },
  } as const;
  return new DxError('NOT_FOUND', {
    locale,
    params: { entity: names[entity][locale], value },
    extensions: { entity, value },
  });
}

/** Builds the FORBIDDEN error for a change outside the caller's jurisdiction. */
export function outsideJurisdiction(locale: Locale, what: string): DxError {
  return new DxError('FORBIDDEN', {
    locale,
    params: {
      reason:
        locale === 'vi'
          ? `${what} nằm ngoài phạm vi quản lý của tổ chức gọi (tổ chức đó và các đơn vị cấp dưới)`
          : `${what} is outside the caller's jurisdiction (its organisation and the units below it)`,
    },
    extensions: { reason: 'OUTSIDE_JURISDICTION' },
  });
}
