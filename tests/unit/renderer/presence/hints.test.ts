/** Hints: zone -> country, a block's day in its own zone (east of UTC, across DST), travel mode's days. */
import { describe, expect, it } from 'vitest';
import { blockHints, countryOfZone, dayInZone, deviceHints, travelHints } from '../../../../src-renderer/presence/hints.ts';

describe('countryOfZone', () => {
  it('gives the zone’s own country, naming the others that share it', () => {
    expect(countryOfZone('Europe/Lisbon')).toEqual({ country: 'PT', sharedWith: [] });
    expect(countryOfZone('Europe/Zurich')).toEqual({ country: 'CH', sharedWith: ['DE', 'LI'] });
    expect(countryOfZone('Europe/Berlin')?.country).toBe('DE');
  });

  it('a link names its own country (Europe/Vaduz is Liechtenstein, not Switzerland)', () => {
    expect(countryOfZone('Europe/Vaduz')).toEqual({ country: 'LI', sharedWith: [] });
    expect(countryOfZone('Europe/Copenhagen')).toEqual({ country: 'DK', sharedWith: [] });
  });

  it('a zone of no country gives none', () => {
    expect(countryOfZone('Etc/UTC')).toBeNull();
    expect(countryOfZone('UTC')).toBeNull();
    expect(countryOfZone('Etc/GMT+5')).toBeNull();
    expect(countryOfZone('Mars/Olympus_Mons')).toBeNull();
  });
});

describe('blockHints', () => {
  it('puts a block on the day it started in its own zone, east of UTC', () => {
    // 00:30 on 2026-03-10 in Tokyo is 15:30 on 2026-03-09 in UTC.
    const start = Date.UTC(2026, 2, 9, 15, 30);
    expect(blockHints([{ start, zone: 'Asia/Tokyo' }])).toEqual([
      { day: '2026-03-10', country: 'JP', source: 'blocks', zone: 'Asia/Tokyo', sharedWith: ['AU'] },
    ]);
    // The same instant in Lisbon is still the 9th.
    expect(blockHints([{ start, zone: 'Europe/Lisbon' }])[0]?.day).toBe('2026-03-09');
  });

  it('keeps the day right across a DST change', () => {
    // Europe/Berlin springs forward at 02:00 on 2026-03-29: 23:30 local on the 28th is 22:30 UTC,
    // 00:30 local on the 29th is 23:30 UTC on the 28th, 23:30 local on the 29th is 21:30 UTC.
    expect(dayInZone(Date.UTC(2026, 2, 28, 22, 30), 'Europe/Berlin')).toBe('2026-03-28');
    expect(dayInZone(Date.UTC(2026, 2, 28, 23, 30), 'Europe/Berlin')).toBe('2026-03-29');
    expect(dayInZone(Date.UTC(2026, 2, 29, 21, 30), 'Europe/Berlin')).toBe('2026-03-29');
    expect(dayInZone(Date.UTC(2026, 2, 29, 22, 30), 'Europe/Berlin')).toBe('2026-03-30');
    // Falling back on 2026-10-25 (03:00 -> 02:00): 23:30 local on the 25th is 22:30 UTC.
    expect(dayInZone(Date.UTC(2026, 9, 25, 22, 30), 'Europe/Berlin')).toBe('2026-10-25');
    expect(dayInZone(Date.UTC(2026, 9, 25, 23, 30), 'Europe/Berlin')).toBe('2026-10-26');
  });

  it('gives no hint for a block in a zone of no country', () => {
    expect(blockHints([{ start: Date.UTC(2026, 2, 9), zone: 'Etc/UTC' }])).toEqual([]);
  });
});

describe('travelHints and deviceHints', () => {
  it('travel mode names its country from the day it was declared (in this device’s zone) to today', () => {
    // Declared at 23:30 UTC on 1 March: already 2 March in Athens.
    const hints = travelHints({ country: 'gr', since: Date.UTC(2026, 2, 1, 23, 30) }, '2026-03-04', 'Europe/Athens');
    expect(hints.map((h) => `${h.day} ${h.country} ${h.source}`)).toEqual([
      '2026-03-02 GR travel-mode',
      '2026-03-03 GR travel-mode',
      '2026-03-04 GR travel-mode',
    ]);
    expect(travelHints({ country: '', since: 0 }, '2026-03-04', 'Europe/Athens')).toEqual([]);
    expect(travelHints(null, '2026-03-04', 'Europe/Athens')).toEqual([]);
  });

  it("reads travel mode's start in the zone the device recorded then, not the zone it is in now (after a flight)", () => {
    // Declared at 23:30 in Lisbon on 1 March (23:30 UTC); the device is in Athens now, where that was 2 March.
    const since = Date.UTC(2026, 2, 1, 23, 30);
    const hints = travelHints({ country: 'GR', since }, '2026-03-03', 'Europe/Athens', { '2026-03-01': ['Europe/Lisbon'], '2026-03-02': ['Europe/Athens'] });
    expect(hints.map((h) => h.day)).toEqual(['2026-03-01', '2026-03-02', '2026-03-03']);
  });

  it('the device’s zones per day become hints, zones of no country dropped', () => {
    expect(deviceHints({ '2026-03-01': ['Europe/Lisbon', 'Etc/UTC', 'Europe/Madrid'] }).map((h) => h.country)).toEqual(['PT', 'ES']);
  });
});
