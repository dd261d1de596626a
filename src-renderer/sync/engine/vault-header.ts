/**
 * `vault.json`, the one object on a target that more than one device writes (docs/sync-layout.md).
 * A device uploads its header when it changed, but never over a newer one: a device whose own
 * header is older (an older key epoch, so an older passphrase: it migrated later, or its header
 * lags an epoch it adopted from a grant) would otherwise make every device that joins afterwards
 * need the old passphrase. A header it cannot read (a newer Caravan's, or damage) is left too.
 *
 * "Newer" is the key-purposes rule (`newerEpoch`: highest generation, then lowest id; version 2
 * above version 1), but only for a header that proves it: its epoch check and root wrap open with
 * a key this device holds (`openRootWithEpoch`), or, for an epoch this device has not received
 * yet, a roster member's signed record of that epoch carries the same generation, parent and check
 * value. A storage provider can do neither, so a header it planted (an inflated generation) is
 * replaced as before.
 */
import { HEADER_VERSION, parseHeader, type VaultHeader, type VaultHeaderV2 } from '../../vault/crypto/header.ts';
import { LEGACY_EPOCH, newerEpoch, type EpochRef } from '../../vault/crypto/key-purposes.ts';
import { openRootWithEpoch } from '../../vault/crypto/vault-keys.ts';
import { wipe } from '../../vault/crypto/keys.ts';
import type { DeviceRoster } from '../segment/device-roster.ts';
import { decodeEpochRecord, sameCheck } from '../segment/epoch-record.ts';
import { epochRecordObjectKey } from '../segment/layout.ts';
import { RemoteError } from './remote.ts';
import type { RoundDeps, RoundResult } from './round-types.ts';

export const HEADER_OBJECT = 'vault.json';

/** Said once per round while a header this device cannot read stays on the target. */
export const UNREADABLE_HEADER =
  'The vault header on this target is in a form this Caravan cannot read (written by a newer Caravan, or damaged), so this device left it as it is. ' +
  'If another device runs a newer Caravan, update this one.';

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Uploads the vault header when it changed (first sync, a passphrase change) and what the target
 * holds is not newer. It lets a new device open the vault with the passphrase or the recovery
 * kit; it also lets whoever reads the target try passphrases offline against Argon2id, which is
 * what the KDF's cost is for.
 */
export async function publishHeader(deps: RoundDeps, roster: DeviceRoster, result: RoundResult): Promise<void> {
  const text = await deps.headerText?.();
  if (text === undefined) return;
  const hash = await sha256Hex(text);
  if (deps.progress.headerHash === hash) return;
  const verdict = await judgeTarget(deps, roster, text);
  if (verdict === 'unreadable') {
    result.headerKept = UNREADABLE_HEADER;
    return;
  }
  // Proven newer by a key this device holds: its own header need never go up (a later one will be checked again).
  if (verdict === 'newer') return done(deps, hash);
  // Vouched for by a record only: checked again next round, once this device may hold that epoch's key.
  if (verdict === 'vouched') return;
  if (verdict === 'replace') {
    const bytes = new TextEncoder().encode(text);
    try {
      await deps.remote.put(HEADER_OBJECT, bytes);
    } catch (error) {
      if (error instanceof RemoteError && error.code === 'refused') return;
      throw error;
    }
    result.bytesSent += bytes.length;
  }
  await done(deps, hash);
}

async function done(deps: RoundDeps, hash: string): Promise<void> {
  deps.progress.headerHash = hash;
  await deps.saveProgress(deps.progress);
}

type Verdict = 'replace' | 'same' | 'unreadable' | 'newer' | 'vouched';

async function judgeTarget(deps: RoundDeps, roster: DeviceRoster, text: string): Promise<Verdict> {
  const bytes = await deps.remote.get(HEADER_OBJECT);
  if (!bytes) return 'replace';
  const theirs = new TextDecoder().decode(bytes);
  if (theirs === text) return 'same';
  let target: VaultHeader;
  try {
    target = parseHeader(theirs);
  } catch {
    return 'unreadable';
  }
  let local: VaultHeader;
  try {
    local = parseHeader(text);
  } catch {
    // This device's own header always parsed at unlock; should it not, it is uploaded as before.
    return 'replace';
  }
  if (target.version !== HEADER_VERSION || !claimsNewer(target.epoch, local)) return 'replace';
  return proof(deps, roster, target);
}

/** True when the target's epoch comes after the local header's by the fork rule (the same epoch does not). */
function claimsNewer(theirs: EpochRef, local: VaultHeader): boolean {
  const mine = local.version === HEADER_VERSION ? local.epoch : LEGACY_EPOCH;
  return theirs.id !== mine.id && newerEpoch(theirs, mine) === theirs;
}

async function proof(deps: RoundDeps, roster: DeviceRoster, target: VaultHeaderV2): Promise<Verdict> {
  const held = heldKey(deps, target.epoch.id);
  if (held) {
    try {
      wipe(await openRootWithEpoch(target, { epoch: target.epoch, key: held }));
      return 'newer';
    } catch {
      // This device holds that epoch and the header does not open with it: planted or damaged.
      return 'replace';
    }
  }
  const record = await deps.remote.get(epochRecordObjectKey(target.epoch.id));
  if (!record) return 'replace';
  try {
    const signed = decodeEpochRecord(record, deps.vaultId, epochRecordObjectKey(target.epoch.id), (d) => roster.publicKeyOf(d));
    const same = signed.epoch.n === target.epoch.n && signed.epoch.parent === target.epoch.parent && sameCheck(signed, target.epochCheck);
    return same && target.vaultId === deps.vaultId ? 'vouched' : 'replace';
  } catch {
    return 'replace';
  }
}

/** The key of `epochId` if this device holds it: current, previous, or a rotation it is publishing. */
function heldKey(deps: RoundDeps, epochId: string): Uint8Array | null {
  const ring = deps.keyRing;
  if (!ring.hasEpochs()) return null;
  const current = ring.currentEpoch();
  if (current.epoch.id === epochId) return current.key;
  const previous = ring.previousEpoch();
  if (previous?.epoch.id === epochId) return previous.key;
  const pending = ring.pendingRotation();
  return pending?.epoch.id === epochId ? pending.key : null;
}
