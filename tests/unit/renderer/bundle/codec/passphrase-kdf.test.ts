/** The passphrase KDF can run elsewhere (the app's key worker): same bytes, same checks. */
import { beforeAll, describe, expect, it } from 'vitest';
import { getSodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import { decryptBundle, encodeBundle, isBundleError, type PassphraseKdf } from '../../../../../src-renderer/bundle/codec/index.ts';
import { directKeyOps } from '../../../../../src-renderer/vault/session/key-ops.ts';
import type { KdfParams } from '../../../../../src-renderer/vault/crypto/kdf.ts';

const COST = { opsLimit: 2, memLimitBytes: 64 * 1024 * 1024 };
const META = { kind: 'project', variant: 'full', createdAt: 1_764_000_000_000, residency: { kind: 'zone', zone: 'EEA' } } as const;
const content = new TextEncoder().encode('{"hello":"bundle"}');
let signer: { signPublicKey: Uint8Array; signSecretKey: Uint8Array; boxPublicKey: Uint8Array };

beforeAll(async () => {
  const sodium = await getSodium();
  const sign = sodium.crypto_sign_keypair();
  signer = { signPublicKey: sign.publicKey, signSecretKey: sign.privateKey, boxPublicKey: sodium.crypto_box_keypair().publicKey };
});

describe('an injected passphrase KDF', () => {
  it('is called with the bundle’s salt and cost, and interoperates with the default on both sides', async () => {
    const calls: KdfParams[] = [];
    const kdf: PassphraseKdf = async (passphrase, params) => {
      calls.push(params);
      return directKeyOps.deriveKek(passphrase, params);
    };
    const bytes = await encodeBundle({ meta: META, content, protection: { kind: 'passphrase', passphrase: 'lantern orchard', cost: COST, kdf }, signer });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ alg: 'argon2id13', ...COST });
    expect(calls[0]?.salt).toHaveLength(16);
    // Opened without the injected KDF, and with it.
    expect((await decryptBundle(bytes, { kind: 'passphrase', passphrase: 'lantern orchard' })).content).toEqual(content);
    expect((await decryptBundle(bytes, { kind: 'passphrase', passphrase: 'lantern orchard', kdf })).content).toEqual(content);
    expect(calls).toHaveLength(2);
    expect(calls[1]?.salt).toEqual(calls[0]?.salt);
    const wrong = await decryptBundle(bytes, { kind: 'passphrase', passphrase: 'wrong', kdf }).catch((e: unknown) => e);
    expect(isBundleError(wrong, 'wrong-passphrase')).toBe(true);
  });

  it('is refused when it does not return a 32-byte key, and never asked for a cost out of bounds', async () => {
    const short: PassphraseKdf = async () => new Uint8Array(16);
    await expect(encodeBundle({ meta: META, content, protection: { kind: 'passphrase', passphrase: 'x', cost: COST, kdf: short }, signer })).rejects.toThrow(
      /32-byte key/,
    );
    let called = false;
    const spy: PassphraseKdf = async (p, params) => {
      called = true;
      return directKeyOps.deriveKek(p, params);
    };
    const refused = await encodeBundle({
      meta: META,
      content,
      protection: { kind: 'passphrase', passphrase: 'x', cost: { opsLimit: 1, memLimitBytes: 1024 }, kdf: spy },
      signer,
    }).catch((e: unknown) => e);
    expect(isBundleError(refused, 'kdf-cost')).toBe(true);
    expect(called).toBe(false);
  });
});
