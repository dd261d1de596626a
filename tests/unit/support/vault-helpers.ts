import { VaultError, type VaultErrorCode } from '../../../src-renderer/vault/crypto/errors.ts';
import { KDF_FLOOR, type KdfCost } from '../../../src-renderer/vault/crypto/kdf.ts';

/** Floor cost keeps Argon2id to ~0.1-0.2 s per derivation in tests. */
export const FAST_COST: KdfCost = { ...KDF_FLOOR };

/** The code of the VaultError thrown (sync or async) by `run`; fails the test on anything else. */
export async function vaultErrorCode(run: () => unknown): Promise<VaultErrorCode> {
  try {
    await run();
  } catch (error) {
    if (error instanceof VaultError) {
      // Messages are shown as is: never empty, never a stack trace.
      if (error.message.length < 20 || error.message.includes('\n    at ')) throw new Error(`bad message: ${error.message}`, { cause: error });
      return error.code;
    }
    throw error;
  }
  throw new Error('expected a VaultError, but nothing was thrown');
}

/** A copy of `bytes` with bit 0 of byte `index` flipped. */
export function flipped(bytes: Uint8Array, index: number): Uint8Array {
  const copy = bytes.slice();
  copy[index] = (copy[index] as number) ^ 0x01;
  return copy;
}
