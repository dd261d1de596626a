/**
 * A client's wrapped data key on a target, so other devices can adopt it, never overwritten by a
 * different one. Every device's segments of the client are encrypted under the key on the target;
 * a device that made a fresh key for a client it had not adopted yet would, by overwriting, leave
 * everyone else's segments undecryptable for a device that joins later. So the existing object is
 * read first: the same key (wrapped again, so other bytes) counts as pushed; a different one stops
 * this partition with an error a person can act on.
 *
 * Two objects (docs/key-epochs.md): `p/<client>/key/<epoch>.bin` under the epoch's clientWrap,
 * written by a device on an epoch; and `key.bin` under R, written only by a device still on epoch 0
 * (R never changes and every device keeps it, a removed one too), and read only where no epoch
 * wrap of the client exists (a client made by a device still on epoch 0).
 */
import { unwrapClientKey } from '../../vault/crypto/keys.ts';
import { VaultError } from '../../vault/crypto/errors.ts';
import { readySodium } from '../../vault/crypto/sodium.ts';
import { unwrapClientKeyForEpoch, wrapClientKeyForEpoch } from '../segment/client-key-wrap.ts';
import { isKeyObjectError } from '../segment/errors.ts';
import { clientKeyWrapObjectKey } from '../segment/layout.ts';
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

/** Which client-key objects a listing showed for one client. */
export interface ClientKeyObjects {
  legacy: boolean;
  epochs: Set<string>;
}

/**
 * Epoch 0 only: puts this device's version 1 wrap for `pid` (`key.bin`, under R) unless the target
 * has one already: marks it pushed when the target's is the same key; throws
 * ClientKeyConflictError when it is another. An object that does not unwrap under R (damaged, or
 * placed by someone without it) is replaced.
 */
export async function publishClientKey(deps: RoundDeps, pid: string, wrapped: Uint8Array): Promise<number> {
  const objectKey = `p/${pid}/${CLIENT_KEY_OBJECT}`;
  const existing = await deps.remote.get(objectKey);
  if (existing) {
    const theirs = await openOrNull(() => unwrapClientKey(deps.keyRing.vaultKeyForWrapping(), deps.vaultId, pid, existing));
    keepIfSame(pid, theirs, deps.keyRing.clientKey(pid));
    if (theirs) return 0;
  }
  await deps.remote.put(objectKey, wrapped);
  return wrapped.length;
}

/**
 * `p/<pid>/key/<epoch>.bin` of the current epoch, under the same rule: one already there that
 * opens under this epoch's clientWrap is kept (the same key counts as pushed, another throws
 * ClientKeyConflictError); one that does not open is replaced. Only holders of the epoch open it.
 */
export async function publishEpochClientKey(deps: RoundDeps, pid: string, epoch: string): Promise<number> {
  const ours = deps.keyRing.clientKey(pid);
  if (!ours) return 0;
  const { clientWrap } = deps.keyRing.currentEpoch();
  const objectKey = clientKeyWrapObjectKey(pid, epoch);
  const existing = await deps.remote.get(objectKey);
  if (existing) {
    const theirs = await openOrNull(() => unwrapClientKeyForEpoch(clientWrap, deps.vaultId, pid, epoch, existing));
    keepIfSame(pid, theirs, ours);
    if (theirs) return 0;
  }
  const wrapped = await wrapClientKeyForEpoch(clientWrap, deps.vaultId, pid, epoch, ours);
  await deps.remote.put(objectKey, wrapped);
  return wrapped.length;
}

/**
 * Adopts the key of a client this device lacks from the target: the wrap of an epoch whose
 * clientWrap it holds (current, or previous while kept); `key.bin` only when the target has no
 * epoch wrap of the client at all, so a `key.bin` put beside an epoch's wraps (by anyone with R)
 * is never taken instead. False when nothing opens: the partition waits for its key.
 */
export async function adoptClientKeyFromTarget(deps: RoundDeps, pid: string, found: ClientKeyObjects): Promise<boolean> {
  const ring = deps.keyRing;
  if (ring.hasEpochs()) {
    const held = [ring.currentEpoch().epoch.id, ring.previousEpoch()?.epoch.id];
    for (const epoch of held) {
      if (epoch === undefined || !found.epochs.has(epoch)) continue;
      const wrapped = await deps.remote.get(clientKeyWrapObjectKey(pid, epoch));
      if (wrapped && (await ring.adoptEpochClientKey(deps.db, pid, epoch, wrapped))) return true;
    }
    if (found.epochs.size > 0) return false;
  }
  if (!found.legacy) return false;
  const wrapped = await deps.remote.get(`p/${pid}/${CLIENT_KEY_OBJECT}`);
  return wrapped !== null && (await ring.adoptClientKey(deps.db, pid, wrapped));
}

/** Throws ClientKeyConflictError when both keys are here and differ; wipes the target's copy. */
function keepIfSame(pid: string, theirs: Uint8Array | null, ours: Uint8Array | null): void {
  if (!theirs) return;
  const same = ours !== null && theirs.length === ours.length && readySodium().memcmp(theirs, ours);
  theirs.fill(0);
  if (ours && !same) throw new ClientKeyConflictError(pid);
}

async function openOrNull(open: () => Promise<Uint8Array>): Promise<Uint8Array | null> {
  try {
    return await open();
  } catch (error) {
    if (error instanceof VaultError || isKeyObjectError(error)) return null;
    throw error;
  }
}
