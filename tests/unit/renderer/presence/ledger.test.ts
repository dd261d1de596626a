/** The assembled ledger: a stored day wins, then trips (a travel day in both countries), then hints; conflicts shown. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PresenceDay, Trip } from '../../../../src-renderer/domain/presence.ts';
import { dayNumber, dayText } from '../../../../src-renderer/presence/calendar-days.ts';
import type { DayHint } from '../../../../src-renderer/presence/hints.ts';
import { assembleLedger, ledgerDaysForCounting, unconfirmedDays } from '../../../../src-renderer/presence/ledger.ts';
import { daysPerCountry } from '../../../../src-renderer/presence/tax-year.ts';

const trip = (id: string, from: string, to: string, country: string): Trip => ({ id, from, to, country, note: '', createdAt: 1, updatedAt: 1 });
const stored = (id: string, ...stays: PresenceDay['stays']): PresenceDay => ({ id, stays, note: '', createdAt: 1, updatedAt: 1 });

describe('assembleLedger', () => {
  it('gives one row per day: stored day, then trips, then hints, each country with its source', () => {
    const rows = assembleLedger({
      from: '2026-03-19',
      to: '2026-03-23',
      days: [stored('2026-03-22', { country: 'FR', midnight: true })],
      trips: [trip('lis', '2026-03-01', '2026-03-20', 'PT'), trip('mad', '2026-03-20', '2026-03-22', 'ES')],
      hints: [
        { day: '2026-03-22', country: 'ES', source: 'blocks', zone: 'Europe/Madrid' },
        { day: '2026-03-23', country: 'ES', source: 'device', zone: 'Europe/Madrid' },
        { day: '2026-03-23', country: 'ES', source: 'blocks', zone: 'Europe/Madrid' },
        { day: '2026-03-23', country: 'AT', source: 'travel-mode' },
      ],
    });
    expect(
      rows.map((r) => [r.day, r.basis, r.countries.map((c) => `${c.country}:${c.source}${c.midnight ? ':midnight' : ''}${c.confirmed ? '' : ':hint'}`)]),
    ).toEqual([
      ['2026-03-19', 'trip', ['PT:trip:midnight']],
      // The travel day: both countries, the arriving trip's country is where the day ended.
      ['2026-03-20', 'trip', ['PT:trip', 'ES:trip:midnight']],
      ['2026-03-21', 'trip', ['ES:trip:midnight']],
      // The person's word wins over the trip and the hints.
      ['2026-03-22', 'stored', ['FR:manual:midnight']],
      // Hints, strongest source first, each country once with every source that named it.
      ['2026-03-23', 'hints', ['AT:travel-mode:hint', 'ES:blocks:hint']],
    ]);
    expect(rows[4]!.countries[1]!.sources).toEqual(['blocks', 'device']);
    expect(rows[3]!.hints.map((h) => h.country)).toEqual(['ES']);
  });

  it('shows hints that disagree with a trip as a conflict, and keeps the trip', () => {
    const [row] = assembleLedger({
      from: '2026-03-05',
      to: '2026-03-05',
      days: [],
      trips: [trip('lis', '2026-03-01', '2026-03-20', 'PT')],
      hints: [
        { day: '2026-03-05', country: 'PT', source: 'device' },
        { day: '2026-03-05', country: 'JP', source: 'blocks', zone: 'Asia/Tokyo' },
      ],
    });
    expect(row!.countries.map((c) => c.country)).toEqual(['PT']);
    expect(row!.conflict).toMatchObject({ trips: ['PT'], hints: [{ country: 'JP', source: 'blocks', confirmed: false }] });
  });

  it('an empty stored day still wins: "nowhere that counts", said on purpose', () => {
    const rows = assembleLedger({
      from: '2026-03-05',
      to: '2026-03-05',
      days: [stored('2026-03-05')],
      trips: [trip('t', '2026-03-01', '2026-03-09', 'PT')],
      hints: [],
    });
    expect(rows[0]).toMatchObject({ basis: 'stored', countries: [] });
    expect(ledgerDaysForCounting(rows)).toEqual([]);
  });

  it('counts confirmed countries only: stored days and trips, not hints', () => {
    const rows = assembleLedger({
      from: '2026-03-19',
      to: '2026-03-21',
      days: [stored('2026-03-21', { country: 'DE' }, { country: 'AT', midnight: true })],
      trips: [trip('t', '2026-03-01', '2026-03-19', 'PT')],
      hints: [{ day: '2026-03-20', country: 'ES', source: 'blocks' }],
    });
    expect(ledgerDaysForCounting(rows)).toEqual([
      // The trip's departure day, with no trip arriving: where the day ended is not known.
      { day: '2026-03-19', country: 'PT', endUnknown: true },
      { day: '2026-03-21', country: 'DE' },
      { day: '2026-03-21', country: 'AT', midnight: true },
    ]);
    expect(unconfirmedDays(rows)).toEqual(['2026-03-20']);
  });

  it('marks two trips covering a day beyond a travel day (synced from two devices) as a conflict, counting both', () => {
    const rows = assembleLedger({
      from: '2026-03-04',
      to: '2026-03-06',
      days: [],
      trips: [trip('fr', '2026-03-01', '2026-03-20', 'FR'), trip('de', '2026-03-05', '2026-03-15', 'DE')],
      hints: [],
    });
    expect(rows.map((r) => r.conflict?.overlap ?? null)).toEqual([null, ['de', 'fr'], ['de', 'fr']]);
    expect(rows[1]!.countries.map((c) => [c.country, c.midnight])).toEqual([
      ['FR', false],
      ['DE', false],
    ]);
    // Any part of a day: both countries; the midnight rule: uncertain (no country marked).
    const counts = daysPerCountry(ledgerDaysForCounting(rows), { FR: { yearStart: '01-01', counting: 'midnight', threshold: 183 } });
    expect(counts.find((c) => c.country === 'FR')).toMatchObject({ days: 3, uncertain: 2 });
    expect(counts.find((c) => c.country === 'DE')).toMatchObject({ days: 2 });
  });

  it('shows a conflict when a stored day (confirmed from hints or typed) leaves out the country of a trip covering it', () => {
    const confirmed: PresenceDay = { ...stored('2026-03-05', { country: 'ES' }), confirmed: 'hints' };
    const rows = assembleLedger({
      from: '2026-03-05',
      to: '2026-03-06',
      days: [confirmed, stored('2026-03-06', { country: 'PT' }, { country: 'ES', midnight: true })],
      trips: [trip('lis', '2026-03-01', '2026-03-20', 'PT')],
      hints: [],
    });
    expect(rows[0]!.conflict).toEqual({ trips: ['PT'], hints: [], stored: true });
    expect(rows[0]!.countries[0]).toMatchObject({ country: 'ES', fromHints: true });
    // A stored day naming the trip's country too (a correction of a travel day) is no conflict.
    expect(rows[1]!.conflict).toBeNull();
  });

  it("midnight rule: a trip's departure day with nothing arriving is uncertain; trips end to end are not", () => {
    const rule = { GB: { yearStart: '04-06', counting: 'midnight' as const, threshold: 183 } };
    const alone = assembleLedger({ from: '2026-04-01', to: '2026-04-30', days: [], trips: [trip('gb', '2026-04-10', '2026-04-12', 'GB')], hints: [] });
    expect(daysPerCountry(ledgerDaysForCounting(alone), rule)).toMatchObject([{ country: 'GB', days: 3, uncertain: 1 }]);
    const chained = assembleLedger({
      from: '2026-04-01',
      to: '2026-04-12',
      days: [],
      trips: [trip('gb', '2026-04-10', '2026-04-12', 'GB'), trip('fr', '2026-04-13', '2026-04-20', 'FR')],
      hints: [],
    });
    expect(daysPerCountry(ledgerDaysForCounting(chained), rule)).toMatchObject([{ country: 'GB', days: 3, uncertain: 0 }]);
  });

  it('refuses a reversed range and a day that is not a day', () => {
    expect(() => assembleLedger({ from: '2026-03-02', to: '2026-03-01', days: [], trips: [], hints: [] })).toThrow(RangeError);
    expect(() => assembleLedger({ from: '2026-02-30', to: '2026-03-01', days: [], trips: [], hints: [] })).toThrow(RangeError);
  });
});

describe('assembleLedger (properties)', () => {
  const BASE = dayNumber('2026-01-01');
  const dayArb = fc.integer({ min: 0, max: 40 }).map((n) => dayText(BASE + n));
  const countryArb = fc.constantFrom('PT', 'ES', 'FR', 'DE', 'JP', 'GB');
  const storedArb = fc.uniqueArray(fc.record({ day: dayArb, country: countryArb }), { selector: (d) => d.day, maxLength: 15 });
  const tripArb = fc.array(fc.record({ start: fc.integer({ min: 0, max: 40 }), length: fc.integer({ min: 0, max: 10 }), country: countryArb }), {
    maxLength: 6,
  });
  const hintArb = fc.array(
    fc.record({ day: dayArb, country: countryArb, source: fc.constantFrom('travel-mode', 'blocks', 'device') as fc.Arbitrary<DayHint['source']> }),
    {
      maxLength: 30,
    },
  );

  it('every day of the range appears once, in order; a stored day always wins; hints are never confirmed', () => {
    fc.assert(
      fc.property(storedArb, tripArb, hintArb, fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 30 }), (days, trips, hints, a, len) => {
        const from = dayText(BASE + a);
        const to = dayText(BASE + a + len);
        const rows = assembleLedger({
          from,
          to,
          days: days.map((d) => stored(d.day, { country: d.country })),
          trips: trips.map((t, i) => trip(`t${i}`, dayText(BASE + t.start), dayText(BASE + t.start + t.length), t.country)),
          hints,
        });
        expect(rows.map((r) => r.day)).toEqual(Array.from({ length: len + 1 }, (_, i) => dayText(BASE + a + i)));
        for (const row of rows) {
          const own = days.find((d) => d.day === row.day);
          if (own !== undefined) expect(row.countries.map((c) => [c.country, c.source])).toEqual([[own.country, 'manual']]);
          for (const c of row.countries) expect(c.confirmed).toBe(c.source === 'manual' || c.source === 'trip');
          expect(new Set(row.countries.map((c) => c.country)).size).toBe(row.countries.length);
          expect(row.countries.filter((c) => c.midnight).length).toBeLessThanOrEqual(1);
        }
        const counted = ledgerDaysForCounting(rows);
        for (const d of counted) expect(rows.find((r) => r.day === d.day)!.basis).not.toBe('hints');
      }),
    );
  });
});
