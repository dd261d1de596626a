/**
 * `keys/<epoch>/<device>-<inboxEpoch>.grant`: an epoch key handed to one device (docs/key-epochs.md).
 * Any device holding the epoch writes it for a live roster device that lacks it, sealed
 * (`crypto_box_seal`) to that device's inbox key of `inboxEpoch`, and signs it:
 *
 *   {"at":ms,"by":device,"device":grantee,"epoch":hex16,"inbox":hex16,"sealed":b64(80),"sig":b64(64),"v":1,"vault":uuid}
 *
 * `sig` is over "caravan-grant|" + the canonical JSON of every other field. The signature says
 * which vault member handed the key over (a removed device's grant is refused); the seal keeps it
 * from everyone but the grantee; and the grantee accepts the opened key only when it matches the
 * epoch record's check value (epoch-record.ts `sameCheck`), so a vault member cannot hand over a
 * key other than the epoch's.
 */
import { KeyObjectError } from './errors.ts';
import { type GrantPlace, isEpochId, isRemoteId, parseGrantObjectKey, VAULT_ID_RE } from './layout.ts';
import type { InboxKeyPair } from './inbox-entry.ts';
import { bytesField, exactFields, type PublicKeyOf, readSignedObject, signObject, timeField, verifySignedObject } from './signed-object.ts';
import { toBase64 } from '../../vault/crypto/encoding.ts';
import { readySodium } from '../../vault/crypto/sodium.ts';

export interface EpochGrant extends GrantPlace {
  readonly vaultId: string;
  /** The granting device. */
  readonly by: string;
  readonly at: number;
  /** crypto_box_seal of the 32-byte epoch key: 80 bytes. */
  readonly sealed: Uint8Array;
}

/** The longest grant read (main bounds the object by the same number). */
export const MAX_GRANT_BYTES = 4096;
const SEALED_BYTES = 32 + 48;
const PREFIX = 'caravan-grant|';
const FIELDS = ['at', 'by', 'device', 'epoch', 'inbox', 'sealed', 'v', 'vault'];

/** Seals `epochKey` to the grantee's inbox public key and signs the grant. */
export function encodeEpochGrant(grant: Omit<EpochGrant, 'sealed'>, epochKey: Uint8Array, inboxPublicKey: Uint8Array, signingKey: Uint8Array): Uint8Array {
  if (epochKey.length !== 32 || inboxPublicKey.length !== 32) throw new RangeError('encodeEpochGrant: keys are 32 bytes');
  const sealed = readySodium().crypto_box_seal(epochKey, inboxPublicKey);
  const fields = {
    v: 1,
    vault: grant.vaultId,
    epoch: grant.epoch,
    device: grant.device,
    inbox: grant.inbox,
    by: grant.by,
    at: grant.at,
    sealed: toBase64(sealed),
  };
  try {
    readFields(fields);
  } catch (error) {
    throw new RangeError(`encodeEpochGrant: ${error instanceof KeyObjectError ? error.detail : String(error)}`, { cause: error });
  }
  return signObject(fields, PREFIX, signingKey);
}

/**
 * Verifies a grant read from `readFrom`: shape, granting device in the roster (not removed unless
 * `acceptRemoved`, for the invariant check), signature, vault, and epoch, grantee and inbox as the
 * key names them. Throws KeyObjectError.
 */
export function decodeEpochGrant(bytes: Uint8Array, vaultId: string, readFrom: string, publicKeyOf: PublicKeyOf, acceptRemoved = false): EpochGrant {
  const { fields, sig } = readSignedObject(bytes, MAX_GRANT_BYTES, 'grant', 2);
  const grant = readFields(fields);
  verifySignedObject(fields, sig, PREFIX, grant.by, publicKeyOf, 'grant', acceptRemoved);
  if (grant.vaultId !== vaultId) throw new KeyObjectError('wrong-place', 'grant', `epoch ${grant.epoch}: another vault`);
  const place = parseGrantObjectKey(readFrom);
  if (place === null || place.epoch !== grant.epoch || place.device !== grant.device || place.inbox !== grant.inbox) {
    throw new KeyObjectError('wrong-place', 'grant', `${readFrom.slice(0, 120)} holds epoch ${grant.epoch} for ${grant.device}`);
  }
  return grant;
}

/**
 * Opens a verified grant with the grantee's inbox key pair: the 32-byte epoch key, not yet checked
 * against the epoch record (the caller does, with `sameCheck`). 'bad-key' when it does not open.
 */
export function openEpochGrant(grant: EpochGrant, inbox: InboxKeyPair): Uint8Array {
  try {
    const key = readySodium().crypto_box_seal_open(grant.sealed, inbox.publicKey, inbox.secretKey);
    if (key.length !== 32) throw new Error('not a key');
    return key;
  } catch (cause) {
    throw new KeyObjectError('bad-key', 'grant', `epoch ${grant.epoch} for ${grant.device}`, { cause });
  }
}

function readFields(f: Record<string, unknown>): EpochGrant {
  exactFields(f, FIELDS, 'grant');
  const bad = (why: string): KeyObjectError => new KeyObjectError('bad-object', 'grant', why);
  if (f['v'] !== 1) throw bad('version');
  const vault = f['vault'];
  if (typeof vault !== 'string' || !VAULT_ID_RE.test(vault)) throw bad('vault id');
  if (!isEpochId(f['epoch']) || !isEpochId(f['inbox'])) throw bad('epoch id');
  if (!isRemoteId(f['device']) || !isRemoteId(f['by'])) throw bad('device id');
  const at = timeField(f['at'], 'at', 'grant');
  const sealed = bytesField(f['sealed'], SEALED_BYTES, 'sealed', 'grant');
  return { vaultId: vault, epoch: f['epoch'], device: f['device'], inbox: f['inbox'], by: f['by'], at, sealed };
}
