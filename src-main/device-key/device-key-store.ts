/**
 * "Unlock on this device": the vault key, wrapped by the operating system's
 * secret store (Electron `safeStorage`), kept in one file per vault. Main
 * never sees any other key and never stores this one in the clear: where the
 * OS store is not secure (Linux with the `basic_text` backend), it refuses.
 * The cipher is injected so tests run under plain Node.
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { DeviceKeyStatus } from '../../src-preload/contract/device-key.ts';
import { writeFileAtomic } from '../files/atomic-file.ts';
import { UserFacingError } from '../ipc/user-facing-error.ts';

export type CipherAvailability = { available: true } | { available: false; reason: string };

/**
 * The OS secret store. Electron's is asynchronous (its synchronous calls are
 * deprecated since Electron 45); test stubs may answer at once.
 */
export interface SecretCipher {
  /** Whether this OS store protects secrets; `reason` says why not, in words a person can act on. */
  availability(): CipherAvailability | Promise<CipherAvailability>;
  encrypt(plain: string): Uint8Array | Promise<Uint8Array>;
  decrypt(sealed: Uint8Array): string | Promise<string>;
}

export interface DeviceKeyStore {
  status(vaultId: string): Promise<DeviceKeyStatus>;
  enable(vaultId: string, vaultKeyBase64: string): Promise<DeviceKeyStatus>;
  read(vaultId: string): Promise<string | null>;
  forget(vaultId: string): Promise<DeviceKeyStatus>;
}

export function createDeviceKeyStore(folder: string, cipher: SecretCipher): DeviceKeyStore {
  // vaultId is validated as a UUID by the IPC schema; this is a second guard against path tricks.
  const fileFor = (vaultId: string) => {
    if (!/^[0-9a-f-]{36}$/.test(vaultId)) throw new RangeError('invalid vault id');
    return join(folder, `${vaultId}.key`);
  };
  const exists = async (vaultId: string) => {
    try {
      await readFile(fileFor(vaultId));
      return true;
    } catch {
      return false;
    }
  };
  const status = async (vaultId: string): Promise<DeviceKeyStatus> => {
    const availability = await cipher.availability();
    if (!availability.available) return { available: false, enrolled: false, reason: availability.reason };
    return { available: true, enrolled: await exists(vaultId) };
  };

  return {
    status,
    async enable(vaultId, vaultKeyBase64) {
      const availability = await cipher.availability();
      if (!availability.available) throw new UserFacingError('unavailable', availability.reason);
      await writeFileAtomic(fileFor(vaultId), await cipher.encrypt(vaultKeyBase64));
      return status(vaultId);
    },
    async read(vaultId) {
      if (!(await cipher.availability()).available) return null;
      let sealed: Uint8Array;
      try {
        sealed = await readFile(fileFor(vaultId));
      } catch {
        return null;
      }
      try {
        return await cipher.decrypt(sealed);
      } catch {
        // The OS store changed (new login keyring, another machine): the passphrase still works.
        return null;
      }
    },
    async forget(vaultId) {
      await rm(fileFor(vaultId), { force: true });
      return status(vaultId);
    },
  };
}
