/**
 * Imported calendars as the vault keeps them: one workspace setting per calendar,
 * `calendar/overlay/<calendarId>`, so sync carries each on its own and two devices importing
 * different calendars never overwrite each other (as the invoice register does:
 * reports/invoice-register.ts). The id is random: the key is stored in clear and must not tell
 * which calendar it is. A re-import of the same calendar (same X-WR-RELCALID, or the same name)
 * takes the stored calendar's id and replaces its events whole, so nothing is duplicated.
 * Pure: the slice (overlay-slice.ts) reads and writes.
 */
import { z } from 'zod';
import { epochMsSchema } from '../../domain/common.ts';
import type { OverlayEvent } from '../overlay-event.ts';
import { MAX_OVERLAY_BYTES, MAX_OVERLAY_CALENDARS, MAX_OVERLAY_EVENTS, MAX_TEXT } from './overlay-limits.ts';
import type { ReadCalendar } from './read-ics.ts';

/** Prefix of the settings that hold imported calendars. */
export const OVERLAY_PREFIX = 'calendar/overlay/';

const storedEventSchema = z.strictObject({
  key: z.string().min(1).max(2_000), // MAX_ID
  summary: z.string().max(MAX_TEXT),
  location: z.string().max(MAX_TEXT),
  start: epochMsSchema,
  end: epochMsSchema,
  zone: z.string().max(64).nullable(),
  allDay: z.boolean(),
});

/** One imported calendar, as stored. */
export const storedCalendarSchema = z.strictObject({
  version: z.literal(1),
  name: z.string().min(1).max(MAX_TEXT),
  /** What tells a re-import of this calendar (read-ics.ts); inside the encrypted value, never in the key. */
  source: z.string().max(2_000),
  fileName: z.string().max(260),
  importedAt: epochMsSchema,
  /** The period kept (events overlap it), UTC epoch ms. */
  window: z.strictObject({ from: z.number().int(), to: z.number().int() }),
  events: z.array(storedEventSchema).max(MAX_OVERLAY_EVENTS),
});
export type StoredCalendar = z.infer<typeof storedCalendarSchema>;
/** A stored calendar with its id (the key's last part). */
export type OverlayCalendar = StoredCalendar & { readonly id: string };

/** The setting key of calendar `id`. */
export const overlayKey = (id: string) => `${OVERLAY_PREFIX}${id}`;

/** The calendars among `settings` (rows under {@link OVERLAY_PREFIX}), by name; how many could not be read. */
export function readOverlayCalendars(settings: ReadonlyArray<{ id: string; value: unknown }>): { calendars: OverlayCalendar[]; unreadable: number } {
  const calendars: OverlayCalendar[] = [];
  let unreadable = 0;
  for (const { id, value } of settings) {
    if (!id.startsWith(OVERLAY_PREFIX)) continue;
    const parsed = storedCalendarSchema.safeParse(value);
    if (parsed.success) calendars.push({ ...parsed.data, id: id.slice(OVERLAY_PREFIX.length) });
    else unreadable++;
  }
  return { calendars: calendars.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)), unreadable };
}

/** The stored size of `calendar`: its JSON in UTF-8 bytes. */
export function storedBytes(calendar: StoredCalendar): number {
  return new TextEncoder().encode(JSON.stringify(calendar)).length;
}

const mb = (bytes: number) => `${(bytes / 1_000_000).toLocaleString('en', { maximumFractionDigits: 2 })} MB`;

/**
 * The row to write for `read`, imported at `now` from `fileName` over `window`: under the id of
 * the stored calendar it re-imports, else under `newId`. A refusal in words when it is too large
 * or too many calendars are kept.
 */
const MAX_ID = 2_000;

/** An id (a UID, a calendar's X-WR-RELCALID) that fits the stored limit, the same for the same text. */
function fitId(id: string): string {
  if (id.length <= MAX_ID) return id;
  // FNV-1a over the whole text: a long id stays recognisable on re-import without being kept whole.
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return `${id.slice(0, MAX_ID - 12)}#${hash.toString(16).padStart(8, '0')}`;
}

export function calendarRow(
  existing: readonly OverlayCalendar[],
  read: ReadCalendar,
  meta: { fileName: string; now: number; window: { from: number; to: number }; newId: () => string },
): { ok: true; id: string; replaces: OverlayCalendar | null; value: StoredCalendar } | { ok: false; message: string } {
  const source = fitId(read.source);
  const replaces = existing.find((c) => c.source === source) ?? null;
  if (!replaces && existing.length >= MAX_OVERLAY_CALENDARS) {
    return { ok: false, message: `Calendars: at most ${MAX_OVERLAY_CALENDARS} can be kept; remove one before importing ${meta.fileName}.` };
  }
  const value: StoredCalendar = {
    version: 1,
    name: read.name,
    source,
    fileName: meta.fileName.slice(0, 260),
    importedAt: meta.now,
    window: meta.window,
    events: read.events.map((e) => (e.key.length > MAX_ID ? { ...e, key: fitId(e.key) } : e)),
  };
  // What is saved must read back at the next unlock, on every device; else it would come back as
  // "unreadable" and a re-import would add it again.
  if (!storedCalendarSchema.safeParse(value).success) {
    return {
      ok: false,
      message: `${meta.fileName}: this calendar holds something Caravan cannot keep (an event without a usable id or time); nothing was imported.`,
    };
  }
  const bytes = storedBytes(value);
  if (bytes > MAX_OVERLAY_BYTES) {
    return {
      ok: false,
      message: `${meta.fileName}: its ${read.events.length.toLocaleString('en')} events would take ${mb(bytes)}, more than sync carries in one piece (${mb(MAX_OVERLAY_BYTES)}). Export a shorter period from your calendar app, or fewer calendars at once.`,
    };
  }
  return { ok: true, id: replaces?.id ?? meta.newId(), replaces, value };
}

/** The events of `calendars` that overlap [from, to), by start; an instant event at `from` counts. */
export function eventsInRange(calendars: readonly OverlayCalendar[], from: number, to: number): OverlayEvent[] {
  const out: OverlayEvent[] = [];
  for (const calendar of calendars) {
    for (const e of calendar.events) {
      if (e.start < to && (e.end > from || (e.end === e.start && e.start >= from))) out.push({ ...e, calendarId: calendar.id });
    }
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end || a.key.localeCompare(b.key));
}

/** The first and last day an imported calendar's events cover, UTC epoch ms; null when it holds none. */
export function eventSpan(calendar: StoredCalendar): { from: number; to: number } | null {
  if (calendar.events.length === 0) return null;
  let from = Infinity;
  let to = -Infinity;
  for (const e of calendar.events) {
    from = Math.min(from, e.start);
    to = Math.max(to, e.end);
  }
  return { from, to };
}
