import type { Locale } from '@dxhub/kit';

/** A label in both languages of the hub. */
export interface Label {
  en: string;
  vi: string;
}

/**
 * Top-level classes of the Reference Security Incident Taxonomy (RSIT) of ENISA and TF-CSIRT,
 * the taxonomy European CSIRTs exchange incidents in. The RSIT class "test" is left out
 * because the hub records real incidents only.
 */
export const INCIDENT_CATEGORIES = [
  'ABUSIVE_CONTENT',
  'MALICIOUS_CODE',
  'INFORMATION_GATHERING',
  'INTRUSION_ATTEMPTS',
  'INTRUSIONS',
  'AVAILABILITY',
  'INFORMATION_CONTENT_SECURITY',
  'FRAUD',
  'VULNERABLE',
  'OTHER',
] as const;
export type IncidentCategory = (typeof INCIDENT_CATEGORIES)[number];

/** RSIT machine-readable class names, as MISP publishes them in its `rsit` namespace. */
export const RSIT_CLASS_NAMES: Record<IncidentCategory, string> = {
  ABUSIVE_CONTENT: 'abusive-content',
  MALICIOUS_CODE: 'malicious-code',
  INFORMATION_GATHERING: 'information-gathering',
  INTRUSION_ATTEMPTS: 'intrusion-attempts',
  INTRUSIONS: 'intrusions',
  AVAILABILITY: 'availability',
  INFORMATION_CONTENT_SECURITY: 'information-content-security',
  FRAUD: 'fraud',
  VULNERABLE: 'vulnerable',
  OTHER: 'other',
};

export const CATEGORY_LABELS: Record<IncidentCategory, Label> = {
  ABUSIVE_CONTENT: { en: 'Abusive content', vi: 'Nội dung lạm dụng' },
  MALICIOUS_CODE: { en: 'Malicious code', vi: 'Mã độc' },
  INFORMATION_GATHERING: { en: 'Information gathering', vi: 'Thu thập thông tin' },
  INTRUSION_ATTEMPTS: { en: 'Intrusion attempts', vi: 'Cố gắng xâm nhập' },
  INTRUSIONS: { en: 'Intrusions', vi: 'Xâm nhập' },
  AVAILABILITY: { en: 'Availability', vi: 'Tấn công tính sẵn sàng' },
  INFORMATION_CONTENT_SECURITY: {
    en: 'Information content security',
    vi: 'An toàn nội dung thông tin',
  },
  FRAUD: { en: 'Fraud', vi: 'Lừa đảo' },
  VULNERABLE: { en: 'Vulnerable', vi: 'Lỗ hổng' },
  OTHER: { en: 'Other', vi: 'Khác' },
};

export const INCIDENT_SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type IncidentSeverity = (typeof INCIDENT_SEVERITIES)[number];

export const SEVERITY_LABELS: Record<IncidentSeverity, Label> = {
  LOW: { en: 'Low', vi: 'Thấp' },
  MEDIUM: { en: 'Medium', vi: 'Trung bình' },
  HIGH: { en: 'High', vi: 'Cao' },
  CRITICAL: { en: 'Critical', vi: 'Nghiêm trọng' },
};

export const INCIDENT_STATUSES = [
  'REPORTED',
  'TRIAGED',
  'CONTAINED',
  'RESOLVED',
  'CLOSED',
  'REJECTED',
] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const STATUS_LABELS: Record<IncidentStatus, Label> = {
  REPORTED: { en: 'Reported', vi: 'Đã báo cáo' },
  TRIAGED: { en: 'Triaged', vi: 'Đã phân loại' },
  CONTAINED: { en: 'Contained', vi: 'Đã ngăn chặn' },
  RESOLVED: { en: 'Resolved', vi: 'Đã xử lý' },
  CLOSED: { en: 'Closed', vi: 'Đã đóng' },
  REJECTED: { en: 'Rejected', vi: 'Bị từ chối' },
};

/** Kind an organisation has in `network.org_tree` when it may handle incidents. */
export const INCIDENT_RESPONSE_TEAM_KIND = 'INCIDENT_RESPONSE_TEAM';

/** Returns the label of a value in the request's language. */
export function labelOf(label: Label, locale: Locale): string {
  return label[locale];
}
