/**
 * The person's word on days: set a day's countries by hand, confirm the hints of many days at once,
 * or clear a day back to what trips and hints say. Each call is one transaction.
 */
import { MAX_COUNTRIES_PER_DAY, type PresenceDay, type PresenceStay } from '../domain/presence.ts';
import { listPresenceDays, putPresenceDays, removePresenceDay } from '../vault/repos/presence-days.ts';
import { loadLedger, type LoadLedgerOptions } from './load-ledger.ts';
import { ledgerDeps } from './runtime-deps.ts';

/** Sets day `day` to `stays` (in the order travelled; empty = nowhere that counts) with a note. */
export async function setPresenceDay(day: string, stays: PresenceStay[], note = '', options: Pick<LoadLedgerOptions, 'deps'> = {}): Promise<PresenceDay> {
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
 * a trip), in ONE transaction. A day whose hints name several countries keeps them all, none marked
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
    .map((r) => ({ day: r.day, stays: r.countries.slice(0, MAX_COUNTRIES_PER_DAY).map((c) => ({ country: c.country })), note: '' }));
  const written = new Set(writes.map((w) => w.day));
  const confirmed = writes.length === 0 ? [] : await putPresenceDays(deps.ctx, writes);
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
