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
import { getSodium, readySodium, type Sodium } from '../crypto/sodium.ts';
import type { EpochKey } from '../crypto/vault-keys.ts';
import { EpochSet, type KeyRingHost } from './epoch-set.ts';
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

export type { KeyRingHost };

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
  #epochs: EpochSet | null = null;
  #integrity: Uint8Array | undefined;
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
    const epochs = await EpochSet.load(host, this.#vaultKey, this.#vaultId, fromHeader);
    this.#epochs?.wipe();
    this.#epochs = epochs;
    this.#clearSegmentKeys();
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
    return this.#epochs?.syncKeysFor(epochId) ?? null;
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
    // Moving drops the previous epoch's wrapping keys: no row may still depend on them.
    await this.rewrapClientRows(db);
    await epochs.moveTo(keys);
    this.#clearSegmentKeys();
    await this.rewrapClientRows(db);
  }

  /** Forgets the previous epoch's key (its sync keys stay in history): after this device's inbox for the current epoch is published. */
  async forgetPrevious(): Promise<void> {
    await this.#requireEpochs().forgetPrevious();
  }

  /** The previous epoch's keys while kept (a fork's losing branch is handed on from them), or null. The caller must not keep or modify them. */
  previousEpoch(): EpochKeys | null {
    return this.#wiped ? null : (this.#epochs?.previous ?? null);
  }

  /** The sync keys of every earlier epoch held (the previous one too), for the history of a new epoch's record. The caller must not modify them. */
  historyEpochs(): EpochSyncKeys[] {
    const epochs = this.#requireEpochs();
    const all = new Map(epochs.history);
    if (epochs.previous) all.set(epochs.previous.epoch.id, syncKeysOf(epochs.previous));
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
    if (changed) await epochs.persist();
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
    await this.#requireEpochs().setPending(pending);
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
    // Rows left under the previous epoch (a rewrap that failed earlier) move first: the move drops that epoch's keys.
    await this.rewrapClientRows(db);
    await epochs.host.saveHeader(pending.header);
    // Moving to the pending epoch drops it from pending (epoch-set.ts moveTo).
    await epochs.moveTo(pending.epoch);
    this.#clearSegmentKeys();
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
   * Takes a client data key from `p/<client>/key/<epochId>.bin`: opens it under the clientWrap of
   * that epoch, which must be one this device holds in full (the current, or the previous while
   * kept; history keeps no clientWrap), with associated data binding this vault, this client and
   * that epoch; stores it under the current epoch and keeps it. False when it does not open. A key
   * already held is kept (true): which one the target should carry is sync's question.
   */
  async adoptEpochClientKey(db: VaultDb, clientId: string, epochId: string, wrapped: Uint8Array): Promise<boolean> {
    this.#checkOpen();
    if (this.#clientKeys.has(clientId)) return true;
    const keys = this.#fullEpoch(epochId);
    if (!keys) return false;
    let key: Uint8Array;
    try {
      key = await unwrapClientKeyV2(keys.clientWrap, this.#vaultId, clientId, epochId, wrapped);
    } catch (error) {
      if (error instanceof VaultError) return false;
      throw error;
    }
    await db.clientKeys.put(await this.#row(clientId, key, null));
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

  /** The `integrity` subkey (rollback detection's MAC), derived on first use. The caller must not keep or modify it. */
  integrityKey(): Uint8Array {
    this.#checkOpen();
    this.#integrity ??= rootSubkey(readySodium(), this.#vaultKey, 'integrity');
    return this.#integrity;
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
    wipe(
      this.#vaultKey,
      this.#records,
      this.#sync,
      this.#localWrap,
      this.#audit.privateKey,
      this.#integrity,
      ...this.#clientKeys.values(),
      ...this.#segmentKeys.values(),
    );
    this.#integrity = undefined;
    wipeEpochKeys(this.#legacy);
    this.#epochs?.wipe();
    this.#epochs = null;
    this.#segmentKeys.clear();
    if (this.#identity) wipe(this.#identity.signSecretKey, this.#identity.boxSecretKey);
    this.#identity = undefined;
    this.#clientKeys.clear();
    this.#wiped = true;
  }

  #checkOpen(): void {
    if (this.#wiped) throw new VaultError('record-key-missing', 'the vault is locked');
  }

  #requireEpochs(): EpochSet {
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

  /** The full keys (clientWrap included) of `epochId` when it is the current or the kept previous epoch, else null. */
  #fullEpoch(epochId: string): EpochKeys | null {
    const epochs = this.#epochs;
    if (epochs?.current.epoch.id === epochId) return epochs.current;
    return epochs?.previous?.epoch.id === epochId ? epochs.previous : null;
  }

  /** Opens a stored row: version 1 under R, or under the clientWrap of its epoch (current or previous). */
  async #openRow(row: { clientId: string; wrapped: Uint8Array; epoch?: string }): Promise<Uint8Array> {
    if (row.epoch === undefined) return unwrapClientKey(this.#vaultKey, this.#vaultId, row.clientId, row.wrapped);
    const keys = this.#fullEpoch(row.epoch);
    if (!keys) throw new VaultError('key-unwrap-failed', `client key row of epoch ${row.epoch}, which this device does not hold`);
    return unwrapClientKeyV2(keys.clientWrap, this.#vaultId, row.clientId, row.epoch, row.wrapped);
  }

  /** Cached client segment keys may be of an epoch that just left: derived again on demand. */
  #clearSegmentKeys(): void {
    for (const key of this.#segmentKeys.values()) wipe(key);
    this.#segmentKeys.clear();
  }
}
