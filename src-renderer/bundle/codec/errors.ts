/**
 * Errors of the bundle codec. Like SegmentError (sync/segment/errors.ts): a stable `code` for the
 * app and the CLI to branch on, a message a person can act on, and a `detail` (offsets, sizes;
 * never keys, passphrases or plaintext) for logs. Every refusal means the same thing to the
 * caller: nothing from the file was returned.
 */

/** Every way a bundle can be refused, in the order the checks run (docs/bundle-format.md). */
export type BundleErrorCode =
  /** It does not start with "CRVB": not a Caravan bundle at all. */
  | 'bad-magic'
  /** The format version byte is one this code does not know (written by a newer Caravan). */
  | 'unsupported-version'
  /** The file ends before its header says it should: cut off while copying or downloading. */
  | 'truncated'
  /** The clear header is malformed, has unknown or missing fields, or is not canonical. */
  | 'bad-header'
  /** The header declares more content than a bundle may hold; refused before allocating. */
  | 'too-large'
  /** The header asks for an Argon2id cost outside the accepted range (floor..ceiling). */
  | 'kdf-cost'
  /** There are bytes after the signature. */
  | 'trailing-data'
  /** The Ed25519 signature does not verify with the signer key in the header. */
  | 'bad-signature'
  /** A passphrase was given for a bundle sealed to recipients, or a recipient key for a passphrase bundle. */
  | 'wrong-key-kind'
  /** The passphrase does not open the bundle. */
  | 'wrong-passphrase'
  /** The given key pair is not one of the bundle's recipients. */
  | 'not-a-recipient'
  /** A body chunk does not decrypt, or carries the wrong tag, although the signature is valid. */
  | 'bad-chunk'
  /** The last chunk does not carry the FINAL tag: the signer wrote a cut-off stream. */
  | 'missing-final'
  /** A public identity string (or a key in it) is mistyped, incomplete or not a Caravan identity. */
  | 'bad-public-key';

const MESSAGES: Record<BundleErrorCode, (detail: string | undefined) => string> = {
  'bad-magic': (d) => `This file is not a Caravan bundle${paren(d)}. Check that you picked the .caravan file you were sent.`,
  'unsupported-version': (d) => `This bundle was made by a newer version of Caravan${paren(d)}. Update Caravan, then open it again; nothing was imported.`,
  truncated: (d) =>
    `This bundle is incomplete${paren(d)}: it was probably cut off while being copied or downloaded. ` +
    'Ask the sender for the file again; nothing was imported.',
  'bad-header': (d) => `This bundle's header is damaged${paren(d)}, so it cannot be trusted. Ask the sender for the file again; nothing was imported.`,
  'too-large': (d) =>
    `This bundle is larger than Caravan accepts${paren(d)}. Nothing was imported or exported. ` + 'Export projects separately, or ask the sender to.',
  'kdf-cost': (d) =>
    `This bundle asks for a passphrase-hardening cost outside what Caravan accepts${paren(d)}. ` +
    'It was either made with unusual settings or altered; ask the sender to export it again with the default settings.',
  'trailing-data': (d) =>
    `This bundle has extra bytes after its end${paren(d)}: something was appended to it after it was made. ` +
    'Ask the sender for the file again; nothing was imported.',
  'bad-signature': (d) =>
    `This file was changed after it was signed${paren(d)}, or it was damaged on the way. ` +
    'Do not import it; ask the sender for the file again through another channel.',
  'wrong-key-kind': (d) =>
    `This bundle is not opened that way${paren(d)}. Use a passphrase for a passphrase-protected bundle, ` +
    'and your own identity for a bundle that was sealed to you.',
  'wrong-passphrase': (d) =>
    `The passphrase does not open this bundle${paren(d)}. Check it with the sender (letters, spaces and case all count), then try again.`,
  'not-a-recipient': (d) => `This bundle was not sealed to this vault${paren(d)}. Ask the sender to export it again with your public identity as a recipient.`,
  'bad-chunk': (d) =>
    `This bundle is signed but its content does not decrypt${paren(d)}: the Caravan that made it has a fault. ` +
    'Nothing was imported; ask the sender to update Caravan and export it again.',
  'missing-final': (d) =>
    `This bundle is signed but its content stops early${paren(d)}: the Caravan that made it has a fault. ` +
    'Nothing was imported; ask the sender to update Caravan and export it again.',
  'bad-public-key': (d) =>
    `This is not a valid Caravan public identity${paren(d)}. Copy it again in full (it starts with "caravan1"); ` +
    'a single wrong or missing character is detected.',
};

/** A refusal of the bundle codec; `message` is safe to show as is. */
export class BundleError extends Error {
  override readonly name = 'BundleError';
  readonly code: BundleErrorCode;
  /** Technical specifics (offsets, sizes, chunk numbers) for logs; never keys or plaintext. */
  readonly detail: string | undefined;

  // No parameter properties: the CLI and the bench run these files under Node's type stripping.
  constructor(code: BundleErrorCode, detail?: string, options?: { cause?: unknown }) {
    super(MESSAGES[code](detail), options);
    this.code = code;
    this.detail = detail;
  }
}

/** True when `error` is a BundleError, optionally with the given code. */
export function isBundleError(error: unknown, code?: BundleErrorCode): error is BundleError {
  return error instanceof BundleError && (code === undefined || error.code === code);
}

function paren(detail: string | undefined): string {
  return detail === undefined ? '' : ` (${detail})`;
}
