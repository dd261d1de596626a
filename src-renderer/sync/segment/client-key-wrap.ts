/**
 * `p/<client>/key/<epoch>.bin`: a client's data key under an epoch's `clientWrap` subkey
 * (docs/key-epochs.md), keys.ts's 73-byte wrap with the version 2 associated data
 * `["caravan-key-wrap",2,vaultId,"client:<id>",null,epochId]`. Only a holder of the epoch key can
 * write one that opens; the associated data binds the vault, the client and the epoch, so a wrap
 * moved to another client's or epoch's name does not open. Unlike the version 1 `key.bin` (under
 * the vault key, i.e. the root key every device keeps), an epoch's wrap stops opening for everyone
 * once every device has moved past that epoch: history keeps no clientWrap.
 *
 * Built here rather than in keys.ts because keys.ts's `wrapAd` writes version 1 associated data.
 */
import { KeyObjectError } from './errors.ts';
import { isEpochId, isRemoteId, WORKSPACE_PARTITION, VAULT_ID_RE } from './layout.ts';
import { VaultError } from '../../vault/crypto/errors.ts';
import { unwrapKey, WRAPPED_KEY_BYTES, wrapKey } from '../../vault/crypto/keys.ts';

/** The longest client-key wrap read (main bounds `key.bin` and these by 1 KiB). */
export const MAX_CLIENT_KEY_WRAP_BYTES = WRAPPED_KEY_BYTES;

/** The associated data of a client-key wrap in an epoch. */
export function clientKeyWrapAd(vaultId: string, clientId: string, epochId: string): string {
  if (!VAULT_ID_RE.test(vaultId)) throw new RangeError('clientKeyWrapAd: the vault id is not a lowercase UUID');
  if (!isRemoteId(clientId) || clientId === WORKSPACE_PARTITION) throw new RangeError('clientKeyWrapAd: not a client id');
  if (!isEpochId(epochId)) throw new RangeError('clientKeyWrapAd: not an epoch id');
  return JSON.stringify(['caravan-key-wrap', 2, vaultId, `client:${clientId}`, null, epochId]);
}

/** K_client under clientWrap(E) of `epochId`. */
export function wrapClientKeyForEpoch(clientWrap: Uint8Array, vaultId: string, clientId: string, epochId: string, clientKey: Uint8Array): Promise<Uint8Array> {
  return wrapKey(clientWrap, clientKey, clientKeyWrapAd(vaultId, clientId, epochId));
}

/** Opens a wrap read from `p/<clientId>/key/<epochId>.bin`; KeyObjectError 'bad-key' when it does not open with this epoch's key. */
export async function unwrapClientKeyForEpoch(
  clientWrap: Uint8Array,
  vaultId: string,
  clientId: string,
  epochId: string,
  wrapped: Uint8Array,
): Promise<Uint8Array> {
  if (wrapped.length !== WRAPPED_KEY_BYTES) throw new KeyObjectError('bad-object', 'client-key', `${wrapped.length} bytes`);
  try {
    return await unwrapKey(clientWrap, wrapped, clientKeyWrapAd(vaultId, clientId, epochId));
  } catch (error) {
    if (error instanceof VaultError) throw new KeyObjectError('bad-key', 'client-key', `client ${clientId}, epoch ${epochId}`, { cause: error });
    throw error;
  }
}
