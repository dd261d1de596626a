/**
 * Electron's safeStorage as Caravan's SecretCipher, through its asynchronous
 * API: Electron 45 deprecates isEncryptionAvailable, encryptString and
 * decryptString, and what encryptString sealed still opens with
 * decryptStringAsync, so keys saved by earlier builds keep working.
 *
 * Only IPC handlers call this, so always after `ready`. Before it, Linux's
 * getSelectedStorageBackend() answers 'unknown', which linuxBackendProblem
 * refuses: an early call fails closed, never into plain text.
 */
import { safeStorage } from 'electron';
import type { SecretCipher } from './device-key-store.ts';
import { linuxBackendProblem } from './safe-storage-pure.ts';

export const safeStorageCipher: SecretCipher = {
  async availability() {
    if (!(await safeStorage.isAsyncEncryptionAvailable())) {
      return { available: false, reason: 'This system offers no secure storage for keys. Unlock with your passphrase.' };
    }
    if (process.platform === 'linux') {
      const problem = linuxBackendProblem(safeStorage.getSelectedStorageBackend());
      if (problem) return { available: false, reason: problem };
    }
    return { available: true };
  },
  encrypt: (plain) => safeStorage.encryptStringAsync(plain),
  // shouldReEncrypt (a rotated OS key) is not acted on: the next enable or set seals afresh.
  decrypt: async (sealed) => (await safeStorage.decryptStringAsync(Buffer.from(sealed))).result,
};
