/**
 * Credentials of sync targets (an S3 key pair, a WebDAV password), kept by
 * main only. Where the OS secret store protects secrets they are wrapped
 * with it (safeStorage) and survive a restart; where it does not (Linux
 * without a keyring: `basic_text` would be plain text on disk), they are kept
 * in memory for this run only and the person is told to enter them again
 * after a restart. They never reach the renderer again once given.
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../files/atomic-file.ts';
import { credentialsSchema, type Credentials, type CredentialsSaved } from '../../src-preload/contract/sync.ts';
import type { SecretCipher } from '../device-key/device-key-store.ts';

export class CredentialStore {
  readonly #folder: string;
  readonly #cipher: SecretCipher;
  readonly #memory = new Map<string, Credentials>();

  constructor(folder: string, cipher: SecretCipher) {
    this.#folder = folder;
    this.#cipher = cipher;
  }

  #file(targetId: string): string {
    if (!/^[0-9a-f-]{36}$/.test(targetId)) throw new RangeError('invalid target id');
    return join(this.#folder, `${targetId}.cred`);
  }

  async set(targetId: string, credentials: Credentials): Promise<CredentialsSaved> {
    this.#memory.set(targetId, credentials);
    const availability = await this.#cipher.availability();
    if (!availability.available) {
      await rm(this.#file(targetId), { force: true });
      return { persisted: false, reason: `${availability.reason} The credentials are kept until Caravan quits; enter them again after a restart.` };
    }
    await writeFileAtomic(this.#file(targetId), await this.#cipher.encrypt(JSON.stringify(credentials)));
    return { persisted: true };
  }

  async get(targetId: string): Promise<Credentials | null> {
    const known = this.#memory.get(targetId);
    if (known) return known;
    if (!(await this.#cipher.availability()).available) return null;
    try {
      const parsed = credentialsSchema.safeParse(JSON.parse(await this.#cipher.decrypt(await readFile(this.#file(targetId)))));
      if (!parsed.success) return null;
      this.#memory.set(targetId, parsed.data);
      return parsed.data;
    } catch {
      // Missing, or sealed by another OS login: the person enters them again.
      return null;
    }
  }

  async remove(targetId: string): Promise<void> {
    this.#memory.delete(targetId);
    await rm(this.#file(targetId), { force: true });
  }
}
