/** Messages between the page and the vault key worker. */
import type { VaultErrorCode } from '../crypto/errors.ts';
import type { VaultKeyOps } from '../session/key-ops.ts';

export type OpName = keyof VaultKeyOps;

export interface WorkerRequest<O extends OpName = OpName> {
  id: number;
  op: O;
  args: Parameters<VaultKeyOps[O]>;
}

export type WorkerResponse =
  { id: number; ok: true; value: unknown } | { id: number; ok: false; error: { name: string; code?: VaultErrorCode; message: string } };
