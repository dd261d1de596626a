/**
 * This device's epoch store (docs/key-epochs.md "This device's epoch store"): the current epoch
 * key, the previous one while it is still needed, the sync keys of earlier epochs, and a rotation
 * under way with its new header. One meta row per vault, `epochs:<vaultId>`, XChaCha20-Poly1305
 * under R's localWrap subkey with associated data binding the vault id: it opens only with R, so
 * it is as safe at rest as the vault database.
 *
 * Layout: [0] version 1, [1..25) nonce, then the ciphertext of canonical-enough JSON (keys base64).
 */
import { fromBase64, toBase64 } from '../crypto/encoding.ts';
import { VaultError } from '../crypto/errors.ts';
import { type EpochRef, type EpochSyncKeys, isEpochRef, rootSubkey, wipeEpochKeys } from '../crypto/key-purposes.ts';
import { fillRandom } from '../crypto/random.ts';
import { getSodium } from '../crypto/sodium.ts';
import type { EpochKey } from '../crypto/vault-keys.ts';

const STORE_VERSION = 1;
const NONCE_BYTES = 24;

/** What the store holds, decrypted. */
export interface EpochStoreState {
  current: EpochKey;
  /** When this device made or adopted the current epoch, UTC ms (shown in Settings → Security). */
  since: number;
  /** The epoch before, kept until this device's inbox for the current one is published. */
  previous?: EpochKey;
  /** Sync keys of every earlier epoch this device knows, by epoch id (never 'legacy': that one comes from R). */
  history: Record<string, EpochSyncKeys>;
  /** A rotation stored before anything is published: its epoch, key and the header that wraps it. */
  pending?: { epoch: EpochKey; header: string };
}

/** The store's associated data: a store of another vault (or a row copied across) does not open. */
function storeAd(vaultId: string): string {
  return JSON.stringify(['caravan-epoch-store', STORE_VERSION, vaultId]);
}

/** Encrypts the store under localWrap(R). */
export async function sealEpochStore(root: Uint8Array, vaultId: string, state: EpochStoreState): Promise<Uint8Array> {
  const sodium = await getSodium();
  const key = rootSubkey(sodium, root, 'localWrap');
  const plain = new TextEncoder().encode(JSON.stringify(toJson(state)));
  try {
    const nonce = fillRandom(new Uint8Array(NONCE_BYTES));
    const sealed = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(plain, storeAd(vaultId), null, nonce, key);
    const out = new Uint8Array(1 + NONCE_BYTES + sealed.length);
    out[0] = STORE_VERSION;
    out.set(nonce, 1);
    out.set(sealed, 1 + NONCE_BYTES);
    return out;
  } finally {
    key.fill(0);
    plain.fill(0);
  }
}

/**
 * Opens the store. A row that does not open or does not parse is VaultError('key-unwrap-failed'):
 * the caller refuses the unlock rather than make a second epoch over a damaged one.
 */
export async function openEpochStore(root: Uint8Array, vaultId: string, sealed: Uint8Array): Promise<EpochStoreState> {
  if (sealed.length < 1 + NONCE_BYTES + 16 || sealed[0] !== STORE_VERSION) throw new VaultError('key-unwrap-failed', 'this device’s epoch store is damaged');
  const sodium = await getSodium();
  const key = rootSubkey(sodium, root, 'localWrap');
  let plain: Uint8Array;
  try {
    plain = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
      null,
      sealed.subarray(1 + NONCE_BYTES),
      storeAd(vaultId),
      sealed.subarray(1, 1 + NONCE_BYTES),
      key,
    );
  } catch (cause) {
    throw new VaultError('key-unwrap-failed', 'this device’s epoch store does not open with this vault’s key', { cause });
  } finally {
    key.fill(0);
  }
  try {
    return fromJson(JSON.parse(new TextDecoder().decode(plain)));
  } catch (cause) {
    throw new VaultError('key-unwrap-failed', 'this device’s epoch store is damaged', { cause });
  } finally {
    plain.fill(0);
  }
}

/** Zeroes every key the state holds. */
export function wipeEpochStoreState(state: EpochStoreState | null | undefined): void {
  if (!state) return;
  state.current.key.fill(0);
  state.previous?.key.fill(0);
  state.pending?.epoch.key.fill(0);
  for (const keys of Object.values(state.history)) wipeEpochKeys(keys);
}

interface StoredEpochKey {
  epoch: EpochRef;
  key: string;
}

function toJson(state: EpochStoreState) {
  const epochKey = (e: EpochKey): StoredEpochKey => ({ epoch: e.epoch, key: toBase64(e.key) });
  return {
    v: STORE_VERSION,
    current: epochKey(state.current),
    since: state.since,
    ...(state.previous ? { previous: epochKey(state.previous) } : {}),
    history: Object.fromEntries(
      Object.entries(state.history).map(([id, k]) => [
        id,
        { epoch: k.epoch, segments: toBase64(k.segments), clientSegments: k.clientSegments ? toBase64(k.clientSegments) : null, roster: toBase64(k.roster) },
      ]),
    ),
    ...(state.pending ? { pending: { epoch: epochKey(state.pending.epoch), header: state.pending.header } } : {}),
  };
}

function fromJson(raw: unknown): EpochStoreState {
  const o = record(raw);
  if (o.v !== STORE_VERSION) throw new TypeError('unknown epoch store version');
  if (typeof o.since !== 'number') throw new TypeError('since');
  const state: EpochStoreState = { current: epochKey(o.current), since: o.since, history: {} };
  if (o.previous !== undefined) state.previous = epochKey(o.previous);
  for (const [id, value] of Object.entries(record(o.history))) {
    const h = record(value);
    if (!isEpochRef(h.epoch) || h.epoch.id !== id) throw new TypeError('history epoch');
    state.history[id] = {
      epoch: h.epoch,
      segments: key(h.segments),
      clientSegments: h.clientSegments === null ? null : key(h.clientSegments),
      roster: key(h.roster),
    };
  }
  if (o.pending !== undefined) {
    const p = record(o.pending);
    if (typeof p.header !== 'string') throw new TypeError('pending header');
    state.pending = { epoch: epochKey(p.epoch), header: p.header };
  }
  return state;
}

function epochKey(value: unknown): EpochKey {
  const o = record(value);
  if (!isEpochRef(o.epoch)) throw new TypeError('epoch');
  return { epoch: { id: o.epoch.id, n: o.epoch.n, parent: o.epoch.parent }, key: key(o.key) };
}

function key(value: unknown): Uint8Array {
  const bytes = typeof value === 'string' ? fromBase64(value) : undefined;
  if (!bytes || bytes.length !== 32) throw new TypeError('key');
  return bytes;
}

function record(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TypeError('object');
  return value as Record<string, unknown>;
}
