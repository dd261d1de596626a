/**
 * Faults a signer could put behind a valid signature: streams cut at a chunk boundary, chunks
 * reordered, dropped or duplicated with a header that agrees on the length, tags out of place.
 * The secretstream chaining and the tag checks refuse each; and hostile headers are refused
 * before any allocation or key derivation.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type BundleErrorCode,
  CHUNK_BYTES,
  decryptBundle,
  inspectBundle,
  isBundleError,
  verifyBundle,
} from '../../../../../src-renderer/bundle/codec/index.ts';
import { type BundleHeader, headerBytes } from '../../../../../src-renderer/bundle/codec/header.ts';
import { sealToRecipients } from '../../../../../src-renderer/bundle/codec/key-protection.ts';
import { layoutFor } from '../../../../../src-renderer/bundle/codec/layout.ts';
import { signedRegionHash } from '../../../../../src-renderer/bundle/codec/signature.ts';
import { getSodium, type Sodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import { contentOf, META, newIdentity, type TestIdentity } from './helpers.ts';
import { COUNTRY_CODES } from '../../../../../src-preload/contract/places/country-codes.ts';

let sodium: Sodium;
let alice: TestIdentity;
let bob: TestIdentity;
let MESSAGE: number;
let FINAL: number;

beforeAll(async () => {
  sodium = await getSodium();
  [alice, bob] = await Promise.all([newIdentity(), newIdentity()]);
  MESSAGE = sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
  FINAL = sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL;
});

/**
 * A validly signed bundle whose header declares `declaredBodyBytes`, whose stream encrypts
 * `chunks` with `tags` in that order, and whose file holds the ciphertexts in `order`.
 */
function craft(declaredBodyBytes: number, chunks: Uint8Array[], tags: number[], order: number[]): Uint8Array {
  const fileKey = sodium.crypto_secretstream_xchacha20poly1305_keygen();
  const header: BundleHeader = {
    v: 1,
    kind: META.kind,
    variant: META.variant,
    createdAt: META.createdAt,
    bodyBytes: declaredBodyBytes,
    residency: META.residency,
    signer: {
      sign: sodium.to_base64(alice.signer.signPublicKey, sodium.base64_variants.ORIGINAL),
      box: sodium.to_base64(alice.signer.boxPublicKey, sodium.base64_variants.ORIGINAL),
    },
    protection: sealToRecipients(sodium, fileKey, [bob.box.publicKey]),
  };
  const raw = headerBytes(header);
  const prefix = new Uint8Array(9 + raw.length);
  prefix.set([0x43, 0x52, 0x56, 0x42, 1], 0);
  new DataView(prefix.buffer).setUint32(5, raw.length, false);
  prefix.set(raw, 9);
  const push = sodium.crypto_secretstream_xchacha20poly1305_init_push(fileKey);
  const sealed = chunks.map((chunk, i) => sodium.crypto_secretstream_xchacha20poly1305_push(push.state, chunk, i === 0 ? prefix : null, tags[i] as number));
  const parts = [prefix, push.header, ...order.map((i) => sealed[i] as Uint8Array)];
  const length = parts.reduce((n, p) => n + p.length, 0) + 64;
  if (length !== layoutFor(raw.length, declaredBodyBytes).totalBytes) throw new Error(`craft: ${length} bytes do not match the declared layout`);
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  const hash = signedRegionHash(sodium);
  hash.update(out.subarray(0, at));
  out.set(sodium.crypto_sign_detached(hash.message(), alice.signer.signSecretKey), at);
  return out;
}

async function codeOf(bytes: Uint8Array): Promise<BundleErrorCode | 'decrypted'> {
  try {
    await decryptBundle(bytes, { kind: 'recipient', ...bob.box });
    return 'decrypted';
  } catch (error) {
    if (isBundleError(error)) return error.code;
    throw error;
  }
}

const full = (seed: number) => contentOf(CHUNK_BYTES, seed);

describe('stream faults behind a valid signature', () => {
  it('the crafting is faithful: a well-formed crafted stream decrypts', async () => {
    const bytes = craft(2 * CHUNK_BYTES + 5, [full(1), full(2), contentOf(5)], [MESSAGE, MESSAGE, FINAL], [0, 1, 2]);
    await expect(verifyBundle(bytes)).resolves.toBeDefined();
    expect(await codeOf(bytes)).toBe('decrypted');
  });

  it('a stream cut at a chunk boundary (no FINAL chunk) with a header that agrees: missing-final', async () => {
    expect(await codeOf(craft(2 * CHUNK_BYTES, [full(1), full(2), contentOf(5)], [MESSAGE, MESSAGE, FINAL], [0, 1]))).toBe('missing-final');
    expect(await codeOf(craft(CHUNK_BYTES, [full(1)], [MESSAGE], [0]))).toBe('missing-final');
    expect(await codeOf(craft(0, [new Uint8Array(0)], [MESSAGE], [0]))).toBe('missing-final');
  });

  it('FINAL before the end, or a PUSH or REKEY tag mid-stream: bad-chunk', async () => {
    expect(await codeOf(craft(2 * CHUNK_BYTES, [full(1), full(2)], [FINAL, FINAL], [0, 1]))).toBe('bad-chunk');
    expect(await codeOf(craft(2 * CHUNK_BYTES, [full(1), full(2)], [sodium.crypto_secretstream_xchacha20poly1305_TAG_PUSH, FINAL], [0, 1]))).toBe('bad-chunk');
    expect(await codeOf(craft(2 * CHUNK_BYTES, [full(1), full(2)], [sodium.crypto_secretstream_xchacha20poly1305_TAG_REKEY, FINAL], [0, 1]))).toBe('bad-chunk');
  });

  it('reordered chunks: bad-chunk', async () => {
    expect(await codeOf(craft(3 * CHUNK_BYTES + 5, [full(1), full(2), full(3), contentOf(5)], [MESSAGE, MESSAGE, MESSAGE, FINAL], [0, 2, 1, 3]))).toBe(
      'bad-chunk',
    );
    expect(await codeOf(craft(2 * CHUNK_BYTES, [full(1), full(2)], [MESSAGE, FINAL], [1, 0]))).toBe('bad-chunk');
  });

  it('a dropped middle chunk with a header that agrees: bad-chunk', async () => {
    expect(await codeOf(craft(2 * CHUNK_BYTES + 5, [full(1), full(2), full(3), contentOf(5)], [MESSAGE, MESSAGE, MESSAGE, FINAL], [0, 2, 3]))).toBe(
      'bad-chunk',
    );
  });

  it('a duplicated chunk with a header that agrees: bad-chunk', async () => {
    expect(await codeOf(craft(3 * CHUNK_BYTES + 5, [full(1), full(2), contentOf(5)], [MESSAGE, MESSAGE, FINAL], [0, 1, 1, 2]))).toBe('bad-chunk');
  });

  it('chunks split other than 64 KiB then the remainder (same total length): bad-chunk', async () => {
    expect(await codeOf(craft(CHUNK_BYTES + 10, [contentOf(10), full(2)], [MESSAGE, FINAL], [0, 1]))).toBe('bad-chunk');
  });
});

describe('hostile headers are refused before any allocation or key derivation', () => {
  function framed(headerText: string, rest = new Uint8Array(100)): Uint8Array {
    const raw = new TextEncoder().encode(headerText);
    const out = new Uint8Array(9 + raw.length + rest.length);
    out.set([0x43, 0x52, 0x56, 0x42, 1], 0);
    new DataView(out.buffer).setUint32(5, raw.length, false);
    out.set(raw, 9);
    out.set(rest, 9 + raw.length);
    return out;
  }
  function attestation(country: string) {
    return { basis: 'EU-US Data Privacy Framework', country, recordedAt: 1_764_000_000_000 };
  }
  function validHeader(): Record<string, unknown> {
    const bytes = craft(10, [contentOf(10)], [FINAL], [0]);
    return JSON.parse(inspectBundle(bytes).headerText) as Record<string, unknown>;
  }
  function canonical(value: unknown): string {
    if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
    if (typeof value === 'object' && value !== null) {
      const r = value as Record<string, unknown>;
      return `{${Object.keys(r)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${canonical(r[k])}`)
        .join(',')}}`;
    }
    return JSON.stringify(value);
  }
  function refusal(bytes: Uint8Array): string {
    const started = performance.now();
    try {
      inspectBundle(bytes);
      return 'accepted';
    } catch (error) {
      expect(performance.now() - started).toBeLessThan(200);
      return isBundleError(error) ? error.code : 'other';
    }
  }
  const passphrase = (ops: number, mem: number) => ({
    alg: 'argon2id13',
    kind: 'passphrase',
    memLimitBytes: mem,
    opsLimit: ops,
    salt: 'AAAAAAAAAAAAAAAAAAAAAA==',
    wrappedKey: sodium.to_base64(new Uint8Array(72), sodium.base64_variants.ORIGINAL),
  });

  it('an Argon2id cost of 4 GiB, a million passes, or below the floor: kdf-cost', () => {
    for (const [ops, mem] of [
      [3, 4 * 1024 ** 3],
      [1_000_000, 64 * 1024 ** 2],
      [33, 64 * 1024 ** 2],
      [1, 64 * 1024 ** 2],
      [2, 8 * 1024 ** 2],
      [2, 64 * 1024 ** 2 + 1],
    ] as const) {
      const h = validHeader();
      h['protection'] = passphrase(ops, mem);
      expect(refusal(framed(canonical(h))), `${ops}/${mem}`).toBe('kdf-cost');
    }
  });

  it('a body of a terabyte: too-large; of 900 MB in a 1 kB file: truncated', () => {
    const h = validHeader();
    h['bodyBytes'] = 2 ** 40;
    expect(refusal(framed(canonical(h)))).toBe('too-large');
    h['bodyBytes'] = 900_000_000;
    expect(refusal(framed(canonical(h)))).toBe('truncated');
  });

  it('a header length of 4 GiB or 0 or 1: bad-header; of 60 000 in a short file: truncated', () => {
    const base = framed(canonical(validHeader()));
    for (const H of [0xffffffff, 65_537, 0, 1]) {
      const bytes = base.slice();
      new DataView(bytes.buffer).setUint32(5, H, false);
      expect(refusal(bytes), String(H)).toBe('bad-header');
    }
    const short = base.slice();
    new DataView(short.buffer).setUint32(5, 60_000, false);
    expect(refusal(short)).toBe('truncated');
  });

  it('non-canonical or unexpected headers: bad-header', () => {
    const h = validHeader();
    const text = canonical(h);
    const variants = [
      JSON.stringify(h, null, 1),
      text.replace('{', '{ '),
      text.replace('"v":1', '"v":1.0'),
      text.replace('"v":1', '"v":1,"v":1'),
      text.replace('"v":1', '"v":2'),
      canonical({ ...h, extra: true }),
      canonical({ ...h, name: 'Acme GmbH' }),
      canonical({ ...h, residency: { kind: 'zone', zone: 'EU', client: 'Acme' } }),
      canonical({ ...h, residency: { kind: 'countries', countries: ['de'] } }),
      canonical({ ...h, residency: { kind: 'countries', countries: ['DE', 'DE'] } }),
      canonical({ ...h, residency: { kind: 'countries', countries: [] } }),
      canonical({ ...h, residency: { kind: 'zone', zone: 'US' } }),
      // Codes Caravan does not know (the contract's country list), and a country's attestation twice.
      canonical({ ...h, residency: { kind: 'countries', countries: ['ZZ'] } }),
      canonical({ ...h, residency: { kind: 'countries', countries: ['EL'] } }),
      canonical({ ...h, residency: { kind: 'zone', zone: 'EEA+adequacy', attestations: [attestation('US'), attestation('US')] } }),
      canonical({ ...h, residency: { kind: 'zone', zone: 'EEA+adequacy', attestations: [{ ...attestation('US'), basis: ' DPF ' }] } }),
      canonical({ ...h, residency: { kind: 'zone', zone: 'EEA+adequacy', attestations: [{ ...attestation('US'), basis: '' }] } }),
      canonical({ ...h, residency: { kind: 'zone', zone: 'EEA+adequacy', attestations: [{ ...attestation('US'), recordedAt: 0 }] } }),
      canonical({ ...h, kind: 'vault' }),
      canonical({ ...h, variant: 'partial' }),
      canonical({ ...h, createdAt: -1 }),
      canonical({ ...h, bodyBytes: 1.5 }),
      canonical({ ...h, signer: { sign: 'AAAA', box: 'AAAA' } }),
      canonical({ ...h, protection: { kind: 'recipients', sealed: [] } }),
      canonical({
        ...h,
        protection: { kind: 'recipients', sealed: Array.from({ length: 65 }, () => sodium.to_base64(new Uint8Array(80), sodium.base64_variants.ORIGINAL)) },
      }),
      canonical({ ...h, protection: { ...passphrase(2, 64 * 1024 ** 2), alg: 'scrypt' } }),
      '[]',
      'null',
      '\u00ff\u00fe',
    ];
    for (const text of variants) expect(refusal(framed(text)), text.slice(0, 120)).toBe('bad-header');
    // Invalid UTF-8.
    const bytes = framed(canonical(h));
    bytes[20] = 0xff;
    expect(refusal(bytes)).toBe('bad-header');
  });

  it('a residency the contract accepts passes the header check: XK, every known code once, attestations', () => {
    const h = validHeader();
    const residencies = [
      { kind: 'countries', countries: ['DE', 'XK'] },
      { kind: 'countries', countries: [...COUNTRY_CODES].reverse() },
      { kind: 'countries', countries: ['US', 'CA'], attestations: [attestation('CA'), attestation('US')] },
    ];
    for (const residency of residencies) expect(refusal(framed(canonical({ ...h, residency })))).not.toBe('bad-header');
  });
});
