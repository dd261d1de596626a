/**
 * The one place that loads libsodium. The sumo build is required: the standard
 * `libsodium-wrappers` build has no Argon2id (`crypto_pwhash`).
 *
 * The WebAssembly module is instantiated asynchronously; every caller must go
 * through `getSodium()` once before using it. Hot paths (record encryption) are
 * synchronous and use `readySodium()`, which fails loudly instead of silently
 * racing the initialisation.
 */
import sodium from 'libsodium-wrappers-sumo';

/** The initialised libsodium API. */
export type Sodium = typeof sodium;

let loading: Promise<Sodium> | undefined;
let loaded: Sodium | undefined;

/** Resolves once libsodium is ready; later calls reuse the same promise. */
export function getSodium(): Promise<Sodium> {
  loading ??= sodium.ready.then(() => {
    loaded = sodium;
    return sodium;
  });
  return loading;
}

/**
 * libsodium for synchronous hot paths. Throws (a programming error, not a
 * user-facing one) if `getSodium()` has not resolved yet: unlocking the vault
 * always awaits it first, so this only fires on a wiring mistake.
 */
export function readySodium(): Sodium {
  if (loaded === undefined) {
    throw new Error('libsodium is not initialised yet: await getSodium() before encrypting or decrypting.');
  }
  return loaded;
}
