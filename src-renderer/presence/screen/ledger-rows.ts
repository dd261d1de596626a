/**
 * The ledger's assembled rows (ledger.ts) as the screen shows them: each country with its source,
 * and a conflict said in words ("Hints say Portugal (blocks); the trip says Germany"). Pure.
 */
import { countryName } from '../../domain/countries.ts';
import type { LedgerRow } from '../ledger.ts';
import type { LedgerDayView } from './presence-backend.ts';
import { SOURCE_BADGES } from './day-words.ts';

function conflictText(row: LedgerRow): string | null {
  const conflict = row.conflict;
  if (conflict === null) return null;
  const trips = conflict.trips.map(countryName).join(' and ');
  // Two trips entered on two devices and brought together by sync: no device would accept it itself.
  if (conflict.overlap !== undefined && conflict.overlap.length > 1) {
    return `Two trips cover this day (${trips}), entered on different devices: both countries count. Edit one of the trips.`;
  }
  // The person's word for the day leaves out a trip's country: the day as stored counts.
  if (conflict.stored === true) {
    return `This day as you set it leaves out ${trips}, which a trip covers. The day counts as you set it; edit the trip if it is wrong.`;
  }
  const hints = conflict.hints.map((h) => `${countryName(h.country)} (${h.sources.map((s) => SOURCE_BADGES[s]).join(', ')})`).join(', ');
  return `Hints say ${hints}; ${conflict.trips.length > 1 ? 'the trips say' : 'the trip says'} ${trips}. Edit the day if the trip is wrong.`;
}

export function ledgerDayView(row: LedgerRow): LedgerDayView {
  return {
    day: row.day,
    countries: row.countries.map((c) => ({
      country: c.country,
      source: c.source,
      midnight: c.midnight,
      confirmed: c.confirmed,
      ...(c.endUnknown === true ? { endUnknown: true } : {}),
    })),
    corrected: row.basis === 'stored',
    note: row.note,
    conflict: conflictText(row),
  };
}
