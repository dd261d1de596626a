/**
 * Reading real exporters' shapes (Google with a recurring series, an EXDATE, a moved and a
 * cancelled occurrence; Outlook with Windows zone names; Apple with a VTIMEZONE and a floating
 * event) and RFC 5545's own examples, at the instants the files mean.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readIcs, type ReadIcsOptions } from '../../../../../src-renderer/calendar/ics/read-ics.ts';

const FIXTURES = join(import.meta.dirname, '../../../../fixtures/ics');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const at = (iso: string) => Date.parse(iso);
const Y2026: ReadIcsOptions['window'] = { from: at('2026-01-01T00:00:00Z'), to: at('2027-01-01T00:00:00Z') };

function read(name: string, options: Partial<ReadIcsOptions> = {}) {
  const result = readIcs(fixture(name), { fileName: name, displayZone: 'Europe/Lisbon', window: Y2026, ...options });
  if (!result.ok) throw new Error(result.message);
  return result.calendar;
}

describe('Google Calendar export', () => {
  const calendar = read('google-export.ics');
  const times = (summary: RegExp) =>
    calendar.events.filter((e) => summary.test(e.summary)).map((e) => [new Date(e.start).toISOString(), new Date(e.end).toISOString()]);

  it('names the calendar and keeps every readable event once', () => {
    expect(calendar.name).toBe('Łódź Analytics');
    expect(calendar.source).toBe('name:Łódź Analytics');
    expect(calendar.events).toHaveLength(6);
  });

  it('expands the weekly series across the DST change, without the EXDATE, with the moved occurrence and without the cancelled one', () => {
    expect(times(/weekly/)).toEqual([
      ['2026-03-16T09:00:00.000Z', '2026-03-16T09:30:00.000Z'], // 10:00 CET
      ['2026-03-30T08:00:00.000Z', '2026-03-30T08:30:00.000Z'], // 10:00 CEST, the day after the change
      ['2026-04-06T12:00:00.000Z', '2026-04-06T12:30:00.000Z'], // moved to 14:00
      ['2026-04-20T08:00:00.000Z', '2026-04-20T08:30:00.000Z'],
    ]);
    const moved = calendar.events.find((e) => e.summary === 'Łódź Analytics weekly (moved)');
    expect(moved?.key).toBe('7kq2c9a1weekly@google.com/2026-04-06T10:00:00');
    expect(moved?.zone).toBe('Europe/Warsaw');
    expect(calendar.events.find((e) => e.start === at('2026-03-16T09:00:00Z'))?.location).toBe('Łódź, Piotrkowska 100');
  });

  it('reads UTC times as written, and a two-day all-day event as its days, at UTC midnight', () => {
    expect(times(/Model review/)).toEqual([['2026-03-20T08:30:00.000Z', '2026-03-20T09:30:00.000Z']]);
    expect(calendar.events.find((e) => e.summary === 'Model review')?.zone).toBeNull();
    const offsite = calendar.events.find((e) => e.summary === 'Αθήνα offsite');
    // Lisbon is on UTC+1 from 29 March: midnight there is 23:00 UTC the day before.
    // An all-day DATE is kept at UTC midnight, whatever the display zone (ics-times.ts).
    expect(offsite).toMatchObject({ allDay: true, start: at('2026-04-02T00:00:00Z'), end: at('2026-04-04T00:00:00Z'), zone: null });
  });

  it('names the event without a start and leaves cancelled events out silently', () => {
    expect(calendar.problems).toEqual(['Event “Lunch with the Zürich team” has no start (DTSTART) and was left out.']);
    expect(calendar.events.some((e) => e.summary === 'Cancelled call')).toBe(false);
  });
});

describe('Outlook export', () => {
  const calendar = read('outlook-export.ics');

  it('reads a Windows zone name as its IANA zone, and says so', () => {
    const meeting = calendar.events.find((e) => e.summary === 'Steering committee');
    // 10:00 in Berlin on 30 March 2026 (CEST, UTC+2).
    expect(meeting).toMatchObject({
      start: at('2026-03-30T08:00:00Z'),
      end: at('2026-03-30T09:00:00Z'),
      zone: 'Europe/Berlin',
      location: 'Zürich, Bahnhofstrasse 1',
    });
    expect(calendar.notes).toContain('The Outlook zone “W. Europe Standard Time” was read as Europe/Berlin.');
  });

  it('reads a zone only the file defines (Customized Time Zone) with its VTIMEZONE', () => {
    expect(calendar.events.find((e) => e.summary === 'Bengaluru sync')).toMatchObject({
      start: at('2026-03-31T09:30:00Z'),
      end: at('2026-03-31T10:30:00Z'),
      zone: null,
    });
  });

  it('takes X-WR-RELCALID as what tells a re-import', () => {
    expect(calendar.source).toBe('relcalid:{0000002E-1A2B-3C4D-5E6F-ABCDEF123456}');
    expect(calendar.name).toBe('Zürich client');
  });
});

describe('Apple Calendar export', () => {
  const calendar = read('apple-export.ics', { displayZone: 'Europe/Berlin' });

  it('measures an event across the spring-forward change in real time (01:00 EST to 04:00 EDT is two hours)', () => {
    const redEye = calendar.events.find((e) => e.summary.startsWith('Red-eye'));
    expect(redEye).toMatchObject({ start: at('2026-03-08T06:00:00Z'), end: at('2026-03-08T08:00:00Z'), zone: 'America/New_York' });
  });

  it('keeps a daily 09:00 at 09:00 local across the change', () => {
    expect(calendar.events.filter((e) => e.summary === 'Morning stand-up').map((e) => new Date(e.start).toISOString())).toEqual([
      '2026-03-06T14:00:00.000Z',
      '2026-03-07T14:00:00.000Z',
      '2026-03-08T13:00:00.000Z',
      '2026-03-09T13:00:00.000Z',
    ]);
  });

  it('reads a floating time in the display zone, and says so', () => {
    expect(calendar.events.find((e) => e.summary === 'Call home')).toMatchObject({ start: at('2026-03-10T08:00:00Z'), zone: null, allDay: false });
    expect(calendar.notes).toContain("1 event has no time zone (floating times): read as Europe/Berlin times, this device's zone.");
  });
});

describe('RFC 5545 examples', () => {
  const window = { from: at('1997-09-01T00:00:00Z'), to: at('1999-01-01T00:00:00Z') };
  const calendar = read('rfc5545-examples.ics', { window });
  const starts = (summary: string) => calendar.events.filter((e) => e.summary === summary).map((e) => new Date(e.start).toISOString());

  it('§3.6.1: a zoned meeting, a UTC event and a yearly all-day event', () => {
    expect(starts('XYZ Project Review')).toEqual(['1998-03-12T13:30:00.000Z']);
    expect(starts('Annual Employee Review')).toEqual(['1997-09-03T16:30:00.000Z']);
    expect(calendar.events.filter((e) => e.summary === 'Our Blissful Anniversary').map((e) => e.allDay)).toEqual([true, true]);
  });

  it('§3.8.5.3: daily for 10 occurrences; monthly on the first Friday, which crosses the autumn change', () => {
    expect(starts('Daily for 10 occurrences')).toHaveLength(10);
    expect(starts('Daily for 10 occurrences')[9]).toBe('1997-09-11T13:00:00.000Z');
    expect(starts('Monthly on the first Friday until December 24')).toEqual([
      '1997-09-05T13:00:00.000Z',
      '1997-10-03T13:00:00.000Z',
      '1997-11-07T14:00:00.000Z',
      '1997-12-05T14:00:00.000Z',
    ]);
  });

  it('keeps only what overlaps the window, and counts what it left out', () => {
    const narrow = read('rfc5545-examples.ics', { window: { from: at('1997-09-01T00:00:00Z'), to: at('1997-09-04T00:00:00Z') } });
    expect(narrow.events.map((e) => e.summary).sort()).toEqual(['Annual Employee Review', 'Daily for 10 occurrences', 'Daily for 10 occurrences']);
    expect(narrow.notes.some((n) => /left out/.test(n))).toBe(true);
  });
});

describe('files that are not calendars', () => {
  const refuse = (text: string, fileName = 'x.ics') => readIcs(text, { fileName, displayZone: 'UTC', window: Y2026 });

  it('refuses a vCard, an empty file, a calendar without events and damaged text, in words', () => {
    expect(refuse(fixture('not-a-calendar.ics'), 'contact.ics')).toEqual({
      ok: false,
      message: 'contact.ics is not a calendar file: an .ics file begins with BEGIN:VCALENDAR, this one with “BEGIN:VCARD”.',
    });
    expect(refuse('')).toEqual({ ok: false, message: 'x.ics is empty.' });
    expect(refuse('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n')).toEqual({ ok: false, message: 'x.ics holds no events (VEVENT): nothing to show.' });
    const damaged = refuse('BEGIN:VCALENDAR\r\nthis line has no colon\r\nEND:VCALENDAR\r\n');
    expect(damaged.ok).toBe(false);
    expect(!damaged.ok && damaged.message).toMatch(/^x\.ics is damaged and could not be read \(.+\)\. Export it again from your calendar app\.$/);
  });

  it('names an event whose dates cannot be read, and keeps the others', () => {
    const text = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'BEGIN:VEVENT',
      'UID:good',
      'DTSTART:20260301T090000Z',
      'SUMMARY:Good',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:bad',
      'DTSTART:2026-03-0X',
      'SUMMARY:Bad date',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
    const result = readIcs(text, { fileName: 'x.ics', displayZone: 'UTC', window: Y2026 });
    expect(result.ok && result.calendar.events.map((e) => e.summary)).toEqual(['Good']);
    expect(result.ok && result.calendar.problems).toEqual([expect.stringMatching(/^Event “Bad date” could not be read \(.+\) and was left out\.$/)]);
  });
});
