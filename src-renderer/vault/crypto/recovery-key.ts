/**
 * The recovery key as a printable kit:
 *
 *   kit = Crockford base32( key (32 bytes) || CRC-24/OpenPGP(key) (3 bytes) )
 *       = 280 bits = 56 characters, shown as 14 groups of 4 joined by '-'
 *
 * The last group and the last 4 bits of the 13th group are the checksum.
 * Because the CRC covers one contiguous bit string and its generator has degree
 * 24, every error confined to 24 consecutive bits is caught: any single wrong
 * character, any swap of neighbouring characters, any mistyped group. Other
 * errors slip through with probability 2^-24. All of this happens before any
 * crypto, so a typo is reported as a typo ('recovery-key-typo'), never as
 * "wrong recovery key".
 *
 * Crockford's alphabet has no I, L, O or U; when reading we accept lower case,
 * spaces, and I/L for 1 and O for 0, as Crockford specifies.
 */
import { compactTyped, CROCKFORD_ALPHABET, crockfordValue, fromCrockfordValues, toCrockford } from './crockford.ts';
import { VaultError } from './errors.ts';
import { generateKey, KEY_BYTES } from './keys.ts';
import { randomInt } from './random.ts';

const CHECK_BYTES = 3;
/** Characters per group in the printed kit. */
export const RECOVERY_KIT_GROUP_LENGTH = 4;
/** Characters in a kit, not counting separators. */
export const RECOVERY_KIT_CHARS = Math.ceil(((KEY_BYTES + CHECK_BYTES) * 8) / 5); // 56
/** Groups in a kit. */
export const RECOVERY_KIT_GROUPS = RECOVERY_KIT_CHARS / RECOVERY_KIT_GROUP_LENGTH; // 14

/** A fresh 32-byte recovery key. */
export const generateRecoveryKey: () => Uint8Array = generateKey;

/**
 * CRC-24 as in OpenPGP (RFC 4880 section 6.1): generator 0x864CFB, init
 * 0xB704CE, MSB first. Chosen for its degree (24 bits fit the 4 spare bits plus
 * one group) and because it is a published CRC with test vectors.
 */
export function crc24(bytes: Uint8Array): number {
  let crc = 0xb704ce;
  for (let i = 0; i < bytes.length; i++) {
    crc ^= (bytes[i] as number) << 16;
    for (let bit = 0; bit < 8; bit++) {
      crc <<= 1;
      if (crc & 0x1000000) crc ^= 0x1864cfb;
    }
  }
  return crc & 0xffffff;
}

/** Renders a recovery key as the printed kit string, e.g. `7K3Q-...-W2XH`. */
export function formatRecoveryKit(key: Uint8Array): string {
  if (key.length !== KEY_BYTES) throw new RangeError(`a recovery key is ${KEY_BYTES} bytes, got ${key.length}`);
  const crc = crc24(key);
  const payload = new Uint8Array(KEY_BYTES + CHECK_BYTES);
  payload.set(key);
  payload[KEY_BYTES] = crc >>> 16;
  payload[KEY_BYTES + 1] = (crc >>> 8) & 0xff;
  payload[KEY_BYTES + 2] = crc & 0xff;
  const chars = toCrockford(payload);
  // 280 bits is a whole number of characters, so nothing is left in `buffer`.
  payload.fill(0);
  return chunk(chars).join('-');
}

/**
 * Parses a kit typed or pasted by a person and returns the 32-byte key.
 * Throws VaultError('recovery-key-typo') saying what is wrong when the text
 * cannot be a kit (unknown character, wrong length, checksum mismatch).
 */
export function parseRecoveryKit(kit: string): Uint8Array {
  const payload = fromCrockfordValues(kitSymbols(kit), KEY_BYTES + CHECK_BYTES);
  const key = payload.slice(0, KEY_BYTES);
  const expected = ((payload[KEY_BYTES] as number) << 16) | ((payload[KEY_BYTES + 1] as number) << 8) | (payload[KEY_BYTES + 2] as number);
  payload.fill(0);
  if (crc24(key) !== expected) {
    key.fill(0);
    throw new VaultError('recovery-key-typo', 'the checksum does not match, so at least one character is wrong');
  }
  return key;
}

/** Normalises and validates a kit; returns its 56 symbol values. */
function kitSymbols(kit: string): number[] {
  const values: number[] = [];
  for (const char of compactTyped(kit)) {
    const value = crockfordValue(char);
    if (value === undefined) {
      const group = Math.floor(values.length / RECOVERY_KIT_GROUP_LENGTH) + 1;
      throw new VaultError('recovery-key-typo', `"${char}" in group ${group} is not used in recovery keys`);
    }
    values.push(value);
  }
  if (values.length !== RECOVERY_KIT_CHARS) {
    throw new VaultError(
      'recovery-key-typo',
      `a recovery key has ${RECOVERY_KIT_GROUPS} groups of ${RECOVERY_KIT_GROUP_LENGTH} characters; this one has ${values.length} characters`,
    );
  }
  return values;
}

/** One group as canonical text (upper case, O->0, I/L->1), or undefined if not valid Crockford. */
function canonicalGroup(text: string): string | undefined {
  let out = '';
  for (const char of text.toUpperCase().replace(/\s+/g, '')) {
    const value = crockfordValue(char);
    if (value === undefined) return undefined;
    out += CROCKFORD_ALPHABET[value];
  }
  return out;
}

function chunk(chars: string): string[] {
  const groups: string[] = [];
  for (let i = 0; i < chars.length; i += RECOVERY_KIT_GROUP_LENGTH) groups.push(chars.slice(i, i + RECOVERY_KIT_GROUP_LENGTH));
  return groups;
}

/** Returns a uniform random integer in [0, maxExclusive). */
export type RandomInt = (maxExclusive: number) => number;

/**
 * Chooses which groups (0-based indexes, ascending, distinct) the person must
 * type back to show the kit was written down. The UI shows them 1-based.
 * Every group counts, the checksum too: a miscopied checksum group makes the
 * kit refuse to parse, which is as bad as a miscopied key group.
 */
export function recoveryConfirmationChallenge(kit: string, rng: RandomInt = randomInt, count = 2): number[] {
  kitSymbols(kit); // refuse a malformed kit early
  if (!Number.isInteger(count) || count < 1 || count > RECOVERY_KIT_GROUPS) {
    throw new RangeError(`count must be 1..${RECOVERY_KIT_GROUPS}, got ${count}`);
  }
  // Partial Fisher-Yates over the group indexes: distinct and unbiased.
  const indexes = Array.from({ length: RECOVERY_KIT_GROUPS }, (_, i) => i);
  for (let i = 0; i < count; i++) {
    const j = i + rng(RECOVERY_KIT_GROUPS - i);
    if (!Number.isInteger(j) || j < i || j >= RECOVERY_KIT_GROUPS) throw new RangeError(`rng returned an out-of-range value`);
    [indexes[i], indexes[j]] = [indexes[j] as number, indexes[i] as number];
  }
  return indexes.slice(0, count).sort((a, b) => a - b);
}

/**
 * True when each answer matches the kit's group at the same challenge index,
 * with the same tolerance as parsing (case, spaces, O/0, I/L/1).
 */
export function checkConfirmation(kit: string, challenge: readonly number[], answers: readonly string[]): boolean {
  if (challenge.length === 0 || challenge.length !== answers.length) return false;
  const groups = chunk(
    kitSymbols(kit)
      .map((v) => CROCKFORD_ALPHABET[v])
      .join(''),
  );
  return challenge.every((index, i) => {
    const expected = groups[index];
    const answer = answers[i];
    return expected !== undefined && answer !== undefined && canonicalGroup(answer) === expected;
  });
}
