/** Every scope a dxhub token may carry; anything else in `scope` is ignored. */
export const SCOPES = [
  'network:read',
  'network:write',
  'network:pii',
  'staffing:read',
  'staffing:write',
  'projects:read',
  'projects:write',
  'surveys:read',
  'surveys:respond',
  'surveys:manage',
  'incidents:read',
  'incidents:report',
  'incidents:manage',
  'audit:read',
  'hub:admin',
] as const;

export type Scope = (typeof SCOPES)[number];

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}
