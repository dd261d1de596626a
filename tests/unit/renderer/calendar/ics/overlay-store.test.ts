/**
 * Imported calendars in the vault: a re-import replaces, never duplicates; a calendar too large for
 * one sync segment is refused in words; the rows are read back by prefix from the encrypted store;
 * events are picked by range.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { importIcs, type ImportIcsDeps } from '../../../../../src-renderer/calendar/ics/import-ics.ts';
import { MAX_OVERLAY_BYTES } from '../../../../../src-renderer/calendar/ics/overlay-limits.ts';
import {
  calendarRow,
  storedCalendarSchema,
  eventsInRange,
  type OverlayCalendar,
  overlayKey,
  OVERLAY_PREFIX,
  readOverlayCalendars,
  type StoredCalendar,
} from '../../../../../src-renderer/calendar/ics/overlay-store.ts';
import type { StoredOverlayEvent } from '../../../../../src-renderer/calendar/ics/read-ics.ts';
import { getSodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import { listSettingsWithPrefix, setSetting } from '../../../../../src-renderer/vault/repos/settings.ts';
import { openTestVault, type TestVault } from '../../../support/store-helpers.ts';

const FIXTURES = join(import.meta.dirname, '../../../../fixtures/ics');
const NOW = Date.parse('2026-03-01T12:00:00Z');

function memoryDeps(): ImportIcsDeps & { rows: Map<string, StoredCalendar> } {
  const rows = new Map<string, StoredCalendar>();
  let next = 0;
  return {
    rows,
    now: () => NOW,
    zone: 'Europe/Lisbon',
    newId: () => `cal-${++next}`,
    calendars: () => [...rows].map(([id, value]) => ({ ...value, id })),
    save: async (id, value) => void rows.set(id, value),
  };
}
const fileOf = (name: string, text = readFileSync(join(FIXTURES, name), 'utf8')) => ({ name, size: text.length, text: async () => text });

describe('importIcs', () => {
  it('stores a calendar with its events and problems, and a re-import replaces its events instead of adding them again', async () => {
    const deps = memoryDeps();
    const first = await importIcs(deps, fileOf('google-export.ics'));
    expect(first).toMatchObject({
      ok: true,
      id: 'cal-1',
      name: 'Łódź Analytics',
      events: 6,
      replaced: false,
      problems: ['Event “Lunch with the Zürich team” has no start (DTSTART) and was left out.'],
    });
    const again = await importIcs(deps, fileOf('google-export.ics'));
    expect(again).toMatchObject({ ok: true, id: 'cal-1', events: 6, replaced: true });
    expect(deps.rows.size).toBe(1);
    expect(deps.rows.get('cal-1')?.events).toHaveLength(6);
    await importIcs(deps, fileOf('outlook-export.ics'));
    expect([...deps.rows.keys()]).toEqual(['cal-1', 'cal-2']);
  });

  it('refuses a file that is not a calendar, storing nothing', async () => {
    const deps = memoryDeps();
    expect(await importIcs(deps, fileOf('not-a-calendar.ics'))).toEqual({
      ok: false,
      message: 'not-a-calendar.ics is not a calendar file: an .ics file begins with BEGIN:VCALENDAR, this one with “BEGIN:VCARD”.',
    });
    expect(deps.rows.size).toBe(0);
  });
});

const event = (i: number, extra: Partial<StoredOverlayEvent> = {}): StoredOverlayEvent => ({
  key: `uid-${i}@example.com`,
  summary: `Meeting ${i} ${'x'.repeat(180)}`,
  location: `Room ${'y'.repeat(180)}`,
  start: NOW + i * 3_600_000,
  end: NOW + i * 3_600_000 + 1_800_000,
  zone: 'Europe/Warsaw',
  allDay: false,
  ...extra,
});
const readCalendar = (events: StoredOverlayEvent[]) => ({ name: 'Big', source: 'name:Big', events, problems: [], notes: [] });
const meta = { fileName: 'big.ics', now: NOW, window: { from: 0, to: NOW * 2 }, newId: () => 'cal-new' };

describe('calendarRow', () => {
  it('refuses, in words, a calendar heavier than one sync segment carries', () => {
    const row = calendarRow([], readCalendar(Array.from({ length: 5_000 }, (_, i) => event(i))), meta);
    expect(row.ok).toBe(false);
    expect(!row.ok && row.message).toMatch(
      /^big\.ics: its 5,000 events would take 2\.\d+ MB, more than sync carries in one piece \(0\.98 MB\)\. Export a shorter period/,
    );
  });

  it('keeps a calendar whose UID and calendar id are longer than the store keeps, so it reads back and re-imports replace it', () => {
    const longUid = `${'x'.repeat(2_100)}@example.test`;
    const read = { ...readCalendar([event(0, { key: longUid }), event(1)]), source: `relcalid:${'y'.repeat(2_100)}` };
    const row = calendarRow([], read, meta);
    if (!row.ok) throw new Error(row.message);
    expect(storedCalendarSchema.safeParse(row.value).success).toBe(true);
    expect(row.value.events[0]!.key.length).toBeLessThanOrEqual(2_000);
    // The same long ids give the same stored ids: a re-import finds the calendar it replaces.
    const stored: OverlayCalendar = { ...row.value, id: row.id };
    const again = calendarRow([stored], read, { ...meta, newId: () => 'cal-other' });
    expect(again.ok && again.id).toBe(row.id);
    expect(again.ok && again.value.events[0]!.key).toBe(row.value.events[0]!.key);
  });

  it('accepts one just under the limit', () => {
    const row = calendarRow([], readCalendar(Array.from({ length: 1_500 }, (_, i) => event(i))), meta);
    expect(row.ok).toBe(true);
    expect(row.ok && new TextEncoder().encode(JSON.stringify(row.value)).length).toBeLessThanOrEqual(MAX_OVERLAY_BYTES);
  });
});

describe('eventsInRange', () => {
  it('returns events overlapping the range from every calendar, by start, with their calendar', () => {
    const a = {
      id: 'a',
      version: 1,
      name: 'A',
      source: 'a',
      fileName: 'a.ics',
      importedAt: NOW,
      window: meta.window,
      events: [event(3), event(1)],
    } satisfies OverlayCalendar;
    const b = { ...a, id: 'b', events: [event(2), event(9)] };
    const got = eventsInRange([a, b], NOW + 3_600_000 + 1_000, NOW + 4 * 3_600_000);
    expect(got.map((e) => [e.calendarId, e.key])).toEqual([
      ['a', 'uid-1@example.com'],
      ['b', 'uid-2@example.com'],
      ['a', 'uid-3@example.com'],
    ]);
  });
});

describe('the rows in the encrypted store', () => {
  let v: TestVault;
  beforeAll(async () => {
    await getSodium();
  });
  beforeEach(async () => {
    v = await openTestVault();
  });
  afterEach(async () => {
    await v.close();
  });

  it('are read back by their prefix only, and a damaged one is counted, not shown', async () => {
    const deps = memoryDeps();
    await importIcs(deps, fileOf('apple-export.ics'));
    const stored = deps.rows.get('cal-1')!;
    await setSetting(v.ctx, overlayKey('cal-1'), stored);
    await setSetting(v.ctx, overlayKey('cal-2'), { version: 99 });
    await setSetting(v.ctx, 'invoice/0123', { number: 'INV-1' });
    const rows = await listSettingsWithPrefix(v.ctx, OVERLAY_PREFIX);
    expect(rows.map((r) => r.id)).toEqual(['calendar/overlay/cal-1', 'calendar/overlay/cal-2']);
    const read = readOverlayCalendars(rows);
    expect(read.unreadable).toBe(1);
    expect(read.calendars).toEqual([{ ...stored, id: 'cal-1' }]);
  });
});
