/**
 * Reading an imported CSV by header name, and keys that recognise a row again: what every import
 * (costs, time) needs from a file whose columns it found by name.
 */

/** Longest import key the records store (`imported.key`). */
export const KEY_MAX = 200;

/** 64-bit FNV-1a of `text`, as 16 hex digits: a short, stable stand-in for a long key. */
export function fnv1a(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

/** `parts` joined with `|`; past {@link KEY_MAX}, shortened with a hash of the whole so two long keys stay apart. */
export function importKey(parts: readonly string[]): string {
  const key = parts.join('|');
  return key.length <= KEY_MAX ? key : `${key.slice(0, KEY_MAX - 18)}~${fnv1a(key)}`;
}

/** Index of the first header equal to one of `names` (case and surrounding spaces ignored), or -1. */
export function column(headers: readonly string[], ...names: string[]): number {
  const wanted = names.map((n) => n.toLowerCase());
  return headers.findIndex((h) => wanted.includes(h.trim().toLowerCase()));
}

/** The cell at `index`, trimmed; empty when the row is short. */
export function cell(cells: readonly string[], index: number): string {
  return index < 0 ? '' : (cells[index] ?? '').trim();
}
