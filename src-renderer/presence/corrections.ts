/**
 * The person's word on days: set a day's countries by hand, confirm the hints of many days at once,
 * or clear a day back to what trips and hints say. Each call is one transaction.
 */
import { MAX_COUNTRIES_PER_DAY, type PresenceDay, type PresenceStay } from '../domain/presence.ts';
import { addPresenceDays, listPresenceDays, putPresenceDays, removePresenceDay } from '../vault/repos/presence-days.ts';
import { RepoError } from '../vault/repos/errors.ts';
import { dayNumber } from './calendar-days.ts';
import { loadLedger, type LoadLedgerOptions } from './load-ledger.ts';
import { ledgerDeps } from './runtime-deps.ts';

/** Sets day `day` to `stays` (in the order travelled; empty = nowhere that counts) with a note. */
export async function setPresenceDay(day: string, stays: PresenceStay[], note = '', options: Pick<LoadLedgerOptions, 'deps'> = {}): Promise<PresenceDay> {
  // The day first, in the words of the field (else the store's "Id is not in a form Caravan can read").
  if (!isDay(day)) throw new RepoError('invalid-input', 'Day: enter a day such as 2026-03-01.');
  const { ctx } = options.deps ?? ledgerDeps();
  const [saved] = await putPresenceDays(ctx, [{ day, stays: stays.map((s) => ({ ...s, country: s.country.trim().toUpperCase() })), note }]);
  return saved as PresenceDay;
}

/** What {@link confirmHints} did. */
export interface ConfirmOutcome {
  /** The days written, each from its hints. */
  confirmed: PresenceDay[];
  /** Days left alone: already stored, on a trip, or without hints. */
  skipped: string[];
}

/**
 * Writes a PresenceDay from the hints of each day of `days` that has hints only (not stored, not on
 * a trip), in ONE transaction, marked `confirmed: 'hints'`, and never over a day stored meanwhile.
 * Two devices confirming and correcting the same day while both offline still merge field by field,
 * the later write winning (the ledger cannot tell a late confirmation from a late correction then). A day whose hints name several countries keeps them all, none marked
 * as where the day ended (the person says which when it matters).
 */
export async function confirmHints(days: readonly string[], options: LoadLedgerOptions = {}): Promise<ConfirmOutcome> {
  if (days.length === 0) return { confirmed: [], skipped: [] };
  const deps = options.deps ?? ledgerDeps();
  const sorted = [...new Set(days)].sort();
  const rows = await loadLedger(sorted[0] as string, sorted.at(-1) as string, { ...options, deps });
  const wanted = new Set(sorted);
  const writes = rows
    .filter((r) => wanted.has(r.day) && r.basis === 'hints')
    .map((r) => ({
      day: r.day,
      stays: r.countries.slice(0, MAX_COUNTRIES_PER_DAY).map((c) => ({ country: c.country })),
      note: '',
      confirmed: 'hints' as const,
    }));
  // A day stored since the ledger was read (synced in from a correction on another device) is kept.
  const confirmed = writes.length === 0 ? [] : await addPresenceDays(deps.ctx, writes);
  const written = new Set(confirmed.map((d) => d.id));
  return { confirmed, skipped: sorted.filter((d) => !written.has(d)) };
}

/** Clears the stored day: it is derived from trips and hints again. Returns what it held, for undo. */
export function clearPresenceDay(day: string, options: Pick<LoadLedgerOptions, 'deps'> = {}): Promise<PresenceDay> {
  return removePresenceDay((options.deps ?? ledgerDeps()).ctx, day);
}

/** The stored days of a range, as the person set them (for a list of corrections). */
export function storedPresenceDays(from: string, to: string, options: Pick<LoadLedgerOptions, 'deps'> = {}): Promise<PresenceDay[]> {
  return listPresenceDays((options.deps ?? ledgerDeps()).ctx, { from, to });
}

function isDay(text: string): boolean {
  try {
    dayNumber(text);
    return true;
  } catch {
    return false;
  }
}
