/**
 * The ledger's links to the open vault: the repository context, the device-zone store and travel
 * mode of the unlocked vault. One place, so the loaders take them as parameters and tests pass
 * their own.
 */
import { loadTravel, type TravelState } from '../locality/travel.ts';
import type { RepoContext } from '../vault/repos/context.ts';
import { currentSession, currentWorkspace, metaStore } from '../vault/session/runtime.ts';
import { WORKSPACE_KEY_ID } from '../vault/store/schema.ts';
import type { DeviceZoneStore } from './device-zones.ts';

/** What loading the ledger reads besides pure inputs. */
export interface LedgerDeps {
  ctx: RepoContext;
  zones: DeviceZoneStore;
  travel(): Promise<TravelState | null>;
}

/** The unlocked vault's; throws while locked (screens that load the ledger render only when unlocked). */
export function ledgerDeps(): LedgerDeps {
  const workspace = currentWorkspace();
  const vaultId = currentSession()?.vaultId;
  if (workspace === null || vaultId === undefined) throw new Error('The vault is locked; unlock it to read the presence ledger.');
  return {
    ctx: workspace.ctx,
    zones: {
      vaultId,
      read: () => metaStore().presenceZones(vaultId),
      write: (bytes) => metaStore().setPresenceZones(vaultId, bytes),
      key: () => workspace.keyRing.keyFor(WORKSPACE_KEY_ID),
    },
    travel: () => loadTravel(vaultId),
  };
}
