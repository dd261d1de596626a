/**
 * When a record was last written, as its row's HLC (the highest write of any of its fields, here
 * or synced from another device). For repairs that must never undo a newer write made elsewhere:
 * the billed-mark reconciliation (reports/register-reconcile.ts) only rewrites a mark that is
 * older than the register entry it follows, so two devices cannot rewrite one mark back and forth.
 */
import type { Setting } from '../../domain/setting.ts';
import type { RepoContext } from './context.ts';
import { readChanges } from './change-log.ts';
import { readTx } from './entity-repo.ts';

/** Encoded HLC of each live row among `ids` (absent: no such row, or deleted). */
export function lastWrites(ctx: RepoContext, table: 'timeBlocks' | 'expenses', ids: readonly string[]): Promise<Map<string, string>> {
  return readTx(table === 'timeBlocks' ? 'time block' : 'expense', async () => {
    const rows = ids.length === 0 ? [] : await ctx.db[table].bulkGet([...ids]);
    const out = new Map<string, string>();
    for (const row of rows) if (row !== undefined && row.deleted !== true) out.set(row.id, row.hlc);
    return out;
  });
}

/** Every live setting with the HLC of its last write, read at once so value and HLC agree. */
export function settingsWithClocks(ctx: RepoContext): Promise<Array<Setting & { hlc: string }>> {
  return readTx('setting', async () => {
    const out: Array<Setting & { hlc: string }> = [];
    for (const row of await ctx.db.settings.toArray()) if (row.deleted !== true) out.push({ id: row.id, value: row.value, hlc: row.hlc });
    return out.sort((a, b) => a.id.localeCompare(b.id));
  });
}

/**
 * Of the settings `keys`, those whose first write (the lowest HLC in the change log) this device
 * made: logged without an origin. Reads the workspace's whole log, so only for a few keys at load
 * (an invoice register entry whose document is still a draft: only the device that numbered it
 * may finish it).
 */
export function firstWrittenHere(ctx: RepoContext, keys: readonly string[]): Promise<Set<string>> {
  return readTx('setting', async () => {
    const wanted = new Set(keys);
    if (wanted.size === 0) return new Set<string>();
    const first = new Map<string, { hlc: string; here: boolean }>();
    for (const entry of await readChanges(ctx.db, 'workspace')) {
      for (const change of entry.changes) {
        if (change.table !== 'settings' || change.op !== 'set' || !wanted.has(change.id)) continue;
        const seen = first.get(change.id);
        if (seen === undefined || change.hlc < seen.hlc) first.set(change.id, { hlc: change.hlc, here: entry.origin === undefined });
      }
    }
    return new Set([...first].filter(([, w]) => w.here).map(([key]) => key));
  });
}
