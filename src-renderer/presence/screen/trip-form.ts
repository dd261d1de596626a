/**
 * A typed trip row checked before anything is sent to the ledger: each field's problem in the
 * words of its label ("To: must not be before From"). The ledger checks again, and adds what needs
 * the stored trips (an overlap, named by the other trip's country and days).
 */
import { COUNTRY_CODES } from '../../../src-preload/contract/places/country-codes.ts';
import { MAX_TRIP_DAYS } from '../../domain/presence.ts';
import type { FieldErrors } from '../../ui/field-errors.ts';
import { dayNumber } from '../calendar-days.ts';
import type { TripDraft, TripField } from './presence-backend.ts';

export const TRIP_FIELDS: readonly TripField[] = ['from', 'to', 'country', 'note'];
export const TRIP_LABELS: Readonly<Record<TripField, string>> = { from: 'From', to: 'To', country: 'Country', note: 'Note' };
const KNOWN = new Set(COUNTRY_CODES);

function validDay(text: string): boolean {
  try {
    dayNumber(text);
    return true;
  } catch {
    return false;
  }
}

/** Every field's problem at once; empty when the row may be sent. */
export function checkTripRow(draft: TripDraft): FieldErrors<TripField> {
  const errors: FieldErrors<TripField> = {};
  if (draft.from === '') errors.from = 'From: choose the first day';
  else if (!validDay(draft.from)) errors.from = 'From: not a calendar day';
  if (draft.to === '') errors.to = 'To: choose the last day';
  else if (!validDay(draft.to)) errors.to = 'To: not a calendar day';
  if (errors.from === undefined && errors.to === undefined) {
    const length = dayNumber(draft.to) - dayNumber(draft.from) + 1;
    if (length < 1) errors.to = 'To: must not be before From';
    else if (length > MAX_TRIP_DAYS) errors.to = `To: a trip is at most ${MAX_TRIP_DAYS} days; split it`;
  }
  if (draft.country === '') errors.country = 'Country: choose a country';
  else if (!KNOWN.has(draft.country.toUpperCase())) errors.country = `Country: "${draft.country}" is not a country Caravan knows`;
  if (draft.note.length > 500) errors.note = 'Note: at most 500 characters';
  return errors;
}

/** An empty row of the bulk form. */
export const EMPTY_TRIP: TripDraft = { from: '', to: '', country: '', note: '' };

/** Whether a bulk row was left empty on purpose (skipped, not refused). */
export function isBlankRow(draft: TripDraft): boolean {
  return draft.from === '' && draft.to === '' && draft.country === '' && draft.note.trim() === '';
}
