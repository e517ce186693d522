/** Vietnam keeps UTC+07:00 all year (no daylight saving time), so one fixed offset is exact. */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** Formats an instant as an ISO 8601 timestamp in Asia/Ho_Chi_Minh, such as 2025-07-01T08:00:00+07:00. */
export function vietnamTimestamp(at: Date): string {
  return new Date(at.getTime() + VIETNAM_OFFSET_MS).toISOString().replace(/\.\d{3}Z$/, '+07:00');
}
