import { describe, expect, it } from 'vitest';
import type { LedgerRow } from '../../../../../src-renderer/presence/ledger.ts';
import { ledgerDayView } from '../../../../../src-renderer/presence/screen/ledger-rows.ts';
import { countryName } from '../../../../../src-renderer/domain/countries.ts';

const trip = { country: 'DE', source: 'trip' as const, sources: ['trip' as const], midnight: false, confirmed: true, tripId: 't1' };
const hint = { country: 'PT', source: 'blocks' as const, sources: ['blocks' as const, 'device' as const], midnight: false, confirmed: false };

describe('ledgerDayView', () => {
  it('keeps each country with its source, and says a conflict in words', () => {
    const row: LedgerRow = { day: '2026-12-06', basis: 'trip', countries: [trip], note: '', hints: [hint], conflict: { trips: ['DE'], hints: [hint] } };
    expect(ledgerDayView(row)).toEqual({
      day: '2026-12-06',
      countries: [{ country: 'DE', source: 'trip', midnight: false, confirmed: true }],
      corrected: false,
      note: '',
      conflict: `Hints say ${countryName('PT')} (blocks, device); the trip says ${countryName('DE')}. Edit the day if the trip is wrong.`,
    });
  });

  it('marks a stored day as corrected, keeping its note and where it ended', () => {
    const manual = { country: 'GB', source: 'manual' as const, sources: ['manual' as const], midnight: true, confirmed: true };
    const view = ledgerDayView({ day: '2026-12-06', basis: 'stored', countries: [manual], note: 'London', hints: [hint], conflict: null });
    expect(view).toMatchObject({
      corrected: true,
      note: 'London',
      conflict: null,
      countries: [{ country: 'GB', source: 'manual', midnight: true, confirmed: true }],
    });
  });

  it('leaves hints unconfirmed on a day known from hints only', () => {
    expect(ledgerDayView({ day: '2026-12-07', basis: 'hints', countries: [hint], note: '', hints: [hint], conflict: null }).countries).toEqual([
      { country: 'PT', source: 'blocks', midnight: false, confirmed: false },
    ]);
  });

  it('says in words when two synced trips cover a day, and when a corrected day leaves out a trip', () => {
    const de = { ...trip, country: 'DE' };
    const fr = { ...trip, country: 'FR' };
    const manual = { ...trip, country: 'GB', source: 'manual' as const, sources: ['manual' as const] };
    const overlap = ledgerDayView({
      day: '2026-03-06',
      basis: 'trip',
      countries: [fr, de],
      note: '',
      hints: [],
      conflict: { trips: ['FR', 'DE'], hints: [], overlap: ['t1', 't2'] },
    });
    expect(overlap.conflict).toBe(
      `Two trips cover this day (${countryName('FR')} and ${countryName('DE')}), entered on different devices: both countries count. Edit one of the trips.`,
    );
    const stored = ledgerDayView({
      day: '2026-03-03',
      basis: 'stored',
      countries: [manual],
      note: '',
      hints: [],
      conflict: { trips: ['FR'], hints: [], stored: true },
    });
    expect(stored.conflict).toBe(
      `This day as you set it leaves out ${countryName('FR')}, which a trip covers. The day counts as you set it; edit the trip if it is wrong.`,
    );
  });
});
