/**
 * Moving a bundle's bytes across IPC, which carries base64 text. Bundles reach tens of megabytes,
 * so the encoding works in slices (a multiple of 3 bytes, so the pieces join into one valid
 * string) instead of one character at a time like the header encoding in vault/crypto.
 */
const SLICE = 3 * 16_384;

export function bundleToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += SLICE) {
    const slice = bytes.subarray(i, i + SLICE);
    let binary = '';
    for (let j = 0; j < slice.length; j += 8_192) binary += String.fromCharCode(...slice.subarray(j, j + 8_192));
    parts.push(btoa(binary));
  }
  return parts.join('');
}

export function bundleFromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
