/**
 * Errors of the vault's crypto core. Each has a stable `code` for the UI and
 * the sync engine to branch on, and a message a person can act on. Messages
 * never include key material or plaintext.
 */

/** Every way the vault's crypto can refuse an input. */
export type VaultErrorCode =
  /** Argon2id + unwrap failed with this passphrase. */
  | 'wrong-passphrase'
  /** The recovery kit parsed (checksum fine) but does not open this vault. */
  | 'wrong-recovery-key'
  /** The recovery kit's checksum or alphabet is wrong: a typo, caught before any crypto. */
  | 'recovery-key-typo'
  /** The header is valid JSON but not a valid vault header (shape, lengths, base64). */
  | 'header-corrupt'
  /** The header is not complete JSON: empty or cut off. */
  | 'header-truncated'
  /** The header comes from a newer (or unknown) format version. */
  | 'header-unsupported-version'
  /** A wrapped key did not open: wrong wrapping key, wrong context, or damaged. */
  | 'key-unwrap-failed'
  /** A key opened (or came from this device's secure storage) but does not match the header's check value. */
  | 'key-check-failed'
  /** A record ciphertext did not open: damaged, moved to another row, or wrong key. */
  | 'record-corrupt'
  /** The key a record needs is not available (destroyed by crypto-shredding, or not loaded). */
  | 'record-key-missing'
  /** Argon2id parameters below the floor (2 ops / 64 MiB). */
  | 'kdf-params-too-weak';

const MESSAGES: Record<VaultErrorCode, (detail: string | undefined) => string> = {
  'wrong-passphrase': () => 'Wrong passphrase. Check Caps Lock and your keyboard layout, then try again.',
  'wrong-recovery-key': () => 'This recovery key is valid but belongs to a different vault. Check that the kit matches this vault.',
  'recovery-key-typo': (d) => `The recovery key has a typo${paren(d)}. Compare each group with your printed kit and try again.`,
  'header-corrupt': (d) => `The vault header is damaged${paren(d)}. Nothing was changed; restore it from a backup or a sync target.`,
  'header-truncated': (d) =>
    `The vault header is incomplete${paren(d)}; it was probably cut off while being written or copied. ` +
    'Nothing was changed; restore it from a backup or a sync target.',
  'header-unsupported-version': (d) => `This vault was written by a newer version of Caravan${paren(d)}. Update Caravan to open it; nothing was changed.`,
  'key-unwrap-failed': (d) =>
    `A stored key could not be opened${paren(d)}. It is damaged or belongs to another vault; ` + 'restore it from a backup or a sync target.',
  'key-check-failed': (d) =>
    `This key does not match the vault${paren(d)}. Nothing was used or changed; unlock with your passphrase. ` +
    'If that fails too, the vault header was altered: restore it from a backup or a sync target.',
  'record-corrupt': (d) =>
    `A stored record could not be decrypted${paren(d)}. It is damaged or was altered; ` + 'the copy on another device or sync target may still be intact.',
  'record-key-missing': (d) =>
    `The key for this data is gone${paren(d)}. If the client's data was erased on purpose, this is expected; ` +
    'otherwise unlock the vault again or sync with another device.',
  'kdf-params-too-weak': (d) =>
    `The passphrase protection settings are too weak${paren(d)}; Caravan requires at least 2 passes over 64 MiB. ` +
    'The vault header may have been tampered with; restore it from a backup or a sync target.',
};

function paren(detail: string | undefined): string {
  return detail === undefined ? '' : ` (${detail})`;
}

/** A refusal from the vault's crypto core; `message` is safe to show as is. */
export class VaultError extends Error {
  override readonly name = 'VaultError';
  readonly code: VaultErrorCode;
  /** Technical specifics for logs and for the message's parenthesis; never secrets. */
  readonly detail: string | undefined;

  // No parameter properties: the bench runs these files under Node's type stripping.
  constructor(code: VaultErrorCode, detail?: string, options?: { cause?: unknown }) {
    super(MESSAGES[code](detail), options);
    this.code = code;
    this.detail = detail;
  }
}

/** True when `error` is a VaultError, optionally with the given code. */
export function isVaultError(error: unknown, code?: VaultErrorCode): error is VaultError {
  return error instanceof VaultError && (code === undefined || error.code === code);
}
