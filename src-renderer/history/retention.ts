/**
 * How far back history must reach: a workspace setting (synced, so every device compacts by the
 * same window), in days. Compaction keeps every segment newer than it on the target
 * (sync/engine/compaction.ts); the History view offers dates within it.
 */
export const HISTORY_RETENTION_KEY = 'sync.historyRetentionDays';
export const DEFAULT_RETENTION_DAYS = 90;
export const MIN_RETENTION_DAYS = 7;
export const MAX_RETENTION_DAYS = 3650;
const DAY_MS = 86_400_000;

/** The stored value as days: the default for anything missing or out of range (a setting synced from a broken device). */
export function retentionDays(stored: unknown): number {
  return typeof stored === 'number' && Number.isInteger(stored) && stored >= MIN_RETENTION_DAYS && stored <= MAX_RETENTION_DAYS
    ? stored
    : DEFAULT_RETENTION_DAYS;
}

/** The window in milliseconds. */
export function retentionMs(days: number): number {
  return days * DAY_MS;
}

/** What a person typed, as days, or what is wrong with it in words. */
export function parseRetentionDays(text: string): { ok: true; days: number } | { ok: false; message: string } {
  const trimmed = text.trim();
  const days = /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (!Number.isInteger(days) || days < MIN_RETENTION_DAYS || days > MAX_RETENTION_DAYS) {
    return { ok: false, message: `Keep history for a whole number of days from ${MIN_RETENTION_DAYS} to ${MAX_RETENTION_DAYS}.` };
  }
  return { ok: true, days };
}
