/**
 * A folder as a sync target (a USB disk, a Syncthing or Dropbox folder).
 * An object is written to a temporary file beside its place, flushed, then
 * renamed: a crash leaves a `.tmp` file that readers never list, never half
 * an object. Keys are checked by `object-key.ts` before they reach here, and
 * resolved paths are checked again to stay inside the folder.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { systemError, TransportError, type StoredObject, type Transport } from './transport.ts';

export class FolderTransport implements Transport {
  readonly #root: string;

  constructor(root: string) {
    this.#root = resolve(root);
  }

  #path(key: string): string {
    const path = resolve(this.#root, ...key.split('/'));
    if (!path.startsWith(this.#root + sep)) throw new TransportError('config', 'That object would be outside the sync folder.');
    return path;
  }

  #fail(error: unknown): never {
    if (error instanceof TransportError) throw error;
    throw systemError(error, `The folder ${this.#root}`) ?? error;
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const path = this.#path(key);
    const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await mkdir(dirname(path), { recursive: true });
      const handle = await open(temp, 'w', 0o600);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, path);
      // The rename itself is durable only once the directory is flushed (a USB disk pulled right after).
      const dir = await open(dirname(path), 'r').catch(() => null);
      if (dir) await dir.sync().catch(() => undefined).finally(() => dir.close());
    } catch (error) {
      await rm(temp, { force: true }).catch(() => undefined);
      this.#fail(error);
    }
  }

  async get(key: string): Promise<Uint8Array | null> {
    try {
      return new Uint8Array(await readFile(this.#path(key)));
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return null;
      return this.#fail(error);
    }
  }

  async list(prefix: string): Promise<StoredObject[]> {
    const found: StoredObject[] = [];
    const walk = async (dir: string): Promise<void> => {
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch (error) {
        if ((error as { code?: string }).code === 'ENOENT') return;
        throw error;
      }
      for (const entry of entries) {
        const full = join(dir, entry.name);
        if (entry.isDirectory()) await walk(full);
        else if (entry.isFile() && !entry.name.endsWith('.tmp')) {
          const key = relative(this.#root, full).split(sep).join('/');
          if (!key.startsWith(prefix)) continue;
          // The mtime is the local clock's (or the writer's, copied by Syncthing or Dropbox): listed
          // for completeness, never taken as a server's word (compaction ignores it on folders).
          const info = await stat(full);
          found.push({ key, size: info.size, modified: Math.floor(info.mtimeMs) });
        }
      }
    };
    try {
      // Only walk the part of the tree the prefix can be in.
      const base = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
      await walk(base ? this.#path(base) : this.#root);
    } catch (error) {
      this.#fail(error);
    }
    return found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async delete(key: string): Promise<void> {
    try {
      await rm(this.#path(key), { force: true });
    } catch (error) {
      this.#fail(error);
    }
  }

  async test(): Promise<void> {
    try {
      const info = await stat(this.#root);
      if (!info.isDirectory()) throw new TransportError('config', `${this.#root} is not a folder.`);
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') throw new TransportError('config', `The folder ${this.#root} does not exist; create it or choose another.`);
      this.#fail(error);
    }
    const probe = `caravan-probe-${randomBytes(4).toString('hex')}`;
    await this.put(probe, new Uint8Array([1]));
    await this.delete(probe);
  }
}
