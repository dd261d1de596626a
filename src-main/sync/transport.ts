/**
 * What the sync engine needs from a place that stores objects, whatever it
 * is: put (complete or not at all), get, list, delete. The objects are
 * immutable and each key has a single writer, so no transport needs
 * conditional writes (a plain folder, rclone's WebDAV and s3rver ignore them).
 */

export interface StoredObject {
  key: string;
  size: number;
  /**
   * When the store says the object was last written, epoch ms, where it says so: S3 `LastModified`
   * and WebDAV `getlastmodified` are the server's clock, independent of this device's (compaction
   * uses them as a second clock). A folder's is the file's mtime: this machine's clock, or the
   * writer's when a sync tool copied it, so it is no independent evidence of anything.
   */
  modified?: number;
}

export interface Transport {
  /** Writes the whole object or nothing: a reader never sees part of it under its key. */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /**
   * The object, or null when there is none. One larger than `maxBytes` (by default the bound of
   * its kind in the layout, `object-key.ts`) is refused (`corrupt`) without reading past the
   * bound: a target cannot make main download more than the layout allows.
   */
  get(key: string, maxBytes?: number): Promise<Uint8Array | null>;
  /** Every object whose key starts with `prefix`, in key order. */
  list(prefix: string): Promise<StoredObject[]>;
  /** Deletes an object; deleting one that is not there is not an error. */
  delete(key: string): Promise<void>;
  /** Checks that the target answers and accepts these credentials (writes and removes a probe object). */
  test(): Promise<void>;
}

export type TransportErrorKind = 'auth' | 'network' | 'timeout' | 'server' | 'full' | 'config' | 'corrupt';

/** A transport failure, in words a person can act on. `retry` says whether trying again later may help. */
export class TransportError extends Error {
  readonly kind: TransportErrorKind;
  readonly retry: boolean;

  constructor(kind: TransportErrorKind, message: string) {
    super(message);
    this.name = 'TransportError';
    this.kind = kind;
    this.retry = kind === 'network' || kind === 'timeout' || kind === 'server';
  }
}

/** Rejects after `ms` with a timeout error, so a stalled server cannot hang a sync round. */
export async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TransportError('timeout', `${what} did not answer within ${Math.round(ms / 1000)} s; Caravan will try again.`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** An object larger than its kind may be: refused, not read further. */
export function tooLarge(where: string, key: string, maxBytes: number): TransportError {
  return new TransportError(
    'corrupt',
    `${where} holds ${key} larger than ${maxBytes} bytes, more than Caravan ever writes there; it was not read. Check that the target is only Caravan's.`,
  );
}

/** Maps an HTTP status to a transport error (WebDAV and S3 share the meanings). */
export function httpError(status: number, where: string): TransportError {
  if (status >= 300 && status < 400) {
    // Following would send the request, and its credentials, to an address the person never confirmed.
    return new TransportError(
      'config',
      `${where} answered with a redirect (HTTP ${status}); Caravan follows no redirect. Enter the address the server redirects to as the target's own.`,
    );
  }
  if (status === 401 || status === 403)
    return new TransportError('auth', `${where} refused the credentials (HTTP ${status}); check the user name, key or password.`);
  if (status === 507 || status === 413)
    return new TransportError('full', `${where} is out of space (HTTP ${status}); free some space or choose another target.`);
  if (status >= 500) return new TransportError('server', `${where} had a server error (HTTP ${status}); Caravan will try again.`);
  return new TransportError('config', `${where} answered HTTP ${status}; check the target's address and bucket or folder.`);
}

/**
 * What each network error code means, in words a person can act on; the code itself never reaches
 * the screen ("ENOTFOUND" says nothing to most people).
 */
const NETWORK_WORDS: Readonly<Record<string, string>> = {
  ENOTFOUND: "the server's name could not be found (check the address, or the internet connection)",
  EAI_AGAIN: "the server's name could not be looked up just now (check the internet connection)",
  ECONNREFUSED: 'the server refused the connection (check the address and port, or whether the server is running)',
  ECONNRESET: 'the connection was cut off',
  EHOSTUNREACH: 'the server cannot be reached from this network',
  ENETUNREACH: 'this device is not connected to a network',
  EPIPE: 'the connection was closed while sending',
};

/** Maps Node's network and file-system error codes. */
export function systemError(error: unknown, where: string): TransportError | null {
  // fetch (undici) wraps the socket's error: "fetch failed" with the code on its cause.
  const withCode = error as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = withCode?.code ?? withCode?.cause?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return new TransportError('full', `${where} is full; free some space or choose another target.`);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
    return new TransportError('auth', `${where} cannot be written: permission denied. Check who may write to it.`);
  const words = typeof code === 'string' ? NETWORK_WORDS[code] : undefined;
  if (words !== undefined) return new TransportError('network', `${where} cannot be reached: ${words}. Caravan will try again when it can.`);
  if (code === 'ETIMEDOUT') return new TransportError('timeout', `${where} timed out; Caravan will try again.`);
  return null;
}

/**
 * Reads a response body chunk by chunk and stops as soon as it passes `maxBytes`: leaving the
 * loop cancels the rest, so an endless or oversized answer is never downloaded whole.
 */
export async function readBounded(body: AsyncIterable<Uint8Array>, maxBytes: number, tooBig: () => Error): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.byteLength;
    if (total > maxBytes) throw tooBig();
    chunks.push(chunk);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}
