/**
 * `safeStorage` on Linux: 'unknown' and unavailable before ready, as the
 * typings document; after ready the backend the test chose. A keyring
 * backend keeps its key beside the profile (so a restart opens what was
 * sealed); `basic_text` seals with a fixed, public key, as Chromium's
 * fallback does, which is why Caravan must refuse it.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { onControl } from '../runtime/control.ts';
import { isReady, untilReady } from '../runtime/lifecycle.ts';
import { strictModule } from './emitter.ts';

type Backend = 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown';

let backend: Backend = (process.env['ELECTRON_DOUBLE_KEYRING'] as Backend | undefined) ?? 'gnome_libsecret';
let keyringPath = '';

/** app.ts tells where the profile is, once userData is final. */
export function setKeyringFolder(userData: string): void {
  keyringPath = join(userData, '.electron-double-keyring', 'key');
}

function key(): Buffer {
  if (backend === 'basic_text') return createHash('sha256').update('peanuts').digest();
  if (!keyringPath) throw new Error('electron double: safeStorage used before the profile folder is known');
  if (!existsSync(keyringPath)) {
    mkdirSync(dirname(keyringPath), { recursive: true });
    writeFileSync(keyringPath, randomBytes(32));
  }
  return readFileSync(keyringPath);
}

function available(): boolean {
  return isReady() && backend !== 'unknown';
}

export const safeStorage = strictModule('safeStorage', {
  isEncryptionAvailable(): boolean {
    return available();
  },
  /** The typings: the asynchronous encryptor starts lazily after ready; an earlier call waits for it. */
  async isAsyncEncryptionAvailable(): Promise<boolean> {
    await untilReady();
    return available();
  },
  async encryptStringAsync(plain: string): Promise<Buffer> {
    await untilReady();
    return safeStorage.encryptString(plain);
  },
  async decryptStringAsync(sealed: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }> {
    await untilReady();
    return { shouldReEncrypt: false, result: safeStorage.decryptString(sealed) };
  },
  getSelectedStorageBackend(): Backend {
    return isReady() ? backend : 'unknown';
  },
  encryptString(plain: string): Buffer {
    if (!available()) throw new Error('Error while encrypting the text provided to safeStorage.encryptString. Encryption is not available.');
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key(), iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from('v11'), iv, cipher.getAuthTag(), body]);
  },
  decryptString(sealed: Buffer): string {
    if (!available()) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString. Decryption is not available.');
    if (!Buffer.isBuffer(sealed)) throw new TypeError('Expected the first argument of decryptString() to be a buffer');
    const iv = sealed.subarray(3, 15);
    const decipher = createDecipheriv('aes-256-gcm', key(), iv);
    decipher.setAuthTag(sealed.subarray(15, 31));
    try {
      return Buffer.concat([decipher.update(sealed.subarray(31)), decipher.final()]).toString('utf8');
    } catch {
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    }
  },
});

onControl('safeStorage.backend', (params) => {
  backend = (params as { backend: Backend }).backend;
});
