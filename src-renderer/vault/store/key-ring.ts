/**
 * The keys the store encrypts with, held in memory while the vault is unlocked.
 *
 *   root key R --crypto_kdf--> records subkey               (key id 'workspace': settings)
 *   epoch key E --clientWrap--> client data key, per client  (key id 'client:<id>': that client's rows and change log)
 *
 * Client keys are generated here, wrapped under the current epoch's clientWrap subkey (by R itself
 * before key epochs) and stored in the `clientKeys` table; destroying one wipes it from memory and
 * deletes its wrapped copy, which makes every row of that client unreadable (crypto-shredding).
 * Copies on sync targets are sync's to destroy.
 *
 * With epochs attached (`attachEpochs`, at unlock) the ring also holds this device's epoch store
 * (epoch-store.ts) and is the seam sync codes against (docs/key-epochs.md, last section):
 * `currentEpoch`, `syncKeysFor`, `segmentKey`, `clientKey`, `adoptEpoch`, `forgetPrevious` and the
 * rotation (`beginRotation`, `pendingRotation`, `completeRotation`, in key-ring-rotation.ts).
 */
import { VaultError } from '../crypto/errors.ts';
import { deriveSubkeys, newClientKey, unwrapClientKey, unwrapClientKeyV2, wipe, wrapClientKey, wrapClientKeyV2 } from '../crypto/keys.ts';
import {
  clientSegmentKey,
  deriveEpochKeys,
  type EpochKeys,
  type EpochRef,
  type EpochSyncKeys,
  LEGACY_EPOCH,
  legacySyncKeys,
  newerEpoch,
  rootSubkey,
  syncKeysOf,
  wipeEpochKeys,
} from '../crypto/key-purposes.ts';
import type { KdfParams } from '../crypto/kdf.ts';
import { getSodium, readySodium, type Sodium } from '../crypto/sodium.ts';
import type { EpochKey } from '../crypto/vault-keys.ts';
import { type EpochStoreState, openEpochStore, sealEpochStore, wipeEpochStoreState } from './epoch-store.ts';
import { beginRotation } from './key-ring-rotation.ts';
import { WORKSPACE_KEY_ID, type VaultDb } from './schema.ts';
import { deriveVaultIdentity, type VaultIdentity } from '../../identity/vault-identity.ts';

/** The audit key pair: X25519 from the audit subkey, so every device of the vault derives the same one. */
export function auditKeyPair(sodium: Sodium, auditSubkey: Uint8Array): { publicKey: Uint8Array; privateKey: Uint8Array } {
  const pair = sodium.crypto_box_seed_keypair(auditSubkey);
  return { publicKey: pair.publicKey, privateKey: pair.privateKey };
}

/** What the encryption middleware needs: a key per key id, synchronously. */
export interface KeyRing {
  /**
   * The 32-byte key for `keyId` ('workspace' or 'client:<clientId>'). Throws
   * VaultError('record-key-missing') when the key is unknown, destroyed, or the ring was wiped.
   * The caller must not keep or modify the returned array.
   */
  keyFor(keyId: string): Uint8Array;
}

/** A key ring that can also create and destroy client keys (what the repositories need). */
export interface ClientKeyRing extends KeyRing {
  /** Generates a data key for a new client, stores it wrapped, and keeps it in memory. */
  createClientKey(db: VaultDb, clientId: string): Promise<void>;
  /** Crypto-shredding: deletes the wrapped copy and wipes the key from memory. */
  destroyClientKey(db: VaultDb, clientId: string): Promise<void>;
}

/** A stored client key that did not open on unlock; that client's rows will be reported unreadable. */
export interface ClientKeyFailure {
  clientId: string;
  error: VaultError;
}

const CLIENT_PREFIX = 'client:';

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

/** The epochs of an unlocked session: the store's state with every key derived. */
interface Epochs {
  host: KeyRingHost;
  current: EpochKeys;
  since: number;
  previous: EpochKeys | null;
  history: Map<string, EpochSyncKeys>;
  pending: { epoch: EpochKey; header: string } | null;
}

/** The unlocked session's key ring. Create with {@link VaultKeyRing.create}; call `wipe()` on lock. */
export class VaultKeyRing implements ClientKeyRing {
  readonly #vaultId: string;
  readonly #vaultKey: Uint8Array;
  readonly #records: Uint8Array;
  readonly #clientKeys = new Map<string, Uint8Array>();
  readonly #audit: { publicKey: Uint8Array; privateKey: Uint8Array };
  readonly #sync: Uint8Array;
  readonly #legacy: EpochSyncKeys;
  readonly #localWrap: Uint8Array;
  /** Client segment keys of epochs, derived on first use ('client:<c>@<epoch>'). */
  readonly #segmentKeys = new Map<string, Uint8Array>();
  #epochs: Epochs | null = null;
  #identity: VaultIdentity | undefined;
  #wiped = false;

  private constructor(vaultId: string, vaultKey: Uint8Array, records: Uint8Array, audit: { publicKey: Uint8Array; privateKey: Uint8Array }, sync: Uint8Array) {
    this.#vaultId = vaultId;
    this.#vaultKey = vaultKey;
    this.#records = records;
    this.#audit = audit;
    this.#sync = sync;
    const sodium = readySodium();
    this.#legacy = legacySyncKeys(sodium, vaultKey);
    this.#localWrap = rootSubkey(sodium, vaultKey, 'localWrap');
  }

  /** The vault this ring belongs to. */
  get vaultId(): string {
    return this.#vaultId;
  }

  /**
   * A ring for the vault `vaultId`. It keeps its own copy of `vaultKey` (to wrap new client keys),
   * so the caller may wipe its copy; only the records subkey is kept among the derived ones.
   */
  static async create(vaultKey: Uint8Array, vaultId: string): Promise<VaultKeyRing> {
    const subkeys = await deriveSubkeys(vaultKey);
    // The audit log is sealed to this key pair by main, which only ever sees the public half.
    const audit = auditKeyPair(await getSodium(), subkeys.audit);
    wipe(subkeys.blindIndex, subkeys.audit);
    return new VaultKeyRing(vaultId, vaultKey.slice(), subkeys.records, audit, subkeys.syncSegments);
  }

  /**
   * Reads this device's epoch store (or starts one from the header's epoch) and keeps its keys.
   * `fromHeader` is the epoch the unlock opened from the header (checked there), null when the
   * unlock had only R (this device's secure storage): then the store must exist. The newer of the
   * two is current; a header that carries the store's pending rotation completes it (the header
   * was written, the store not yet moved).
   */
  async attachEpochs(host: KeyRingHost, fromHeader: EpochKey | null): Promise<void> {
    this.#checkOpen();
    await getSodium();
    const sealed = await host.loadEpochStore();
    let state: EpochStoreState | null = sealed ? await openEpochStore(this.#vaultKey, this.#vaultId, sealed) : null;
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
    this.#setEpochs(host, state);
    if (changed) await this.#persist();
  }

  /** True once `attachEpochs` ran (every unlock of the app; tests may use a ring without). */
  hasEpochs(): boolean {
    return !this.#wiped && this.#epochs !== null;
  }

  /** The current epoch's keys. Throws when locked, or before epochs are attached. The caller must not keep or modify them. */
  currentEpoch(): EpochKeys {
    return this.#requireEpochs().current;
  }

  /** When this device made or adopted the current epoch, UTC ms. */
  currentEpochSince(): number {
    return this.#requireEpochs().since;
  }

  /** The sync keys of an epoch: 'legacy' always, the current, the previous, or one in history; null for an unknown one. */
  syncKeysFor(epochId: string): EpochSyncKeys | null {
    if (this.#wiped) return null;
    if (epochId === LEGACY_EPOCH.id) return this.#legacy;
    const epochs = this.#epochs;
    if (!epochs) return null;
    // Views of the sync keys only: sync never gets a wrapping key through this.
    if (epochs.current.epoch.id === epochId) return syncView(epochs.current);
    if (epochs.previous?.epoch.id === epochId) return syncView(epochs.previous);
    return epochs.history.get(epochId) ?? null;
  }

  /**
   * The key a sync segment or snapshot is sealed with, by key id: 'sync' (epoch 0's workspace
   * key), 'sync@<epoch>' (that epoch's segments key), 'client:<c>' (epoch 0: the client's data
   * key), 'client:<c>@<epoch>' (that epoch's segment key of the client). Null when it is not here
   * (a client erased or not yet adopted, an epoch this device never had). The caller must not keep
   * or modify it.
   */
  segmentKey(keyId: string): Uint8Array | null {
    if (this.#wiped) return null;
    const at = keyId.lastIndexOf('@');
    const base = at < 0 ? keyId : keyId.slice(0, at);
    const epochId = at < 0 ? null : keyId.slice(at + 1);
    if (epochId === '' || epochId === LEGACY_EPOCH.id) return null;
    if (base === 'sync') return epochId === null ? this.#sync : (this.syncKeysFor(epochId)?.segments ?? null);
    if (!base.startsWith(CLIENT_PREFIX) || base.length === CLIENT_PREFIX.length) return null;
    const clientId = base.slice(CLIENT_PREFIX.length);
    const clientKey = this.#clientKeys.get(clientId);
    if (!clientKey) return null;
    if (epochId === null) return clientKey;
    const cached = this.#segmentKeys.get(keyId);
    if (cached) return cached;
    const keys = this.syncKeysFor(epochId);
    if (!keys) return null;
    const derived = clientSegmentKey(readySodium(), keys, clientKey, clientId);
    this.#segmentKeys.set(keyId, derived);
    return derived;
  }

  /** A client's data key (to publish `p/<client>/key/<epoch>.bin`); null when not here. The caller must not keep or modify it. */
  clientKey(clientId: string): Uint8Array | null {
    if (this.#wiped) return null;
    return this.#clientKeys.get(clientId) ?? null;
  }

  /**
   * A version 1 wrap of a client's key under R (`p/<client>/key.bin`, what today's sync
   * publishes and every device of any version opens); null when the key is not here.
   */
  async legacyClientWrap(clientId: string): Promise<Uint8Array | null> {
    this.#checkOpen();
    const key = this.#clientKeys.get(clientId);
    return key ? wrapClientKey(this.#vaultKey, this.#vaultId, clientId, key) : null;
  }

  /** Epoch 0's `syncSegments` subkey, for the version 1 roster key. The caller must not keep or modify it. */
  syncSubkey(): Uint8Array {
    this.#checkOpen();
    return this.#sync;
  }

  /** R, for opening version 1 wraps (client keys on targets). The caller must not keep or modify it. */
  vaultKeyForWrapping(): Uint8Array {
    this.#checkOpen();
    return this.#vaultKey;
  }

  /** R's localWrap subkey: wraps this device's signing seed in the meta store. The caller must not keep or modify it. */
  localWrapKey(): Uint8Array {
    this.#checkOpen();
    return this.#localWrap;
  }

  /**
   * Makes `keys` (an epoch granted by another device, already verified by sync) current: the old
   * current is kept as `previous` and its sync keys go to history, the store is saved, then every
   * local client key row is rewrapped under the new clientWrap. A crash between leaves rows of the
   * previous epoch, which still load (and are rewrapped at the next unlock). An epoch that is not
   * newer than the current is ignored.
   */
  async adoptEpoch(db: VaultDb, keys: { epoch: EpochRef; key: Uint8Array }): Promise<void> {
    const epochs = this.#requireEpochs();
    if (keys.epoch.id === epochs.current.epoch.id || newerEpoch(keys.epoch, epochs.current.epoch) !== keys.epoch) return;
    this.#setEpochs(epochs.host, moveTo(this.#state(), copyEpochKey(keys), epochs.host.now()));
    await this.#persist();
    await this.rewrapClientRows(db);
  }

  /** Forgets the previous epoch's key (its sync keys stay in history): after this device's inbox for the current epoch is published. */
  async forgetPrevious(): Promise<void> {
    const epochs = this.#requireEpochs();
    if (!epochs.previous) return;
    wipeEpochKeys(epochs.previous);
    epochs.previous = null;
    await this.#persist();
  }

  /** The previous epoch's keys while kept (a fork's losing branch is handed on from them), or null. The caller must not keep or modify them. */
  previousEpoch(): EpochKeys | null {
    return this.#wiped ? null : (this.#epochs?.previous ?? null);
  }

  /** The sync keys of every earlier epoch held (the previous one too), for the history of a new epoch's record. The caller must not modify them. */
  historyEpochs(): EpochSyncKeys[] {
    const epochs = this.#requireEpochs();
    const all = new Map(epochs.history);
    if (epochs.previous) all.set(epochs.previous.epoch.id, syncView(epochs.previous));
    all.delete(epochs.current.epoch.id);
    return [...all.values()];
  }

  /**
   * Keeps the sync keys of earlier epochs learnt from a verified epoch record's history (or a fork's
   * other branch, opened from a grant), so their segments stay readable here. Known ones are left.
   */
  async learnHistory(entries: readonly EpochSyncKeys[]): Promise<void> {
    const epochs = this.#requireEpochs();
    let changed = false;
    for (const entry of entries) {
      if (entry.epoch.id === LEGACY_EPOCH.id || this.syncKeysFor(entry.epoch.id) !== null) continue;
      epochs.history.set(entry.epoch.id, syncKeysOf(entry));
      changed = true;
    }
    if (changed) await this.#persist();
  }

  /**
   * Starts a rotation: proves `passphrase` against the local header, makes the next epoch (or
   * reuses a pending one, so a resumed publish never forks), and stores it as pending with the
   * header that wraps it (under a new passphrase when `options.newPassphrase` is given: a
   * passphrase change rotates). Nothing is published or made current here.
   */
  beginRotation(_db: VaultDb, passphrase: string, options: { newPassphrase?: string } = {}): Promise<EpochRef> {
    return beginRotation(this, passphrase, options);
  }

  /** The rotation stored by `beginRotation` and not completed yet, or null. */
  pendingRotation(): { epoch: EpochRef; key: Uint8Array; headerText: string } | null {
    const pending = this.#epochs?.pending;
    if (this.#wiped || !pending) return null;
    return { epoch: { ...pending.epoch.epoch }, key: pending.epoch.key, headerText: pending.header };
  }

  /** Stores a rotation under way (its epoch, key and the header wrapping it) before anything is published. */
  async storePending(pending: { epoch: EpochKey; header: string } | null): Promise<void> {
    const epochs = this.#requireEpochs();
    // Copied before the old one is wiped: the caller may pass the pending key itself.
    const next = pending ? { epoch: copyEpochKey(pending.epoch), header: pending.header } : null;
    epochs.pending?.epoch.key.fill(0);
    epochs.pending = next;
    await this.#persist();
  }

  /**
   * Pending -> current: the local header is replaced first (a crash after it completes the
   * rotation at the next unlock, from the header), then the store moves, then the client key rows
   * are rewrapped.
   */
  async completeRotation(db: VaultDb): Promise<void> {
    const epochs = this.#requireEpochs();
    const pending = epochs.pending;
    if (!pending) return;
    await epochs.host.saveHeader(pending.header);
    const state = moveTo(this.#state(), copyEpochKey(pending.epoch), epochs.host.now());
    delete state.pending;
    this.#setEpochs(epochs.host, state);
    await this.#persist();
    await this.rewrapClientRows(db);
  }

  /** The host the epochs were attached with (rotation reads the header and runs Argon2id through it). */
  epochHost(): KeyRingHost {
    return this.#requireEpochs().host;
  }

  /** R (rotation wraps it under the new epoch). The caller must not keep or modify it. */
  rootKey(): Uint8Array {
    this.#checkOpen();
    return this.#vaultKey;
  }

  /**
   * Rewraps every client key row that is not under the current epoch (version 1 rows under R, and
   * rows of an earlier epoch) under the current clientWrap. Rows that do not open are left as they
   * are (reported by `loadClientKeys`). Idempotent.
   */
  async rewrapClientRows(db: VaultDb): Promise<number> {
    const epochs = this.#requireEpochs();
    let rewrapped = 0;
    for (const row of await db.clientKeys.toArray()) {
      if (row.epoch === epochs.current.epoch.id) continue;
      const key = await this.#openRow(row).catch(() => null);
      if (!key) continue;
      try {
        const wrapped = await wrapClientKeyV2(epochs.current.clientWrap, this.#vaultId, row.clientId, epochs.current.epoch.id, key);
        await db.clientKeys.put({ clientId: row.clientId, wrapped, epoch: epochs.current.epoch.id });
        rewrapped++;
      } finally {
        wipe(key);
      }
    }
    return rewrapped;
  }

  /**
   * Takes a client data key that arrived wrapped from another device: unwraps it (bound to this
   * vault and client, so a key for another client is refused), stores the wrapped copy, keeps it.
   * False when it does not open.
   */
  async adoptClientKey(db: VaultDb, clientId: string, wrapped: Uint8Array): Promise<boolean> {
    this.#checkOpen();
    if (this.#clientKeys.has(clientId)) return true;
    let key: Uint8Array;
    try {
      key = await unwrapClientKey(this.#vaultKey, this.#vaultId, clientId, wrapped);
    } catch (error) {
      if (error instanceof VaultError) return false;
      throw error;
    }
    await db.clientKeys.put(await this.#row(clientId, key, wrapped));
    this.#clientKeys.set(clientId, key);
    return true;
  }

  /**
   * The vault's signing and sealing keys (identity/vault-identity.ts), derived on first use and
   * kept until lock. The caller must not keep or modify the secret halves.
   */
  identity(): VaultIdentity {
    this.#checkOpen();
    this.#identity ??= deriveVaultIdentity(readySodium(), this.#vaultKey);
    return this.#identity;
  }

  /** The public key main seals audit entries to. */
  auditPublicKey(): Uint8Array {
    this.#checkOpen();
    return this.#audit.publicKey.slice();
  }

  /** Opens one sealed audit entry; null when it does not open (changed, or not sealed to this vault). */
  openAuditBox(box: Uint8Array): Uint8Array | null {
    this.#checkOpen();
    try {
      return readySodium().crypto_box_seal_open(box, this.#audit.publicKey, this.#audit.privateKey);
    } catch {
      return null;
    }
  }

  keyFor(keyId: string): Uint8Array {
    if (this.#wiped) throw new VaultError('record-key-missing', 'the vault is locked');
    if (keyId === WORKSPACE_KEY_ID) return this.#records;
    if (keyId.startsWith(CLIENT_PREFIX)) {
      const key = this.#clientKeys.get(keyId.slice(CLIENT_PREFIX.length));
      if (key !== undefined) return key;
    }
    throw new VaultError('record-key-missing', `key ${keyId}`);
  }

  /** True when this client's data key is in memory. */
  hasClientKey(clientId: string): boolean {
    return !this.#wiped && this.#clientKeys.has(clientId);
  }

  /**
   * Unwraps every stored client key (on unlock, after `openVaultStore`). A key that does not open
   * is reported, not thrown: the rest of the vault stays usable and that client's rows are
   * reported through `onUnreadable` when read.
   */
  async loadClientKeys(db: VaultDb): Promise<ClientKeyFailure[]> {
    this.#checkOpen();
    const failures: ClientKeyFailure[] = [];
    for (const row of await db.clientKeys.toArray()) {
      const { clientId } = row;
      try {
        const key = await this.#openRow(row);
        wipe(this.#clientKeys.get(clientId));
        this.#clientKeys.set(clientId, key);
      } catch (error) {
        if (!(error instanceof VaultError)) throw error;
        failures.push({ clientId, error });
      }
    }
    return failures;
  }

  async createClientKey(db: VaultDb, clientId: string): Promise<void> {
    this.#checkOpen();
    if (clientId.length === 0) throw new RangeError('createClientKey needs a client id');
    const key = newClientKey();
    try {
      // add, not put: never overwrite a stored key, even one that failed to open this session.
      await db.clientKeys.add(await this.#row(clientId, key, null));
    } catch (error) {
      wipe(key);
      throw error;
    }
    this.#clientKeys.set(clientId, key);
  }

  async destroyClientKey(db: VaultDb, clientId: string): Promise<void> {
    try {
      await db.clientKeys.delete(clientId);
    } finally {
      // Wiped even if the delete failed: the caller asked for this client's data to be unreadable now.
      wipe(this.#clientKeys.get(clientId));
      this.#clientKeys.delete(clientId);
      for (const [keyId, key] of this.#segmentKeys) {
        if (keyId.startsWith(`${CLIENT_PREFIX}${clientId}@`)) {
          wipe(key);
          this.#segmentKeys.delete(keyId);
        }
      }
    }
  }

  /** Zeroes every key (on lock). The ring refuses all requests afterwards. */
  wipe(): void {
    wipe(this.#vaultKey, this.#records, this.#sync, this.#localWrap, this.#audit.privateKey, ...this.#clientKeys.values(), ...this.#segmentKeys.values());
    wipeEpochKeys(this.#legacy);
    this.#dropEpochs();
    this.#segmentKeys.clear();
    if (this.#identity) wipe(this.#identity.signSecretKey, this.#identity.boxSecretKey);
    this.#identity = undefined;
    this.#clientKeys.clear();
    this.#wiped = true;
  }

  #checkOpen(): void {
    if (this.#wiped) throw new VaultError('record-key-missing', 'the vault is locked');
  }

  #requireEpochs(): Epochs {
    this.#checkOpen();
    if (!this.#epochs) throw new VaultError('record-key-missing', 'the epoch keys are not loaded');
    return this.#epochs;
  }

  /** A row for a client key: under the current epoch when there is one, else (rings without epochs) a version 1 wrap under R. */
  async #row(clientId: string, key: Uint8Array, v1Wrap: Uint8Array | null): Promise<{ clientId: string; wrapped: Uint8Array; epoch?: string }> {
    const current = this.#epochs?.current;
    if (!current) return { clientId, wrapped: v1Wrap ?? (await wrapClientKey(this.#vaultKey, this.#vaultId, clientId, key)) };
    return { clientId, wrapped: await wrapClientKeyV2(current.clientWrap, this.#vaultId, clientId, current.epoch.id, key), epoch: current.epoch.id };
  }

  /** Opens a stored row: version 1 under R, or under the clientWrap of its epoch (current or previous). */
  async #openRow(row: { clientId: string; wrapped: Uint8Array; epoch?: string }): Promise<Uint8Array> {
    if (row.epoch === undefined) return unwrapClientKey(this.#vaultKey, this.#vaultId, row.clientId, row.wrapped);
    const epochs = this.#epochs;
    const keys = epochs?.current.epoch.id === row.epoch ? epochs.current : epochs?.previous?.epoch.id === row.epoch ? epochs.previous : null;
    if (!keys) throw new VaultError('key-unwrap-failed', `client key row of epoch ${row.epoch}, which this device does not hold`);
    return unwrapClientKeyV2(keys.clientWrap, this.#vaultId, row.clientId, row.epoch, row.wrapped);
  }

  #setEpochs(host: KeyRingHost, state: EpochStoreState): void {
    const sodium = readySodium();
    const old = this.#epochs;
    const next: Epochs = {
      host,
      current: deriveEpochKeys(sodium, state.current.key, state.current.epoch),
      since: state.since,
      previous: state.previous ? deriveEpochKeys(sodium, state.previous.key, state.previous.epoch) : null,
      history: new Map(Object.entries(state.history).map(([id, keys]) => [id, syncKeysOf(keys)])),
      pending: state.pending ? { epoch: copyEpochKey(state.pending.epoch), header: state.pending.header } : null,
    };
    wipeEpochStoreState(state);
    this.#dropEpochs(old);
    this.#epochs = next;
    // Cached client segment keys may be of an epoch that just left: derive again on demand.
    for (const key of this.#segmentKeys.values()) wipe(key);
    this.#segmentKeys.clear();
  }

  #dropEpochs(epochs: Epochs | null = this.#epochs): void {
    if (!epochs) return;
    wipeEpochKeys(epochs.current);
    wipeEpochKeys(epochs.previous);
    for (const keys of epochs.history.values()) wipeEpochKeys(keys);
    epochs.pending?.epoch.key.fill(0);
    if (epochs === this.#epochs) this.#epochs = null;
  }

  /** The state to persist, as copies (the caller may wipe them). */
  #state(): EpochStoreState {
    const epochs = this.#requireEpochs();
    const state: EpochStoreState = {
      current: { epoch: { ...epochs.current.epoch }, key: epochs.current.key.slice() },
      since: epochs.since,
      history: Object.fromEntries([...epochs.history].map(([id, keys]) => [id, syncKeysOf(keys)])),
    };
    if (epochs.previous) state.previous = { epoch: { ...epochs.previous.epoch }, key: epochs.previous.key.slice() };
    if (epochs.pending) state.pending = { epoch: copyEpochKey(epochs.pending.epoch), header: epochs.pending.header };
    return state;
  }

  async #persist(): Promise<void> {
    const epochs = this.#requireEpochs();
    const state = this.#state();
    try {
      await epochs.host.saveEpochStore(await sealEpochStore(this.#vaultKey, this.#vaultId, state));
    } finally {
      wipeEpochStoreState(state);
    }
  }
}

/** The sync keys of an epoch, sharing its arrays (wiped with it). */
function syncView(keys: EpochSyncKeys): EpochSyncKeys {
  return { epoch: keys.epoch, segments: keys.segments, clientSegments: keys.clientSegments, roster: keys.roster };
}

function copyEpochKey(value: EpochKey): EpochKey {
  return { epoch: { ...value.epoch }, key: value.key.slice() };
}

/** The state after `next` becomes current: the old current is kept as previous, its sync keys in history. */
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
