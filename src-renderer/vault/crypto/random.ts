/**
 * Randomness for keys, nonces and salts. Always `crypto.getRandomValues`:
 * libsodium.js's `randombytes_buf` calls back into JS for every 4 bytes and is
 * about 14x slower per record in WASM (see ARCHITECTURE.md, "Keys and encryption").
 */

/** Web Crypto refuses more than 65 536 bytes per `getRandomValues` call. */
export const GET_RANDOM_VALUES_MAX_BYTES = 65_536;

/**
 * Fills `target` in place with CSPRNG bytes, in chunks the Web Crypto API
 * accepts. Web Crypto refuses views of a SharedArrayBuffer, hence the type.
 */
export function fillRandom<T extends Uint8Array<ArrayBuffer>>(target: T): T {
  if (target.length <= GET_RANDOM_VALUES_MAX_BYTES) {
    crypto.getRandomValues(target);
    return target;
  }
  for (let offset = 0; offset < target.length; offset += GET_RANDOM_VALUES_MAX_BYTES) {
    crypto.getRandomValues(target.subarray(offset, Math.min(offset + GET_RANDOM_VALUES_MAX_BYTES, target.length)));
  }
  return target;
}

/** A fresh array of `length` CSPRNG bytes. */
export function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  return fillRandom(new Uint8Array(length));
}

/** A uniform random integer in [0, maxExclusive), without modulo bias. */
export function randomInt(maxExclusive: number): number {
  if (!Number.isInteger(maxExclusive) || maxExclusive <= 0 || maxExclusive > 2 ** 32) {
    throw new RangeError(`randomInt needs an integer bound in 1..2^32, got ${maxExclusive}`);
  }
  // Reject the top sliver of the 32-bit range that would favour small values.
  const limit = 2 ** 32 - (2 ** 32 % maxExclusive);
  const word = new Uint32Array(1);
  for (;;) {
    crypto.getRandomValues(word);
    const value = word[0] as number;
    if (value < limit) return value % maxExclusive;
  }
}
