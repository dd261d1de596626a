/**
 * Erasing a client: count its rows, crypto-shred it (`eraseClient`: the data key first, then the
 * rows), drop it from the cache, and have main record the erasure and say which targets still hold
 * its data. The receipt is built from what each step returned.
 */
import { useCallback } from 'react';
import { useStore } from '../app/store.ts';
import type { Client } from '../domain/client.ts';
import { caravan, unwrap } from '../ipc/caravan.ts';
import { eraseClient } from '../vault/repos/clients.ts';
import { metaStore, repoContext } from '../vault/session/runtime.ts';
import { countClientRows } from './client-records.ts';
import { withSyncLock } from '../sync/sync-lock.ts';
import type { ErasureReceipt, HeldOnTarget } from './erasure-receipt.ts';
import { errorMessage } from '../ui/error-message.ts';


/** Labels for target ids; a target main no longer lists is named by its id. */
async function targetLabels(ids: readonly string[]): Promise<HeldOnTarget[]> {
  if (ids.length === 0) return [];
  let labels = new Map<string, string>();
  try {
    labels = new Map((await unwrap(caravan().locality.targets())).targets.map((t) => [t.id, t.label]));
  } catch {
    // The receipt still names each target, by id; the ids are what Sync shows for removed targets too.
  }
  return ids.map((id) => ({ id, label: labels.get(id) ?? `Target ${id}` }));
}

/**
 * Returns `erase(client)`, which resolves to the receipt once the client is erased on this device,
 * or throws when the erasure itself failed (then nothing was dropped from the screens).
 */
export function useEraseClient(): (client: Client) => Promise<ErasureReceipt> {
  const dropErasedClient = useStore((s) => s.dropErasedClient);
  const appVersion = useStore((s) => s.appInfo?.version ?? 'unknown');
  return useCallback(
    async (client: Client) => {
      const ctx = repoContext();
      // Counted first: once the key is gone the rows cannot be told apart, and then they are gone.
      const rows = await countClientRows(ctx, client.id);
      // Recorded first (with sync held): from then on sync never pulls the client back, and every
      // other device of this vault learns it and destroys its copy of the key.
      await withSyncLock(async () => {
        const vault = useStore.getState().vault;
        if (vault.kind === 'unlocked') await metaStore().addSyncErasure(vault.vaultId, { clientId: client.id, erasedAt: Date.now() });
        await eraseClient(ctx, client.id);
      });
      dropErasedClient(client.id);
      try {
        const recorded = await unwrap(caravan().locality.recordClientAction('client-erased', client.id));
        // The copies on targets go too: segments and the wrapped key, each deletion audited by main.
        const heldOn = await Promise.all(
          (await targetLabels(recorded.heldOn)).map(async (t) => {
            const deleted = await caravan().sync.deletePartition(t.id, client.id);
            return deleted.ok ? { ...t, deleted: deleted.value } : { ...t, problem: deleted.error.message };
          }),
        );
        return { clientId: client.id, clientName: client.name, erasedAt: recorded.at, rows, heldOn, appVersion };
      } catch (e) {
        return {
          clientId: client.id,
          clientName: client.name,
          erasedAt: Date.now(),
          rows,
          heldOn: null,
          auditProblem: errorMessage(e),
          appVersion,
        };
      }
    },
    [dropErasedClient, appVersion],
  );
}
