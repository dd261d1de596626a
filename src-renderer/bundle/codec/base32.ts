/**
 * RFC 4648 base32 (alphabet a-z 2-7), lower case, without padding: for the public identity string
 * and fingerprints, which people copy, read aloud and compare. No 0/1/8/9, so O/0 and l/1 are
 * never both possible; case-insensitive when read.
 */

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/** Base32 of `bytes`, lower case, no padding. */
export function toBase32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < bytes.length; i++) {
    buffer = ((buffer << 8) | (bytes[i] as number)) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/**
 * Strict inverse of `toBase32` for lower-case input: `undefined` for a character outside the
 * alphabet, an impossible length, or non-zero padding bits (which would give a second spelling).
 */
export function fromBase32(text: string): Uint8Array | undefined {
  const length = Math.floor((text.length * 5) / 8);
  // Lengths that no byte count produces (e.g. 1, 3, 6 characters) are refused.
  if (Math.ceil((length * 8) / 5) !== text.length) return undefined;
  const out = new Uint8Array(length);
  let buffer = 0;
  let bits = 0;
  let at = 0;
  for (let i = 0; i < text.length; i++) {
    const value = ALPHABET.indexOf(text[i] as string);
    if (value < 0) return undefined;
    buffer = ((buffer << 5) | value) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out[at++] = (buffer >>> (bits - 8)) & 0xff;
      bits -= 8;
    }
  }
  if ((buffer & ((1 << bits) - 1)) !== 0) return undefined;
  return out;
}
