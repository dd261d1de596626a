/**
 * How much of an imported calendar is kept. An imported calendar is one workspace setting
 * (overlay-store.ts), and one write travels in one sync segment of at most 1 MiB
 * (sync/segment/segment-payload.ts), as an issued invoice does (invoices/lifecycle/issued-size.ts):
 * a larger row would stop sync. An event is stored in about 150 to 400 bytes of JSON (summary and
 * location clipped to {@link MAX_TEXT} characters), so {@link MAX_OVERLAY_EVENTS} events fit.
 */
import { MAX_SEGMENT_PLAINTEXT_BYTES } from '../../sync/segment/segment-payload.ts';

/** Events kept per calendar. */
export const MAX_OVERLAY_EVENTS = 5_000;
/** Steps ical.js may take through one recurring event (a minutely rule from 1990 ends here, said so). */
export const MAX_EXPANSION_STEPS = 100_000;
/** Characters kept of a summary or a location. */
export const MAX_TEXT = 200;
/** The most a stored calendar may weigh, as JSON in UTF-8 bytes: the segment limit less a margin for the change's framing. */
export const MAX_OVERLAY_BYTES = MAX_SEGMENT_PLAINTEXT_BYTES - 64 * 1024;
/** Calendars kept at once. */
export const MAX_OVERLAY_CALENDARS = 20;

const DAY_MS = 86_400_000;
/** Days kept before the import day. */
export const WINDOW_DAYS_BEFORE = 366;
/** Days kept after the import day (two years). */
export const WINDOW_DAYS_AFTER = 731;
/** The window in words, for the notes and the docs. */
export const OVERLAY_WINDOW_WORDS = 'a year before the import to two years after';

/** The period kept for an import at `now`: events must overlap it. */
export function overlayWindow(now: number): { from: number; to: number } {
  return { from: now - WINDOW_DAYS_BEFORE * DAY_MS, to: now + WINDOW_DAYS_AFTER * DAY_MS };
}
