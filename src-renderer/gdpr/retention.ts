/**
 * Retention review: which clients' data has been kept longer than the period set on them.
 *
 * Last activity is the later of the client's `updatedAt` and the end of its latest time block, so
 * any edit of the client counts as activity: a person who changes the client is still working
 * with it. The period ends `retentionMonths` calendar months (UTC) after that; once that instant is
 * in the past, the client is due for review. Nothing here deletes anything: the person decides
 * (export, erase, or keep for longer).
 */
import type { Client } from '../domain/client.ts';
import type { TimeBlock } from '../domain/time-block.ts';

/** Longest retention a client may have (the schema's maximum): a century. */
export const MAX_RETENTION_MONTHS = 1_200;

/** How much "Keep" adds to a client's retention period. */
export const KEEP_EXTENSION_MONTHS = 12;

/** A client whose retention period has ended. */
export interface RetentionReview {
  readonly client: Client;
  /** UTC epoch ms of the client's last activity. */
  readonly lastActivity: number;
  /** UTC epoch ms when the retention period ended (before now). */
  readonly endedAt: number;
}

/**
 * `ms` plus `months` calendar months in UTC, with the day clamped to the target month's length
 * (31 January + 1 month is 28 or 29 February), the time of day kept.
 */
export function addMonthsUtc(ms: number, months: number): number {
  const d = new Date(ms);
  const monthIndex = d.getUTCMonth() + months;
  const year = d.getUTCFullYear() + Math.floor(monthIndex / 12);
  const month = ((monthIndex % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(d.getUTCDate(), lastDay);
  return Date.UTC(year, month, day, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
}

/** The end of each client's latest block, by client id. */
export function latestBlockEnds(blocks: readonly TimeBlock[]): Map<string, number> {
  const latest = new Map<string, number>();
  for (const b of blocks) if (b.end > (latest.get(b.clientId) ?? -Infinity)) latest.set(b.clientId, b.end);
  return latest;
}

/** The later of the client's last edit and its latest block's end. */
export function lastActivity(client: Client, latestBlockEnd: number | undefined): number {
  return Math.max(client.updatedAt, latestBlockEnd ?? -Infinity);
}

/**
 * Clients with a retention period that ended before `now`, the longest overdue first (then by
 * name). `blocks` must be every live block: a missing later block would make a client look due
 * too early, so callers wait until the cache is complete.
 */
export function retentionReviews(clients: readonly Client[], blocks: readonly TimeBlock[], now: number): RetentionReview[] {
  const latest = latestBlockEnds(blocks);
  const due: RetentionReview[] = [];
  for (const client of clients) {
    if (client.retentionMonths === undefined) continue;
    const last = lastActivity(client, latest.get(client.id));
    const endedAt = addMonthsUtc(last, client.retentionMonths);
    if (endedAt < now) due.push({ client, lastActivity: last, endedAt });
  }
  return due.sort((a, b) => a.endedAt - b.endedAt || a.client.name.localeCompare(b.client.name) || a.client.id.localeCompare(b.client.id));
}

/**
 * The retention after "Keep": the period plus {@link KEEP_EXTENSION_MONTHS}, capped at the
 * maximum. Saving it is itself an edit of the client, so the next review comes that many months
 * after the save.
 */
export function extendedRetention(months: number): number {
  return Math.min(months + KEEP_EXTENSION_MONTHS, MAX_RETENTION_MONTHS);
}

const monthsText = (months: number): string => (months === 1 ? '1 month' : `${months} months`);

/** The retention period in words, for the Art. 30 record; undefined when there is no period. */
export function retentionInWords(months: number | undefined): string | undefined {
  if (months === undefined) return undefined;
  return (
    `${monthsText(months)} after the last activity for the controller (the later of the last change to the client’s record and the end of the last time block). ` +
    'When that period has passed, the processor reviews the data and exports it to the controller, erases it (which destroys the client’s key), or keeps it for a further period.'
  );
}
