/**
 * A `.caravan` decoder written from docs/bundle-format.md alone, for independent-decoder.test.ts:
 * raw libsodium-wrappers-sumo calls and Node, nothing from src-renderer or src-preload. Step
 * numbers are the document's ("Verification order"); every refusal is a SpecError with the
 * document's code. The project inside is spec-content.ts.
 */
import sodium from 'libsodium-wrappers-sumo';
import { ISO_3166_ALPHA2 } from './iso-3166.ts';

export class SpecError extends Error {
  readonly code: string;
  constructor(code: string, why: string) {
    super(`${code}: ${why}`);
    this.code = code;
  }
}

export const fail = (code: string, why: string): never => {
  throw new SpecError(code, why);
};

export type SpecKey = { passphrase: string } | { recipientSecretKey: string };

const utf8 = new TextEncoder();
const MiB = 1024 * 1024;
const COUNTRIES: ReadonlySet<string> = new Set([...ISO_3166_ALPHA2, 'XK']);
const ZONES: ReadonlySet<string> = new Set(['EU', 'EEA', 'EEA+adequacy']);

// --- Conventions -------------------------------------------------------------------------------

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Characters are code points: a surrogate pair is one, as is a lone surrogate (the string iterator's count). */
export const characters = (text: string): number => [...text].length;
/** An integer in the header: a safe integer ≥ 0 (its spelling is checked by the canonical comparison). */
export const isInteger = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const keysAre = (o: Record<string, unknown>, required: string[], optional: string[] = []) =>
  required.every((k) => Object.hasOwn(o, k)) && Object.keys(o).every((k) => required.includes(k) || optional.includes(k));

/** Strict base64: padded, standard alphabet, and the one spelling (Node's decoder is lenient, so round-trip). */
export function base64(text: unknown, length: number): Uint8Array | undefined {
  if (typeof text !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.length === length && bytes.toString('base64') === text ? new Uint8Array(bytes) : undefined;
}

/** RFC 8785 for the values a header holds: keys sorted by UTF-16 code units, ECMAScript numbers and strings. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isObject(value))
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

// --- The header (step 6) -----------------------------------------------------------------------

function residencyProblem(r: unknown): string | undefined {
  if (!isObject(r)) return 'residency is not an object';
  const attestations = (list: unknown): string | undefined => {
    if (list === undefined) return undefined;
    if (!Array.isArray(list) || list.length > 64) return 'attestations: a list of at most 64';
    if (new Set(list.map((a) => (isObject(a) ? a['country'] : a))).size !== list.length) return 'attestations: one per country';
    for (const a of list) {
      if (!isObject(a) || !keysAre(a, ['country', 'basis', 'recordedAt'])) return 'attestation fields';
      if (typeof a['country'] !== 'string' || !COUNTRIES.has(a['country'])) return 'attestation country';
      const basis = a['basis'];
      if (typeof basis !== 'string' || characters(basis) < 1 || characters(basis) > 500 || basis.trim() !== basis) return 'attestation basis';
      if (!isInteger(a['recordedAt']) || a['recordedAt'] < 1) return 'attestation recordedAt';
    }
    return undefined;
  };
  switch (r['kind']) {
    case 'device-only':
      return keysAre(r, ['kind']) ? undefined : 'device-only has no other field';
    case 'zone':
      if (!keysAre(r, ['kind', 'zone'], ['attestations'])) return 'zone fields';
      return typeof r['zone'] === 'string' && ZONES.has(r['zone']) ? attestations(r['attestations']) : 'unknown zone';
    case 'countries': {
      if (!keysAre(r, ['kind', 'countries'], ['attestations'])) return 'countries fields';
      const list = r['countries'];
      if (!Array.isArray(list) || list.length < 1 || list.length > 250) return 'countries: 1..250';
      if (!list.every((c) => typeof c === 'string' && COUNTRIES.has(c)) || new Set(list).size !== list.length) return 'countries: known and distinct';
      return attestations(r['attestations']);
    }
    default:
      return 'unknown residency kind';
  }
}

function headerProblem(h: Record<string, unknown>): string | undefined {
  if (!keysAre(h, ['bodyBytes', 'createdAt', 'kind', 'protection', 'residency', 'signer', 'v', 'variant'])) return 'header fields';
  if (h['v'] !== 1 || h['kind'] !== 'project' || (h['variant'] !== 'full' && h['variant'] !== 'handoff')) return 'v, kind or variant';
  if (!isInteger(h['createdAt']) || !isInteger(h['bodyBytes'])) return 'createdAt or bodyBytes';
  const residency = residencyProblem(h['residency']);
  if (residency !== undefined) return residency;
  const signer = h['signer'];
  if (!isObject(signer) || !keysAre(signer, ['box', 'sign']) || !base64(signer['box'], 32) || !base64(signer['sign'], 32)) return 'signer';
  const p = h['protection'];
  if (!isObject(p)) return 'protection';
  if (p['kind'] === 'passphrase') {
    if (!keysAre(p, ['alg', 'kind', 'memLimitBytes', 'opsLimit', 'salt', 'wrappedKey']) || p['alg'] !== 'argon2id13') return 'passphrase fields';
    if (!isInteger(p['opsLimit']) || !isInteger(p['memLimitBytes'])) return 'KDF cost is not two integers';
    return base64(p['salt'], 16) && base64(p['wrappedKey'], 72) ? undefined : 'salt or wrappedKey';
  }
  if (p['kind'] === 'recipients') {
    const sealed = p['sealed'];
    if (!keysAre(p, ['kind', 'sealed']) || !Array.isArray(sealed) || sealed.length < 1 || sealed.length > 64) return 'sealed: 1..64';
    return sealed.every((s) => base64(s, 80)) ? undefined : 'a sealed key';
  }
  return 'protection kind';
}

export interface SpecHeader {
  variant: 'full' | 'handoff';
  bodyBytes: number;
  signer: { sign: string; box: string };
  protection: { kind: 'passphrase'; opsLimit: number; memLimitBytes: number; salt: string; wrappedKey: string } | { kind: 'recipients'; sealed: string[] };
}

function parseHeader(raw: Uint8Array): SpecHeader {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(raw));
  } catch {
    return fail('bad-header', 'not UTF-8 JSON');
  }
  if (!isObject(value)) return fail('bad-header', 'not an object');
  const problem = headerProblem(value);
  if (problem !== undefined) return fail('bad-header', problem);
  if (Buffer.compare(Buffer.from(utf8.encode(canonical(value))), Buffer.from(raw)) !== 0) return fail('bad-header', 'not canonical');
  return value as unknown as SpecHeader;
}

// --- Steps 1-13 --------------------------------------------------------------------------------

export interface Opened {
  header: SpecHeader;
  headerText: string;
  body: Uint8Array;
}

/** Steps 1-13: the body, or a SpecError. */
export function openBundle(bytes: Uint8Array, key: SpecKey): Opened {
  for (let i = 0; i < Math.min(4, bytes.length); i++) if (bytes[i] !== 'CRVB'.charCodeAt(i)) fail('bad-magic', `byte ${i}`);
  if (bytes.length < 9) fail('truncated', 'no prefix');
  if (bytes[4] !== 1) fail('unsupported-version', `version ${bytes[4]}`);
  const H = Buffer.from(bytes).readUInt32BE(5);
  if (H < 2 || H > 65_536) fail('bad-header', `H = ${H}`);
  if (bytes.length < 9 + H) fail('truncated', 'header cut');
  const header = parseHeader(bytes.subarray(9, 9 + H));
  const B = header.bodyBytes;
  if (B > 1024 * MiB) fail('too-large', `B = ${B}`);
  const p = header.protection;
  if (p.kind === 'passphrase') {
    const { opsLimit: t, memLimitBytes: m } = p;
    if (t < 2 || t > 32 || m < 64 * MiB || m > 1024 * MiB || m % 1024 !== 0) fail('kdf-cost', `${t} passes, ${m} bytes`);
  }
  const n = Math.max(1, Math.ceil(B / 65_536));
  const S = 9 + H + 24 + B + 17 * n;
  if (bytes.length < S + 64) fail('truncated', 'short');
  if (bytes.length > S + 64) fail('trailing-data', 'long');

  const M = new Uint8Array([...utf8.encode('caravan-bundle-signature|1|'), ...sodium.crypto_generichash(64, bytes.subarray(0, S), null)]);
  if (!sodium.crypto_sign_verify_detached(bytes.subarray(S), M, base64(header.signer.sign, 32) as Uint8Array)) fail('bad-signature', 'Ed25519');

  const fileKey = openFileKey(header, key);
  const state = sodium.crypto_secretstream_xchacha20poly1305_init_pull(bytes.subarray(9 + H, 9 + H + 24), fileKey);
  const body = new Uint8Array(B);
  let at = 9 + H + 24;
  for (let i = 0; i < n; i++) {
    const p = Math.min(65_536, B - 65_536 * i);
    let opened: { message: Uint8Array; tag: number } | false;
    try {
      opened = sodium.crypto_secretstream_xchacha20poly1305_pull(state, bytes.subarray(at, at + p + 17), i === 0 ? bytes.subarray(0, 9 + H) : null);
    } catch {
      opened = false;
    }
    if (opened === false) return fail('bad-chunk', `chunk ${i}`);
    const last = i === n - 1;
    if (last && opened.tag !== sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL) fail('missing-final', `tag ${opened.tag}`);
    if (!last && opened.tag !== sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE) fail('bad-chunk', `tag ${opened.tag}`);
    body.set(opened.message, 65_536 * i);
    at += p + 17;
  }
  return { header, headerText: new TextDecoder().decode(bytes.subarray(9, 9 + H)), body };
}

/** Steps 11 and 12. */
function openFileKey(header: SpecHeader, key: SpecKey): Uint8Array {
  const p = header.protection;
  if ('passphrase' in key) {
    if (p.kind !== 'passphrase') return fail('wrong-key-kind', 'a passphrase for a recipients bundle');
    const salt = base64(p.salt, 16) as Uint8Array;
    const kek = sodium.crypto_pwhash(32, utf8.encode(key.passphrase.normalize('NFKC')), salt, p.opsLimit, p.memLimitBytes, sodium.crypto_pwhash_ALG_ARGON2ID13);
    const wrapped = base64(p.wrappedKey, 72) as Uint8Array;
    try {
      return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, wrapped.subarray(24), utf8.encode('caravan-bundle-key|1'), wrapped.subarray(0, 24), kek);
    } catch {
      return fail('wrong-passphrase', 'the wrap does not open');
    }
  }
  if (p.kind !== 'recipients') return fail('wrong-key-kind', 'a key pair for a passphrase bundle');
  const secret = base64(key.recipientSecretKey, 32) as Uint8Array;
  const pub = sodium.crypto_scalarmult_base(secret);
  for (const entry of p.sealed) {
    try {
      return sodium.crypto_box_seal_open(base64(entry, 80) as Uint8Array, pub, secret);
    } catch {
      // not sealed to this key: try the next entry
    }
  }
  return fail('not-a-recipient', `${p.sealed.length} entries`);
}
