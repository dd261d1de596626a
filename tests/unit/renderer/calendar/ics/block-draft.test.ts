/** An imported event as a new block's fields: its own zone kept, all-day and over-long events made into blocks a person can save. */
import { describe, expect, it } from 'vitest';
import { draftBlock, overlayToBlockDraft } from '../../../../../src-renderer/calendar/ics/block-draft.ts';
import { ianaZoneOf } from '../../../../../src-renderer/calendar/ics/zone-names.ts';
import type { OverlayEvent } from '../../../../../src-renderer/calendar/overlay-event.ts';
import { timeBlockSchema } from '../../../../../src-renderer/domain/time-block.ts';

const at = (iso: string) => Date.parse(iso);
const meeting: OverlayEvent = {
  key: 'uid-1',
  calendarId: 'cal-1',
  summary: 'Steering committee',
  location: 'Zürich, Bahnhofstrasse 1',
  start: at('2026-03-30T08:00:00Z'),
  end: at('2026-03-30T09:00:00Z'),
  zone: 'Europe/Zurich',
  allDay: false,
};

describe('overlayToBlockDraft', () => {
  it('keeps the instants and the event’s own zone; a billable meeting noted with its place', () => {
    expect(overlayToBlockDraft(meeting, 'Europe/Lisbon')).toEqual({
      start: meeting.start,
      end: meeting.end,
      zone: 'Europe/Zurich',
      kind: 'meeting',
      billable: true,
      note: 'Steering committee (Zürich, Bahnhofstrasse 1)',
      notice: null,
    });
  });

  it('takes the display zone for a floating or UTC event', () => {
    expect(overlayToBlockDraft({ ...meeting, zone: null, location: '' }, 'Europe/Lisbon')).toMatchObject({ zone: 'Europe/Lisbon', note: 'Steering committee' });
  });

  it('makes an all-day event 09:00–10:00 on its day, an empty one 30 minutes, a long one a day, each saying so', () => {
    const allDay = overlayToBlockDraft(
      { ...meeting, allDay: true, zone: null, start: at('2026-04-02T00:00:00Z'), end: at('2026-04-03T00:00:00Z') },
      'Europe/Lisbon',
    );
    expect(allDay).toMatchObject({ start: at('2026-04-02T08:00:00Z'), end: at('2026-04-02T09:00:00Z'), notice: 'An all-day event: set the hours you worked.' });
    expect(overlayToBlockDraft({ ...meeting, end: meeting.start }, 'UTC')).toMatchObject({ end: meeting.start + 30 * 60_000 });
    const long = overlayToBlockDraft({ ...meeting, end: meeting.start + 3 * 86_400_000 }, 'UTC');
    expect(long.end - long.start).toBe(86_400_000);
    expect(long.notice).toMatch(/longer than a day/);
  });

  it('gives a block that only lacks its project', () => {
    const block = { ...draftBlock(overlayToBlockDraft(meeting, 'UTC')), id: 'b1', projectId: 'p1', clientId: 'c1', createdAt: 1, updatedAt: 1 };
    expect(timeBlockSchema.safeParse(block).success).toBe(true);
  });
});

describe('ianaZoneOf', () => {
  it('reads IANA names, vendor-prefixed names and Outlook’s Windows names; nothing else', () => {
    expect(ianaZoneOf('Europe/Berlin')).toBe('Europe/Berlin');
    expect(ianaZoneOf('/mozilla.org/20050126_1/Europe/Berlin')).toBe('Europe/Berlin');
    expect(ianaZoneOf('/freeassociation.sourceforge.net/Tzfile/America/Argentina/Buenos_Aires')).toBe('America/Argentina/Buenos_Aires');
    expect(ianaZoneOf('W. Europe Standard Time')).toBe('Europe/Berlin');
    expect(ianaZoneOf('GMT Standard Time')).toBe('Europe/London');
    expect(ianaZoneOf('India Standard Time')).toBe('Asia/Kolkata');
    expect(ianaZoneOf('Customized Time Zone')).toBeNull();
    expect(ianaZoneOf('EST')).toBeNull();
    expect(ianaZoneOf('Mars/Olympus_Mons')).toBeNull();
  });
});
