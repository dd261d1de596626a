/**
 * A folder as a sync target (a USB disk, a Syncthing or Dropbox folder).
 * An object is written to a temporary file beside its place, flushed, then
 * renamed: a crash leaves a `.tmp` file that readers never list, never half
 * an object.
 *
 * The folder is the real path main resolved when the person chose it. Inside
 * it, only names of the sync layout (`object-key.ts`) are read, written,
 * listed or deleted, and no link is followed: every folder on the way to an
 * object is checked with lstat, files are opened with O_NOFOLLOW, and a link
 * where the layout has a name is refused with what to do. So neither a key
 * nor something planted in the folder can make main read or write elsewhere.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, mkdir, open, readdir, rename, rm, unlink, type FileHandle } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { checkPrefix, layoutObject, maxBytesOf } from './object-key.ts';
import { systemError, tooLarge, TransportError, type StoredObject, type Transport } from './transport.ts';

/** Not defined on Windows, where the lstat checks stand alone. */
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
/** The connection test's own object, written and removed at once; never a name the renderer can use. */
const PROBE = /^caravan-probe-[0-9a-f]{8}$/;

const codeOf = (error: unknown) => (error as { code?: unknown } | null)?.code;

export class FolderTransport implements Transport {
  readonly #root: string;

  constructor(root: string) {
    this.#root = resolve(root);
  }

  #fail(error: unknown): never {
    if (error instanceof TransportError) throw error;
    throw systemError(error, `The folder ${this.#root}`) ?? error;
  }

  #notPlain(relative: string): TransportError {
    return new TransportError(
      'config',
      `${relative} in the sync folder ${this.#root} is a link or not what Caravan wrote; Caravan follows no link inside a sync folder. Remove it, or choose another folder.`,
    );
  }

  #parts(key: string): string[] {
    if (!layoutObject(key) && !PROBE.test(key)) throw new TransportError('config', `"${key.slice(0, 80)}" is not an object of the sync layout.`);
    return key.split('/');
  }

  async #checkRoot(): Promise<void> {
    const info = await lstat(this.#root).catch((error: unknown) => {
      if (codeOf(error) === 'ENOENT') throw new TransportError('config', `The folder ${this.#root} does not exist; create it or choose another.`);
      throw error;
    });
    if (!info.isDirectory()) throw new TransportError('config', `${this.#root} is not a folder (or is now a link); choose the folder again.`);
  }

  /** The folder holding `dirs` below the root, each checked to be a real folder; null if one is missing and `create` is false. */
  async #dir(dirs: readonly string[], create: boolean): Promise<string | null> {
    await this.#checkRoot();
    let dir = this.#root;
    for (const [i, part] of dirs.entries()) {
      dir = join(dir, part);
      let info = await lstat(dir).catch((error: unknown) => (codeOf(error) === 'ENOENT' ? null : Promise.reject(error)));
      if (!info) {
        if (!create) return null;
        await mkdir(dir).catch((error: unknown) => (codeOf(error) === 'EEXIST' ? undefined : Promise.reject(error)));
        info = await lstat(dir);
      }
      if (!info.isDirectory()) throw this.#notPlain(dirs.slice(0, i + 1).join('/'));
    }
    return dir;
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    let temp: string | undefined;
    try {
      const parts = this.#parts(key);
      const dir = (await this.#dir(parts.slice(0, -1), true)) as string;
      const path = join(dir, parts.at(-1) as string);
      const existing = await lstat(path).catch(() => null);
      if (existing && !existing.isFile()) throw this.#notPlain(key);
      temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
      const handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NOFOLLOW, 0o600);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, path);
      temp = undefined;
      // The rename itself is durable only once the directory is flushed (a USB disk pulled right after).
      const folder = await open(dir, 'r').catch(() => null);
      if (folder)
        await folder
          .sync()
          .catch(() => undefined)
          .finally(() => folder.close());
    } catch (error) {
      if (temp) await rm(temp, { force: true }).catch(() => undefined);
      this.#fail(error);
    }
  }

  async get(key: string, maxBytes: number = maxBytesOf(key)): Promise<Uint8Array | null> {
    let handle: FileHandle | undefined;
    try {
      const parts = this.#parts(key);
      const dir = await this.#dir(parts.slice(0, -1), false);
      if (!dir) return null;
      const path = join(dir, parts.at(-1) as string);
      if (NOFOLLOW === 0 && (await lstat(path).catch(() => null))?.isSymbolicLink()) throw this.#notPlain(key);
      handle = await open(path, constants.O_RDONLY | NOFOLLOW);
      const info = await handle.stat();
      if (!info.isFile()) throw this.#notPlain(key);
      if (info.size > maxBytes) throw tooLarge(`The folder ${this.#root}`, key, maxBytes);
      // One byte more than the file had: a file that grew meanwhile is caught, not cut short silently.
      const buffer = new Uint8Array(info.size + 1);
      let read = 0;
      for (;;) {
        const { bytesRead } = await handle.read(buffer, read, buffer.length - read, read);
        if (bytesRead === 0) break;
        read += bytesRead;
        if (read === buffer.length) throw tooLarge(`The folder ${this.#root}`, key, info.size);
      }
      return buffer.slice(0, read);
    } catch (error) {
      if (codeOf(error) === 'ENOENT') return null;
      if (codeOf(error) === 'ELOOP') throw this.#notPlain(key);
      return this.#fail(error);
    } finally {
      await handle?.close();
    }
  }

  async list(prefix: string): Promise<StoredObject[]> {
    const found: StoredObject[] = [];
    // Only folders that can hold layout names are entered (`p/`, `p/<partition>/log/`...), never a link.
    const walk = async (dir: string, relative: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const key = relative + entry.name;
        if (entry.isDirectory() && checkPrefix(`${key}/`)) await walk(join(dir, entry.name), `${key}/`);
        else if (entry.isFile() && key.startsWith(prefix) && layoutObject(key)) {
          // The mtime is the local clock's (or the writer's, copied by Syncthing or Dropbox): listed
          // for completeness, never taken as a server's word (compaction ignores it on folders).
          const info = await lstat(join(dir, entry.name));
          if (info.isFile()) found.push({ key, size: info.size, modified: Math.floor(info.mtimeMs) });
        }
      }
    };
    try {
      const parts = prefix.split('/').slice(0, -1);
      if (!checkPrefix(parts.length ? `${parts.join('/')}/` : '')) return [];
      const base = await this.#dir(parts, false);
      if (base) await walk(base, parts.length ? `${parts.join('/')}/` : '');
    } catch (error) {
      if (codeOf(error) === 'ENOENT') return found.sort(byKey);
      this.#fail(error);
    }
    return found.sort(byKey);
  }

  async delete(key: string): Promise<void> {
    try {
      const parts = this.#parts(key);
      const dir = await this.#dir(parts.slice(0, -1), false);
      if (!dir) return;
      const path = join(dir, parts.at(-1) as string);
      const info = await lstat(path).catch(() => null);
      if (!info) return;
      if (!info.isFile()) throw this.#notPlain(key);
      await unlink(path);
    } catch (error) {
      if (codeOf(error) === 'ENOENT') return;
      this.#fail(error);
    }
  }

  async test(): Promise<void> {
    try {
      await this.#checkRoot();
    } catch (error) {
      this.#fail(error);
    }
    const probe = `caravan-probe-${randomBytes(4).toString('hex')}`;
    await this.put(probe, new Uint8Array([1]));
    await this.delete(probe);
  }
}

function byKey(a: StoredObject, b: StoredObject): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}
