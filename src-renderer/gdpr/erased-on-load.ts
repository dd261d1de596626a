/**
 * Every workspace load anonymises again the invoices of the clients erased on (or learnt erased by)
 * this device. A register row written on a device that had not yet learnt of the erasure (a void
 * made offline, by a device that never held the client) is later than the anonymised row, so sync's
 * last-writer-wins brings the client id back; this takes it out again. Writes only what changes:
 * on most loads, nothing.
 */
import { withSyncLock } from '../sync/sync-lock.ts';
import { currentSession, metaStore, repoContext } from '../vault/session/runtime.ts';
import { errorMessage } from '../ui/error-message.ts';
import { anonymiseInvoicesOf } from './erase-invoices.ts';
import { unreadableErasedText } from './erase-here.ts';

/**
 * Anonymises the erased clients' invoices again, with sync held (a row merged between the read and
 * the write would be overwritten). Never throws: returns what the person should know, or null.
 */
export async function anonymiseErasedOnLoad(): Promise<string | null> {
  const vaultId = currentSession()?.vaultId;
  if (vaultId === undefined) return null;
  try {
    const erased = (await metaStore().syncErasures(vaultId)).map((e) => e.clientId);
    if (erased.length === 0) return null;
    const ctx = repoContext();
    const { unreadable } = await withSyncLock(() => anonymiseInvoicesOf(ctx, erased));
    return unreadableErasedText(unreadable);
  } catch (error) {
    return `The invoices of an erased client could not be anonymised again (${errorMessage(error)}); Caravan tries again the next time your workspace opens.`;
  }
}
