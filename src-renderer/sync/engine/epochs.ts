/**
 * The key-epoch step of a sync round (docs/key-epochs.md, "Each round, per target"), run before
 * the roster is published and anything is pushed, so that everything after it uses the current
 * epoch:
 *
 * 1. A rotation stored as pending is published in the agreed order: epoch record, grants,
 *    client-key wraps, `vault.json`; only then does the key ring make it current. A crash after any
 *    step leaves the previous epoch current everywhere (every device still opens and syncs), and
 *    the next round publishes it again from the start (each object has this device as its only
 *    writer, so writing it twice is harmless).
 * 2. This device's inbox for its current epoch is published (once).
 * 3. Epochs on the target newer than the current one are learnt: a grant to one of this device's
 *    inboxes, signed by a live member, opened, and checked against the epoch's signed record; the
 *    winner (highest n, then lowest id) is adopted, with the sync keys of the earlier epochs its
 *    record carries (grants to the previous inbox are read too). The new inbox is then published
 *    and the previous epoch key forgotten, unless it lost a fork (below).
 * 4. As a holder of the current epoch, this device grants it to every live roster device that
 *    lacks it (to that device's newest inbox), and publishes the epoch's record when the target has
 *    none (a migrated epoch). A removed device gets nothing.
 * 5. The invariants: the current epoch was granted to no removed device (a grant to it signed by
 *    another member, or the epoch made by it), its record lists every client this device knows to
 *    be erased (else a device that had not heard of the erasure made it, and may have wrapped the
 *    client's key under it). When one fails, and no newer epoch is on the target to wait for, the
 *    outcome says a rotation is needed; only the person can start one (it needs the passphrase).
 *
 * Forks (two rotations at once): the winner is adopted; every other epoch opened is kept as history;
 * a device whose previous epoch lost hands it on to the others before forgetting it (handOnLoser).
 * Not every history settles yet (docs/sync-layout.md, "Limits").
 *
 * Everything read from the target is verified by its codec and skipped, reported, when it does
 * not verify; nothing unverified decides what this device adopts or grants.
 */
import { type DeviceRoster } from '../segment/device-roster.ts';
import { wrapClientKeyForEpoch } from '../segment/client-key-wrap.ts';
import { differentKeyOnTarget } from './client-key.ts';
import { decodeEpochGrant, encodeEpochGrant, openEpochGrant } from '../segment/epoch-grant.ts';
import { decodeEpochRecord, encodeEpochRecord, type EpochRecord, openEpochHistory, sameCheck, sealEpochHistory } from '../segment/epoch-record.ts';
import { isKeyObjectError } from '../segment/errors.ts';
import { decodeInboxEntry, encodeInboxEntry, inboxKeyPair } from '../segment/inbox-entry.ts';
import {
  clientKeyWrapObjectKey,
  epochRecordObjectKey,
  grantObjectKey,
  inboxObjectKey,
  LEGACY_EPOCH_ID,
  parseEpochRecordObjectKey,
  parseGrantObjectKey,
  parseInboxObjectKey,
} from '../segment/layout.ts';
import { deriveEpochKeys, epochCheck, type EpochKeys, type EpochRef, type EpochSyncKeys, newerEpoch, wipeEpochKeys } from '../../vault/crypto/key-purposes.ts';
import { readySodium } from '../../vault/crypto/sodium.ts';
import type { VaultDb } from '../../vault/store/schema.ts';
import type { SyncDevice } from './device-identity.ts';
import { RemoteError, type Remote } from './remote.ts';
import type { Rejected } from './round-types.ts';

/** What the epoch step needs of the key ring (VaultKeyRing has all of it). */
export interface EpochRing {
  /** False for a ring without epochs (a test's, or before the store attached them): the step does nothing. */
  hasEpochs(): boolean;
  currentEpoch(): EpochKeys;
  /** The previous epoch's keys while kept (until `forgetPrevious`), or null. */
  previousEpoch(): EpochKeys | null;
  syncKeysFor(epochId: string): EpochSyncKeys | null;
  /** The sync keys of every earlier epoch held (not the current one, not 'legacy'). */
  historyEpochs(): EpochSyncKeys[];
  /** Keeps the sync keys of earlier epochs learnt from a verified record's history. */
  learnHistory(entries: readonly EpochSyncKeys[]): Promise<void>;
  clientKey(clientId: string): Uint8Array | null;
  adoptEpoch(db: VaultDb, keys: { epoch: EpochRef; key: Uint8Array }): Promise<void>;
  forgetPrevious(): Promise<void>;
  pendingRotation(): { epoch: EpochRef; key: Uint8Array; headerText: string } | null;
  completeRotation(db: VaultDb): Promise<void>;
}

export interface EpochDeps {
  vaultId: string;
  db: VaultDb;
  keyRing: EpochRing;
  device: SyncDevice;
  remote: Remote;
  now(): number;
  /** The clients whose key this device holds (their wraps go out with a rotation). */
  clientIds(): Promise<string[]>;
  /** Clients this device knows to be erased (here, or by a verified marker). */
  erasedClients(): ReadonlySet<string>;
  /** Clients whose key here differs from the target's (client-key.ts): their keys stay out of a new epoch. */
  keyConflicts?(): ReadonlySet<string>;
  /**
   * What this device last read in an epoch's verified record on this target (its `removed` and
   * `erased` lists), kept across rounds: a record deleted since is put back with those lists, not
   * with the roster of now, which would make an epoch made before a removal look clean.
   */
  seenRecords?: Record<string, SeenRecord>;
}

/** The lists of an epoch record this device has verified. */
export interface SeenRecord {
  removed: string[];
  erased: string[];
}

export interface EpochOutcome {
  /** The current epoch after the step ('legacy' when the ring has none). */
  epoch: string;
  /** An epoch adopted from a grant this round. */
  adopted?: string;
  /** A rotation published and completed this round. */
  rotated?: string;
  /** Grants written for other devices. */
  granted: number;
  /** Set when the current epoch reached a removed device: what to tell the person. */
  rotationNeeded?: string;
  bytesSent: number;
  rejected: Rejected[];
}

/** Runs the epoch step against one target. Throws RemoteError when the target fails. */
export async function syncEpochs(deps: EpochDeps, roster: DeviceRoster): Promise<EpochOutcome> {
  const ring = deps.keyRing;
  const outcome: EpochOutcome = { epoch: LEGACY_EPOCH_ID, granted: 0, bytesSent: 0, rejected: [] };
  if (!ring.hasEpochs()) return outcome;
  const pending = ring.pendingRotation();
  if (pending) {
    await publishRotation(deps, roster, pending, outcome);
    await ring.completeRotation(deps.db);
    outcome.rotated = pending.epoch.id;
  }
  const target = await readTarget(deps, roster);
  await publishInbox(deps, target, outcome);
  const learnt = await learnEpochs(deps, target, outcome);
  if (learnt) {
    outcome.adopted = learnt.adopted;
    await publishInbox(deps, target, outcome);
  }
  // Every grant to the previous inbox was read above and the new inbox is out: the old key can go,
  // unless it lost a fork and a live device still lacks it (segments were written under it).
  const previous = ring.previousEpoch();
  if (!previous || !(await handOnLoser(deps, target, previous, outcome))) await ring.forgetPrevious();
  await grantCurrent(deps, target, outcome);
  // A newer epoch is out (another device rotated): this device waits for its grant instead of asking.
  const waiting = await newerOnTarget(deps, target, outcome);
  const violation = waiting ? [] : await removedHolders(deps, target, outcome);
  const unlisted = waiting ? [] : await unlistedErasures(deps, target, outcome);
  if (violation.length > 0) {
    outcome.rotationNeeded =
      `A device you removed (${violation.join(', ')}) still holds this vault's current keys, so it could read what is synced from now on. ` +
      'Rotate the vault keys (Sync screen, Rotate keys now, with your passphrase) to shut it out.';
  } else if (unlisted.length > 0) {
    outcome.rotationNeeded =
      `The vault's current keys were made by a device that had not yet heard that ${unlisted.length === 1 ? 'a client was' : `${unlisted.length} clients were`} erased, ` +
      'so a copy of that client’s key may still open with them. Rotate the vault keys (Sync screen, Rotate keys now, with your passphrase) to finish the erasure.';
  }
  outcome.epoch = ring.currentEpoch().epoch.id;
  return outcome;
}

/** What the target holds of the epoch scheme, listed once per step. */
interface TargetKeys {
  /** The roster the step verifies signers with. */
  roster: DeviceRoster;
  /** Epoch record keys by epoch id. */
  records: Map<string, string>;
  /** Grant keys by epoch id. */
  grants: Map<string, string[]>;
  /** Inbox keys by device. */
  inboxes: Map<string, string[]>;
  /** Verified records, by epoch id (filled on demand). */
  verified: Map<string, EpochRecord | null>;
}

async function readTarget(deps: EpochDeps, roster: DeviceRoster): Promise<TargetKeys> {
  const records = new Map<string, string>();
  const grants = new Map<string, string[]>();
  const inboxes = new Map<string, string[]>();
  for (const object of await deps.remote.list('keys/')) {
    const epoch = parseEpochRecordObjectKey(object.key);
    if (epoch) records.set(epoch, object.key);
    const grant = parseGrantObjectKey(object.key);
    if (grant) grants.set(grant.epoch, [...(grants.get(grant.epoch) ?? []), object.key]);
  }
  for (const object of await deps.remote.list('devices/')) {
    const inbox = parseInboxObjectKey(object.key);
    if (inbox) inboxes.set(inbox.device, [...(inboxes.get(inbox.device) ?? []), object.key]);
  }
  return { roster, records, grants, inboxes, verified: new Map() };
}

async function put(deps: EpochDeps, outcome: EpochOutcome, key: string, bytes: Uint8Array): Promise<void> {
  await deps.remote.put(key, bytes);
  outcome.bytesSent += bytes.length;
}

function reject(outcome: EpochOutcome, key: string, error: unknown): void {
  if (!isKeyObjectError(error)) throw error;
  if (!outcome.rejected.some((r) => r.key === key)) outcome.rejected.push({ key, code: error.code, message: error.message });
}

/** The verified record of an epoch on the target, or null (absent, or refused and reported). */
async function recordOf(deps: EpochDeps, target: TargetKeys, epochId: string, outcome: EpochOutcome): Promise<EpochRecord | null> {
  if (target.verified.has(epochId)) return target.verified.get(epochId) ?? null;
  const key = target.records.get(epochId);
  let record: EpochRecord | null = null;
  const bytes = key ? await deps.remote.get(key) : null;
  if (key && bytes) {
    try {
      record = decodeEpochRecord(bytes, deps.vaultId, key, (d) => target.roster.publicKeyOf(d));
    } catch (error) {
      reject(outcome, key, error);
    }
  }
  target.verified.set(epochId, record);
  if (record) noteRecord(deps, record);
  return record;
}

function noteRecord(deps: EpochDeps, record: EpochRecord): void {
  if (deps.seenRecords) deps.seenRecords[record.epoch.id] = { removed: [...record.removed], erased: [...record.erased] };
}

async function publishInbox(deps: EpochDeps, target: TargetKeys, outcome: EpochOutcome): Promise<void> {
  const current = deps.keyRing.currentEpoch();
  const key = inboxObjectKey(deps.device.id, current.epoch.id);
  if (target.inboxes.get(deps.device.id)?.includes(key)) return;
  const pair = inboxKeyPair(current.inbox, deps.device.id);
  pair.secretKey.fill(0);
  const bytes = encodeInboxEntry(
    { vaultId: deps.vaultId, device: deps.device.id, epoch: current.epoch.id, publicKey: pair.publicKey, at: deps.now() },
    deps.device.secretKey,
  );
  await put(deps, outcome, key, bytes);
  target.inboxes.set(deps.device.id, [...(target.inboxes.get(deps.device.id) ?? []), key]);
}

/**
 * Step 3: opens every grant to this device's current inbox of an epoch it does not hold; adopts the
 * winner (newer than the current one) and keeps the sync keys of every other one it opened (a
 * fork's losing branch, whose segments stay readable), with each record's history. Returns the
 * adopted epoch and, when the current one lost a fork, its keys (to hand on before forgetting them).
 */
async function learnEpochs(deps: EpochDeps, target: TargetKeys, outcome: EpochOutcome): Promise<{ adopted: string } | null> {
  const ring = deps.keyRing;
  const current = ring.currentEpoch();
  const sodium = readySodium();
  const opened: { keys: EpochKeys; record: EpochRecord; history: EpochSyncKeys[] }[] = [];
  // The previous epoch's inbox too, while kept: a grant may have been sealed to it before this device moved on.
  const inboxes = [current, ring.previousEpoch()].filter((k): k is EpochKeys => k !== null);
  try {
    for (const [epochId, grantKeys] of target.grants) {
      if (epochId === current.epoch.id || ring.syncKeysFor(epochId) !== null) continue;
      const inbox = inboxes.find((k) => grantKeys.includes(grantObjectKey({ epoch: epochId, device: deps.device.id, inbox: k.epoch.id })));
      if (!inbox) continue;
      const mine = grantObjectKey({ epoch: epochId, device: deps.device.id, inbox: inbox.epoch.id });
      const record = await recordOf(deps, target, epochId, outcome);
      const bytes = record ? await deps.remote.get(mine) : null;
      if (!record || !bytes) continue;
      let keys: EpochKeys | null = null;
      try {
        const grant = decodeEpochGrant(bytes, deps.vaultId, mine, (d) => target.roster.publicKeyOf(d));
        const pair = inboxKeyPair(inbox.inbox, deps.device.id);
        let key: Uint8Array;
        try {
          key = openEpochGrant(grant, pair);
        } finally {
          pair.secretKey.fill(0);
        }
        keys = deriveEpochKeys(sodium, key, record.epoch);
        key.fill(0);
        // A member could seal any 32 bytes: only the key whose check the signed record states is the epoch's.
        if (!sameCheck(record, epochCheck(sodium, keys, deps.vaultId))) {
          outcome.rejected.push({
            key: mine,
            code: 'bad-key',
            message: 'A key handed to this device is not the key its rotation record names. It was ignored.',
          });
          continue;
        }
        opened.push({ keys, record, history: openEpochHistory(record, keys.history) });
        keys = null;
      } catch (error) {
        reject(outcome, mine, error);
      } finally {
        wipeEpochKeys(keys);
      }
    }
    let best: (typeof opened)[number] | null = null;
    for (const candidate of opened) {
      if (newerEpoch(candidate.record.epoch, current.epoch) !== candidate.record.epoch) continue;
      if (!best || newerEpoch(candidate.record.epoch, best.record.epoch) === candidate.record.epoch) best = candidate;
    }
    // Every epoch opened but not adopted is still some device's: keep what reads its segments.
    await ring.learnHistory(opened.filter((o) => o !== best).flatMap((o) => [syncOnly(o.keys), ...o.history]));
    if (!best) return null;
    await ring.learnHistory(best.history);
    await ring.adoptEpoch(deps.db, { epoch: best.record.epoch, key: best.keys.key });
    return ring.currentEpoch().epoch.id === best.record.epoch.id ? { adopted: best.record.epoch.id } : null;
  } finally {
    for (const o of opened) wipeEpochKeys(o.keys);
  }
}

/** The epoch refs this device knows: current, history, and verified records on the target. */
function knownEpoch(ring: EpochRing, target: TargetKeys, epochId: string): EpochRef | null {
  return ring.syncKeysFor(epochId)?.epoch ?? target.verified.get(epochId)?.epoch ?? null;
}

/**
 * A live device's newest inbox older than `epoch` that this device can rank (its epoch is current
 * or in history), or null when the device already has `epoch` (or a newer one), or has published no
 * inbox this device knows the epoch of.
 */
async function newestInbox(
  deps: EpochDeps,
  target: TargetKeys,
  device: string,
  epoch: EpochRef,
  outcome: EpochOutcome,
  anyNewer = false,
): Promise<{ epoch: string; publicKey: Uint8Array } | null> {
  let best: { ref: EpochRef; key: string } | null = null;
  for (const key of target.inboxes.get(device) ?? []) {
    const place = parseInboxObjectKey(key);
    if (!place) continue;
    if (place.epoch === epoch.id) return null;
    // An epoch this device never held (a fork's other branch) is ranked by its verified record.
    const ref = knownEpoch(deps.keyRing, target, place.epoch) ?? (await recordOf(deps, target, place.epoch, outcome))?.epoch ?? null;
    // An inbox of an epoch newer than `epoch`: that device is ahead, it needs no grant of this one.
    if (!ref) continue;
    if (newerEpoch(ref, epoch) === ref && !anyNewer) return null;
    if (!best || newerEpoch(ref, best.ref) === ref) best = { ref, key };
  }
  if (!best) return null;
  const bytes = await deps.remote.get(best.key);
  if (!bytes) return null;
  try {
    const entry = decodeInboxEntry(bytes, deps.vaultId, best.key, (d) => target.roster.publicKeyOf(d));
    return { epoch: entry.epoch, publicKey: entry.publicKey };
  } catch (error) {
    reject(outcome, best.key, error);
    return null;
  }
}

/** Step 4: the current epoch's record when the target lacks it, and a grant for every live device without the epoch. */
async function grantCurrent(deps: EpochDeps, target: TargetKeys, outcome: EpochOutcome): Promise<void> {
  const current = deps.keyRing.currentEpoch();
  if (!target.records.has(current.epoch.id)) {
    const earlier = deps.keyRing.historyEpochs();
    // Seen here before: the provider deleted it. Its lists go back as they were.
    const seen = deps.seenRecords?.[current.epoch.id];
    await put(deps, outcome, epochRecordObjectKey(current.epoch.id), recordBytes(deps, target.roster, current, earlier, seen));
    target.records.set(current.epoch.id, epochRecordObjectKey(current.epoch.id));
  }
  await grantTo(deps, target, current, outcome);
}

/** Grants `keys`'s epoch to every live device whose newest inbox is of an older epoch. */
async function grantTo(deps: EpochDeps, target: TargetKeys, keys: EpochKeys, outcome: EpochOutcome): Promise<void> {
  const written = new Set(target.grants.get(keys.epoch.id) ?? []);
  for (const known of target.roster.devices()) {
    if (known.device === deps.device.id || known.removal !== undefined) continue;
    const inbox = await newestInbox(deps, target, known.device, keys.epoch, outcome);
    if (inbox === null) continue;
    const key = grantObjectKey({ epoch: keys.epoch.id, device: known.device, inbox: inbox.epoch });
    if (written.has(key)) continue;
    const bytes = encodeEpochGrant(
      { vaultId: deps.vaultId, epoch: keys.epoch.id, device: known.device, inbox: inbox.epoch, by: deps.device.id, at: deps.now() },
      keys.key,
      inbox.publicKey,
      deps.device.secretKey,
    );
    await put(deps, outcome, key, bytes);
    written.add(key);
    target.grants.set(keys.epoch.id, [...written]);
    outcome.granted++;
  }
}

/** The record of `keys`'s epoch, carrying the sync keys of `history` (the epochs before it). */
function recordBytes(deps: EpochDeps, roster: DeviceRoster, keys: EpochKeys, history: readonly EpochSyncKeys[], seen?: SeenRecord): Uint8Array {
  const sodium = readySodium();
  const earlier = history.filter((h) => h.epoch.id !== keys.epoch.id && h.epoch.id !== LEGACY_EPOCH_ID);
  const removed = roster
    .devices()
    .filter((d) => d.removal !== undefined)
    .map((d) => d.device)
    .sort();
  return encodeEpochRecord(
    {
      vaultId: deps.vaultId,
      epoch: { ...keys.epoch },
      by: deps.device.id,
      at: deps.now(),
      removed: seen ? [...seen.removed] : removed,
      erased: seen ? [...seen.erased] : [...deps.erasedClients()].sort(),
      check: epochCheck(sodium, keys, deps.vaultId),
      history: sealEpochHistory(keys.history, deps.vaultId, keys.epoch.id, earlier),
    },
    deps.device.secretKey,
  );
}

/** Step 1: a pending rotation, in the agreed order. The key ring moves to it only after all of it is out. */
async function publishRotation(
  deps: EpochDeps,
  roster: DeviceRoster,
  pending: { epoch: EpochRef; key: Uint8Array; headerText: string },
  outcome: EpochOutcome,
): Promise<void> {
  const keys = deriveEpochKeys(readySodium(), pending.key, pending.epoch);
  try {
    const target = await readTarget(deps, roster);
    // The epoch current now becomes an earlier one: its sync keys go into the new record's history.
    const earlier = [syncOnly(deps.keyRing.currentEpoch()), ...deps.keyRing.historyEpochs()];
    // A resumed publish keeps the record it wrote before the crash: its client-key wraps may be out
    // already, so a client erased since must stay unlisted (the round then asks for another rotation).
    const written = await recordOf(deps, target, keys.epoch.id, outcome);
    if (!written || written.by !== deps.device.id || !sameCheck(written, epochCheck(readySodium(), keys, deps.vaultId))) {
      await put(deps, outcome, epochRecordObjectKey(keys.epoch.id), recordBytes(deps, roster, keys, earlier));
    }
    // Grants to each live device's newest inbox (this device adopts through completeRotation).
    await grantTo(deps, target, keys, outcome);
    const erased = deps.erasedClients();
    for (const clientId of await deps.clientIds()) {
      const clientKey = erased.has(clientId) || deps.keyConflicts?.().has(clientId) === true ? null : deps.keyRing.clientKey(clientId);
      if (!clientKey) continue;
      // A key other than the one the target carries (this device's partition of it is held back) stays out of the new epoch.
      if (await differentKeyOnTarget(deps.remote, deps.vaultId, clientId, clientKey, [deps.keyRing.currentEpoch(), keys])) continue;
      const wrapped = await wrapClientKeyForEpoch(keys.clientWrap, deps.vaultId, clientId, keys.epoch.id, clientKey);
      try {
        await put(deps, outcome, clientKeyWrapObjectKey(clientId, keys.epoch.id), wrapped);
      } catch (error) {
        // The guard keeps this client off this target: its key does not go there either.
        if (!(error instanceof RemoteError && error.code === 'refused')) throw error;
      }
    }
    await put(deps, outcome, 'vault.json', new TextEncoder().encode(pending.headerText));
  } finally {
    wipeEpochKeys(keys);
  }
}

function syncOnly(keys: EpochKeys): EpochSyncKeys {
  return { epoch: { ...keys.epoch }, segments: keys.segments, clientSegments: keys.clientSegments, roster: keys.roster };
}

/**
 * Step 5: removed devices that may hold the current epoch: one its record does not list as removed
 * (the epoch was made before its removal, or by a device that had not heard of it), the epoch's
 * author, or the grantee of a grant signed by another member (removed since or not). A removed
 * device's own inbox entry, or a grant it signed to itself, proves nothing (it can write those
 * without the key), so a removed device cannot make every device ask for rotations again and again.
 */
async function removedHolders(deps: EpochDeps, target: TargetKeys, outcome: EpochOutcome): Promise<string[]> {
  const current = deps.keyRing.currentEpoch().epoch;
  const removed = new Set(
    target.roster
      .devices()
      .filter((d) => d.removal !== undefined)
      .map((d) => d.device),
  );
  // Read once while nothing is wrong, so that a record deleted later goes back with its own lists.
  if (deps.seenRecords && !deps.seenRecords[current.id]) await recordOf(deps, target, current.id, outcome);
  if (removed.size === 0) return [];
  const holders = new Set<string>();
  // The record is read from the target as is: one written before its author's removal verifies with acceptRemoved only.
  const recordKey = target.records.get(current.id);
  const recordBytes = recordKey ? await deps.remote.get(recordKey) : null;
  if (recordKey && recordBytes) {
    try {
      const record = decodeEpochRecordAnyAuthor(recordBytes, deps.vaultId, recordKey, target.roster);
      noteRecord(deps, record);
      if (removed.has(record.by)) holders.add(record.by);
      for (const device of removed) if (!record.removed.includes(device)) holders.add(device);
    } catch (error) {
      reject(outcome, recordKey, error);
    }
  }
  for (const key of target.grants.get(current.id) ?? []) {
    const place = parseGrantObjectKey(key);
    if (!place || !removed.has(place.device)) continue;
    const bytes = await deps.remote.get(key);
    if (!bytes) continue;
    try {
      const grant = decodeEpochGrant(bytes, deps.vaultId, key, (d) => target.roster.publicKeyOf(d), true);
      if (grant.by !== grant.device) holders.add(grant.device);
    } catch (error) {
      reject(outcome, key, error);
    }
  }
  return [...holders].sort();
}

/** Step 5, erasures: clients this device knows erased that the current epoch's record does not list. */
async function unlistedErasures(deps: EpochDeps, target: TargetKeys, outcome: EpochOutcome): Promise<string[]> {
  const erased = deps.erasedClients();
  if (erased.size === 0) return [];
  const record = await recordOf(deps, target, deps.keyRing.currentEpoch().epoch.id, outcome);
  // No verified record (not uploaded yet, or by a device removed since): the removal check speaks for it.
  if (!record) return [];
  return [...erased].filter((c) => !record.erased.includes(c)).sort();
}

/** True when the target holds a verified record of an epoch newer than this device's current one. */
async function newerOnTarget(deps: EpochDeps, target: TargetKeys, outcome: EpochOutcome): Promise<boolean> {
  const current = deps.keyRing.currentEpoch().epoch;
  for (const epochId of target.records.keys()) {
    if (epochId === current.id || deps.keyRing.syncKeysFor(epochId) !== null) continue;
    const record = await recordOf(deps, target, epochId, outcome);
    if (record && newerEpoch(record.epoch, current) === record.epoch) return true;
  }
  return false;
}

/**
 * A fork's losing epoch kept as `previous`: devices on the winning side never held it, yet
 * segments were written under it. Grants it to every live device that has neither its inbox of it
 * nor a grant of it to its newest inbox (whatever that inbox's epoch), and says whether one is still
 * out of reach (no inbox yet), so the key is kept until each has it. An epoch the current record's
 * history carries (an ancestor, or this device's own rotation) needs nothing: false.
 */
async function handOnLoser(deps: EpochDeps, target: TargetKeys, previous: EpochKeys, outcome: EpochOutcome): Promise<boolean> {
  const current = deps.keyRing.currentEpoch();
  const record = await recordOf(deps, target, current.epoch.id, outcome);
  if (record) {
    try {
      if (openEpochHistory(record, current.history).some((h) => h.epoch.id === previous.epoch.id)) return false;
    } catch (error) {
      reject(outcome, epochRecordObjectKey(current.epoch.id), error);
    }
  }
  const written = new Set(target.grants.get(previous.epoch.id) ?? []);
  let lacking = false;
  for (const known of target.roster.devices()) {
    if (known.device === deps.device.id || known.removal !== undefined) continue;
    if (target.inboxes.get(known.device)?.includes(inboxObjectKey(known.device, previous.epoch.id))) continue;
    const inbox = await newestInbox(deps, target, known.device, previous.epoch, outcome, true);
    if (inbox === null) {
      lacking = true;
      continue;
    }
    const key = grantObjectKey({ epoch: previous.epoch.id, device: known.device, inbox: inbox.epoch });
    if (written.has(key)) continue;
    const bytes = encodeEpochGrant(
      { vaultId: deps.vaultId, epoch: previous.epoch.id, device: known.device, inbox: inbox.epoch, by: deps.device.id, at: deps.now() },
      previous.key,
      inbox.publicKey,
      deps.device.secretKey,
    );
    await put(deps, outcome, key, bytes);
    written.add(key);
    target.grants.set(previous.epoch.id, [...written]);
    outcome.granted++;
  }
  return lacking;
}

/** An epoch record, its signature checked even when its author has been removed since. */
function decodeEpochRecordAnyAuthor(bytes: Uint8Array, vaultId: string, key: string, roster: DeviceRoster): EpochRecord {
  return decodeEpochRecord(bytes, vaultId, key, (d) => roster.publicKeyOf(d)?.publicKey ?? null);
}
