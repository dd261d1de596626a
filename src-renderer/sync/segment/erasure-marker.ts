/**
 * `erased/<client>.json`: a client was erased on one device, so every other
 * device must destroy its copy of the client's key and rows. MAC'd with the
 * roster key (only holders of the vault key can write one), bound to the
 * vault and to the client id in its name. A storage provider can delete a
 * marker (it can delete the data too) but cannot forge one.
 *
 * Written in a key epoch after epoch 0, a marker is version 2 with `"epoch":"<e>"`, MACed with that
 * epoch's roster key (device-roster.ts `RosterKeyFor`); version 1 markers use epoch 0's.
 */
import { fromBase64, toBase64 } from '../../vault/crypto/encoding.ts';
import { readySodium } from '../../vault/crypto/sodium.ts';
import { canonicalJson, jsonValueProblem } from './canonical-json.ts';
import { epochFields, type RosterKeyFor } from './device-roster.ts';
import { isEpochId, isRemoteId, LEGACY_EPOCH_ID } from './layout.ts';

export interface ErasureMarker {
  vaultId: string;
  clientId: string;
  erasedAt: number;
}

const encoder = new TextEncoder();
/** The longest marker read (main bounds the object by the same number). */
export const MAX_BYTES = 1024;

export function erasureMarkerKey(clientId: string): string {
  if (!isRemoteId(clientId)) throw new RangeError('not a client id');
  return `erased/${clientId}.json`;
}

/** The client a marker key names, or null. */
export function parseErasureMarkerKey(key: string): string | null {
  const match = /^erased\/([^/.]+)\.json$/.exec(key);
  return match && isRemoteId(match[1]) ? (match[1] as string) : null;
}

/** A marker MACed with `rosterKey`, the roster key of `epochId` (epoch 0 by default). */
export function encodeErasureMarker(marker: ErasureMarker, rosterKey: Uint8Array, epochId: string = LEGACY_EPOCH_ID): Uint8Array {
  const fields = { ...epochFields(epochId), kind: 'erased', vault: marker.vaultId, client: marker.clientId, erasedAt: marker.erasedAt };
  const mac = readySodium().crypto_auth(encoder.encode(canonicalJson(fields)), rosterKey);
  return encoder.encode(canonicalJson({ ...fields, mac: toBase64(mac) }));
}

/** The marker, or null when it does not verify, belongs to another vault, or is filed under another client. */
export function decodeErasureMarker(bytes: Uint8Array, vaultId: string, clientId: string, rosterKeys: RosterKeyFor): ErasureMarker | null {
  if (bytes.length > MAX_BYTES) return null;
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return null;
  }
  // 1e400 (Infinity) or deep nesting would make canonicalJson throw: refuse them like a bad MAC.
  if (typeof value !== 'object' || value === null || Array.isArray(value) || jsonValueProblem(value, 2) !== null) return null;
  const { mac, ...fields } = value as Record<string, unknown>;
  const macBytes = typeof mac === 'string' ? fromBase64(mac) : undefined;
  if (!macBytes || macBytes.length !== 32) return null;
  const version = fields['v'];
  const epoch = version === 1 ? LEGACY_EPOCH_ID : version === 2 && isEpochId(fields['epoch']) ? fields['epoch'] : null;
  if (epoch === null || Object.keys(fields).length !== (version === 1 ? 5 : 6)) return null;
  const rosterKey = typeof rosterKeys === 'function' ? rosterKeys(epoch) : epoch === LEGACY_EPOCH_ID ? rosterKeys : null;
  if (rosterKey === null || rosterKey.length !== 32) return null;
  if (!readySodium().crypto_auth_verify(macBytes, encoder.encode(canonicalJson(fields)), rosterKey)) return null;
  if (fields['kind'] !== 'erased' || fields['vault'] !== vaultId || fields['client'] !== clientId) return null;
  const erasedAt = fields['erasedAt'];
  return typeof erasedAt === 'number' && Number.isSafeInteger(erasedAt) ? { vaultId, clientId, erasedAt } : null;
}
