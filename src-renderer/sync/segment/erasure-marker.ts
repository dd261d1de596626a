/**
 * `erased/<client>.json`: a client was erased on one device, so every other
 * device must destroy its copy of the client's key and rows. MAC'd with the
 * roster key (only holders of the vault key can write one), bound to the
 * vault and to the client id in its name. A storage provider can delete a
 * marker (it can delete the data too) but cannot forge one.
 */
import { fromBase64, toBase64 } from '../../vault/crypto/encoding.ts';
import { readySodium } from '../../vault/crypto/sodium.ts';
import { canonicalJson, jsonValueProblem } from './canonical-json.ts';
import { isRemoteId } from './layout.ts';

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

export function encodeErasureMarker(marker: ErasureMarker, rosterKey: Uint8Array): Uint8Array {
  const fields = { v: 1, kind: 'erased', vault: marker.vaultId, client: marker.clientId, erasedAt: marker.erasedAt };
  const mac = readySodium().crypto_auth(encoder.encode(canonicalJson(fields)), rosterKey);
  return encoder.encode(canonicalJson({ ...fields, mac: toBase64(mac) }));
}

/** The marker, or null when it does not verify, belongs to another vault, or is filed under another client. */
export function decodeErasureMarker(bytes: Uint8Array, vaultId: string, clientId: string, rosterKey: Uint8Array): ErasureMarker | null {
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
  if (!readySodium().crypto_auth_verify(macBytes, encoder.encode(canonicalJson(fields)), rosterKey)) return null;
  if (fields['v'] !== 1 || fields['kind'] !== 'erased' || fields['vault'] !== vaultId || fields['client'] !== clientId) return null;
  const erasedAt = fields['erasedAt'];
  return typeof erasedAt === 'number' && Number.isSafeInteger(erasedAt) ? { vaultId, clientId, erasedAt } : null;
}
