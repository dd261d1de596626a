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
import type { EpochKeys } from '../../vault/crypto/key-purposes.ts';
import type { Remote } from './remote.ts';
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
    await keepIfSame(deps, pid, theirs, deps.keyRing.clientKey(pid));
    if (theirs) return 0;
  }
  await deps.remote.put(objectKey, wrapped);
  return wrapped.length;
}

/**
 * `p/<pid>/key/<epoch>.bin` of the current epoch, under the same rule: one already there that
 * opens under this epoch's clientWrap is kept (the same key counts as pushed, another throws
 * ClientKeyConflictError); one that does not open is replaced. A conflict seen in an earlier epoch
 * (recorded, or the previous epoch's wrap while kept) holds the client back here too: the first
 * device into a new epoch must not make its own key the one everybody adopts.
 */
export async function publishEpochClientKey(deps: RoundDeps, pid: string, epoch: string): Promise<number> {
  const ours = deps.keyRing.clientKey(pid);
  if (!ours) return 0;
  if (deps.progress.keyConflicts?.[pid]) throw new ClientKeyConflictError(pid);
  const { clientWrap } = deps.keyRing.currentEpoch();
  const objectKey = clientKeyWrapObjectKey(pid, epoch);
  const existing = await deps.remote.get(objectKey);
  if (existing) {
    const theirs = await openOrNull(() => unwrapClientKeyForEpoch(clientWrap, deps.vaultId, pid, epoch, existing));
    await keepIfSame(deps, pid, theirs, ours);
    if (theirs) return 0;
  }
  const previous = deps.keyRing.previousEpoch();
  if (previous && (await differentKeyOnTarget(deps.remote, deps.vaultId, pid, ours, [previous]))) return conflict(deps, pid);
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
      if (wrapped && (await ring.adoptEpochClientKey(deps.db, pid, epoch, wrapped))) return adopted(deps, pid);
    }
    if (found.epochs.size > 0) return false;
  }
  if (!found.legacy) return false;
  const wrapped = await deps.remote.get(`p/${pid}/${CLIENT_KEY_OBJECT}`);
  return wrapped !== null && (await ring.adoptClientKey(deps.db, pid, wrapped)) && adopted(deps, pid);
}

/** The key now here is the target's: a conflict recorded for the client (it was erased here and came back) is over. */
async function adopted(deps: RoundDeps, pid: string): Promise<true> {
  if (deps.progress.keyConflicts?.[pid]) {
    const { [pid]: _over, ...rest } = deps.progress.keyConflicts;
    deps.progress.keyConflicts = rest;
    await deps.saveProgress(deps.progress);
  }
  return true;
}

/**
 * Whether the target carries a different key for `clientId` than `ours` in one of `epochs` (whose
 * clientWrap this device holds). A rotation leaves such a client out of the new epoch: this
 * device's partition of it is held back, and its key must not become the new epoch's.
 */
export async function differentKeyOnTarget(
  remote: Remote,
  vaultId: string,
  clientId: string,
  ours: Uint8Array,
  epochs: readonly Pick<EpochKeys, 'epoch' | 'clientWrap'>[],
): Promise<boolean> {
  for (const { epoch, clientWrap } of epochs) {
    const bytes = await remote.get(clientKeyWrapObjectKey(clientId, epoch.id));
    const theirs = bytes && (await openOrNull(() => unwrapClientKeyForEpoch(clientWrap, vaultId, clientId, epoch.id, bytes)));
    if (!theirs) continue;
    const same = sameKey(theirs, ours);
    theirs.fill(0);
    if (!same) return true;
  }
  return false;
}

/** Throws ClientKeyConflictError, recorded for later epochs, when both keys are here and differ; wipes the target's copy. */
async function keepIfSame(deps: RoundDeps, pid: string, theirs: Uint8Array | null, ours: Uint8Array | null): Promise<void> {
  if (!theirs) return;
  const same = ours !== null && sameKey(theirs, ours);
  theirs.fill(0);
  if (ours && !same) await conflict(deps, pid);
}

/** Records the conflict (later epochs hold the client back too) and throws it. */
async function conflict(deps: RoundDeps, pid: string): Promise<never> {
  deps.progress.keyConflicts = { ...deps.progress.keyConflicts, [pid]: true };
  await deps.saveProgress(deps.progress);
  throw new ClientKeyConflictError(pid);
}

function sameKey(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && readySodium().memcmp(a, b);
}

async function openOrNull(open: () => Promise<Uint8Array>): Promise<Uint8Array | null> {
  try {
    return await open();
  } catch (error) {
    if (error instanceof VaultError || isKeyObjectError(error)) return null;
    throw error;
  }
}
