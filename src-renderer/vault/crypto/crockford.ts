/**
 * Crockford base32 for what people type back: the recovery kit and its shares. No I, L, O or U;
 * reading accepts lower case, I/L for 1 and O for 0, and any spaces, hyphens or dashes between.
 */
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const DECODE: ReadonlyMap<string, number> = new Map([...[...CROCKFORD_ALPHABET].map((char, value) => [char, value] as const), ['O', 0], ['I', 1], ['L', 1]]);

/** A character's value, or undefined for one the alphabet does not use (upper-case it first). */
export function crockfordValue(char: string): number | undefined {
  return DECODE.get(char);
}

/** The text with its separators (spaces, hyphens, dashes people and word processors use) gone, upper-cased. */
export function compactTyped(text: string): string {
  return text.toUpperCase().replace(/[\s\-\u2010-\u2015\u2212]+/g, '');
}

/** Bytes as characters, 5 bits each, most significant first (a whole number of characters only when 8·n is a multiple of 5). */
export function toCrockford(bytes: Uint8Array): string {
  let chars = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      chars += CROCKFORD_ALPHABET[(buffer >>> bits) & 31];
    }
  }
  return chars;
}

/** Character values back into `length` bytes (the inverse of {@link toCrockford}). */
export function fromCrockfordValues(values: readonly number[], length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let buffer = 0;
  let bits = 0;
  let out = 0;
  for (const value of values) {
    buffer = ((buffer << 5) | value) & 0xffff;
    bits += 5;
    if (bits >= 8 && out < length) {
      bits -= 8;
      bytes[out++] = (buffer >>> bits) & 0xff;
    }
  }
  return bytes;
}
