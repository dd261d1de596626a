/**
 * Every region of a bundle altered, every cut, every appendage: refused with the code of the
 * first check that can see it (docs/bundle-format.md, "Verification order"). Alterations behind
 * the signature are reached by re-signing with the signer's own key, which is what a faulty or
 * malicious signer could produce.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type BundleErrorCode,
  CHUNK_BYTES,
  decryptBundle,
  encodeBundle,
  inspectBundle,
  isBundleError,
  verifyBundle,
} from '../../../../../src-renderer/bundle/codec/index.ts';
import { layoutFor } from '../../../../../src-renderer/bundle/codec/layout.ts';
import { getSodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import { contentOf, headerLength, META, newIdentity, resign, type TestIdentity } from './helpers.ts';

let alice: TestIdentity;
let bob: TestIdentity;
let mallory: TestIdentity;
/** 3 full chunks and a 100-byte last one. */
let bundle: Uint8Array;
const content = contentOf(3 * CHUNK_BYTES + 100, 9);

beforeAll(async () => {
  await getSodium();
  [alice, bob, mallory] = await Promise.all([newIdentity(), newIdentity(), newIdentity()]);
  bundle = await encodeBundle({ meta: META, content, protection: { kind: 'recipients', recipients: [bob.box.publicKey] }, signer: alice.signer });
});

async function codeOf(bytes: Uint8Array): Promise<BundleErrorCode | 'decrypted'> {
  try {
    await decryptBundle(bytes, { kind: 'recipient', ...bob.box });
    return 'decrypted';
  } catch (error) {
    if (isBundleError(error)) return error.code;
    throw error;
  }
}

function flipped(bytes: Uint8Array, at: number, mask = 0x01): Uint8Array {
  const out = bytes.slice();
  out[at] = (out[at] as number) ^ mask;
  return out;
}

function layoutOf(bytes: Uint8Array) {
  const H = headerLength(bytes);
  return layoutFor(H, JSON.parse(new TextDecoder().decode(bytes.subarray(9, 9 + H))).bodyBytes as number);
}

/** The same bundle with its header text replaced (same body and signature bytes). */
function withHeader(bytes: Uint8Array, edit: (header: Record<string, unknown>) => void): Uint8Array {
  const H = headerLength(bytes);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(9, 9 + H))) as Record<string, unknown>;
  edit(header);
  const text = new TextEncoder().encode(canonical(header));
  const out = new Uint8Array(bytes.length - H + text.length);
  out.set(bytes.subarray(0, 9), 0);
  new DataView(out.buffer).setUint32(5, text.length, false);
  out.set(text, 9);
  out.set(bytes.subarray(9 + H), 9 + text.length);
  return out;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(record[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

describe('tampering with each region', () => {
  it('the intact bundle decrypts (the control)', async () => {
    expect(await codeOf(bundle)).toBe('decrypted');
  });

  it('magic bytes: bad-magic', async () => {
    for (let i = 0; i < 4; i++) expect(await codeOf(flipped(bundle, i))).toBe('bad-magic');
  });

  it('version byte: unsupported-version', async () => {
    expect(await codeOf(flipped(bundle, 4))).toBe('unsupported-version');
    const v2 = bundle.slice();
    v2[4] = 2;
    expect(await codeOf(v2)).toBe('unsupported-version');
  });

  it('header length field: each bit of each byte is refused (bad-header or truncated)', async () => {
    for (let i = 5; i < 9; i++) {
      for (let bit = 0; bit < 8; bit++) expect(['bad-header', 'truncated']).toContain(await codeOf(flipped(bundle, i, 1 << bit)));
    }
  });

  it('every header byte flipped: refused before decryption, never decrypted', async () => {
    const H = headerLength(bundle);
    const seen = new Set<string>();
    for (let i = 9; i < 9 + H; i++) {
      const code = await codeOf(flipped(bundle, i));
      seen.add(code);
      expect(['bad-header', 'bad-signature', 'truncated', 'trailing-data', 'too-large', 'kdf-cost']).toContain(code);
    }
    // Both syntactic damage and a still-valid header with changed values occur.
    expect(seen).toContain('bad-header');
    expect(seen).toContain('bad-signature');
  });

  it('semantic header edits keep the header valid and are caught by the signature; re-signed, by the chunk-0 associated data', async () => {
    const edits: ((h: Record<string, unknown>) => void)[] = [
      (h) => (h['variant'] = 'handoff'),
      (h) => (h['createdAt'] = (h['createdAt'] as number) + 1),
      (h) => (h['residency'] = { kind: 'device-only' }),
      (h) => (h['residency'] = { kind: 'zone', zone: 'EU' }),
    ];
    for (const edit of edits) {
      const edited = withHeader(bundle, edit);
      expect(() => inspectBundle(edited)).not.toThrow();
      expect(await codeOf(edited)).toBe('bad-signature');
      expect(await codeOf(resign(edited, alice.signer.signSecretKey))).toBe('bad-chunk');
    }
  });

  it('someone who cannot decrypt cannot claim the bundle: their keys in the header and their signature verify, but it does not decrypt', async () => {
    const sodium = await getSodium();
    const claimed = withHeader(bundle, (h) => {
      h['signer'] = {
        sign: sodium.to_base64(mallory.signer.signPublicKey, sodium.base64_variants.ORIGINAL),
        box: sodium.to_base64(mallory.signer.boxPublicKey, sodium.base64_variants.ORIGINAL),
      };
    });
    const signed = resign(claimed, mallory.signer.signSecretKey);
    await expect(verifyBundle(signed)).resolves.toBeDefined();
    expect(await codeOf(signed)).toBe('bad-chunk');
  });

  it('secretstream header bytes: bad-signature; re-signed: bad-chunk', async () => {
    const { streamHeaderAt, chunksAt } = layoutOf(bundle);
    for (let i = streamHeaderAt; i < chunksAt; i++) {
      expect(await codeOf(flipped(bundle, i))).toBe('bad-signature');
      expect(await codeOf(resign(flipped(bundle, i), alice.signer.signSecretKey))).toBe('bad-chunk');
    }
  });

  it('each chunk (first byte, tag byte, middle, MAC): bad-signature; re-signed: bad-chunk', async () => {
    const layout = layoutOf(bundle);
    let at = layout.chunksAt;
    for (let c = 0; c < layout.chunkCount; c++) {
      const length = Math.min(CHUNK_BYTES, layout.bodyBytes - c * CHUNK_BYTES) + 17;
      for (const offset of [0, 1, Math.floor(length / 2), length - 16, length - 1]) {
        expect(await codeOf(flipped(bundle, at + offset))).toBe('bad-signature');
        expect(await codeOf(resign(flipped(bundle, at + offset), alice.signer.signSecretKey))).toBe('bad-chunk');
      }
      at += length;
    }
    expect(at).toBe(layout.signatureAt);
  });

  it('every signature byte: bad-signature', async () => {
    const at = bundle.length - 64;
    for (let i = at; i < bundle.length; i++) expect(await codeOf(flipped(bundle, i))).toBe('bad-signature');
    const zeroed = bundle.slice();
    zeroed.fill(0, at);
    expect(await codeOf(zeroed)).toBe('bad-signature');
  });
});

describe('truncation and trailing data', () => {
  it('cut at every chunk boundary, mid-chunk, inside the header and the signature: truncated', async () => {
    const layout = layoutOf(bundle);
    const cuts = [0, 1, 3, 4, 8, 9, 100, layout.streamHeaderAt, layout.streamHeaderAt + 10, layout.chunksAt];
    let at = layout.chunksAt;
    for (let c = 0; c < layout.chunkCount; c++) {
      const length = Math.min(CHUNK_BYTES, layout.bodyBytes - c * CHUNK_BYTES) + 17;
      cuts.push(at + 1, at + Math.floor(length / 2), at + length - 1, at + length);
      at += length;
    }
    cuts.push(layout.signatureAt + 32, bundle.length - 1);
    for (const cut of cuts) {
      expect(cut).toBeLessThan(bundle.length);
      expect(await codeOf(bundle.subarray(0, cut)), `cut at ${cut}`).toBe('truncated');
    }
  });

  it('every possible cut of a small bundle is truncated', async () => {
    const small = await encodeBundle({
      meta: META,
      content: contentOf(40),
      protection: { kind: 'recipients', recipients: [bob.box.publicKey] },
      signer: alice.signer,
    });
    for (let cut = 0; cut < small.length; cut++) {
      let code: string | undefined;
      try {
        inspectBundle(small.subarray(0, cut));
      } catch (error) {
        code = isBundleError(error) ? error.code : 'other';
      }
      expect(code, `cut at ${cut}`).toBe('truncated');
    }
  });

  it('bytes after the signature: trailing-data, whatever they are', async () => {
    for (const extra of [new Uint8Array(1), new Uint8Array(64), bundle.subarray(bundle.length - 64), bundle]) {
      const longer = new Uint8Array(bundle.length + extra.length);
      longer.set(bundle, 0);
      longer.set(extra, bundle.length);
      expect(await codeOf(longer)).toBe('trailing-data');
    }
  });

  it('a dropped or duplicated chunk changes the length the header fixes: truncated / trailing-data', async () => {
    const { chunksAt } = layoutOf(bundle);
    const one = CHUNK_BYTES + 17;
    const dropped = new Uint8Array(bundle.length - one);
    dropped.set(bundle.subarray(0, chunksAt + one), 0);
    dropped.set(bundle.subarray(chunksAt + 2 * one), chunksAt + one);
    expect(await codeOf(dropped)).toBe('truncated');
    expect(await codeOf(resign(dropped, alice.signer.signSecretKey))).toBe('truncated');
    const duplicated = new Uint8Array(bundle.length + one);
    duplicated.set(bundle.subarray(0, chunksAt + 2 * one), 0);
    duplicated.set(bundle.subarray(chunksAt + one), chunksAt + 2 * one);
    expect(await codeOf(duplicated)).toBe('trailing-data');
  });

  it('swapped chunks of equal length: bad-signature; re-signed: bad-chunk', async () => {
    const { chunksAt } = layoutOf(bundle);
    const one = CHUNK_BYTES + 17;
    const [a, b] = [chunksAt + one, chunksAt + 2 * one];
    const swapped = bundle.slice();
    swapped.set(bundle.subarray(b, b + one), a);
    swapped.set(bundle.subarray(a, a + one), b);
    expect(swapped).not.toEqual(bundle);
    expect(await codeOf(swapped)).toBe('bad-signature');
    expect(await codeOf(resign(swapped, alice.signer.signSecretKey))).toBe('bad-chunk');
  });
});
