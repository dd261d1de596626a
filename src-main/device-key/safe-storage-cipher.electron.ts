import { safeStorage } from 'electron';
import type { SecretCipher } from './device-key-store.ts';
import { linuxBackendProblem } from './safe-storage-pure.ts';

export const safeStorageCipher: SecretCipher = {
  availability() {
    if (!safeStorage.isEncryptionAvailable()) {
      return { available: false, reason: 'This system offers no secure storage for keys. Unlock with your passphrase.' };
    }
    if (process.platform === 'linux') {
      const problem = linuxBackendProblem(safeStorage.getSelectedStorageBackend());
      if (problem) return { available: false, reason: problem };
    }
    return { available: true };
  },
  encrypt: (plain) => safeStorage.encryptString(plain),
  decrypt: (sealed) => safeStorage.decryptString(Buffer.from(sealed)),
};
