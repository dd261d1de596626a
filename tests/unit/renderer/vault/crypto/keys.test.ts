import { describe, expect, it } from 'vitest';
import { getSodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import type { KdfParams } from '../../../../../src-renderer/vault/crypto/kdf.ts';
import {
  deriveSubkeys,
  generateKey,
  newClientKey,
  SUBKEY_SPECS,
  unwrapClientKey,
  unwrapKey,
  wipe,
  wrapAd,
  wrapClientKey,
  WRAPPED_KEY_BYTES,
  wrapKey,
} from '../../../../../src-renderer/vault/crypto/keys.ts';
import { flipped, vaultErrorCode } from '../../../support/vault-helpers.ts';

const VAULT = '0f8e2a4c-1b3d-4e5f-8a9b-0c1d2e3f4a5b';
const kdf: KdfParams = { alg: 'argon2id13', opsLimit: 3, memLimitBytes: 256 * 1024 * 1024, salt: new Uint8Array(16).fill(1) };

describe('generateKey', () => {
  it('gives distinct 32-byte keys', () => {
    const a = generateKey();
    expect(a).toHaveLength(32);
    expect(a).not.toEqual(generateKey());
    expect(newClientKey()).toHaveLength(32);
  });
});

describe('wrapAd', () => {
  it('is canonical JSON binding vault id, purpose and (for kek only) the KDF params', () => {
    expect(wrapAd(VAULT, kdf, 'kek')).toBe(`["caravan-key-wrap",1,"${VAULT}","kek",["argon2id13",3,268435456,"AQEBAQEBAQEBAQEBAQEBAQ=="]]`);
    expect(wrapAd(VAULT, null, 'recovery')).toBe(`["caravan-key-wrap",1,"${VAULT}","recovery",null]`);
    expect(wrapAd(VAULT, null, 'client:a|b')).toBe(`["caravan-key-wrap",1,"${VAULT}","client:a|b",null]`);
  });

  it('changes with every KDF parameter', () => {
    const base = wrapAd(VAULT, kdf, 'kek');
    expect(wrapAd(VAULT, { ...kdf, opsLimit: 4 }, 'kek')).not.toBe(base);
    expect(wrapAd(VAULT, { ...kdf, memLimitBytes: kdf.memLimitBytes * 2 }, 'kek')).not.toBe(base);
    expect(wrapAd(VAULT, { ...kdf, salt: new Uint8Array(16).fill(2) }, 'kek')).not.toBe(base);
  });

  it('refuses params where they do not belong, and missing ones', () => {
    expect(() => wrapAd(VAULT, null, 'kek')).toThrow(RangeError);
    expect(() => wrapAd(VAULT, kdf, 'recovery')).toThrow(RangeError);
    expect(() => wrapAd(VAULT, null, 'client:')).toThrow(RangeError);
    expect(() => wrapAd('', null, 'recovery')).toThrow(RangeError);
  });
});

describe('wrapKey / unwrapKey', () => {
  const ad = wrapAd(VAULT, kdf, 'kek');

  it('round-trips, with a fresh nonce each time', async () => {
    const kek = generateKey();
    const key = generateKey();
    const a = await wrapKey(kek, key, ad);
    const b = await wrapKey(kek, key, ad);
    expect(a).toHaveLength(WRAPPED_KEY_BYTES);
    expect(WRAPPED_KEY_BYTES).toBe(73);
    expect(a[0]).toBe(1);
    expect(a.subarray(1, 25)).not.toEqual(b.subarray(1, 25));
    expect(await unwrapKey(kek, a, ad)).toEqual(key);
    expect(await unwrapKey(kek, b, ad)).toEqual(key);
  });

  it('refuses the wrong key, other AD, any flipped byte, truncation and extension', async () => {
    const kek = generateKey();
    const wrapped = await wrapKey(kek, generateKey(), ad);
    expect(await vaultErrorCode(() => unwrapKey(generateKey(), wrapped, ad))).toBe('key-unwrap-failed');
    expect(await vaultErrorCode(() => unwrapKey(kek, wrapped, wrapAd(VAULT, null, 'recovery')))).toBe('key-unwrap-failed');
    const otherVault = wrapAd('11111111-2222-4333-8444-555555555555', kdf, 'kek');
    expect(await vaultErrorCode(() => unwrapKey(kek, wrapped, otherVault))).toBe('key-unwrap-failed');
    for (let i = 0; i < wrapped.length; i++) {
      expect(await vaultErrorCode(() => unwrapKey(kek, flipped(wrapped, i), ad))).toBe('key-unwrap-failed');
    }
    expect(await vaultErrorCode(() => unwrapKey(kek, wrapped.subarray(0, 72), ad))).toBe('key-unwrap-failed');
    expect(await vaultErrorCode(() => unwrapKey(kek, wrapped.subarray(0, 40), ad))).toBe('key-unwrap-failed');
    const longer = new Uint8Array(74);
    longer.set(wrapped);
    expect(await vaultErrorCode(() => unwrapKey(kek, longer, ad))).toBe('key-unwrap-failed');
  });

  it('refuses malformed keys as programming errors', async () => {
    await expect(wrapKey(new Uint8Array(16), generateKey(), ad)).rejects.toThrow(RangeError);
    await expect(wrapKey(generateKey(), new Uint8Array(31), ad)).rejects.toThrow(RangeError);
  });
});

describe('client data keys', () => {
  it('wrap under the vault key, bound to vault and client', async () => {
    const vaultKey = generateKey();
    const clientKey = newClientKey();
    const wrapped = await wrapClientKey(vaultKey, VAULT, 'client-a', clientKey);
    expect(await unwrapClientKey(vaultKey, VAULT, 'client-a', wrapped)).toEqual(clientKey);
    // A wrap moved to another client, or another vault, does not open.
    expect(await vaultErrorCode(() => unwrapClientKey(vaultKey, VAULT, 'client-b', wrapped))).toBe('key-unwrap-failed');
    expect(await vaultErrorCode(() => unwrapClientKey(vaultKey, '11111111-2222-4333-8444-555555555555', 'client-a', wrapped))).toBe('key-unwrap-failed');
    expect(await vaultErrorCode(() => unwrapClientKey(generateKey(), VAULT, 'client-a', wrapped))).toBe('key-unwrap-failed');
  });
});

describe('deriveSubkeys', () => {
  it('derives four distinct, deterministic 32-byte subkeys with crypto_kdf', async () => {
    const vaultKey = generateKey();
    const a = await deriveSubkeys(vaultKey);
    const b = await deriveSubkeys(vaultKey);
    expect(a).toEqual(b);
    const all = [a.records, a.blindIndex, a.syncSegments, a.audit];
    for (const key of all) expect(key).toHaveLength(32);
    expect(new Set(all.map((k) => Buffer.from(k).toString('hex'))).size).toBe(4);
    for (const key of all) expect(key).not.toEqual(vaultKey);
    const sodium = await getSodium();
    expect(a.blindIndex).toEqual(sodium.crypto_kdf_derive_from_key(32, 2, 'CrvnBlnd', vaultKey));
    expect(await deriveSubkeys(generateKey())).not.toEqual(a);
  });

  it('uses 8-byte contexts and distinct ids', () => {
    const specs = Object.values(SUBKEY_SPECS);
    for (const spec of specs) expect(new TextEncoder().encode(spec.context)).toHaveLength(8);
    expect(new Set(specs.map((s) => s.id)).size).toBe(specs.length);
    expect(new Set(specs.map((s) => s.context)).size).toBe(specs.length);
  });
});

describe('wipe', () => {
  it('zeroes every array given and skips missing ones', () => {
    const a = generateKey();
    const b = generateKey();
    wipe(a, undefined, b, null);
    expect(a.every((x) => x === 0)).toBe(true);
    expect(b.every((x) => x === 0)).toBe(true);
  });
});
