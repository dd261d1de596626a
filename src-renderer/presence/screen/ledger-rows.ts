/**
 * The ledger's assembled rows (ledger.ts) as the screen shows them: each country with its source,
 * and a conflict said in words ("Hints say Portugal (blocks); the trip says Germany"). Pure.
 */
import { countryName } from '../../domain/countries.ts';
import type { LedgerRow } from '../ledger.ts';
import type { LedgerDayView } from './presence-backend.ts';
import { SOURCE_BADGES } from './day-words.ts';

function conflictText(row: LedgerRow): string | null {
  if (row.conflict === null) return null;
  const hints = row.conflict.hints.map((h) => `${countryName(h.country)} (${h.sources.map((s) => SOURCE_BADGES[s]).join(', ')})`).join(', ');
  const trips = row.conflict.trips.map(countryName).join(' and ');
  return `Hints say ${hints}; ${row.conflict.trips.length > 1 ? 'the trips say' : 'the trip says'} ${trips}. Edit the day if the trip is wrong.`;
}

export function ledgerDayView(row: LedgerRow): LedgerDayView {
  return {
    day: row.day,
    countries: row.countries.map((c) => ({ country: c.country, source: c.source, midnight: c.midnight, confirmed: c.confirmed })),
    corrected: row.basis === 'stored',
    note: row.note,
    conflict: conflictText(row),
  };
}
