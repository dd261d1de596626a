/**
 * The committed test vectors (tests/fixtures/bundle, made by make-vectors.ts) decode to what
 * vector.json says. If this fails after a codec change, the format changed: bump the version
 * byte or fix the codec; regenerate the vectors only for a deliberate format change.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodePublicIdentity, decryptBundle, encodePublicIdentity, fingerprint, inspectBundle, verifyBundle } from '../../../src-renderer/bundle/codec/index.ts';
import { fromBase64 } from '../../../src-renderer/vault/crypto/encoding.ts';
import { getSodium, type Sodium } from '../../../src-renderer/vault/crypto/sodium.ts';

const dir = join(import.meta.dirname, '../../fixtures/bundle');
const vector = JSON.parse(readFileSync(join(dir, 'vector.json'), 'utf8')) as {
  signer: { identity: string; fingerprint: string; signPublicKey: string; boxPublicKey: string };
  passphrase: { file: string; passphrase: string; fileBytes: number; sha256: string; headerLength: number; headerText: string; bodyBytes: number; chunkCount: number; contentSha256: string; contentText: string };
  recipient: { file: string; recipientPublicKey: string; recipientSecretKey: string; fileBytes: number; sha256: string; headerText: string; bodyBytes: number; chunkCount: number; contentSha256: string };
};
const b64 = (text: string): Uint8Array => fromBase64(text) ?? new Uint8Array();
let sodium: Sodium;

beforeAll(async () => {
  sodium = await getSodium();
});

describe('committed bundle test vectors', () => {
  it('the signer identity in vector.json is consistent with its keys', () => {
    const id = decodePublicIdentity(vector.signer.identity);
    expect(id.signPublicKey).toEqual(b64(vector.signer.signPublicKey));
    expect(id.boxPublicKey).toEqual(b64(vector.signer.boxPublicKey));
    expect(encodePublicIdentity(id)).toBe(vector.signer.identity);
    expect(fingerprint(id.signPublicKey)).toBe(vector.signer.fingerprint);
  });

  it('vector-passphrase.caravan: framing by hand, header, signer, and content', async () => {
    const bytes = new Uint8Array(readFileSync(join(dir, vector.passphrase.file)));
    expect(sodium.to_hex(sodium.crypto_hash_sha256(bytes))).toBe(vector.passphrase.sha256);
    expect(bytes.length).toBe(vector.passphrase.fileBytes);
    // The layout of docs/bundle-format.md, read without the codec.
    expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe('CRVB');
    expect(bytes[4]).toBe(1);
    const H = new DataView(bytes.buffer).getUint32(5, false);
    expect(H).toBe(vector.passphrase.headerLength);
    expect(new TextDecoder().decode(bytes.subarray(9, 9 + H))).toBe(vector.passphrase.headerText);
    expect(bytes.length).toBe(9 + H + 24 + vector.passphrase.bodyBytes + 17 * vector.passphrase.chunkCount + 64);

    const info = inspectBundle(bytes);
    expect(info.headerText).toBe(vector.passphrase.headerText);
    expect(info.protection).toEqual({ kind: 'passphrase', opsLimit: 2, memLimitBytes: 64 * 1024 * 1024 });
    expect(info.signer.fingerprint).toBe(vector.signer.fingerprint);
    expect((await verifyBundle(bytes)).chunkCount).toBe(1);

    const { content } = await decryptBundle(bytes, { kind: 'passphrase', passphrase: vector.passphrase.passphrase });
    expect(new TextDecoder().decode(content)).toBe(vector.passphrase.contentText);
    expect(sodium.to_hex(sodium.crypto_hash_sha256(content))).toBe(vector.passphrase.contentSha256);
    await expect(decryptBundle(bytes, { kind: 'passphrase', passphrase: `${vector.passphrase.passphrase}!` })).rejects.toMatchObject({ code: 'wrong-passphrase' });
  });

  it('vector-recipient.caravan: two chunks, opened by the published recipient key', async () => {
    const bytes = new Uint8Array(readFileSync(join(dir, vector.recipient.file)));
    expect(sodium.to_hex(sodium.crypto_hash_sha256(bytes))).toBe(vector.recipient.sha256);
    const info = inspectBundle(bytes);
    expect(info.headerText).toBe(vector.recipient.headerText);
    expect(info.chunkCount).toBe(2);
    expect(info.meta).toEqual({ kind: 'project', variant: 'handoff', createdAt: 1_764_460_800_000, residency: { kind: 'countries', countries: ['DE', 'AT'] } });
    const { content } = await decryptBundle(bytes, { kind: 'recipient', publicKey: b64(vector.recipient.recipientPublicKey), privateKey: b64(vector.recipient.recipientSecretKey) });
    expect(content.length).toBe(vector.recipient.bodyBytes);
    expect(sodium.to_hex(sodium.crypto_hash_sha256(content))).toBe(vector.recipient.contentSha256);
  });

  it('an independent decoder written from docs/bundle-format.md (raw libsodium, no codec) opens the passphrase vector', () => {
    const bytes = new Uint8Array(readFileSync(join(dir, vector.passphrase.file)));
    const utf8 = new TextEncoder();
    const H = ((bytes[5] as number) << 24) | ((bytes[6] as number) << 16) | ((bytes[7] as number) << 8) | (bytes[8] as number);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(9, 9 + H))) as {
      bodyBytes: number;
      signer: { sign: string };
      protection: { opsLimit: number; memLimitBytes: number; salt: string; wrappedKey: string };
    };
    const n = header.bodyBytes === 0 ? 1 : Math.ceil(header.bodyBytes / 65536);
    const signatureAt = 9 + H + 24 + header.bodyBytes + 17 * n;
    expect(signatureAt + 64).toBe(bytes.length);

    const context = utf8.encode('caravan-bundle-signature|1|');
    const message = new Uint8Array([...context, ...sodium.crypto_generichash(64, bytes.subarray(0, signatureAt), null)]);
    expect(sodium.crypto_sign_verify_detached(bytes.subarray(signatureAt), message, b64(header.signer.sign))).toBe(true);

    const p = header.protection;
    const kek = sodium.crypto_pwhash(32, utf8.encode(vector.passphrase.passphrase.normalize('NFKC')), b64(p.salt), p.opsLimit, p.memLimitBytes, sodium.crypto_pwhash_ALG_ARGON2ID13);
    const wrapped = b64(p.wrappedKey);
    const fileKey = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, wrapped.subarray(24), utf8.encode('caravan-bundle-key|1'), wrapped.subarray(0, 24), kek);

    const state = sodium.crypto_secretstream_xchacha20poly1305_init_pull(bytes.subarray(9 + H, 9 + H + 24), fileKey);
    const parts: Uint8Array[] = [];
    let at = 9 + H + 24;
    for (let i = 0; i < n; i++) {
      const length = Math.min(65536, header.bodyBytes - i * 65536) + 17;
      const opened = sodium.crypto_secretstream_xchacha20poly1305_pull(state, bytes.subarray(at, at + length), i === 0 ? bytes.subarray(0, 9 + H) : null);
      if (opened === false) throw new Error(`chunk ${i} does not decrypt`);
      expect(opened.tag).toBe(i === n - 1 ? sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL : sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
      parts.push(opened.message);
      at += length;
    }
    expect(new TextDecoder().decode(Buffer.concat(parts))).toBe(vector.passphrase.contentText);
  });
});
