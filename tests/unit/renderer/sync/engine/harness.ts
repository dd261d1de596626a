/**
 * Two (or more) devices of one vault for sync tests: each with its own
 * IndexedDB world (a fake-indexeddb factory), its own meta store, merge
 * states and progress, and a `round(remote)` that runs one real sync round.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { generateKey } from '../../../../../src-renderer/vault/crypto/keys.ts';
import { newNodeId } from '../../../../../src-renderer/sync/hlc/hlc.ts';
import { openWorkspace, type Workspace } from '../../../../../src-renderer/vault/session/workspace.ts';
import type { EpochKey } from '../../../../../src-renderer/vault/crypto/vault-keys.ts';
import { newEpoch } from '../../../../../src-renderer/vault/crypto/key-purposes.ts';
import { MetaStore } from '../../../../../src-renderer/vault/session/meta-store.ts';
import { loadOrCreateDevice } from '../../../../../src-renderer/sync/engine/device-identity.ts';
import { PartitionStates } from '../../../../../src-renderer/sync/engine/partition-states.ts';
import { RemoteError, type Remote } from '../../../../../src-renderer/sync/engine/remote.ts';
import { emptyProgress, type SyncProgress } from '../../../../../src-renderer/sync/engine/sync-progress.ts';
import { syncRound } from '../../../../../src-renderer/sync/engine/sync-round.ts';
import type { RoundDeps, RoundResult } from '../../../../../src-renderer/sync/engine/round-types.ts';
import type { Transport } from '../../../../../src-main/sync/transport.ts';
import { FolderTransport } from '../../../../../src-main/sync/folder-transport.ts';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** A folder target in a fresh folder under `parent`: main takes only a folder that exists (the person chose it). */
export function freshFolder(parent: string): FolderTransport {
  const root = join(parent, crypto.randomUUID());
  mkdirSync(root, { recursive: true });
  return new FolderTransport(root);
}

/** main's transport as the engine's Remote, mapping failures the way the IPC does. */
export function direct(transport: Transport): Remote {
  const wrap = async <T>(work: () => Promise<T>) => {
    try {
      return await work();
    } catch (error) {
      throw new RemoteError((error as { retry?: boolean }).retry ? 'unavailable' : 'failed', String(error));
    }
  };
  return {
    put: (k, b) => wrap(() => transport.put(k, b)),
    get: (k) => wrap(() => transport.get(k)),
    list: (p) => wrap(() => transport.list(p)),
    delete: (k) => wrap(() => transport.delete(k)),
  };
}

/**
 * A target in memory (a Map), for fast engine tests; `objects` is open to inspection and tampering.
 * With `serverClock`, every put is stamped with that clock's time and listed as `modified` (a
 * server's own clock, as S3 and WebDAV give); `times` holds the stamps, and tests may set them.
 * Without it, nothing is stamped: a store that gives no modification time.
 */
export function memoryRemote(
  objects = new Map<string, Uint8Array>(),
  options: { serverClock?: () => number } = {},
): Remote & { objects: Map<string, Uint8Array>; times: Map<string, number> } {
  const times = new Map<string, number>();
  return {
    objects,
    times,
    put: async (key, bytes) => {
      objects.set(key, bytes.slice());
      if (options.serverClock) times.set(key, options.serverClock());
    },
    get: async (key) => objects.get(key)?.slice() ?? null,
    list: async (prefix) =>
      [...objects.keys()]
        .filter((key) => key.startsWith(prefix))
        .sort()
        .map((key) => {
          const modified = times.get(key);
          return { key, size: (objects.get(key) as Uint8Array).length, ...(modified !== undefined ? { modified } : {}) };
        }),
    delete: async (key) => {
      objects.delete(key);
      times.delete(key);
    },
  };
}

export interface Device {
  workspace: Workspace;
  meta: MetaStore;
  states: PartitionStates;
  progress: SyncProgress;
  /** One real round; `extra` adds or overrides round dependencies (erasures, hooks...). */
  round(remote: Remote, extra?: Partial<RoundDeps>): Promise<RoundResult>;
}

let dbCounter = 0;
export async function device(vault: { vaultId: string; vaultKey: Uint8Array; epoch?: EpochKey }, now: () => number = Date.now): Promise<Device> {
  const factory = new IDBFactory();
  const meta = new MetaStore(`meta-${++dbCounter}`, { indexedDB: factory, IDBKeyRange });
  // As the app opens it: with the meta store, so the key ring holds the vault's epoch (key epochs).
  const epoch = vault.epoch ? { epoch: { ...vault.epoch.epoch }, key: vault.epoch.key.slice() } : null;
  const workspace = await openWorkspace(
    { vaultId: vault.vaultId, vaultKey: vault.vaultKey.slice(), ...(epoch ? { epoch } : {}) },
    { nodeId: newNodeId(), indexedDB: factory, IDBKeyRange, now, ...(epoch ? { meta } : {}) },
  );
  const d: Device = {
    workspace,
    meta,
    states: new PartitionStates(),
    progress: emptyProgress(),
    round: async (remote, extra = {}) => {
      const identity = await loadOrCreateDevice(meta, vault.vaultId, workspace.keyRing);
      return syncRound({
        vaultId: vault.vaultId,
        db: workspace.ctx.db,
        keyRing: workspace.keyRing,
        clock: workspace.ctx.clock,
        device: identity,
        remote,
        progress: d.progress,
        saveProgress: async () => undefined,
        states: d.states,
        now,
        ...extra,
      });
    },
  };
  return d;
}

export function newVault() {
  return { vaultId: crypto.randomUUID(), vaultKey: generateKey(), epoch: newEpoch(null) };
}
