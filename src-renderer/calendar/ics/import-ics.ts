/**
 * "Import .ics…": read the file the person chose, keep its events over the window, store them as
 * one calendar (replacing the calendar's events when it was imported before). Dependencies are
 * injected so the steps are tested without a window; the card renders the outcome.
 */
import type { OverlayCalendar, StoredCalendar } from './overlay-store.ts';
import { calendarRow } from './overlay-store.ts';
import { overlayWindow } from './overlay-limits.ts';
import { readIcs } from './read-ics.ts';

/** Far above a year of a busy calendar (a few MB); beyond it, probably the wrong file. */
export const MAX_ICS_FILE_BYTES = 32 * 1024 * 1024;

export interface ImportIcsDeps {
  now: () => number;
  /** The zone floating times and all-day dates are read in. */
  zone: string;
  newId: () => string;
  calendars: () => readonly OverlayCalendar[];
  save: (id: string, value: StoredCalendar) => Promise<void>;
}

export type ImportIcsOutcome =
  { ok: true; id: string; name: string; events: number; replaced: boolean; problems: string[]; notes: string[] } | { ok: false; message: string };

/** Imports `file` (anything with a name, a size and its text). */
export async function importIcs(deps: ImportIcsDeps, file: { name: string; size: number; text: () => Promise<string> }): Promise<ImportIcsOutcome> {
  if (file.size > MAX_ICS_FILE_BYTES) return { ok: false, message: `${file.name} is larger than 32 MB; export a shorter period from your calendar app.` };
  let text: string;
  try {
    text = await file.text();
  } catch {
    return { ok: false, message: `${file.name} could not be read; choose it again.` };
  }
  const now = deps.now();
  const window = overlayWindow(now);
  const read = readIcs(text, { fileName: file.name, displayZone: deps.zone, window });
  if (!read.ok) return read;
  const row = calendarRow(deps.calendars(), read.calendar, { fileName: file.name, now, window, newId: deps.newId });
  if (!row.ok) return row;
  try {
    await deps.save(row.id, row.value);
  } catch (error) {
    return { ok: false, message: `${file.name} was read but not stored: ${error instanceof Error ? error.message : String(error)}` };
  }
  return {
    ok: true,
    id: row.id,
    name: read.calendar.name,
    events: read.calendar.events.length,
    replaced: row.replaces !== null,
    problems: read.calendar.problems,
    notes: read.calendar.notes,
  };
}
