/**
 * This device's identity in a vault's sync: a random device id and an
 * Ed25519 key pair whose secret half is kept wrapped by the root key's localWrap
 * subkey in the meta store (so it opens only while the vault is unlocked), created on the
 * first sync of the vault on this device.
 */
import { toBase64, fromBase64 } from '../../vault/crypto/encoding.ts';
import type { VaultKeyRing } from '../../vault/store/key-ring.ts';
import type { MetaStore } from '../../vault/session/meta-store.ts';
import { newDeviceIdentity, unwrapDeviceSigningKey, wrapDeviceSigningKey } from '../segment/device-roster.ts';
import { isRemoteId, newDeviceId } from '../segment/layout.ts';

export interface SyncDevice {
  id: string;
  publicKey: Uint8Array;
  secretKey: Uint8Array;
}

interface StoredDevice {
  id: string;
  publicKey: string;
  wrappedSeed: string;
}

function readStored(value: unknown): StoredDevice | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Partial<StoredDevice>;
  return isRemoteId(v.id) && typeof v.publicKey === 'string' && typeof v.wrappedSeed === 'string'
    ? { id: v.id, publicKey: v.publicKey, wrappedSeed: v.wrappedSeed }
    : null;
}

export async function loadOrCreateDevice(meta: MetaStore, vaultId: string, keyRing: VaultKeyRing): Promise<SyncDevice> {
  const stored = readStored(await meta.syncDevice(vaultId));
  if (stored) {
    const publicKey = fromBase64(stored.publicKey);
    const wrapped = fromBase64(stored.wrappedSeed);
    if (publicKey && wrapped) {
      // Under R's localWrap since key epochs (the unlock's migration rewraps it); under R itself before.
      const identity = await unwrapDeviceSigningKey(keyRing.localWrapKey(), vaultId, stored.id, wrapped, publicKey).catch(() =>
        unwrapDeviceSigningKey(keyRing.vaultKeyForWrapping(), vaultId, stored.id, wrapped, publicKey),
      );
      return { id: stored.id, publicKey: identity.publicKey, secretKey: identity.secretKey };
    }
  }
  // None yet (or damaged: a new identity is safe, the old device id simply stops writing).
  const id = newDeviceId();
  const identity = await newDeviceIdentity();
  const wrappedSeed = await wrapDeviceSigningKey(keyRing.localWrapKey(), vaultId, id, identity.secretKey);
  await meta.setSyncDevice(vaultId, { id, publicKey: toBase64(identity.publicKey), wrappedSeed: toBase64(wrappedSeed) } satisfies StoredDevice);
  return { id, publicKey: identity.publicKey, secretKey: identity.secretKey };
}
