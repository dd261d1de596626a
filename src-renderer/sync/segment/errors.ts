/**
 * Errors of the segment codec and the device roster. Like VaultError (vault/crypto/errors.ts):
 * a stable `code` for the sync engine and the UI to branch on, a message a person can act on,
 * and a `detail` (ids, sizes; never keys or plaintext) for logs. Every refusal means the same
 * thing to the caller: nothing from that object was applied.
 */

/** Every way a segment can be refused (docs/sync-layout.md, "Verification order"). */
export type SegmentErrorCode =
  /** The object ends before the layout says it should: cut off while uploading or copying. */
  | 'truncated'
  /** It does not start with "CRVS": not a Caravan segment at all. */
  | 'bad-magic'
  /** The format version byte is one this code does not know (written by a newer Caravan). */
  | 'unsupported-version'
  /** The clear header is malformed, non-canonical, or the object is longer than it declares. */
  | 'bad-header'
  /** Authentic, but read from another key (partition, device, seq) or another vault's target. */
  | 'wrong-place'
  /** The writer is not in the vault's device roster. */
  | 'unknown-device'
  /** The writer was removed from the roster and this segment is beyond its last allowed seq. */
  | 'removed-device'
  /** The Ed25519 signature does not verify: altered or damaged on the target. */
  | 'bad-signature'
  /** The key the segment names is not held here (e.g. the client's key was crypto-shredded). */
  | 'no-key'
  /** Signed correctly, but does not decrypt with this device's key of that id. */
  | 'bad-ciphertext'
  /** Decrypted, but the change list is malformed: the writing device has a bug. */
  | 'bad-payload'
  /** More than 1 MiB of changes (refused before any decryption), or a change that cannot fit. */
  | 'too-large';

const SEGMENT_MESSAGES: Record<SegmentErrorCode, (detail: string | undefined) => string> = {
  truncated: (d) =>
    `A sync segment is incomplete${paren(d)}; it was probably cut off while being uploaded or copied. ` +
    'Nothing from it was applied. If this persists, open Caravan on the device that wrote it so it can upload it again.',
  'bad-magic': (d) =>
    `A file in this vault's log on the sync target is not a Caravan sync segment${paren(d)}. Nothing from it was applied. ` +
    'Check that no other program writes into this folder or bucket, then remove the file.',
  'unsupported-version': (d) =>
    `A sync segment was written by a newer version of Caravan${paren(d)}. Update Caravan on this device to receive it; nothing was applied.`,
  'bad-header': (d) =>
    `A sync segment's header is damaged${paren(d)}. Nothing from it was applied. ` +
    'If this persists, open Caravan on the device that wrote it so it can upload it again.',
  'wrong-place': (d) =>
    `A sync segment is stored under the wrong name on the sync target${paren(d)}: it was moved or copied there from elsewhere. ` +
    'Nothing from it was applied. If you did not rearrange files on the target yourself, someone else did.',
  'unknown-device': (d) =>
    `A sync segment was written by a device that is not in this vault's device list${paren(d)}. Nothing from it was applied. ` +
    'If you added a device recently, let it sync once so it publishes its entry; otherwise something without access to your vault wrote to the target.',
  'removed-device': (d) =>
    `A sync segment was written by a device you removed, after its removal${paren(d)}. Nothing from it was applied: ` +
    'a removed device can no longer change this vault. If you removed it by mistake, set it up again as a new device.',
  'bad-signature': (d) =>
    `A sync segment's signature does not match its contents${paren(d)}: it was altered or damaged on the sync target. ` +
    'Nothing from it was applied. If this persists, open Caravan on the device that wrote it so it can upload it again.',
  'no-key': (d) =>
    `The key for this synced data is not on this device${paren(d)}. If this client's data was erased on purpose, this is expected; ` +
    'otherwise unlock the vault again or sync with another device first.',
  'bad-ciphertext': (d) =>
    `A sync segment could not be decrypted${paren(d)}, although its signature is valid: this device's key for it differs from the writer's. ` +
    'Nothing from it was applied. Sync the vault keys from the writing device, then try again.',
  'bad-payload': (d) =>
    `A sync segment decrypted but its changes are malformed${paren(d)}; the device that wrote it has a fault. ` +
    'Nothing from it was applied. Update Caravan on that device.',
  'too-large': (d) =>
    `A sync segment is larger than Caravan allows${paren(d)}. Nothing from it was applied or sent. ` +
    'Large content such as attachments belongs in encrypted files, not in records.',
};

/** A refusal of the segment codec; `message` is safe to show as is. */
export class SegmentError extends Error {
  override readonly name = 'SegmentError';
  readonly code: SegmentErrorCode;
  /** Technical specifics (ids, sizes, offsets) for logs; never keys or plaintext. */
  readonly detail: string | undefined;

  // No parameter properties: the bench runs these files under Node's type stripping.
  constructor(code: SegmentErrorCode, detail?: string, options?: { cause?: unknown }) {
    super(SEGMENT_MESSAGES[code](detail), options);
    this.code = code;
    this.detail = detail;
  }
}

/** True when `error` is a SegmentError, optionally with the given code. */
export function isSegmentError(error: unknown, code?: SegmentErrorCode): error is SegmentError {
  return error instanceof SegmentError && (code === undefined || error.code === code);
}

/** Every way a roster entry (`devices/<device>.json` or `.removed.json`) can be refused. */
export type RosterErrorCode =
  /** Not JSON, the wrong shape, or a field out of range. */
  | 'bad-entry'
  /** A roster format version this code does not know. */
  | 'unsupported-version'
  /** The MAC does not verify: not written by a holder of this vault's key, or altered. */
  | 'bad-mac'
  /** The entry names another vault. */
  | 'wrong-vault'
  /** The entry names another device than the key it was read from. */
  | 'wrong-place'
  /** MACed with the roster key of a key epoch this device does not hold (yet). */
  | 'unknown-epoch';

const ROSTER_MESSAGES: Record<RosterErrorCode, (detail: string | undefined) => string> = {
  'bad-entry': (d) =>
    `A device entry on the sync target is damaged${paren(d)}; that device is ignored until it is fixed. ` +
    'Open Caravan on that device so it can publish its entry again.',
  'unsupported-version': (d) => `A device entry was written by a newer version of Caravan${paren(d)}. Update Caravan on this device.`,
  'bad-mac': (d) =>
    `A device entry on the sync target was not written with this vault's key${paren(d)}, or was altered; that device is ignored. ` +
    'If you did not add it, something without access to your vault tried to add a device.',
  'wrong-vault': (d) => `A device entry belongs to another vault${paren(d)}; it is ignored. Check that this sync target is not shared between two vaults.`,
  'wrong-place': (d) => `A device entry is stored under another device's name${paren(d)}; it is ignored. Someone rearranged files on the sync target.`,
  'unknown-epoch': (d) =>
    `A device entry was written with vault keys this device has not received yet${paren(d)}; it is read once another of your devices hands them over.`,
};

/** A refusal of a roster entry; `message` is safe to show as is. */
export class RosterError extends Error {
  override readonly name = 'RosterError';
  readonly code: RosterErrorCode;
  readonly detail: string | undefined;

  constructor(code: RosterErrorCode, detail?: string, options?: { cause?: unknown }) {
    super(ROSTER_MESSAGES[code](detail), options);
    this.code = code;
    this.detail = detail;
  }
}

/** True when `error` is a RosterError, optionally with the given code. */
export function isRosterError(error: unknown, code?: RosterErrorCode): error is RosterError {
  return error instanceof RosterError && (code === undefined || error.code === code);
}

function paren(detail: string | undefined): string {
  return detail === undefined ? '' : ` (${detail})`;
}

/**
 * Every way a snapshot (`p/<partition>/snap/<hash>.snap`) can be refused: the segment codes, with
 * the same meaning, checked in the order docs/sync-layout.md gives. A refused snapshot is only
 * reported: the device goes on from the segments, which are never deleted before a snapshot
 * covering them has verified for long enough.
 */
export type SnapshotErrorCode = SegmentErrorCode;

const SNAPSHOT_MESSAGES: Record<SnapshotErrorCode, (detail: string | undefined) => string> = {
  truncated: (d) =>
    `A sync snapshot is incomplete${paren(d)}; it was probably cut off while being uploaded or copied. It was not used: this device syncs from the segments instead.`,
  'bad-magic': (d) =>
    `A file among this vault's snapshots on the sync target is not a Caravan snapshot${paren(d)}. It was not used. Check that no other program writes into this folder or bucket.`,
  'unsupported-version': (d) => `A sync snapshot was written by a newer version of Caravan${paren(d)}. It was not used; update Caravan on this device.`,
  'bad-header': (d) => `A sync snapshot's header is damaged${paren(d)}. It was not used: this device syncs from the segments instead.`,
  'wrong-place': (d) =>
    `A sync snapshot is stored under the wrong name on the sync target${paren(d)}: it was moved or copied there from elsewhere. It was not used. ` +
    'If you did not rearrange files on the target yourself, someone else did.',
  'unknown-device': (d) =>
    `A sync snapshot was written by a device that is not in this vault's device list${paren(d)}. It was not used; let that device sync once so it publishes its entry.`,
  'removed-device': (d) => `A sync snapshot was written by, or covers changes of, a device you removed${paren(d)}. It was not used.`,
  'bad-signature': (d) => `A sync snapshot's signature does not match its contents${paren(d)}: it was altered or damaged on the sync target. It was not used.`,
  'no-key': (d) =>
    `The key for this snapshot's data is not on this device${paren(d)}. If this client's data was erased on purpose, this is expected; otherwise sync with another device first.`,
  'bad-ciphertext': (d) =>
    `A sync snapshot could not be decrypted${paren(d)}, although its signature is valid: this device's key for it differs from the writer's. It was not used.`,
  'bad-payload': (d) =>
    `A sync snapshot decrypted but its contents are malformed${paren(d)}; the device that wrote it has a fault. It was not used; update Caravan on that device.`,
  'too-large': (d) =>
    `A sync snapshot is larger than Caravan allows${paren(d)}. It was not used (or not written): this device syncs from the segments instead.`,
};

/** A refusal of the snapshot codec; `message` is safe to show as is. */
export class SnapshotError extends Error {
  override readonly name = 'SnapshotError';
  readonly code: SnapshotErrorCode;
  readonly detail: string | undefined;

  constructor(code: SnapshotErrorCode, detail?: string, options?: { cause?: unknown }) {
    super(SNAPSHOT_MESSAGES[code](detail), options);
    this.code = code;
    this.detail = detail;
  }
}

/**
 * Every way a key object of the epoch scheme (docs/key-epochs.md: an epoch record, a grant, an
 * inbox entry, a client-key wrap) can be refused. A refused object is skipped and reported; no key
 * from it is used.
 */
export type KeyObjectErrorCode =
  /** Not JSON, the wrong shape, a field out of range, or cut off. */
  | 'bad-object'
  /** A format version this code does not know. */
  | 'unsupported-version'
  /** Authentic, but it names another vault, epoch or device than the name it is filed under. */
  | 'wrong-place'
  /** Signed by a device that is not in this vault's device list. */
  | 'unknown-device'
  /** Signed by a device that was removed. */
  | 'removed-device'
  /** The signature does not match: altered on the target, or not written by the device it names. */
  | 'bad-signature'
  /** The key inside does not open, or is not the epoch's key (its check value differs). */
  | 'bad-key';

/** The kinds of key object, for the messages. */
export type KeyObjectKind = 'epoch' | 'grant' | 'inbox' | 'client-key';

const KEY_OBJECT_NAMES: Record<KeyObjectKind, string> = {
  epoch: 'A key rotation record',
  grant: 'A key handed to one of your devices',
  inbox: "A device's key mailbox",
  'client-key': "A client's key",
};

const KEY_OBJECT_MESSAGES: Record<KeyObjectErrorCode, (what: string, detail: string | undefined) => string> = {
  'bad-object': (w, d) =>
    `${w} on the sync target is damaged or incomplete${paren(d)}. It was ignored; the device that wrote it writes it again when it syncs.`,
  'unsupported-version': (w, d) => `${w} was written by a newer version of Caravan${paren(d)}. Update Caravan on this device.`,
  'wrong-place': (w, d) =>
    `${w} is stored under the wrong name on the sync target${paren(d)}: it was moved or copied there from elsewhere. It was ignored. ` +
    'If you did not rearrange files on the target yourself, someone else did.',
  'unknown-device': (w, d) =>
    `${w} was written by a device that is not in this vault's device list${paren(d)}. It was ignored; let that device sync once so it publishes its entry.`,
  'removed-device': (w, d) => `${w} was written by a device you removed${paren(d)}. It was ignored: a removed device can no longer change this vault's keys.`,
  'bad-signature': (w, d) => `${w} does not match its signature${paren(d)}: it was altered on the sync target. It was ignored.`,
  'bad-key': (w, d) =>
    `${w} could not be opened with this device's keys${paren(d)}, or holds another key than it claims. It was ignored; ` +
    'another of your devices hands this device the key again when it syncs.',
};

/** A refusal of a key object; `message` is safe to show as is. */
export class KeyObjectError extends Error {
  override readonly name = 'KeyObjectError';
  readonly code: KeyObjectErrorCode;
  readonly kind: KeyObjectKind;
  readonly detail: string | undefined;

  constructor(code: KeyObjectErrorCode, kind: KeyObjectKind, detail?: string, options?: { cause?: unknown }) {
    super(KEY_OBJECT_MESSAGES[code](KEY_OBJECT_NAMES[kind], detail), options);
    this.code = code;
    this.kind = kind;
    this.detail = detail;
  }
}

/** True when `error` is a KeyObjectError, optionally with the given code. */
export function isKeyObjectError(error: unknown, code?: KeyObjectErrorCode): error is KeyObjectError {
  return error instanceof KeyObjectError && (code === undefined || error.code === code);
}
