/**
 * A small world for the epoch step (src-renderer/sync/engine/epochs.ts) without IndexedDB: devices
 * with an in-memory key ring that follows docs/key-epochs.md (current, previous until forgotten,
 * history of sync keys only, a pending rotation), a roster, and a memory target that keeps every
 * version of every object ever written, deleted ones included (as a provider's version history
 * would), so tests can try any key on anything that was ever there.
 */
import { DeviceRoster, newDeviceIdentity, type DeviceIdentity, type RosterRecord } from '../../../../../src-renderer/sync/segment/device-roster.ts';
import { segmentKeyEpoch } from '../../../../../src-renderer/sync/segment/layout.ts';
import { syncEpochs, type EpochOutcome, type EpochRing } from '../../../../../src-renderer/sync/engine/epochs.ts';
import { RemoteError, type Remote } from '../../../../../src-renderer/sync/engine/remote.ts';
import {
  clientSegmentKey,
  deriveEpochKeys,
  type EpochKeys,
  type EpochRef,
  type EpochSyncKeys,
  newEpoch,
  newerEpoch,
  syncKeysOf,
  wipeEpochKeys,
} from '../../../../../src-renderer/vault/crypto/key-purposes.ts';
import { newClientKey } from '../../../../../src-renderer/vault/crypto/keys.ts';
import { readySodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import type { VaultDb } from '../../../../../src-renderer/vault/store/schema.ts';

/** The key ring's epoch side, in memory, as the design describes it. */
export class MemoryEpochRing implements EpochRing {
  current: EpochKeys;
  previous: EpochKeys | null = null;
  readonly history = new Map<string, EpochSyncKeys>();
  pending: { epoch: EpochRef; key: Uint8Array; headerText: string } | null = null;
  readonly clientKeys = new Map<string, Uint8Array>();

  constructor(first: { epoch: EpochRef; key: Uint8Array }) {
    this.current = deriveEpochKeys(readySodium(), first.key, first.epoch);
  }

  hasEpochs(): boolean {
    return true;
  }
  currentEpoch(): EpochKeys {
    return this.current;
  }
  previousEpoch(): EpochKeys | null {
    return this.previous;
  }
  syncKeysFor(epochId: string): EpochSyncKeys | null {
    if (this.current.epoch.id === epochId) return this.current;
    if (this.previous?.epoch.id === epochId) return this.previous;
    return this.history.get(epochId) ?? null;
  }
  historyEpochs(): EpochSyncKeys[] {
    return [...(this.previous ? [syncKeysOf(this.previous)] : []), ...this.history.values()].filter((h) => h.epoch.id !== this.current.epoch.id);
  }
  async learnHistory(entries: readonly EpochSyncKeys[]): Promise<void> {
    for (const entry of entries) if (!this.syncKeysFor(entry.epoch.id)) this.history.set(entry.epoch.id, syncKeysOf(entry));
  }
  clientKey(clientId: string): Uint8Array | null {
    return this.clientKeys.get(clientId) ?? null;
  }
  /** What the key ring's segmentKey gives for an epoch key id. */
  segmentKey(keyId: string): Uint8Array | null {
    const at = keyId.lastIndexOf('@');
    if (at < 0) return null;
    const base = keyId.slice(0, at);
    const partition = base === 'sync' ? 'workspace' : base.slice('client:'.length);
    const epoch = segmentKeyEpoch(partition, keyId);
    const keys = epoch ? this.syncKeysFor(epoch) : null;
    if (!keys) return null;
    if (partition === 'workspace') return keys.segments;
    const clientKey = this.clientKeys.get(partition);
    return clientKey ? clientSegmentKey(readySodium(), keys, clientKey, partition) : null;
  }
  async adoptEpoch(_db: VaultDb, keys: { epoch: EpochRef; key: Uint8Array }): Promise<void> {
    if (keys.epoch.id === this.current.epoch.id || newerEpoch(keys.epoch, this.current.epoch) !== keys.epoch) return;
    this.#moveTo(keys);
  }
  async forgetPrevious(): Promise<void> {
    if (!this.previous) return;
    this.history.set(this.previous.epoch.id, syncKeysOf(this.previous));
    wipeEpochKeys(this.previous);
    this.previous = null;
  }
  /** Reuses a pending rotation, as the key ring does, so a resumed publish never forks. `id` fixes the new epoch's id (replayable property runs). */
  beginRotation(id?: string): EpochRef {
    if (!this.pending) {
      const next = newEpoch(this.current.epoch);
      if (id !== undefined) next.epoch.id = id;
      this.pending = { ...next, headerText: JSON.stringify({ epoch: next.epoch.id }) };
    }
    return this.pending.epoch;
  }
  pendingRotation(): { epoch: EpochRef; key: Uint8Array; headerText: string } | null {
    return this.pending;
  }
  async completeRotation(): Promise<void> {
    if (!this.pending) return;
    const pending = this.pending;
    this.pending = null;
    // A pending rotation older than an epoch adopted meanwhile still completes: the fork rule picks the winner next round.
    this.#moveTo(pending);
  }
  #moveTo(keys: { epoch: EpochRef; key: Uint8Array }): void {
    if (this.previous) this.history.set(this.previous.epoch.id, syncKeysOf(this.previous));
    wipeEpochKeys(this.previous);
    this.previous = this.current;
    this.current = deriveEpochKeys(readySodium(), keys.key, keys.epoch);
  }
  /** Every epoch whose full keys (not only sync keys) this ring holds. */
  fullEpochs(): EpochKeys[] {
    return [
      this.current,
      ...(this.previous ? [this.previous] : []),
      ...(this.pending ? [deriveEpochKeys(readySodium(), this.pending.key, this.pending.epoch)] : []),
    ];
  }
}

/** A memory target keeping every version ever written (deleted and overwritten ones too). */
export interface VersionedRemote extends Remote {
  objects: Map<string, Uint8Array>;
  /** Every version of every key ever put, in order. */
  versions: Map<string, Uint8Array[]>;
}

export function versionedRemote(): VersionedRemote {
  const objects = new Map<string, Uint8Array>();
  const versions = new Map<string, Uint8Array[]>();
  return {
    objects,
    versions,
    put: async (key, bytes) => {
      objects.set(key, bytes.slice());
      versions.set(key, [...(versions.get(key) ?? []), bytes.slice()]);
    },
    get: async (key) => objects.get(key)?.slice() ?? null,
    list: async (prefix) =>
      [...objects.keys()]
        .filter((key) => key.startsWith(prefix))
        .sort()
        .map((key) => ({ key, size: (objects.get(key) as Uint8Array).length })),
    delete: async (key) => {
      objects.delete(key);
    },
  };
}

/** A remote that fails (as a target going away does) after `puts` more writes: a crash mid-step. */
export function failingAfter(remote: Remote, puts: number): Remote {
  let left = puts;
  return {
    ...remote,
    put: async (key, bytes) => {
      if (left-- <= 0) throw new RemoteError('unavailable', 'the target went away');
      await remote.put(key, bytes);
    },
  };
}

export interface EpochDevice {
  id: string;
  identity: DeviceIdentity;
  ring: MemoryEpochRing;
  erased: Set<string>;
  last?: EpochOutcome;
}

export const VAULT = '6d1f3c8e-2b4a-4f6d-9e1c-7a5b3d2f1e0c';

/** `n` devices that all hold the vault's first epoch (as after joining with the passphrase), and client keys. */
export async function epochWorld(n: number, clients: readonly string[] = []): Promise<{ devices: EpochDevice[]; removed: Map<string, number> }> {
  const first = newEpoch(null);
  const clientKeys = clients.map((c) => [c, newClientKey()] as const);
  const devices: EpochDevice[] = [];
  for (let i = 0; i < n; i++) {
    const ring = new MemoryEpochRing({ epoch: first.epoch, key: first.key.slice() });
    for (const [c, key] of clientKeys) ring.clientKeys.set(c, key.slice());
    devices.push({ id: `dev${i}${'0'.repeat(27)}`.slice(0, 32), identity: await newDeviceIdentity(), ring, erased: new Set() });
  }
  return { devices, removed: new Map() };
}

/** The roster every device reads: everyone added, the removed ones with their removal. */
export function rosterOf(devices: readonly EpochDevice[], removed: ReadonlyMap<string, number>): DeviceRoster {
  const records: RosterRecord[] = [];
  for (const d of devices) {
    records.push({ kind: 'device', vaultId: VAULT, device: d.id, publicKey: d.identity.publicKey, addedAt: 0 });
    if (removed.has(d.id)) records.push({ kind: 'removal', vaultId: VAULT, device: d.id, publicKey: d.identity.publicKey, removedAt: 1, lastSeq: {} });
  }
  return new DeviceRoster(records);
}

/** One epoch step of `device` against `remote`. */
export async function epochRound(device: EpochDevice, remote: Remote, roster: DeviceRoster, now = 0): Promise<EpochOutcome> {
  device.last = await syncEpochs(
    {
      vaultId: VAULT,
      db: {} as VaultDb,
      keyRing: device.ring,
      device: { id: device.id, publicKey: device.identity.publicKey, secretKey: device.identity.secretKey },
      remote,
      now: () => now,
      clientIds: async () => [...device.ring.clientKeys.keys()],
      erasedClients: () => device.erased,
    },
    roster,
  );
  return device.last;
}
