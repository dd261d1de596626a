/**
 * The Presence screen's backend on the open vault: the ledger's loader, trips, corrections and
 * rules (src-renderer/presence/*.ts, vault/repos/trips.ts). Thin: the checks and the transactions
 * are the ledger's; this maps its outcomes to the screen's shapes.
 */
import { errorMessage } from '../../ui/error-message.ts';
import { clearPresenceDay, confirmHints, setPresenceDay } from '../corrections.ts';
import { loadLedger } from '../load-ledger.ts';
import { loadPresenceRules, savePresenceRules } from '../rules.ts';
import { ledgerDeps } from '../runtime-deps.ts';
import { deleteTrip, saveTrips, type SaveTripsOutcome } from '../save-trips.ts';
import { listTrips } from '../../vault/repos/trips.ts';
import { ledgerDayView } from './ledger-rows.ts';
import type { PresenceBackend, TripsOutcome } from './presence-backend.ts';

function tripsOutcome(outcome: SaveTripsOutcome): TripsOutcome {
  if (outcome.ok) return outcome;
  return { ok: false, errors: outcome.problems.map((p) => ({ row: p.index, field: p.field === 'trip' ? null : p.field, message: p.message })) };
}

export const vaultPresenceBackend: PresenceBackend = {
  async load(from, to) {
    const { ctx } = ledgerDeps();
    const [rows, trips, rules] = await Promise.all([loadLedger(from, to), listTrips(ctx), loadPresenceRules(ctx)]);
    return { days: rows.map(ledgerDayView), trips, rules };
  },
  async saveTrips(drafts) {
    return tripsOutcome(await saveTrips(drafts));
  },
  async updateTrip(id, draft) {
    return tripsOutcome(await saveTrips([{ ...draft, id }]));
  },
  async deleteTrip(id) {
    const trip = await deleteTrip(id);
    return async () => {
      // Saved again with its own id: sync sees the same trip come back, not a new one.
      const outcome = await saveTrips([{ id: trip.id, from: trip.from, to: trip.to, country: trip.country, note: trip.note }]);
      if (!outcome.ok) throw new Error(outcome.problems.map((p) => p.message).join(' '));
    };
  },
  async setDay(day, stays, note) {
    try {
      await setPresenceDay(day, [...stays], note);
      return { ok: true };
    } catch (error) {
      return { ok: false, message: errorMessage(error) };
    }
  },
  async confirmHints(days) {
    return (await confirmHints(days)).confirmed.length;
  },
  async clearDay(day) {
    await clearPresenceDay(day);
  },
  async saveRules(rules) {
    const outcome = await savePresenceRules(ledgerDeps().ctx, rules);
    return outcome.ok ? { ok: true } : outcome;
  },
};
