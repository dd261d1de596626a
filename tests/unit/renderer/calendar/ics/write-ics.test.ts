/**
 * The export read back: by ical.js alone (its own reading of our VTIMEZONEs) and by Caravan's
 * import. Same instants, same zones, same UIDs; blocks across DST changes in three zones; all-day
 * events as dates.
 */
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { readIcs } from '../../../../../src-renderer/calendar/ics/read-ics.ts';
import { offsetChanges } from '../../../../../src-renderer/calendar/ics/vtimezone.ts';
import { type IcsItem, writeIcs } from '../../../../../src-renderer/calendar/ics/write-ics.ts';

const at = (iso: string) => Date.parse(iso);
const NOW = at('2026-12-07T21:00:00Z');

const ITEMS: IcsItem[] = [
  // The night Lisbon falls back (25 October 2026, 02:00 WEST -> 01:00 WET): 00:30 to 03:30 local is four hours.
  {
    kind: 'timed',
    uid: 'b1@caravan',
    summary: 'Assay classifier – Deep work',
    description: 'Feature store, Zürich data',
    start: at('2026-10-24T23:30:00Z'),
    end: at('2026-10-25T03:30:00Z'),
    zone: 'Europe/Lisbon',
  },
  // New York springs forward on 8 March 2026.
  {
    kind: 'timed',
    uid: 'b2@caravan',
    summary: 'Łódź Analytics – Meeting',
    description: '',
    start: at('2026-03-08T06:30:00Z'),
    end: at('2026-03-08T08:00:00Z'),
    zone: 'America/New_York',
  },
  {
    kind: 'timed',
    uid: 'b3@caravan',
    summary: 'Αθήνα – Shallow work',
    description: 'Line one\nLine two; with, punctuation',
    start: at('2026-07-01T04:15:00Z'),
    end: at('2026-07-01T05:00:00Z'),
    zone: 'Asia/Kolkata',
  },
  { kind: 'timed', uid: 'b4@caravan', summary: 'UTC block', description: '', start: at('2026-05-05T10:00:00Z'), end: at('2026-05-05T11:00:00Z'), zone: 'UTC' },
  { kind: 'all-day', uid: 'inv@caravan', summary: 'INV-2026-0001 due (Łódź Analytics)', description: 'Issued 2026-11-01.', day: '2026-12-01' },
];

describe('writeIcs', () => {
  const text = writeIcs(ITEMS, { now: NOW, name: 'Caravan' });

  it('writes CRLF lines, a VTIMEZONE per zone used (none for UTC) and zoned DTSTARTs', () => {
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.split('\r\n').filter((l) => l.startsWith('TZID:'))).toEqual(['TZID:America/New_York', 'TZID:Asia/Kolkata', 'TZID:Europe/Lisbon']);
    expect(text).toContain('DTSTART;TZID=Europe/Lisbon:20261025T003000');
    expect(text).toContain('DTEND;TZID=Europe/Lisbon:20261025T033000');
    expect(text).toContain('DTSTART:20260505T100000Z');
    expect(text).toContain('DTSTART;VALUE=DATE:20261201');
    expect(text).toContain('DTEND;VALUE=DATE:20261202');
  });

  it('reads back in ical.js alone (its own zone arithmetic on our VTIMEZONEs): same instants and UIDs', () => {
    const calendar = new ICAL.Component(ICAL.parse(text));
    const events = calendar.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
    expect(events.map((e) => e.uid)).toEqual(ITEMS.map((i) => i.uid));
    for (const [i, item] of ITEMS.entries()) {
      const event = events[i]!;
      expect(event.summary).toBe(item.summary);
      if (item.kind === 'timed') {
        expect(event.startDate.toUnixTime() * 1000).toBe(item.start);
        expect(event.endDate.toUnixTime() * 1000).toBe(item.end);
        expect(event.component.getFirstProperty('dtstart')?.getParameter('tzid')).toBe(item.zone === 'UTC' ? undefined : item.zone);
      } else {
        expect(event.startDate.isDate).toBe(true);
        expect(event.startDate.toString()).toBe(item.day);
      }
    }
    expect(events[2]?.description).toBe('Line one\nLine two; with, punctuation');
  });

  it('reads back through Caravan’s import: same instants, zones and keys', () => {
    const read = readIcs(text, {
      fileName: 'caravan.ics',
      displayZone: 'Europe/Warsaw',
      window: { from: at('2026-01-01T00:00:00Z'), to: at('2027-01-01T00:00:00Z') },
    });
    if (!read.ok) throw new Error(read.message);
    expect(read.calendar.problems).toEqual([]);
    expect(read.calendar.name).toBe('Caravan');
    const timed = read.calendar.events.filter((e) => !e.allDay);
    expect(timed.map((e) => [e.key, e.start, e.end, e.zone])).toEqual(
      ITEMS.filter((i) => i.kind === 'timed').map((i) => [i.uid, i.start, i.end, i.zone === 'UTC' ? null : i.zone]),
    );
    expect(read.calendar.events.find((e) => e.allDay)).toMatchObject({
      key: 'inv@caravan',
      start: at('2026-12-01T00:00:00Z'),
      summary: 'INV-2026-0001 due (Łódź Analytics)',
    });
  });
});

describe('offsetChanges', () => {
  it('finds each DST change to the second, and none in a zone without DST', () => {
    expect(offsetChanges('Europe/Lisbon', at('2026-01-01T00:00:00Z'), at('2027-01-01T00:00:00Z'))).toEqual([
      at('2026-03-29T01:00:00Z'),
      at('2026-10-25T01:00:00Z'),
    ]);
    expect(offsetChanges('Asia/Kolkata', at('2026-01-01T00:00:00Z'), at('2027-01-01T00:00:00Z'))).toEqual([]);
  });
});
