/**
 * Removals this device has seen on a target, kept in its progress: a provider (or a removed device
 * that still syncs a shared folder) can delete `devices/<device>.removed.json`, and a device that
 * then took the roster from the target alone would count the removed device as live again: grant
 * it the current epoch, and accept its later segments. A removal, once seen, stays (docs/sync-layout.md,
 * "the device roster").
 */
import type { DeviceRemoval, DeviceRoster } from '../segment/device-roster.ts';
import { fromBase64, toBase64 } from '../../vault/crypto/encoding.ts';
import type { KeptRemoval, SyncProgress } from './sync-progress.ts';

/** Adds the kept removals to `roster` and keeps any it shows that are new. True when the progress changed (save it). */
export function keepRemovals(progress: SyncProgress, vaultId: string, roster: DeviceRoster): boolean {
  const kept = progress.removals ?? {};
  for (const [device, k] of Object.entries(kept)) {
    const publicKey = fromBase64(k.publicKey);
    if (!publicKey || publicKey.length !== 32) continue;
    const removal: DeviceRemoval = { kind: 'removal', vaultId, device, publicKey, removedAt: k.removedAt, lastSeq: Object.freeze({ ...k.lastSeq }) };
    roster.add(removal);
  }
  let changed = false;
  for (const d of roster.devices()) {
    if (!d.removal) continue;
    const before = kept[d.device];
    const now: KeptRemoval = { publicKey: toBase64(d.removal.publicKey), removedAt: d.removal.removedAt, lastSeq: { ...d.removal.lastSeq } };
    if (before && before.publicKey === now.publicKey && sameSeqs(before.lastSeq, now.lastSeq)) continue;
    kept[d.device] = now;
    changed = true;
  }
  if (changed) progress.removals = kept;
  return changed;
}

function sameSeqs(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}
