/** Binds the erasure workflow (erase-client.ts) to this window's vault, store and main. */
import { useCallback } from 'react';
import { useStore } from '../app/store.ts';
import type { Client } from '../domain/client.ts';
import { caravan } from '../ipc/caravan.ts';
import { withSyncLock } from '../sync/sync-lock.ts';
import { metaStore, repoContext } from '../vault/session/runtime.ts';
import { countClientRows } from './client-records.ts';
import { anonymiseClientInvoices, checkClientInvoices } from './erase-invoices.ts';
import { shredHere } from './erase-here.ts';
import { gdprErrorMessage } from './gdpr-files.ts';
import { eraseClientEverywhere, type EraseClientOutcome } from './erase-client.ts';

export function useEraseClient(): (client: Client) => Promise<EraseClientOutcome> {
  const dropErasedClient = useStore((s) => s.dropErasedClient);
  const appVersion = useStore((s) => s.appInfo?.version ?? 'unknown');
  return useCallback(
    (client: Client) =>
      eraseClientEverywhere(
        {
          countRows: (id) => countClientRows(repoContext(), id),
          checkInvoices: (id) => checkClientInvoices(repoContext(), id),
          withSyncLock,
          shred: (id) =>
            shredHere(
              repoContext(),
              async (clientId) => {
                const vault = useStore.getState().vault;
                if (vault.kind === 'unlocked') await metaStore().addSyncErasure(vault.vaultId, { clientId, erasedAt: Date.now() });
              },
              id,
            ),
          anonymiseInvoices: (id) => anonymiseClientInvoices(repoContext(), id),
          dropFromCache: dropErasedClient,
          locality: caravan().locality,
          sync: caravan().sync,
          now: Date.now,
          appVersion,
          explain: gdprErrorMessage,
        },
        client,
      ),
    [dropErasedClient, appVersion],
  );
}
