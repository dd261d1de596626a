import { describe, expect, it } from 'vitest';
import { resnapWeek, weekDays, weekStartOf } from '../../../../src-renderer/calendar/week/week-days.ts';

describe('resnapWeek', () => {
  it('keeps the same Monday-to-Sunday week when the zone changes, east or west', () => {
    // Monday 7 December 2026, 00:00 in Berlin, is Sunday 18:00 in New York: read as is in New York
    // it would draw Sunday 6 to Saturday 12 December.
    const berlin = weekStartOf(Date.parse('2026-12-09T12:00:00Z'), 'Europe/Berlin');
    expect(weekDays(berlin, 'America/New_York')[0]!.iso).toBe('2026-12-06');
    for (const zone of ['America/New_York', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Asia/Kolkata', 'Europe/Berlin']) {
      const days = weekDays(resnapWeek(berlin, zone), zone);
      expect(days.map((d) => d.iso)).toEqual(['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-12', '2026-12-13']);
    }
  });
});

describe('an imported all-day event on the week', () => {
  it('sits on its own day east and west of UTC', async () => {
    const { readIcs } = await import('../../../../src-renderer/calendar/ics/read-ics.ts');
    const { allDayItems } = await import('../../../../src-renderer/calendar/week/week-all-day.ts');
    const text = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//test//EN',
      'BEGIN:VEVENT',
      'UID:offsite@test',
      'DTSTAMP:20260301T000000Z',
      'DTSTART;VALUE=DATE:20260304',
      'DTEND;VALUE=DATE:20260305',
      'SUMMARY:Offsite',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
    for (const zone of ['Europe/Berlin', 'Asia/Tokyo', 'America/Los_Angeles']) {
      const read = readIcs(text, {
        fileName: 'offsite.ics',
        displayZone: zone,
        window: { from: Date.parse('2026-01-01T00:00:00Z'), to: Date.parse('2027-01-01T00:00:00Z') },
      });
      if (!read.ok) throw new Error(read.message);
      const days = weekDays(weekStartOf(Date.parse('2026-03-04T12:00:00Z'), zone), zone);
      const items = allDayItems({
        days,
        phases: [],
        killSwitches: [],
        projectName: () => '',
        overlays: read.calendar.events.map((e) => ({ ...e, calendarId: 'test' })),
      });
      expect(items.map((i) => days[i.day]!.iso)).toEqual(['2026-03-04']);
    }
  });
});
