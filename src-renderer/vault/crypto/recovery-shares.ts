/**
 * Recovery shares: the recovery key split k-of-n with Shamir's scheme (the audited
 * `shamir-secret-sharing`, GF(2^8)), each share printable like the kit:
 *
 *   share = Crockford base32( head (9 bytes) || shamir share (33 bytes) || CRC-24(head || shamir) (3 bytes) )
 *         = 360 bits = 72 characters, shown as 18 groups of 4 joined by '-'
 *
 *   head  = version (4 bits) k (4 bits) | n (4 bits) number (4 bits) | vault tag (3 bytes) | set id (4 bytes)
 *
 * The vault tag is the first 24 bits of the vault id (public: the header carries it in clear), so a
 * share of another vault is refused in words. The set id is random per split, so shares of two
 * splits are not mixed. The CRC, like the kit's, catches every error within 24 consecutive bits
 * (any one wrong character, any two neighbours swapped) before any crypto. Nothing in a share is
 * computed from the key except its Shamir share: with fewer than k shares every key is equally
 * possible, and only the vault itself (its recovery wrap) says whether k shares were right.
 */
import { combine, split } from 'shamir-secret-sharing';
import { KEY_BYTES } from './keys.ts';
import { randomBytes } from './random.ts';
import { compactTyped, crockfordValue, fromCrockfordValues, toCrockford } from './crockford.ts';
import { crc24 } from './recovery-key.ts';

/** The share format this code writes and reads. */
export const SHARE_VERSION = 1;
/** Fewest shares a split may need: one share alone would be the key itself. */
export const MIN_THRESHOLD = 2;
/** Most shares a split may have: the numbers fit 4 bits, and ten sheets is already a lot to keep track of. */
export const MAX_SHARES = 10;
/** Characters per printed group, as in the kit. */
export const SHARE_GROUP_LENGTH = 4;

const HEAD_BYTES = 9;
const SHAMIR_BYTES = KEY_BYTES + 1; // the y values, then the x coordinate
const CHECK_BYTES = 3;
const SHARE_BYTES = HEAD_BYTES + SHAMIR_BYTES + CHECK_BYTES; // 45
/** Characters in a share, not counting separators. */
export const SHARE_CHARS = (SHARE_BYTES * 8) / 5; // 72
/** Groups in a printed share. */
export const SHARE_GROUPS = SHARE_CHARS / SHARE_GROUP_LENGTH; // 18
/** Characters in a recovery kit: a kit pasted into a share field is told apart from a typo. */
const KIT_CHARS = 56;
const VAULT_ID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Every way a share, or a set of shares, is refused. */
export type RecoveryShareErrorCode =
  /** Wrong length, a character not in the alphabet, or the checksum: a typo, caught before any crypto. */
  | 'share-typo'
  /** A recovery kit typed where a share goes. */
  | 'share-is-kit'
  /** Made by a newer Caravan. */
  | 'share-unsupported'
  /** The checksum holds but the contents cannot be (k above n, number 0…): made by something else, or altered. */
  | 'share-damaged'
  /** A share of another vault. */
  | 'share-other-vault'
  /** Shares of two different splits. */
  | 'shares-mixed'
  /** The same share twice. */
  | 'share-duplicate'
  /** Two shares of one split that cannot both be real (same number, different contents). */
  | 'shares-conflict'
  /** Fewer shares than the split needs. */
  | 'shares-too-few'
  /** The shares fit together but what they make does not open this vault. */
  | 'shares-wrong-key';

/** A refusal whose message a person can act on; it never includes share contents. */
export class RecoveryShareError extends Error {
  override readonly name = 'RecoveryShareError';
  readonly code: RecoveryShareErrorCode;

  constructor(code: RecoveryShareErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** What a share says about itself, all of it printed on its sheet too. */
export interface ShareInfo {
  /** This share's number, 1..total. */
  number: number;
  /** Shares needed to recover (k). */
  threshold: number;
  /** Shares made (n). */
  total: number;
  /** The first 6 hex digits of the vault id. */
  vaultTag: string;
  /** 8 hex digits, random per split. */
  setId: string;
}

/** A share as made, ready to print. */
export interface RecoveryShare extends ShareInfo {
  /** `XXXX-XXXX-…`, 18 groups. */
  text: string;
}

/** A share as read back: its Shamir share (32 y bytes, then x) for `combine`. */
export interface ParsedShare extends ShareInfo {
  shamir: Uint8Array;
}

/** The vault tag a share of this vault carries. */
export function vaultTag(vaultId: string): string {
  if (!VAULT_ID_RE.test(vaultId)) throw new RangeError('a vault id is a lowercase UUID');
  return vaultId.slice(0, 6);
}

/** Splits the 32-byte recovery key into `total` shares, any `threshold` of which recover it. */
export async function splitRecoveryKey(key: Uint8Array, vaultId: string, threshold: number, total: number): Promise<RecoveryShare[]> {
  if (key.length !== KEY_BYTES) throw new RangeError(`a recovery key is ${KEY_BYTES} bytes, got ${key.length}`);
  assertCounts(threshold, total);
  const tag = vaultTag(vaultId);
  const setId = randomBytes(4);
  // The library checks `constructor === Uint8Array`; a copy also keeps a caller's subarray or Buffer out.
  const pieces = await split(Uint8Array.from(key), total, threshold);
  try {
    return pieces.map((shamir, index) => {
      const info: ShareInfo = { number: index + 1, threshold, total, vaultTag: tag, setId: hex(setId) };
      return { ...info, text: encodeShare(info, shamir) };
    });
  } finally {
    for (const piece of pieces) piece.fill(0);
  }
}

/** Checks k and n as the split screen offers them: 2 ≤ k ≤ n ≤ 10. */
export function assertCounts(threshold: number, total: number): void {
  if (!Number.isInteger(threshold) || !Number.isInteger(total) || threshold < MIN_THRESHOLD || threshold > total || total > MAX_SHARES) {
    throw new RangeError(`shares need ${MIN_THRESHOLD} ≤ needed ≤ made ≤ ${MAX_SHARES}, got ${threshold} of ${total}`);
  }
}

/** One share as printed text. */
export function encodeShare(info: ShareInfo, shamir: Uint8Array): string {
  assertCounts(info.threshold, info.total);
  if (shamir.length !== SHAMIR_BYTES) throw new RangeError(`a Shamir share of the key is ${SHAMIR_BYTES} bytes`);
  const bytes = new Uint8Array(SHARE_BYTES);
  bytes[0] = (SHARE_VERSION << 4) | info.threshold;
  bytes[1] = (info.total << 4) | info.number;
  bytes.set(unhex(info.vaultTag, 3), 2);
  bytes.set(unhex(info.setId, 4), 5);
  bytes.set(shamir, HEAD_BYTES);
  const crc = crc24(bytes.subarray(0, SHARE_BYTES - CHECK_BYTES));
  bytes.set([crc >>> 16, (crc >>> 8) & 0xff, crc & 0xff], SHARE_BYTES - CHECK_BYTES);
  const chars = toCrockford(bytes);
  bytes.fill(0);
  const groups: string[] = [];
  for (let i = 0; i < chars.length; i += SHARE_GROUP_LENGTH) groups.push(chars.slice(i, i + SHARE_GROUP_LENGTH));
  return groups.join('-');
}

/**
 * Reads a share typed or pasted by a person (case, spaces and dashes do not matter; O is 0, I and
 * L are 1). Throws RecoveryShareError saying what is wrong.
 */
export function parseRecoveryShare(text: string): ParsedShare {
  const values: number[] = [];
  for (const char of compactTyped(text)) {
    const value = crockfordValue(char);
    if (value === undefined) {
      const group = Math.floor(values.length / SHARE_GROUP_LENGTH) + 1;
      throw new RecoveryShareError('share-typo', `“${char}” in group ${group} is not a character shares use. Compare it with the printed share.`);
    }
    values.push(value);
  }
  if (values.length === KIT_CHARS) {
    throw new RecoveryShareError('share-is-kit', 'This looks like a recovery kit, not a share. Use it on the recovery kit screen instead.');
  }
  if (values.length !== SHARE_CHARS) {
    throw new RecoveryShareError(
      'share-typo',
      `A share has ${SHARE_GROUPS} groups of ${SHARE_GROUP_LENGTH} characters; this one has ${values.length} characters. Compare it with the printed share.`,
    );
  }
  const bytes = fromCrockfordValues(values, SHARE_BYTES);
  const body = bytes.subarray(0, SHARE_BYTES - CHECK_BYTES);
  const stored = ((bytes[42] as number) << 16) | ((bytes[43] as number) << 8) | (bytes[44] as number);
  if (crc24(body) !== stored) {
    bytes.fill(0);
    throw new RecoveryShareError('share-typo', 'The share has a typo: its checksum does not match. Compare each group with the printed share.');
  }
  const version = (bytes[0] as number) >>> 4;
  if (version !== SHARE_VERSION) {
    bytes.fill(0);
    throw new RecoveryShareError('share-unsupported', 'This share was made by a newer version of Caravan. Update Caravan to use it.');
  }
  const info: ShareInfo = {
    threshold: (bytes[0] as number) & 0x0f,
    total: (bytes[1] as number) >>> 4,
    number: (bytes[1] as number) & 0x0f,
    vaultTag: hex(bytes.subarray(2, 5)),
    setId: hex(bytes.subarray(5, 9)),
  };
  const shamir = bytes.slice(HEAD_BYTES, HEAD_BYTES + SHAMIR_BYTES);
  bytes.fill(0);
  // x = 0 would be the key itself; the library never makes it.
  const contentsPossible =
    info.threshold >= MIN_THRESHOLD &&
    info.threshold <= info.total &&
    info.total <= MAX_SHARES &&
    info.number >= 1 &&
    info.number <= info.total &&
    shamir[KEY_BYTES] !== 0;
  if (!contentsPossible) {
    shamir.fill(0);
    throw new RecoveryShareError('share-damaged', 'This share is damaged or was not made by Caravan: what it says about itself cannot be right.');
  }
  return { ...info, shamir };
}

/** The Shamir step alone, for shares already checked as one set (`recovery-share-set.ts`). */
export async function combineShamir(shares: readonly ParsedShare[]): Promise<Uint8Array> {
  const copies = shares.map((share) => Uint8Array.from(share.shamir));
  try {
    return await combine(copies);
  } finally {
    for (const copy of copies) copy.fill(0);
  }
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function unhex(text: string, length: number): Uint8Array {
  if (!new RegExp(`^[0-9a-f]{${length * 2}}$`).test(text)) throw new RangeError(`expected ${length * 2} lowercase hex digits`);
  return Uint8Array.from({ length }, (_, i) => parseInt(text.slice(2 * i, 2 * i + 2), 16));
}
