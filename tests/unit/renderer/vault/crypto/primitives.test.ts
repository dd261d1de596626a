import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { fromBase64, toBase64, toHex } from '../../../../../src-renderer/vault/crypto/encoding.ts';
import { fillRandom, GET_RANDOM_VALUES_MAX_BYTES, randomBytes, randomInt } from '../../../../../src-renderer/vault/crypto/random.ts';
import { getSodium, readySodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import { isVaultError, VaultError } from '../../../../../src-renderer/vault/crypto/errors.ts';

describe('sodium', () => {
  it('refuses synchronous use before it has loaded', async () => {
    vi.resetModules(); // a fresh copy of the module, whatever other tests did
    const fresh = await import('../../../../../src-renderer/vault/crypto/sodium.ts');
    expect(() => fresh.readySodium()).toThrow(/await getSodium\(\)/);
    await fresh.getSodium();
    expect(fresh.readySodium()).toBe(await fresh.getSodium());
  });

  it('loads once and exposes Argon2id and XChaCha20-Poly1305', async () => {
    const a = await getSodium();
    const b = await getSodium();
    expect(a).toBe(b);
    expect(readySodium()).toBe(a);
    expect(a.crypto_pwhash_ALG_ARGON2ID13).toBe(2);
    expect(a.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES).toBe(24);
    expect(a.crypto_kdf_CONTEXTBYTES).toBe(8);
  });
});

describe('base64', () => {
  it('round-trips any bytes and matches the platform encoder', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const text = toBase64(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64'));
        expect(fromBase64(text)).toEqual(bytes);
      }),
    );
  });

  it('refuses non-canonical or damaged text', () => {
    const text = toBase64(new Uint8Array([1, 2, 3, 4, 5]));
    expect(fromBase64(text.slice(0, -1))).toBeUndefined(); // cut short
    expect(fromBase64(`${text} `)).toBeUndefined();
    expect(fromBase64('AQIDBAU')).toBeUndefined(); // missing padding
    expect(fromBase64('AB==')).toBeUndefined(); // non-zero padding bits
    expect(fromBase64('AQ-_')).toBeUndefined(); // URL-safe alphabet
    expect(fromBase64('')).toEqual(new Uint8Array(0));
  });

  it('hex is lowercase and fixed width', () => {
    expect(toHex(new Uint8Array([0, 10, 255]))).toBe('000aff');
  });
});

describe('random', () => {
  it('fills buffers larger than one getRandomValues call', () => {
    const big = fillRandom(new Uint8Array(GET_RANDOM_VALUES_MAX_BYTES * 2 + 17));
    // Each chunk got random bytes: the tail past every chunk boundary is not all zeros.
    for (const start of [0, GET_RANDOM_VALUES_MAX_BYTES, GET_RANDOM_VALUES_MAX_BYTES * 2]) {
      expect(big.subarray(start, start + 17).some((b) => b !== 0)).toBe(true);
    }
    expect(randomBytes(0)).toHaveLength(0);
    expect(randomBytes(GET_RANDOM_VALUES_MAX_BYTES + 1)).toHaveLength(GET_RANDOM_VALUES_MAX_BYTES + 1);
  });

  it('randomInt stays in range and covers it', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const n = randomInt(14);
      expect(n).toBeGreaterThanOrEqual(0);
      expect(n).toBeLessThan(14);
      seen.add(n);
    }
    expect(seen.size).toBe(14);
    expect(() => randomInt(0)).toThrow(RangeError);
  });
});

describe('VaultError', () => {
  it('carries a code and an actionable message with the detail', () => {
    const error = new VaultError('header-corrupt', 'kdf.salt is 12 bytes, expected 16');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('VaultError');
    expect(error.message).toBe(
      'The vault header is damaged (kdf.salt is 12 bytes, expected 16). Nothing was changed; restore it from a backup or a sync target.',
    );
    expect(isVaultError(error, 'header-corrupt')).toBe(true);
    expect(isVaultError(error, 'header-truncated')).toBe(false);
    expect(isVaultError(new Error('x'))).toBe(false);
    expect(new VaultError('wrong-passphrase').message).toMatch(/^Wrong passphrase\. Check Caps Lock/);
  });
});
