/**
 * What the test host puts where Electron would show a dialog or use the OS:
 * a save "dialog" that answers with a path in the test's folder (or cancels),
 * an OS secret store that is either a real AES-GCM cipher held in memory or
 * absent like Linux's `basic_text`, and a printer that records the request.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { SecretCipher } from '../../src-main/device-key/device-key-store.ts';
import { linuxBackendProblem } from '../../src-main/device-key/safe-storage-pure.ts';
import type { SaveDialog } from '../../src-main/files/save-text.ts';
import type { OpenDialog } from '../../src-main/files/open-file.ts';
import type { ConfirmDialog, ConfirmRequest } from '../../src-main/confirm/confirm.ts';

export interface DialogStub extends SaveDialog, OpenDialog, ConfirmDialog {
  /** The next answer: save into the folder under the suggested name (default), or cancel. */
  nextAnswer: 'save' | 'cancel';
  /** Paths chosen so far. */
  saved: string[];
  /** What the next open dialog picks: a path, or null to cancel. */
  nextOpen: string | null;
  /** What the next folder dialog picks: a path, or null to cancel. */
  nextFolder: string | null;
  /** How the person answers main's next questions (confirm by default). */
  nextConfirm: 'confirm' | 'cancel';
  /** Every question main asked, oldest first. */
  confirmations: ConfirmRequest[];
}

export function createDialogStub(folder: string): DialogStub {
  const stub: DialogStub = {
    nextAnswer: 'save',
    saved: [],
    nextOpen: null,
    nextFolder: null,
    nextConfirm: 'confirm',
    confirmations: [],
    async confirm(request) {
      stub.confirmations.push(request);
      return stub.nextConfirm === 'confirm';
    },
    async chooseOpenPath({ folder }) {
      return folder ? stub.nextFolder : stub.nextOpen;
    },
    async chooseSavePath({ suggestedName }) {
      if (stub.nextAnswer === 'cancel') return null;
      const path = join(folder, suggestedName);
      stub.saved.push(path);
      return path;
    },
  };
  return stub;
}

export type SecureStorageMode = 'available' | 'basic_text';

export function createSecretCipherStub(mode: SecureStorageMode): SecretCipher {
  const key = randomBytes(32);
  return {
    availability: () => {
      const problem = mode === 'basic_text' ? linuxBackendProblem('basic_text') : null;
      return problem ? { available: false, reason: problem } : { available: true };
    },
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decrypt(sealed) {
      const buffer = Buffer.from(sealed);
      const decipher = createDecipheriv('aes-256-gcm', key, buffer.subarray(0, 12));
      decipher.setAuthTag(buffer.subarray(12, 28));
      return Buffer.concat([decipher.update(buffer.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}
