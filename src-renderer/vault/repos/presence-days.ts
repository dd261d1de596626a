/**
 * Corrected days of the presence ledger (domain/presence.ts): the person's own word for a day,
 * overriding trips and hints. The id IS the day ('YYYY-MM-DD'), so a range of days is a key range
 * and two devices correcting one day write one record, merged field by field (stays, note).
 */
import type { PresenceDay, PresenceStay } from '../../domain/presence.ts';
import type { RepoContext } from './context.ts';
import { presenceDayDef } from './defs.ts';
import { liveRecords, readTx, removeOne, writeTx } from './entity-repo.ts';
import { upsertRows } from './workspace-rows.ts';

/** What the person says of one day. */
export interface PresenceDayWrite {
  /** The day, 'YYYY-MM-DD'. */
  day: string;
  /** The countries, in the order travelled; empty = "nowhere that counts", said on purpose. */
  stays: PresenceStay[];
  note: string;
  /** 'hints' when written by confirming the day's hints (PresenceDay `confirmed`). */
  confirmed?: 'hints';
}

/** Stored days from `from` to `to` (both included, 'YYYY-MM-DD'), or all of them; by day. */
export function listPresenceDays(ctx: RepoContext, range?: { from: string; to: string }): Promise<PresenceDay[]> {
  return readTx(presenceDayDef.what, async () => {
    const table = ctx.db.presenceDays;
    // ISO days sort as text, so the primary key range is the day range.
    const rows =
      range === undefined ? await table.toArray() : range.from > range.to ? [] : await table.where(':id').between(range.from, range.to, true, true).toArray();
    return liveRecords(rows).sort((a, b) => a.id.localeCompare(b.id));
  });
}

/**
 * Sets each day (creating it, replacing a cleared one, or changing only the fields that differ), all
 * in ONE transaction: an invalid day refuses the batch with RepoError 'invalid-input'.
 */
export function putPresenceDays(ctx: RepoContext, days: readonly PresenceDayWrite[]): Promise<PresenceDay[]> {
  return writeTx(ctx, presenceDayDef.what, ['presenceDays'], (log) => upsertRows(ctx, presenceDayDef, log, days.map(toRow)));
}

function toRow(d: PresenceDayWrite): Omit<PresenceDay, 'createdAt' | 'updatedAt'> {
  return d.confirmed === undefined ? { id: d.day, stays: d.stays, note: d.note } : { id: d.day, stays: d.stays, note: d.note, confirmed: d.confirmed };
}

/**
 * Writes only the days that are not stored yet (live), read INSIDE the transaction: confirming
 * hints must never overwrite a day the person corrected, here or (synced since the ledger was
 * read) on another device. Returns the days written.
 */
export function addPresenceDays(ctx: RepoContext, days: readonly PresenceDayWrite[]): Promise<PresenceDay[]> {
  return writeTx(ctx, presenceDayDef.what, ['presenceDays'], async (log) => {
    const existing = await ctx.db.presenceDays.bulkGet(days.map((d) => d.day));
    const fresh = days.filter((_, i) => {
      const row = existing[i];
      return row === undefined || row.deleted === true;
    });
    return fresh.length === 0 ? [] : upsertRows(ctx, presenceDayDef, log, fresh.map(toRow));
  });
}

/** Clears the stored day (tombstone), so the day is derived from trips and hints again; returns what it held. */
export function removePresenceDay(ctx: RepoContext, day: string): Promise<PresenceDay> {
  return writeTx(ctx, presenceDayDef.what, ['presenceDays'], (log) => removeOne(ctx, presenceDayDef, log, day));
}
