/**
 * A WebDAV server (Nextcloud, ownCloud, rclone, a NAS) as a sync target. An
 * object is uploaded under a temporary name and then moved into place, so a
 * cut connection leaves a `.tmp` file that readers skip, never half an object
 * under its real name. Directories are listed one level at a time because not
 * every server allows `Depth: infinity`. No redirect is followed (below).
 */
import { randomBytes } from 'node:crypto';
import { createClient, getPatcher, type FileStat, type WebDAVClient } from 'webdav';
import { httpError, readBounded, systemError, tooLarge, TransportError, withTimeout, type StoredObject, type Transport } from './transport.ts';
import { maxBytesOf } from './object-key.ts';

let redirectsRefused = false;

/**
 * The webdav client's requests go through Node's fetch with `redirect: 'manual'`, and a 3xx
 * answer is an error (`httpError` words it). Followed, a 307 on a PUT would send the object and
 * the Basic credentials to a host the person never confirmed and the guard never judged. The
 * client exposes its fetch only through its process-wide patcher, so this is set once for all.
 */
function refuseRedirects(): void {
  if (redirectsRefused) return;
  redirectsRefused = true;
  getPatcher().patch('fetch', async (...args: unknown[]) => {
    const [url, options] = args as [string, RequestInit];
    const response = await fetch(url, { ...options, redirect: 'manual' });
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel().catch(() => undefined);
      throw Object.assign(new Error(`redirect (HTTP ${response.status}) refused`), { status: response.status });
    }
    return response;
  });
}

export interface WebDavSettings {
  url: string;
  username?: string;
  password?: string;
  /** Per request; a stalled server fails the round instead of hanging it. */
  timeoutMs?: number;
}

function statusOf(error: unknown): number | undefined {
  const e = error as { status?: unknown; response?: { status?: unknown } } | null;
  const status = e?.status ?? e?.response?.status;
  return typeof status === 'number' ? status : undefined;
}

export class WebDavTransport implements Transport {
  readonly #client: WebDAVClient;
  readonly #where: string;
  readonly #timeout: number;

  constructor(settings: WebDavSettings) {
    refuseRedirects();
    this.#client = createClient(settings.url, {
      ...(settings.username !== undefined ? { username: settings.username } : {}),
      ...(settings.password !== undefined ? { password: settings.password } : {}),
    });
    this.#where = `The WebDAV server at ${new URL(settings.url).host}`;
    this.#timeout = settings.timeoutMs ?? 60_000;
  }

  async #run<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await withTimeout(work(), this.#timeout, this.#where);
    } catch (error) {
      if (error instanceof TransportError) throw error;
      const status = statusOf(error);
      if (status !== undefined) throw httpError(status, this.#where);
      throw (
        systemError(error, this.#where) ?? new TransportError('network', `${this.#where} failed: ${error instanceof Error ? error.message : String(error)}`)
      );
    }
  }

  async #ensureDir(dir: string): Promise<void> {
    if (dir === '') return;
    if (!(await this.#client.exists(`/${dir}`))) await this.#client.createDirectory(`/${dir}`, { recursive: true });
  }

  put(key: string, bytes: Uint8Array): Promise<void> {
    return this.#run(async () => {
      const dir = key.includes('/') ? key.slice(0, key.lastIndexOf('/')) : '';
      await this.#ensureDir(dir);
      const temp = `/${key}.${randomBytes(6).toString('hex')}.tmp`;
      await this.#client.putFileContents(temp, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { overwrite: true });
      try {
        await this.#client.moveFile(temp, `/${key}`, { overwrite: true });
      } catch (error) {
        await this.#client.deleteFile(temp).catch(() => undefined);
        throw error;
      }
    });
  }

  get(key: string, maxBytes: number = maxBytesOf(key)): Promise<Uint8Array | null> {
    return this.#run(async () => {
      let response: Response;
      try {
        // A plain GET whose body is read as it arrives, so reading stops at the bound.
        response = (await this.#client.customRequest(`/${key}`, { method: 'GET' })) as unknown as Response;
      } catch (error) {
        if (statusOf(error) === 404) return null;
        throw error;
      }
      const declared = Number(response.headers.get('content-length') ?? Number.NaN);
      if (declared > maxBytes || !response.body) {
        await response.body?.cancel().catch(() => undefined);
        if (declared > maxBytes) throw tooLarge(this.#where, key, maxBytes);
        return new Uint8Array();
      }
      return readBounded(response.body as unknown as AsyncIterable<Uint8Array>, maxBytes, () => tooLarge(this.#where, key, maxBytes));
    });
  }

  list(prefix: string): Promise<StoredObject[]> {
    return this.#run(async () => {
      const found: StoredObject[] = [];
      const walk = async (dir: string): Promise<void> => {
        let entries: FileStat[];
        try {
          entries = (await this.#client.getDirectoryContents(dir === '' ? '/' : `/${dir}`)) as FileStat[];
        } catch (error) {
          if (statusOf(error) === 404) return;
          throw error;
        }
        for (const entry of entries) {
          const key = entry.filename.replace(/^\/+/, '');
          if (entry.type === 'directory') {
            if (prefix.startsWith(`${key}/`) || key.startsWith(prefix) || `${key}/`.startsWith(prefix)) await walk(key);
          } else if (!key.endsWith('.tmp') && key.startsWith(prefix)) {
            // `getlastmodified` is an HTTP date (whole seconds), set by the server when the object was stored.
            const modified = Date.parse(entry.lastmod);
            found.push({ key, size: entry.size, ...(Number.isFinite(modified) ? { modified } : {}) });
          }
        }
      };
      const base = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
      await walk(base);
      return found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    });
  }

  delete(key: string): Promise<void> {
    return this.#run(async () => {
      try {
        await this.#client.deleteFile(`/${key}`);
      } catch (error) {
        if (statusOf(error) !== 404) throw error;
      }
    });
  }

  async test(): Promise<void> {
    await this.#run(() => this.#client.getDirectoryContents('/'));
    const probe = `caravan-probe-${randomBytes(4).toString('hex')}`;
    await this.put(probe, new Uint8Array([1]));
    await this.delete(probe);
  }
}
