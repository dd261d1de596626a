/**
 * Names of objects on a sync target, checked in main before any transport
 * sees them. A key is a relative path of short, plain segments, so it can
 * never climb out of a folder target, hide a control character in a file
 * name, or differ between case-insensitive and case-sensitive stores.
 *
 * The partition an object belongs to is read from its key: `p/<partition>/...`
 * is that partition's, everything else (`vault.json`, `devices/...`) the
 * workspace's. The guard decides on that partition, so the renderer cannot
 * send a client's segment under a workspace label.
 */

const SEGMENT = /^[a-z0-9][a-z0-9._-]{0,127}$/;
const MAX_KEY = 512;

export type KeyCheck = { ok: true; partition: string } | { ok: false; message: string };

export function checkObjectKey(key: unknown): KeyCheck {
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_KEY) return { ok: false, message: 'An object key is 1 to 512 characters.' };
  const parts = key.split('/');
  if (!parts.every((p) => SEGMENT.test(p) && !p.endsWith('.tmp') && p !== '.' && p !== '..')) {
    return { ok: false, message: `"${key.slice(0, 80)}" is not an object key (lower-case letters, digits, dot, dash and underscore, separated by /).` };
  }
  if (parts[0] === 'p') {
    const partition = parts[1];
    if (!partition || parts.length < 3) return { ok: false, message: 'A partition object is p/<partition>/<name>.' };
    return { ok: true, partition };
  }
  return { ok: true, partition: 'workspace' };
}

/** A prefix for listing: empty, or plain segments, optionally ending in `/` (`p/<partition>/log/`). */
export function checkPrefix(prefix: unknown): boolean {
  if (prefix === '') return true;
  if (typeof prefix !== 'string' || prefix.length > MAX_KEY) return false;
  return prefix
    .replace(/\/$/, '')
    .split('/')
    .every((p) => SEGMENT.test(p) && p !== '.' && p !== '..');
}
