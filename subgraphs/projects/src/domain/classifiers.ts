import type { Locale } from '@dxhub/kit';

/**
 * The national platforms and toolkits of Decision 1690/QĐ-TTg (task group 3) that a project
 * serves, plus OTHER for anything else.
 */
export const PLATFORMS = [
  'TRAINING',
  'COMMUNICATION',
  'PROJECT_MANAGEMENT',
  'SURVEYS',
  'MONITORING',
  'DATA_SHARING',
  'KNOWLEDGE_MANAGEMENT',
  'VIRTUAL_ASSISTANT',
  'CYBERSECURITY',
  'OTHER',
] as const;
export type Platform = (typeof PLATFORMS)[number];

/**
 * Who does the work, in the three ways Decision 1690/QĐ-TTg names: the state body itself, an
 * enterprise selling it as a service, or the body mobilising society.
 */
export const DELIVERY_MODES = ['IN_HOUSE', 'OUTSOURCED_SERVICE', 'SOCIAL_MOBILISATION'] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

/** Where the money comes from: the two state budget lines, mobilised funds, ODA loans or other. */
export const FUNDING_SOURCES = [
  'STATE_BUDGET_REGULAR',
  'STATE_BUDGET_INVESTMENT',
  'SOCIAL_MOBILISATION',
  'ODA',
  'OTHER',
] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];

const DELIVERY_MODE_LABELS: Record<DeliveryMode, Record<Locale, string>> = {
  IN_HOUSE: { en: 'done by the body itself', vi: 'Cơ quan nhà nước tự triển khai' },
  OUTSOURCED_SERVICE: { en: 'outsourced as a service', vi: 'Thuê ngoài dịch vụ' },
  SOCIAL_MOBILISATION: { en: 'mobilising society', vi: 'Huy động xã hội' },
};

export function deliveryModeLabel(mode: DeliveryMode, locale: Locale): string {
  return DELIVERY_MODE_LABELS[mode][locale];
}
