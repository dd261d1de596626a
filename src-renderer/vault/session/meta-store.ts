/**
 * What must be readable while the vault is locked, in its own small
 * IndexedDB database: the vault header (wrapped keys and KDF parameters, no
 * secret in the clear), the unlock throttle, the auto-lock delay, how long
 * a derivation took here (for the progress bar) and this device's HLC node id; and, per vault, what
 * is device-local (sync progress, travel mode, the zone per day, encrypted). Listed in docs/threat-model.md.
 */
import { Dexie, type EntityTable } from 'dexie';
import { newNodeId } from '../../sync/hlc/hlc.ts';
import { NO_THROTTLE, type ThrottleState } from './unlock-throttle.ts';

interface MetaRow {
  key: string;
  value: unknown;
}

export const META_DB_NAME = 'caravan-meta';

export interface LockSettings {
  /** Lock after this many minutes without input; 0 = never (still locks on suspend and screen lock). */
  autoLockMinutes: number;
}

export const DEFAULT_LOCK_SETTINGS: LockSettings = { autoLockMinutes: 15 };

export class MetaStore {
  private readonly db: Dexie & { meta: EntityTable<MetaRow, 'key'> };

  constructor(name = META_DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    this.db = new Dexie(name, options) as Dexie & { meta: EntityTable<MetaRow, 'key'> };
    this.db.version(1).stores({ meta: 'key' });
  }

  private async read<T>(key: string): Promise<T | undefined> {
    return (await this.db.meta.get(key))?.value as T | undefined;
  }

  private async write(key: string, value: unknown): Promise<void> {
    await this.db.meta.put({ key, value });
  }

  /** The header text exactly as stored (parse it with `parseHeader`). */
  headerText(): Promise<string | undefined> {
    return this.read<string>('header');
  }

  /** Replaces the header in one IndexedDB transaction: readers see the old one or the new one, never a mix. */
  async saveHeader(text: string): Promise<void> {
    await this.write('header', text);
  }

  async throttle(): Promise<ThrottleState> {
    return (await this.read<ThrottleState>('throttle')) ?? NO_THROTTLE;
  }

  setThrottle(state: ThrottleState): Promise<void> {
    return this.write('throttle', state);
  }

  async lockSettings(): Promise<LockSettings> {
    return { ...DEFAULT_LOCK_SETTINGS, ...(await this.read<LockSettings>('lockSettings')) };
  }

  setLockSettings(settings: LockSettings): Promise<void> {
    return this.write('lockSettings', settings);
  }

  async kdfMillis(): Promise<number | undefined> {
    return this.read<number>('kdfMillis');
  }

  setKdfMillis(ms: number): Promise<void> {
    return this.write('kdfMillis', Math.round(ms));
  }

  /**
   * This device's HLC node id, created on first use. Random and device-local: it says nothing about
   * the person, and it must stay the same across restarts so that this device's changes sort stably.
   */
  async nodeId(): Promise<string> {
    const stored = await this.read<string>('nodeId');
    if (stored !== undefined) return stored;
    const created = newNodeId();
    await this.write('nodeId', created);
    return created;
  }

  /**
   * This device's sync identity in one vault: a random device id, its Ed25519 public key and the
   * signing key's seed wrapped by the root key's localWrap subkey (by the vault key itself before key epochs). Per vault, because a device may hold several.
   */
  syncDevice(vaultId: string): Promise<unknown> {
    return this.read(`syncDevice:${vaultId}`);
  }

  setSyncDevice(vaultId: string, value: unknown): Promise<void> {
    return this.write(`syncDevice:${vaultId}`, value);
  }

  /**
   * This device's epoch store of a vault (vault/store/epoch-store.ts): the epoch keys, sealed
   * under the root key's localWrap subkey. Bytes only; opening it needs the unlocked root key.
   */
  async epochStore(vaultId: string): Promise<Uint8Array | undefined> {
    const value = await this.read<unknown>(`epochs:${vaultId}`);
    return value instanceof Uint8Array ? value : undefined;
  }

  setEpochStore(vaultId: string, sealed: Uint8Array): Promise<void> {
    return this.write(`epochs:${vaultId}`, sealed);
  }

  /** How far this device has synced with one target: positions and version vectors, ids and numbers only. */
  syncProgress(vaultId: string, targetId: string): Promise<unknown> {
    return this.read(`syncProgress:${vaultId}:${targetId}`);
  }

  setSyncProgress(vaultId: string, targetId: string, value: unknown): Promise<void> {
    return this.write(`syncProgress:${vaultId}:${targetId}`, value);
  }

  /** Clients erased on this device, or learnt erased through sync, whose erasure this device tells its targets about (ids and times). */
  async syncErasures(vaultId: string): Promise<{ clientId: string; erasedAt: number }[]> {
    const value = await this.read<unknown>(`syncErasures:${vaultId}`);
    return Array.isArray(value)
      ? value.filter((e): e is { clientId: string; erasedAt: number } => typeof e?.clientId === 'string' && typeof e?.erasedAt === 'number')
      : [];
  }

  async addSyncErasure(vaultId: string, erasure: { clientId: string; erasedAt: number }): Promise<void> {
    const known = await this.syncErasures(vaultId);
    if (!known.some((e) => e.clientId === erasure.clientId)) await this.write(`syncErasures:${vaultId}`, [...known, erasure]);
  }

  /** Devices the person removed from a vault's sync on this device (ids), to announce on every target. */
  async syncRemovals(vaultId: string): Promise<string[]> {
    const value = await this.read<unknown>(`syncRemovals:${vaultId}`);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  }

  async addSyncRemoval(vaultId: string, device: string): Promise<void> {
    const known = await this.syncRemovals(vaultId);
    if (!known.includes(device)) await this.write(`syncRemovals:${vaultId}`, [...known, device]);
  }

  /** Travel mode of a vault on this device: the country declared, and the clients removed for it. */
  travel(vaultId: string): Promise<unknown> {
    return this.read(`travel:${vaultId}`);
  }

  setTravel(vaultId: string, value: unknown): Promise<void> {
    return this.write(`travel:${vaultId}`, value);
  }

  /**
   * This device's time zone per day in one vault, for the presence ledger's 'device' hint: a
   * ciphertext under the vault's workspace key (presence/device-zones.ts), since a zone per day is
   * a travel history. Device-local, like travel mode.
   */
  presenceZones(vaultId: string): Promise<unknown> {
    return this.read(`presenceZones:${vaultId}`);
  }

  setPresenceZones(vaultId: string, value: Uint8Array): Promise<void> {
    return this.write(`presenceZones:${vaultId}`, value);
  }

  close(): void {
    this.db.close();
  }
}
