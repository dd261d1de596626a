/**
 * Migrates a version 1 vault to key epochs at unlock (docs/key-epochs.md): the version 1 vault key
 * becomes the root key R, and a first epoch (n 1, parent 'legacy') is made. In order, each step
 * safe to repeat, so a crash after any of them and a second unlock finish the work without a
 * second epoch:
 *
 *   1. epoch-store  this device's epoch store, sealed under localWrap(R); an existing one is reused
 *   2. device-seed  this device's sync signing seed, rewrapped from R to localWrap(R)
 *   3. client-keys  each `clientKeys` row without an epoch, rewrapped under clientWrap(E)
 *   4. header       the version 2 header (E under the KEK, R under E): written last, so until then
 *                   the version 1 header opens everything (rows without an epoch still load)
 *
 * Until step 4 the passphrase opens the version 1 header; the KEK it gives wraps E here, so the
 * migration costs no second Argon2id.
 */
import { fromBase64, toBase64 } from '../crypto/encoding.ts';
import { VaultError } from '../crypto/errors.ts';
import { serializeHeader, type VaultHeaderV1 } from '../crypto/header.ts';
import type { KdfParams } from '../crypto/kdf.ts';
import { unwrapClientKey, wipe, wrapClientKeyV2 } from '../crypto/keys.ts';
import { deriveEpochKeys, LEGACY_EPOCH, newEpoch, rootSubkey, wipeEpochKeys } from '../crypto/key-purposes.ts';
import { getSodium } from '../crypto/sodium.ts';
import { buildHeaderV2, type EpochKey } from '../crypto/vault-keys.ts';
import { openEpochStore, sealEpochStore, wipeEpochStoreState } from '../store/epoch-store.ts';
import type { VaultDb } from '../store/schema.ts';
import { unwrapDeviceSigningKey, wrapDeviceSigningKey } from '../../sync/segment/device-roster.ts';
import type { MetaStore } from './meta-store.ts';

export const MIGRATION_STEPS = ['epoch-store', 'device-seed', 'client-keys', 'header'] as const;
export type MigrationStep = (typeof MIGRATION_STEPS)[number];

/** What the unlock gives the migration besides R: the version 1 header and a KEK to wrap E under. */
export interface MigrationInput {
  header: VaultHeaderV1;
  /** The KEK of `kdf` (the passphrase just typed, or the new one of a kit reset). Wiped by the caller. */
  kek: Uint8Array;
  kdf: KdfParams;
  /** Present when the kit was typed: the version 2 header then carries recovery's public key. */
  recoveryPublicKey: Uint8Array | null;
}

export type MigrationMeta = Pick<MetaStore, 'epochStore' | 'setEpochStore' | 'syncDevice' | 'setSyncDevice' | 'saveHeader'>;

/** Runs the four steps; returns the epoch now current. `afterStep` lets tests crash between steps. */
export async function migrateToV2(
  meta: MigrationMeta,
  db: VaultDb,
  root: Uint8Array,
  input: MigrationInput,
  options: { now: () => number; afterStep?: (step: MigrationStep) => void | Promise<void> },
): Promise<EpochKey> {
  const vaultId = input.header.vaultId;
  const epoch = await ensureEpochStore(meta, vaultId, root, options.now);
  try {
    await options.afterStep?.('epoch-store');
    await rewrapDeviceSeed(meta, vaultId, root);
    await options.afterStep?.('device-seed');
    await rewrapClientRows(db, vaultId, root, epoch);
    await options.afterStep?.('client-keys');
    const header = await buildHeaderV2({
      vaultId,
      createdAt: input.header.createdAt,
      kdf: input.kdf,
      kek: input.kek,
      root,
      epoch,
      // Carried over unchanged: R under the recovery key never needs the kit again.
      recoveryRoot: input.header.wrappedByRecovery,
      recoveryPublicKey: input.recoveryPublicKey,
    });
    await meta.saveHeader(serializeHeader(header));
    await options.afterStep?.('header');
    return epoch;
  } catch (error) {
    wipe(epoch.key);
    throw error;
  }
}

/** Step 1: the store's current epoch if there is a store (an earlier attempt made it), else a new first epoch. */
async function ensureEpochStore(meta: MigrationMeta, vaultId: string, root: Uint8Array, now: () => number): Promise<EpochKey> {
  const sealed = await meta.epochStore(vaultId);
  if (sealed) {
    // A store that does not open is refused, never replaced: it may hold the only copy of an epoch key.
    const state = await openEpochStore(root, vaultId, sealed);
    const current = { epoch: { ...state.current.epoch }, key: state.current.key.slice() };
    wipeEpochStoreState(state);
    return current;
  }
  const first = newEpoch(LEGACY_EPOCH);
  await meta.setEpochStore(vaultId, await sealEpochStore(root, vaultId, { current: first, since: now(), history: {} }));
  return { epoch: first.epoch, key: first.key };
}

/**
 * Step 2: the device signing seed moves from R to localWrap(R). Already under localWrap: nothing
 * to do. Opens under neither (damaged): left as it is; sync makes a new device identity, as today.
 */
export async function rewrapDeviceSeed(
  meta: Pick<MetaStore, 'syncDevice' | 'setSyncDevice'>,
  vaultId: string,
  root: Uint8Array,
): Promise<'rewrapped' | 'done' | 'none'> {
  const stored = await meta.syncDevice(vaultId);
  if (typeof stored !== 'object' || stored === null) return 'none';
  const device = stored as { id?: unknown; publicKey?: unknown; wrappedSeed?: unknown };
  if (typeof device.id !== 'string' || typeof device.publicKey !== 'string' || typeof device.wrappedSeed !== 'string') return 'none';
  const wrapped = fromBase64(device.wrappedSeed);
  const publicKey = fromBase64(device.publicKey);
  if (!wrapped || !publicKey) return 'none';
  const sodium = await getSodium();
  const localWrap = rootSubkey(sodium, root, 'localWrap');
  try {
    const opens = async (key: Uint8Array) => unwrapDeviceSigningKey(key, vaultId, device.id as string, wrapped, publicKey).catch(() => null);
    const already = await opens(localWrap);
    if (already) {
      wipe(already.secretKey);
      return 'done';
    }
    const identity = await opens(root);
    if (!identity) return 'none';
    try {
      const rewrapped = await wrapDeviceSigningKey(localWrap, vaultId, device.id, identity.secretKey);
      await meta.setSyncDevice(vaultId, { ...device, wrappedSeed: toBase64(rewrapped) });
      return 'rewrapped';
    } finally {
      wipe(identity.secretKey);
    }
  } finally {
    wipe(localWrap);
  }
}

/** Step 3: rows without an epoch (version 1 wraps under R) are rewrapped under the epoch's clientWrap. */
async function rewrapClientRows(db: VaultDb, vaultId: string, root: Uint8Array, epoch: EpochKey): Promise<void> {
  const keys = deriveEpochKeys(await getSodium(), epoch.key, epoch.epoch);
  try {
    for (const row of await db.clientKeys.toArray()) {
      if (row.epoch !== undefined) continue;
      let key: Uint8Array;
      try {
        key = await unwrapClientKey(root, vaultId, row.clientId, row.wrapped);
      } catch (error) {
        // A row that did not open before the migration stays as it was: it is reported at load, as before.
        if (error instanceof VaultError) continue;
        throw error;
      }
      try {
        const wrapped = await wrapClientKeyV2(keys.clientWrap, vaultId, row.clientId, epoch.epoch.id, key);
        await db.clientKeys.put({ clientId: row.clientId, wrapped, epoch: epoch.epoch.id });
      } finally {
        wipe(key);
      }
    }
  } finally {
    wipeEpochKeys(keys);
  }
}
