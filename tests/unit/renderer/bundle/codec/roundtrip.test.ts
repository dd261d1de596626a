import { beforeAll, describe, expect, it } from 'vitest';
import {
  CHUNK_BYTES,
  decodePublicIdentity,
  decryptBundle,
  encodeBundle,
  encodePublicIdentity,
  fingerprint,
  inspectBundle,
  isBundleError,
  verifyBundle,
} from '../../../../../src-renderer/bundle/codec/index.ts';
import { getSodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import { contentOf, FLOOR_COST, META, newIdentity, type TestIdentity } from './helpers.ts';

let alice: TestIdentity;
let bob: TestIdentity;
let carol: TestIdentity;
let dave: TestIdentity;
let mallory: TestIdentity;

beforeAll(async () => {
  await getSodium();
  [alice, bob, carol, dave, mallory] = await Promise.all([newIdentity(), newIdentity(), newIdentity(), newIdentity(), newIdentity()]);
});

async function sealTo(content: Uint8Array, recipients: TestIdentity[]): Promise<Uint8Array> {
  return encodeBundle({ meta: META, content, protection: { kind: 'recipients', recipients: recipients.map((r) => r.box.publicKey) }, signer: alice.signer });
}

describe('bundle round trips', () => {
  it('with a passphrase: decrypts to the same bytes, and a wrong passphrase is refused', async () => {
    const content = contentOf(200_000);
    const bytes = await encodeBundle({
      meta: META,
      content,
      protection: { kind: 'passphrase', passphrase: 'correct horse battery staple', cost: FLOOR_COST },
      signer: alice.signer,
    });
    const { info, content: back } = await decryptBundle(bytes, { kind: 'passphrase', passphrase: 'correct horse battery staple' });
    expect(back).toEqual(content);
    expect(info.protection).toEqual({ kind: 'passphrase', ...FLOOR_COST });
    expect(info.meta).toEqual(META);
    expect(info.signer.signPublicKey).toEqual(alice.signer.signPublicKey);
    expect(info.signer.boxPublicKey).toEqual(alice.signer.boxPublicKey);
    expect(info.signer.fingerprint).toBe(fingerprint(alice.signer.signPublicKey));
    expect(info.chunkCount).toBe(4);
    expect(info.bodyBytes).toBe(200_000);
    await expect(decryptBundle(bytes, { kind: 'passphrase', passphrase: 'correct horse battery stapler' })).rejects.toMatchObject({ code: 'wrong-passphrase' });
    await expect(decryptBundle(bytes, { kind: 'recipient', ...bob.box })).rejects.toMatchObject({ code: 'wrong-key-kind' });
  });

  it('the passphrase is NFKC-normalised: a composed and a decomposed accent open the same bundle', async () => {
    const bytes = await encodeBundle({
      meta: META,
      content: contentOf(10),
      protection: { kind: 'passphrase', passphrase: 'caf\u00e9 au lait', cost: FLOOR_COST },
      signer: alice.signer,
    });
    const { content } = await decryptBundle(bytes, { kind: 'passphrase', passphrase: 'cafe\u0301 au lait' });
    expect(content).toEqual(contentOf(10));
  });

  it('sealed to one recipient: that recipient opens it, anyone else is not-a-recipient', async () => {
    const content = contentOf(70_000, 7);
    const bytes = await sealTo(content, [bob]);
    expect((await decryptBundle(bytes, { kind: 'recipient', ...bob.box })).content).toEqual(content);
    await expect(decryptBundle(bytes, { kind: 'recipient', ...mallory.box })).rejects.toMatchObject({ code: 'not-a-recipient' });
    // The signer is not a recipient unless the app adds its own key.
    await expect(decryptBundle(bytes, { kind: 'recipient', ...alice.box })).rejects.toMatchObject({ code: 'not-a-recipient' });
    await expect(decryptBundle(bytes, { kind: 'passphrase', passphrase: 'x' })).rejects.toMatchObject({ code: 'wrong-key-kind' });
    expect(inspectBundle(bytes).protection).toEqual({ kind: 'recipients', count: 1 });
  });

  it('sealed to three recipients: each opens it, a fourth is refused, and the header names none of them', async () => {
    const content = contentOf(5000, 3);
    const bytes = await sealTo(content, [bob, carol, dave]);
    for (const r of [bob, carol, dave]) expect((await decryptBundle(bytes, { kind: 'recipient', ...r.box })).content).toEqual(content);
    await expect(decryptBundle(bytes, { kind: 'recipient', ...mallory.box })).rejects.toMatchObject({ code: 'not-a-recipient' });
    const info = inspectBundle(bytes);
    expect(info.protection).toEqual({ kind: 'recipients', count: 3 });
    const sodium = await getSodium();
    for (const r of [bob, carol, dave]) expect(info.headerText).not.toContain(sodium.to_base64(r.box.publicKey, sodium.base64_variants.ORIGINAL));
  });

  it.each([0, 1, CHUNK_BYTES - 1, CHUNK_BYTES, CHUNK_BYTES + 1, 3 * CHUNK_BYTES, 3 * CHUNK_BYTES + 17])(
    'content of %i bytes round-trips with the right chunk count',
    async (n) => {
      const content = contentOf(n, n + 1);
      const bytes = await sealTo(content, [bob]);
      const info = await verifyBundle(bytes);
      expect(info.chunkCount).toBe(n === 0 ? 1 : Math.ceil(n / CHUNK_BYTES));
      expect(info.fileBytes).toBe(bytes.length);
      expect((await decryptBundle(bytes, { kind: 'recipient', ...bob.box })).content).toEqual(content);
    },
  );

  it('progress is monotone and ends at its total, for encode and decode', async () => {
    const content = contentOf(5 * CHUNK_BYTES + 3);
    const seen: [number, number][] = [];
    const bytes = await encodeBundle({
      meta: META,
      content,
      protection: { kind: 'recipients', recipients: [bob.box.publicKey] },
      signer: alice.signer,
      onProgress: (d, t) => seen.push([d, t]),
    });
    expect(seen.length).toBe(6);
    expect(seen.at(-1)).toEqual([content.length, content.length]);
    const decoded: [number, number][] = [];
    await decryptBundle(bytes, { kind: 'recipient', ...bob.box }, (d, t) => decoded.push([d, t]));
    const total = decoded[0]?.[1] as number;
    expect(decoded.every(([, t]) => t === total)).toBe(true);
    expect(decoded.every(([d], i) => i === 0 || d >= (decoded[i - 1] as [number, number])[0])).toBe(true);
    expect(decoded.at(-1)?.[0]).toBe(total);
  });

  it('two encodes of the same content differ (fresh file key, stream header, salt) and both decrypt', async () => {
    const a = await sealTo(contentOf(100), [bob]);
    const b = await sealTo(contentOf(100), [bob]);
    expect(a).not.toEqual(b);
  });

  it('a 60 MB content round-trips', { timeout: 120_000 }, async () => {
    const content = contentOf(60 * 1024 * 1024, 42);
    const bytes = await sealTo(content, [bob]);
    expect(bytes.length - content.length).toBeLessThan(20_000 + 17 * 1000);
    const { content: back } = await decryptBundle(bytes, { kind: 'recipient', ...bob.box });
    expect(back.length).toBe(content.length);
    expect(Buffer.compare(back, content)).toBe(0);
  });
});

describe('public identity', () => {
  it('round-trips, tolerates whitespace and upper case, and names the signer', async () => {
    const text = encodePublicIdentity(alice.signer);
    expect(text).toMatch(/^caravan1[a-z2-7]{109}$/);
    expect(decodePublicIdentity(text)).toEqual({ signPublicKey: alice.signer.signPublicKey, boxPublicKey: alice.signer.boxPublicKey });
    const pasted = `  ${text.slice(0, 40).toUpperCase()}\n${text.slice(40)}  `;
    expect(decodePublicIdentity(pasted).signPublicKey).toEqual(alice.signer.signPublicKey);
    expect(fingerprint(alice.signer.signPublicKey)).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
    expect(fingerprint(alice.signer.signPublicKey)).not.toBe(fingerprint(bob.signer.signPublicKey));
  });

  it('every single-character substitution, deletion, and adjacent swap is caught', () => {
    const text = encodePublicIdentity(alice.signer);
    const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
    let tried = 0;
    for (let i = 0; i < text.length; i++) {
      const variants = [text.slice(0, i) + text.slice(i + 1), text.slice(0, i) + text[i + 1] + text[i] + text.slice(i + 2)];
      variants.push(text.slice(0, i) + alphabet[(alphabet.indexOf(text[i] as string) + 1 + (i % 31)) % 32] + text.slice(i + 1));
      for (const v of variants) {
        if (v === text) continue;
        tried++;
        expect(() => decodePublicIdentity(v), v).toThrow(expect.objectContaining({ code: 'bad-public-key' }));
      }
    }
    expect(tried).toBeGreaterThan(300);
    for (const junk of ['', 'caravan1', 'hello', `caravan2${text.slice(8)}`, `${text}a`, `${text.slice(0, -1)}1`]) {
      let error: unknown;
      try {
        decodePublicIdentity(junk);
      } catch (e) {
        error = e;
      }
      expect(isBundleError(error, 'bad-public-key'), junk).toBe(true);
    }
  });
});

describe('encodeBundle refuses a caller mistake before any key derivation', () => {
  it('bad meta, keys or cost: RangeError or kdf-cost, quickly', async () => {
    const started = performance.now();
    const passphrase = { kind: 'passphrase' as const, passphrase: 'p', cost: FLOOR_COST };
    await expect(
      encodeBundle({ meta: { ...META, residency: { kind: 'countries', countries: [] } }, content: contentOf(1), protection: passphrase, signer: alice.signer }),
    ).rejects.toThrow(RangeError);
    await expect(encodeBundle({ meta: { ...META, createdAt: 1.5 }, content: contentOf(1), protection: passphrase, signer: alice.signer })).rejects.toThrow(
      RangeError,
    );
    await expect(
      encodeBundle({ meta: META, content: contentOf(1), protection: passphrase, signer: { ...alice.signer, signPublicKey: bob.signer.signPublicKey } }),
    ).rejects.toThrow(RangeError);
    await expect(encodeBundle({ meta: META, content: contentOf(1), protection: { kind: 'recipients', recipients: [] }, signer: alice.signer })).rejects.toThrow(
      RangeError,
    );
    await expect(
      encodeBundle({ meta: META, content: contentOf(1), protection: { kind: 'recipients', recipients: [new Uint8Array(31)] }, signer: alice.signer }),
    ).rejects.toThrow(RangeError);
    await expect(
      encodeBundle({
        meta: META,
        content: contentOf(1),
        protection: { ...passphrase, cost: { opsLimit: 1, memLimitBytes: FLOOR_COST.memLimitBytes } },
        signer: alice.signer,
      }),
    ).rejects.toMatchObject({ code: 'kdf-cost' });
    expect(performance.now() - started).toBeLessThan(200);
  });
});
