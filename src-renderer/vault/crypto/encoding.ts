/**
 * Byte <-> text encodings for the header and key-wrapping associated data.
 * Hand-written rather than `sodium.from_base64` so that header parsing is
 * synchronous and works before libsodium has loaded, and so that decoding is
 * strict: one canonical spelling per byte string (padded, standard alphabet,
 * no whitespace), which keeps the associated data of a wrap unambiguous.
 */

const BASE64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Standard padded base64 (RFC 4648 section 4). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i] as number);
  return btoa(binary);
}

/**
 * Strict inverse of `toBase64`; returns `undefined` for anything that is not
 * canonical padded base64, so callers can report which field is damaged.
 */
export function fromBase64(text: string): Uint8Array | undefined {
  if (!BASE64_RE.test(text)) return undefined;
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  // Non-zero bits in the final padding position decode to the same bytes as a
  // different string; refusing them keeps the encoding one-to-one.
  if (toBase64(bytes) !== text) return undefined;
  return bytes;
}

/** Lowercase hex. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += (bytes[i] as number).toString(16).padStart(2, '0');
  return out;
}
