/**
 * The epochs of an unlocked session, for the key ring: this device's epoch store (epoch-store.ts)
 * opened, every key derived, and each change persisted before it is acted on. A state change
 * never edits in place: it builds the next store state, derives from it, wipes the old keys.
 */
import { VaultError } from '../crypto/errors.ts';
import { deriveEpochKeys, type EpochKeys, type EpochSyncKeys, newerEpoch, syncKeysOf, wipeEpochKeys } from '../crypto/key-purposes.ts';
import type { KdfParams } from '../crypto/kdf.ts';
import { readySodium } from '../crypto/sodium.ts';
import type { EpochKey } from '../crypto/vault-keys.ts';
import { type EpochStoreState, openEpochStore, sealEpochStore, wipeEpochStoreState } from './epoch-store.ts';

/** Where the ring keeps what outlives the session (the meta store and the key worker, in the app). */
export interface KeyRingHost {
  loadEpochStore(): Promise<Uint8Array | undefined>;
  saveEpochStore(sealed: Uint8Array): Promise<void>;
  headerText(): Promise<string | undefined>;
  saveHeader(text: string): Promise<void>;
  /** Argon2id (in the key worker in the app): rotation needs the passphrase to wrap the new epoch key. */
  deriveKek(passphrase: string, params: KdfParams): Promise<Uint8Array>;
  now(): number;
}

export class EpochSet {
  readonly host: KeyRingHost;
  readonly #root: Uint8Array;
  readonly #vaultId: string;
  current!: EpochKeys;
  since = 0;
  previous: EpochKeys | null = null;
  history = new Map<string, EpochSyncKeys>();
  pending: { epoch: EpochKey; header: string } | null = null;
  #wiped = false;

  /** `root` is the ring's R (not copied: the ring wipes it, and this set, on lock). */
  private constructor(host: KeyRingHost, root: Uint8Array, vaultId: string, state: EpochStoreState) {
    this.host = host;
    this.#root = root;
    this.#vaultId = vaultId;
    this.#take(state);
  }

  /**
   * Reads the store (or starts one from the header's epoch). `fromHeader` is the epoch the unlock
   * opened from the header (checked there), null when the unlock had only R: then the store must
   * exist. The newer of the two is current; a header that carries the store's pending rotation
   * completes it (the header was written, the store not yet moved).
   */
  static async load(host: KeyRingHost, root: Uint8Array, vaultId: string, fromHeader: EpochKey | null): Promise<EpochSet> {
    const sealed = await host.loadEpochStore();
    let state: EpochStoreState | null = sealed ? await openEpochStore(root, vaultId, sealed) : null;
    let changed = false;
    if (state === null) {
      if (fromHeader === null) throw new VaultError('key-check-failed', 'this device holds no key of the vault’s current epoch; unlock with your passphrase');
      state = { current: copyEpochKey(fromHeader), since: host.now(), history: {} };
      changed = true;
    } else if (
      fromHeader &&
      fromHeader.epoch.id !== state.current.epoch.id &&
      !state.history[fromHeader.epoch.id] &&
      newerEpoch(fromHeader.epoch, state.current.epoch) === fromHeader.epoch
    ) {
      state = moveTo(state, copyEpochKey(fromHeader), host.now());
      changed = true;
    }
    const set = new EpochSet(host, root, vaultId, state);
    if (changed) await set.persist();
    return set;
  }

  /** Sync keys of an epoch of this set (not 'legacy': that one is R's), as views of its arrays. */
  syncKeysFor(epochId: string): EpochSyncKeys | null {
    // Views of the sync keys only: sync never gets a wrapping key through this.
    if (this.current.epoch.id === epochId) return syncView(this.current);
    if (this.previous?.epoch.id === epochId) return syncView(this.previous);
    return this.history.get(epochId) ?? null;
  }

  /** `next` becomes current, the current previous (its sync keys in history); persisted. */
  async moveTo(next: EpochKey): Promise<void> {
    this.#checkOpen();
    const state = moveTo(this.#state(), copyEpochKey(next), this.host.now());
    this.#take(state);
    await this.persist();
  }

  /** Stores (or clears) the pending rotation. Copied before the old one is wiped: the caller may pass the pending key itself. */
  async setPending(pending: { epoch: EpochKey; header: string } | null): Promise<void> {
    this.#checkOpen();
    const next = pending ? { epoch: copyEpochKey(pending.epoch), header: pending.header } : null;
    this.pending?.epoch.key.fill(0);
    this.pending = next;
    await this.persist();
  }

  async forgetPrevious(): Promise<void> {
    if (!this.previous) return;
    wipeEpochKeys(this.previous);
    this.previous = null;
    await this.persist();
  }

  async persist(): Promise<void> {
    this.#checkOpen();
    const state = this.#state();
    try {
      const sealed = await sealEpochStore(this.#root, this.#vaultId, state);
      this.#checkOpen();
      await this.host.saveEpochStore(sealed);
    } finally {
      wipeEpochStoreState(state);
    }
  }

  wipe(): void {
    this.#wiped = true;
    this.#wipeKeys();
  }

  #wipeKeys(): void {
    wipeEpochKeys(this.current);
    wipeEpochKeys(this.previous);
    for (const keys of this.history.values()) wipeEpochKeys(keys);
    this.pending?.epoch.key.fill(0);
  }

  /**
   * A lock wipes the set (and R) while a rotation or adoption may still be awaiting a write: what
   * it does next would seal zeros over this device's store, which then never opens again.
   */
  #checkOpen(): void {
    if (this.#wiped) throw new VaultError('record-key-missing', 'the vault is locked');
  }

  /** Derives everything from `state`, then wipes it and the keys held before. */
  #take(state: EpochStoreState): void {
    const sodium = readySodium();
    const current = deriveEpochKeys(sodium, state.current.key, state.current.epoch);
    const previous = state.previous ? deriveEpochKeys(sodium, state.previous.key, state.previous.epoch) : null;
    const history = new Map(Object.entries(state.history).map(([id, keys]) => [id, syncKeysOf(keys)]));
    const pending = state.pending ? { epoch: copyEpochKey(state.pending.epoch), header: state.pending.header } : null;
    wipeEpochStoreState(state);
    if (this.current) this.#wipeKeys();
    this.current = current;
    this.since = state.since;
    this.previous = previous;
    this.history = history;
    this.pending = pending;
  }

  /** The state to persist, as copies (the caller wipes them). */
  #state(): EpochStoreState {
    const state: EpochStoreState = {
      current: { epoch: { ...this.current.epoch }, key: this.current.key.slice() },
      since: this.since,
      history: Object.fromEntries([...this.history].map(([id, keys]) => [id, syncKeysOf(keys)])),
    };
    if (this.previous) state.previous = { epoch: { ...this.previous.epoch }, key: this.previous.key.slice() };
    if (this.pending) state.pending = { epoch: copyEpochKey(this.pending.epoch), header: this.pending.header };
    return state;
  }
}

/** The sync keys of an epoch, sharing its arrays (wiped with it). */
function syncView(keys: EpochSyncKeys): EpochSyncKeys {
  return { epoch: keys.epoch, segments: keys.segments, clientSegments: keys.clientSegments, roster: keys.roster };
}

export function copyEpochKey(value: EpochKey): EpochKey {
  return { epoch: { ...value.epoch }, key: value.key.slice() };
}

/** The state after `next` becomes current: the old current is kept as previous, its sync keys in history; a pending rotation it completes goes. */
function moveTo(state: EpochStoreState, next: EpochKey, now: number): EpochStoreState {
  const sodium = readySodium();
  const old = deriveEpochKeys(sodium, state.current.key, state.current.epoch);
  const history = { ...state.history, [old.epoch.id]: syncKeysOf(old) };
  wipeEpochKeys(old);
  state.previous?.key.fill(0);
  const moved: EpochStoreState = { current: next, since: now, previous: state.current, history };
  if (state.pending && state.pending.epoch.epoch.id !== next.epoch.id) moved.pending = state.pending;
  else state.pending?.epoch.key.fill(0);
  return moved;
}
