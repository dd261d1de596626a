/**
 * Devices that run a newer Caravan than this one, as a round meets them: their new kinds of data
 * are kept and passed on (apply-remote.ts), and a segment or snapshot in a format this code cannot
 * read stops that device's log here until this device is updated. The Sync screen says so once
 * per device, not once per object (docs/sync-merge.md, "Newer devices"), and keeps saying it in
 * later rounds: a kept device is remembered in the progress, a newer snapshot in its rejection.
 */
import { readySodium } from '../../vault/crypto/sodium.ts';
import { ENCRYPTED_TABLES } from '../../vault/store/schema.ts';
import type { DeviceRoster } from '../segment/device-roster.ts';
import { SNAPSHOT_FORMAT_VERSION_EPOCH } from '../segment/snapshot-codec.ts';
import { SEGMENT_FORMAT_VERSION_EPOCH } from '../segment/segment-codec.ts';
import type { NewerDevice, RoundDeps, RoundResult } from './round-types.ts';

const SIGNATURE_BYTES = 64;

/**
 * What this code reads: its formats, tables and record schema versions. Data kept for a newer
 * device under one reader may be readable under another (after an update), so the notice is
 * dropped when this changes.
 */
export const READER = [
  `seg${SEGMENT_FORMAT_VERSION_EPOCH}`,
  `snap${SNAPSHOT_FORMAT_VERSION_EPOCH}`,
  ...Object.entries(ENCRYPTED_TABLES).map(([table, spec]) => `${table}${spec.version}`),
].join(' ');

/** Notes `device` (undefined: not known) as newer; `waiting` when its log stops at a newer format. */
export function noteNewer(result: Pick<RoundResult, 'newerDevices'>, device: string | undefined, waiting: boolean): void {
  const known: NewerDevice | undefined = result.newerDevices.find((d) => d.device === device);
  if (known) known.waiting ||= waiting;
  else result.newerDevices.push({ ...(device !== undefined ? { device } : {}), waiting });
}

/**
 * Notes that data of `device` (undefined: not known, e.g. passed on in a snapshot) was kept without
 * being shown, and remembers it for later rounds ('' stands for a device not known).
 */
export function keptFrom(deps: RoundDeps, result: RoundResult, device: string | undefined): void {
  noteNewer(result, device, false);
  const kept = deps.progress.newerKept?.reader === READER ? deps.progress.newerKept : { reader: READER, devices: [] };
  if (!kept.devices.includes(device ?? '')) kept.devices = [...kept.devices, device ?? ''];
  deps.progress.newerKept = kept;
}

/** Notes the devices remembered by `keptFrom` under this reader; forgets those kept under another. */
export function recallKept(deps: RoundDeps, result: RoundResult): void {
  const kept = deps.progress.newerKept;
  if (kept === undefined) return;
  if (kept.reader !== READER) {
    delete deps.progress.newerKept;
    return;
  }
  for (const device of kept.devices) noteNewer(result, device === '' ? undefined : device, false);
}

/**
 * The device that signed a segment or snapshot this code cannot parse, when `claimed` is in the
 * roster and its key verifies the last 64 bytes over the rest (every Caravan format so far ends
 * so, and later ones must too); undefined otherwise, and the object is then treated as damaged.
 * Nothing of the object is applied either way.
 */
export function signedBy(bytes: Uint8Array, claimed: string | undefined, roster: DeviceRoster): string | undefined {
  if (claimed === undefined || bytes.length <= SIGNATURE_BYTES) return undefined;
  const key = roster.publicKeyOf(claimed);
  if (key === null) return undefined;
  const at = bytes.length - SIGNATURE_BYTES;
  return readySodium().crypto_sign_verify_detached(bytes.subarray(at), bytes.subarray(0, at), key.publicKey) ? claimed : undefined;
}

/** The `device` a snapshot's clear header names (magic, version, u16 length, JSON), unauthenticated. */
export function claimedWriter(bytes: Uint8Array): string | undefined {
  if (bytes.length < 7) return undefined;
  const length = ((bytes[5] as number) << 8) | (bytes[6] as number);
  try {
    const header: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(7, 7 + length)));
    const device = typeof header === 'object' && header !== null ? (header as Record<string, unknown>)['device'] : undefined;
    return typeof device === 'string' ? device : undefined;
  } catch {
    return undefined;
  }
}
