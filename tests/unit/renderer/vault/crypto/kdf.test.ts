import { argon2Sync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  calibrateKdf,
  DEFAULT_KDF_COST,
  deriveKek,
  KDF_FLOOR,
  type KdfCost,
  type KdfParams,
  measureKdf,
  newKdfParams,
} from '../../../../../src-renderer/vault/crypto/kdf.ts';
import { FAST_COST, vaultErrorCode } from '../../../support/vault-helpers.ts';

const MiB = 1024 * 1024;
const params = (salt = new Uint8Array(16).fill(7)): KdfParams => ({ alg: 'argon2id13', ...FAST_COST, salt });

describe('deriveKek', () => {
  it('matches an independent Argon2id implementation (Node crypto.argon2Sync)', async () => {
    const p = params();
    const kek = await deriveKek('correct horse battery staple', p);
    const expected = argon2Sync('argon2id', {
      message: 'correct horse battery staple',
      nonce: p.salt,
      parallelism: 1, // libsodium's crypto_pwhash is single-lane
      tagLength: 32,
      memory: p.memLimitBytes / 1024, // KiB
      passes: p.opsLimit,
    });
    expect(kek).toHaveLength(32);
    expect(Buffer.from(kek).equals(expected)).toBe(true);
  });

  it('depends on passphrase and salt', async () => {
    const a = await deriveKek('passphrase one', params());
    const b = await deriveKek('passphrase two', params());
    const c = await deriveKek('passphrase one', params(new Uint8Array(16).fill(8)));
    expect(a).not.toEqual(b);
    expect(a).not.toEqual(c);
    expect(await deriveKek('passphrase one', params())).toEqual(a);
  });

  it('normalises the passphrase with NFKC (composed vs decomposed, full-width)', async () => {
    const composed = await deriveKek('caf\u00e9 \uff21', params());
    const decomposed = await deriveKek('cafe\u0301 A', params());
    expect(decomposed).toEqual(composed);
  });

  it('refuses parameters below the floor', async () => {
    expect(await vaultErrorCode(() => deriveKek('x', { ...params(), opsLimit: 1 }))).toBe('kdf-params-too-weak');
    expect(await vaultErrorCode(() => deriveKek('x', { ...params(), memLimitBytes: 32 * MiB }))).toBe('kdf-params-too-weak');
    await expect(deriveKek('x', { ...params(), salt: new Uint8Array(8) })).rejects.toThrow(RangeError);
    await expect(deriveKek('x', { ...params(), memLimitBytes: 4096 * MiB })).rejects.toThrow(RangeError);
  });

  it('one derivation at the floor cost (timing printed, not asserted)', async () => {
    const ms = await measureKdf(KDF_FLOOR);
    console.log(`Argon2id at the floor (2 ops, 64 MiB): ${ms.toFixed(0)} ms`);
    expect(ms).toBeGreaterThan(0);
  });
});

describe('newKdfParams', () => {
  it('gives a fresh 16-byte salt and the default cost', () => {
    const a = newKdfParams();
    const b = newKdfParams();
    expect(a).toMatchObject({ alg: 'argon2id13', ...DEFAULT_KDF_COST });
    expect(a.salt).toHaveLength(16);
    expect(a.salt).not.toEqual(b.salt);
    expect(DEFAULT_KDF_COST).toEqual({ opsLimit: 3, memLimitBytes: 256 * MiB });
    expect(KDF_FLOOR).toEqual({ opsLimit: 2, memLimitBytes: 64 * MiB });
  });
});

describe('calibrateKdf', () => {
  /** A machine where time is proportional to passes x memory. */
  const machine = (msPerOpMiB: number) => {
    const tried: KdfCost[] = [];
    const measure = async (cost: Readonly<KdfCost>) => {
      tried.push({ ...cost });
      return cost.opsLimit * (cost.memLimitBytes / MiB) * msPerOpMiB;
    };
    return { tried, measure };
  };

  it('keeps the default on a fast machine', async () => {
    const { tried, measure } = machine(1); // 768 ms at the default
    const result = await calibrateKdf(1000, measure);
    expect(result).toEqual({ cost: DEFAULT_KDF_COST, measuredMs: 768, slowerThanTarget: false });
    expect(tried).toHaveLength(1);
  });

  it('keeps the default when only a little slower than the target', async () => {
    const { measure } = machine(1.8); // 1382 ms: within 1.5x of 1000
    expect((await calibrateKdf(1000, measure)).cost).toEqual(DEFAULT_KDF_COST);
  });

  it('steps memory down first on a slow machine', async () => {
    const { tried, measure } = machine(4); // 3072 ms at the default, 1536 at 128 MiB, 768 at 64 MiB
    const result = await calibrateKdf(1000, measure);
    expect(tried.map((c) => c.memLimitBytes / MiB)).toEqual([256, 128, 64]);
    expect(result).toEqual({ cost: { opsLimit: 3, memLimitBytes: 64 * MiB }, measuredMs: 768, slowerThanTarget: false });
  });

  it('never goes below the floor and says so', async () => {
    const { tried, measure } = machine(100);
    const result = await calibrateKdf(1000, measure);
    expect(result.cost).toEqual(KDF_FLOOR);
    expect(result.slowerThanTarget).toBe(true);
    for (const cost of tried) {
      expect(cost.memLimitBytes).toBeGreaterThanOrEqual(KDF_FLOOR.memLimitBytes);
      expect(cost.opsLimit).toBeGreaterThanOrEqual(KDF_FLOOR.opsLimit);
    }
    expect(tried).toHaveLength(4); // 256, 128, 64 MiB at 3 ops, then 2 ops
  });
});
