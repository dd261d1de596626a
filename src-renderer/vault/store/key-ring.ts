/**
 * The keys the store encrypts with, held in memory while the vault is unlocked.
 *
 *   vault key --crypto_kdf--> records subkey           (key id 'workspace': settings)
 *   vault key --wrap--------> client data key, per client  (key id 'client:<id>': that client's rows and change log)
 *
 * Client keys are generated here, wrapped by the vault key and stored in the `clientKeys` table;
 * destroying one wipes it from memory and deletes its wrapped copy, which makes every row of that
 * client unreadable (crypto-shredding). Copies on sync targets are sync's to destroy.
 */
import { VaultError } from '../crypto/errors.ts';
import { deriveSubkeys, newClientKey, unwrapClientKey, wipe, wrapClientKey } from '../crypto/keys.ts';
import { deriveIntegrityKey } from '../crypto/integrity-key.ts';
import { getSodium, readySodium, type Sodium } from '../crypto/sodium.ts';
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

/** The unlocked session's key ring. Create with {@link VaultKeyRing.create}; call `wipe()` on lock. */
export class VaultKeyRing implements ClientKeyRing {
  readonly #vaultId: string;
  readonly #vaultKey: Uint8Array;
  readonly #records: Uint8Array;
  readonly #clientKeys = new Map<string, Uint8Array>();
  readonly #audit: { publicKey: Uint8Array; privateKey: Uint8Array };
  readonly #sync: Uint8Array;
  #integrity: Uint8Array | undefined;
  #identity: VaultIdentity | undefined;
  #wiped = false;

  private constructor(vaultId: string, vaultKey: Uint8Array, records: Uint8Array, audit: { publicKey: Uint8Array; privateKey: Uint8Array }, sync: Uint8Array) {
    this.#vaultId = vaultId;
    this.#vaultKey = vaultKey;
    this.#records = records;
    this.#audit = audit;
    this.#sync = sync;
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
   * The key a sync segment of a partition is sealed with: the `syncSegments` subkey for the
   * workspace (key id 'sync'), the client's data key for a client ('client:<id>'); null when it is
   * not here (a client erased, or whose key has not arrived yet).
   */
  segmentKey(keyId: string): Uint8Array | null {
    if (this.#wiped) return null;
    if (keyId === 'sync') return this.#sync;
    if (!keyId.startsWith(CLIENT_PREFIX)) return null;
    return this.#clientKeys.get(keyId.slice(CLIENT_PREFIX.length)) ?? null;
  }

  /** The `syncSegments` subkey, for deriving the roster key. The caller must not keep or modify it. */
  syncSubkey(): Uint8Array {
    this.#checkOpen();
    return this.#sync;
  }

  /** The vault key, for wrapping this device's signing key. The caller must not keep or modify it. */
  vaultKeyForWrapping(): Uint8Array {
    this.#checkOpen();
    return this.#vaultKey;
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
    await db.clientKeys.put({ clientId, wrapped });
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
    this.#integrity ??= deriveIntegrityKey(readySodium(), this.#vaultKey);
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
    for (const { clientId, wrapped } of await db.clientKeys.toArray()) {
      try {
        const key = await unwrapClientKey(this.#vaultKey, this.#vaultId, clientId, wrapped);
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
      const wrapped = await wrapClientKey(this.#vaultKey, this.#vaultId, clientId, key);
      // add, not put: never overwrite a stored key, even one that failed to open this session.
      await db.clientKeys.add({ clientId, wrapped });
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
    }
  }

  /** Zeroes every key (on lock). The ring refuses all requests afterwards. */
  wipe(): void {
    wipe(this.#vaultKey, this.#records, this.#sync, this.#audit.privateKey, this.#integrity, ...this.#clientKeys.values());
    this.#integrity = undefined;
    if (this.#identity) wipe(this.#identity.signSecretKey, this.#identity.boxSecretKey);
    this.#identity = undefined;
    this.#clientKeys.clear();
    this.#wiped = true;
  }

  #checkOpen(): void {
    if (this.#wiped) throw new VaultError('record-key-missing', 'the vault is locked');
  }
}
