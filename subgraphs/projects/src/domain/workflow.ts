import type { Locale } from '@dxhub/kit';

/** Lifecycle of a project; the Vietnamese labels are the official wording. */
export const PROJECT_STATUSES = [
  'PROPOSED',
  'APPROVED',
  'IN_PROGRESS',
  'SUSPENDED',
  'COMPLETED',
  'CANCELLED',
] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

/**
 * The only status changes a project may make. The check constraint on `status_changes` is
 * generated from this map, so the database and the resolvers cannot drift apart.
 */
export const TRANSITIONS: Readonly<Record<ProjectStatus, readonly ProjectStatus[]>> = {
  PROPOSED: ['APPROVED', 'CANCELLED'],
  APPROVED: ['IN_PROGRESS', 'CANCELLED'],
  IN_PROGRESS: ['SUSPENDED', 'COMPLETED', 'CANCELLED'],
  SUSPENDED: ['IN_PROGRESS', 'CANCELLED'],
  COMPLETED: [],
  CANCELLED: [],
};

/** Statuses after which a project takes no further changes. */
export const CLOSED_STATUSES: readonly ProjectStatus[] = ['COMPLETED', 'CANCELLED'];

/** Statuses in which progress reports are accepted: the work has started and is not closed. */
export const REPORTING_STATUSES: readonly ProjectStatus[] = ['IN_PROGRESS', 'SUSPENDED'];

/** Statuses in which an outsourced project must name its contractor. */
export const CONTRACTED_STATUSES: readonly ProjectStatus[] = [
  'IN_PROGRESS',
  'SUSPENDED',
  'COMPLETED',
];

const STATUS_LABELS: Record<ProjectStatus, Record<Locale, string>> = {
  PROPOSED: { en: 'proposed', vi: 'Đề xuất' },
  APPROVED: { en: 'approved', vi: 'Đã phê duyệt' },
  IN_PROGRESS: { en: 'in progress', vi: 'Đang triển khai' },
  SUSPENDED: { en: 'suspended', vi: 'Tạm dừng' },
  COMPLETED: { en: 'completed', vi: 'Hoàn thành' },
  CANCELLED: { en: 'cancelled', vi: 'Hủy bỏ' },
};

/** Returns the official label of the status in `locale`. */
export function statusLabel(status: ProjectStatus, locale: Locale): string {
  return STATUS_LABELS[status][locale];
}

/** Lists statuses for a message, such as "approved, cancelled"; "none" for an empty list. */
export function statusList(statuses: readonly ProjectStatus[], locale: Locale): string {
  if (statuses.length === 0) return locale === 'vi' ? 'không có' : 'none';
  return statuses.map((status) => statusLabel(status, locale)).join(', ');
}

export function canTransition(from: ProjectStatus, to: ProjectStatus): boolean {
  return TRANSITIONS[from].includes(to);
}
