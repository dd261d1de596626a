/**
 * The names of the sync layout (docs/sync-layout.md), checked in main before
 * any transport sees a key: an object on a target is one of these, or it is
 * not Caravan's to read, write, list or delete.
 *
 *   vault.json                               the vault header
 *   devices/<device>.json                    a roster entry
 *   devices/<device>.removed.json            a device's removal
 *   erased/<client>.json                     an erasure marker
 *   p/<client>/key.bin                       a client's wrapped data key
 *   p/<partition>/log/<device>/<seq>.seg     a segment
 *   p/<partition>/snap/<64 hex>.snap         a snapshot
 *   p/<partition>/ack/<device>/<n>.json      an acknowledgement
 *   keys/<epoch>.json                        an epoch's record (key rotation)
 *   keys/<epoch>/<device>-<epoch>.grant      an epoch key sealed to a device's inbox
 *   devices/<device>/inbox/<epoch>.json      a device's inbox public key for an epoch
 *   p/<client>/key/<epoch>.bin               a client's data key wrapped for an epoch
 *
 * So a key can never climb out of a folder target, name a file that is not
 * Caravan's (a `.desktop` file, a note), or hide a partition. Each kind has
 * the size bound its format has, so nothing larger goes out under its name and
 * nothing larger is read back. The partition an object belongs to is read from
 * its key: `p/<partition>/...` is that partition's, the header, the roster and
 * erasure markers the workspace's (they hold no client data). The guard decides
 * on that partition, so the renderer cannot send a client's segment under a
 * workspace label.
 *
 * The key objects of rotation add nothing a hostile page could use: an epoch
 * is 16 hex, so none of these names holds '.', '..' or a separator beyond the
 * fixed ones; a client's wrapped key for an epoch lives under `p/<client>/`,
 * so the guard decides on that client (and erasing it deletes it); the
 * others are the workspace's, like the roster (they hold keys sealed or
 * wrapped for vault members only, never client data in clear).
 */

/** The shared partition's id. */
export const WORKSPACE = 'workspace';

/** Size bounds per kind of object, the formats' own (tests/unit/main/sync/object-key.test.ts checks them against the codecs). */
export const LAYOUT_LIMITS = {
  /** The vault header: a few hundred bytes; 64 KiB is what a new device reads at most. */
  'vault-header': 64 * 1024,
  /** `MAX_ROSTER_ENTRY_BYTES` of device-roster.ts (entries and removals). */
  device: 4096,
  /** `MAX_BYTES` of erasure-marker.ts. */
  erasure: 1024,
  /** A wrapped key is 73 bytes. */
  'client-key': 1024,
  /** `MAX_SEGMENT_BYTES` of segment-codec.ts. */
  segment: 1_050_044,
  /** `MAX_SNAPSHOT_BYTES` of snapshot-codec.ts: 64 MiB packed plus the header and framing. */
  snapshot: 7 + 65_535 + 24 + 64 * 1024 * 1024 + 16 + 64,
  /** `MAX_BYTES` of ack.ts. */
  ack: 64 * 1024,
  /** `MAX_EPOCH_RECORD_BYTES` of epoch-record.ts. */
  'epoch-record': 1024 * 1024,
  /** `MAX_GRANT_BYTES` of epoch-grant.ts. */
  grant: 4096,
  /** `MAX_INBOX_BYTES` of inbox-entry.ts. */
  inbox: 4096,
} as const;

export type ObjectKind = keyof typeof LAYOUT_LIMITS;

/** A device id: what `newDeviceId` makes (32 hex), or any id of the layout's alphabet. */
const DEVICE = '[a-z0-9][a-z0-9_-]{0,63}';
/** A client id: a lowercase UUID, or 16 to 64 hex (the audit log's opaque ids). */
const CLIENT = '(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{16,64})';
const PARTITION = `(?:${WORKSPACE}|${CLIENT})`;
const SEQ = '[1-9][0-9]{0,15}';
/** An epoch id: 16 random lower-case hex (never 'legacy', which has no objects of its own). */
const EPOCH = '[0-9a-f]{16}';

const NAMES: readonly { re: RegExp; kind: ObjectKind; partition: (m: RegExpExecArray) => string }[] = [
  { re: /^vault\.json$/, kind: 'vault-header', partition: () => WORKSPACE },
  { re: new RegExp(`^devices/${DEVICE}(?:\\.removed)?\\.json$`), kind: 'device', partition: () => WORKSPACE },
  { re: new RegExp(`^erased/${CLIENT}\\.json$`), kind: 'erasure', partition: () => WORKSPACE },
  { re: new RegExp(`^p/(${CLIENT})/key\\.bin$`), kind: 'client-key', partition: (m) => m[1] ?? '' },
  { re: new RegExp(`^p/(${PARTITION})/log/${DEVICE}/${SEQ}\\.seg$`), kind: 'segment', partition: (m) => m[1] ?? '' },
  { re: new RegExp(`^p/(${PARTITION})/snap/[0-9a-f]{64}\\.snap$`), kind: 'snapshot', partition: (m) => m[1] ?? '' },
  { re: new RegExp(`^p/(${PARTITION})/ack/${DEVICE}/${SEQ}\\.json$`), kind: 'ack', partition: (m) => m[1] ?? '' },
  { re: new RegExp(`^keys/${EPOCH}\\.json$`), kind: 'epoch-record', partition: () => WORKSPACE },
  { re: new RegExp(`^keys/${EPOCH}/${DEVICE}-${EPOCH}\\.grant$`), kind: 'grant', partition: () => WORKSPACE },
  { re: new RegExp(`^devices/${DEVICE}/inbox/${EPOCH}\\.json$`), kind: 'inbox', partition: () => WORKSPACE },
  { re: new RegExp(`^p/(${CLIENT})/key/${EPOCH}\\.bin$`), kind: 'client-key', partition: (m) => m[1] ?? '' },
];

/** Listing prefixes the sync engine uses: the roots, a partition, and one level of its folders. */
const PREFIXES = [
  /^$/,
  /^(?:p|devices|erased|keys)\/$/,
  new RegExp(`^p/${PARTITION}/(?:(?:log|ack)/(?:${DEVICE}/)?|snap/)?$`),
  new RegExp(`^p/${CLIENT}/key/$`),
  new RegExp(`^keys/${EPOCH}/$`),
  // A folder target's listing walks into these: `devices/<device>/` holds only `inbox/`.
  new RegExp(`^devices/${DEVICE}/(?:inbox/)?$`),
];

export interface LayoutObject {
  kind: ObjectKind;
  /** `workspace` or a client id. */
  partition: string;
  /** The most bytes an object of this kind may have. */
  maxBytes: number;
}

/** What a key names in the layout, or null when it is not a layout name. */
export function layoutObject(key: unknown): LayoutObject | null {
  if (typeof key !== 'string' || key.length > 512) return null;
  for (const name of NAMES) {
    const match = name.re.exec(key);
    if (match) return { kind: name.kind, partition: name.partition(match), maxBytes: LAYOUT_LIMITS[name.kind] };
  }
  return null;
}

export type KeyCheck = ({ ok: true } & LayoutObject) | { ok: false; message: string };

/** A key from the renderer: a layout name, or a refusal that says what the layout allows. */
export function checkObjectKey(key: unknown): KeyCheck {
  const object = layoutObject(key);
  if (object) return { ok: true, ...object };
  const shown = typeof key === 'string' ? JSON.stringify(key.slice(0, 80)) : 'This';
  return {
    ok: false,
    message: `${shown} is not an object of Caravan's sync layout (vault.json, devices/, erased/, keys/, p/<partition>/...); nothing else on a target is read or written.`,
  };
}

/** A prefix for listing: one the sync engine lists by (`p/`, `devices/`, `p/<partition>/log/`...). */
export function checkPrefix(prefix: unknown): boolean {
  return typeof prefix === 'string' && prefix.length <= 512 && PREFIXES.some((re) => re.test(prefix));
}

/** The most bytes an object under `key` may have: its kind's bound, or a segment's for a name outside the layout. */
export function maxBytesOf(key: string): number {
  return layoutObject(key)?.maxBytes ?? LAYOUT_LIMITS.segment;
}
