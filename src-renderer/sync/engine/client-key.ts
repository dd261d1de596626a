/**
 * Uploads a client's wrapped data key (`p/<client>/key.bin`) so other devices can adopt it, and
 * never overwrites one already there. Every device's segments of the client are encrypted under
 * the key on the target; a device that made a fresh key for a client it had not adopted yet would,
 * by overwriting, leave everyone else's segments undecryptable for a device that joins later. So
 * the existing object is read first: the same key (wrapped again, so other bytes) counts as pushed;
 * a different one stops this partition with an error a person can act on.
 */
import { unwrapClientKey } from '../../vault/crypto/keys.ts';
import { VaultError } from '../../vault/crypto/errors.ts';
import { readySodium } from '../../vault/crypto/sodium.ts';
import type { RoundDeps } from './round-types.ts';

export const CLIENT_KEY_OBJECT = 'key.bin';

/** This device's key for a client is not the one the target (and so the other devices) use. */
export class ClientKeyConflictError extends Error {
  override readonly name = 'ClientKeyConflictError';
  readonly clientId: string;

  constructor(clientId: string) {
    super(
      `This device holds a different key for client ${clientId} than your other devices (the key on this target). ` +
        'Its changes to that client stay on this device and are not sent; the other clients sync normally. ' +
        'This happens when this device created the key before it received the shared one; export that client from this device before changing anything.',
    );
    this.clientId = clientId;
  }
}

/**
 * Puts this device's wrapped key for `pid` unless the target has one already: marks it pushed when
 * the target's is the same key; throws ClientKeyConflictError when it is another. An object that
 * does not unwrap under this vault's key (damaged, or placed by someone without it) is replaced.
 */
export async function publishClientKey(deps: RoundDeps, pid: string, wrapped: Uint8Array): Promise<number> {
  const objectKey = `p/${pid}/${CLIENT_KEY_OBJECT}`;
  const existing = await deps.remote.get(objectKey);
  if (existing) {
    const theirs = await unwrapOrNull(deps, pid, existing);
    const ours = deps.keyRing.segmentKey(`client:${pid}`);
    if (theirs && ours) {
      const same = theirs.length === ours.length && readySodium().memcmp(theirs, ours);
      theirs.fill(0);
      if (!same) throw new ClientKeyConflictError(pid);
      return 0;
    }
  }
  await deps.remote.put(objectKey, wrapped);
  return wrapped.length;
}

async function unwrapOrNull(deps: RoundDeps, pid: string, wrapped: Uint8Array): Promise<Uint8Array | null> {
  try {
    return await unwrapClientKey(deps.keyRing.vaultKeyForWrapping(), deps.vaultId, pid, wrapped);
  } catch (error) {
    if (error instanceof VaultError) return null;
    throw error;
  }
}
