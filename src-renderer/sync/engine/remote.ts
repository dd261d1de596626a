/**
 * A sync target as the engine sees it: objects by key. In the app the bytes
 * go through main (which applies the locality guard to every put); tests
 * plug in main's transports directly, or an in-memory map.
 */
import { caravan } from '../../ipc/caravan.ts';
import { fromBase64, toBase64 } from '../../vault/crypto/encoding.ts';

export interface RemoteObject {
  key: string;
  size: number;
  /**
   * The store's modification time, epoch ms, when it gives one. On S3 and WebDAV it is the
   * server's clock, which compaction checks its safety margin against as well as this device's;
   * on a folder it is a file mtime (this machine's or the writer's clock) and is not used.
   */
  modified?: number;
}

export interface Remote {
  put(key: string, bytes: Uint8Array): Promise<void>;
  get(key: string): Promise<Uint8Array | null>;
  list(prefix: string): Promise<RemoteObject[]>;
  /** Deletes one object (absent is not an error): compaction's only way to remove anything. */
  delete(key: string): Promise<void>;
}

/** Why a remote call failed. `refused`: the locality guard held the data back (not a fault; never retried blindly). */
export type RemoteErrorCode = 'refused' | 'unavailable' | 'failed';

export class RemoteError extends Error {
  readonly code: RemoteErrorCode;

  constructor(code: RemoteErrorCode, message: string) {
    super(message);
    this.name = 'RemoteError';
    this.code = code;
  }

  /** Trying again later may help (network, server, timeout). */
  get retry(): boolean {
    return this.code === 'unavailable';
  }
}

function fromIpc(error: { code: string; message: string }): RemoteError {
  if (error.code === 'refused') return new RemoteError('refused', error.message);
  if (error.code === 'unavailable') return new RemoteError('unavailable', error.message);
  return new RemoteError('failed', error.message);
}

/** The target `targetId` through main's guarded sync handlers. */
export function ipcRemote(targetId: string): Remote {
  const api = () => caravan().sync;
  return {
    async put(key, bytes) {
      const result = await api().put(targetId, key, toBase64(bytes));
      if (!result.ok) throw fromIpc(result.error);
    },
    async get(key) {
      const result = await api().get(targetId, key);
      if (!result.ok) throw fromIpc(result.error);
      if (result.value === null) return null;
      const bytes = fromBase64(result.value);
      if (!bytes) throw new RemoteError('failed', `The object ${key} came back damaged from main.`);
      return bytes;
    },
    async list(prefix) {
      const result = await api().list(targetId, prefix);
      if (!result.ok) throw fromIpc(result.error);
      return result.value;
    },
    async delete(key) {
      const result = await api().delete(targetId, key);
      if (!result.ok) throw fromIpc(result.error);
    },
  };
}
