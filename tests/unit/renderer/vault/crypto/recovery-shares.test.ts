import { describe, expect, it } from 'vitest';
import { combine } from 'shamir-secret-sharing';
import { parseHeader, serializeHeader } from '../../../../../src-renderer/vault/crypto/header.ts';
import { formatRecoveryKit, generateRecoveryKey, parseRecoveryKit } from '../../../../../src-renderer/vault/crypto/recovery-key.ts';
import { combineRecoveryShares, progressText, readShareSet } from '../../../../../src-renderer/vault/crypto/recovery-share-set.ts';
import {
  combineShamir,
  encodeShare,
  parseRecoveryShare,
  RecoveryShareError,
  SHARE_CHARS,
  SHARE_GROUPS,
  splitRecoveryKey,
  vaultTag,
  type RecoveryShareErrorCode,
} from '../../../../../src-renderer/vault/crypto/recovery-shares.ts';
import { createVault, type CreatedVault, unlockWithRecovery } from '../../../../../src-renderer/vault/crypto/vault-keys.ts';
import { FAST_COST, vaultErrorCode } from '../../../support/vault-helpers.ts';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const VAULT = '3f2a9c1e-0b4d-4e6f-8a7b-1c2d3e4f5a6b';
const OTHER_VAULT = '5b1e07aa-0b4d-4e6f-8a7b-1c2d3e4f5a6b';
const SHARE_RE = /^[0-9A-HJKMNP-TV-Z]{4}(?:-[0-9A-HJKMNP-TV-Z]{4}){17}$/;

/** The code of the RecoveryShareError `run` throws; its message must read as a sentence, without share contents. */
async function shareErrorCode(run: () => unknown): Promise<RecoveryShareErrorCode> {
  try {
    await run();
  } catch (error) {
    if (!(error instanceof RecoveryShareError)) throw error;
    expect(error.message.length).toBeGreaterThan(20);
    expect(error.message).not.toMatch(/[0-9A-Z]{4}-[0-9A-Z]{4}/);
    return error.code;
  }
  throw new Error('expected a RecoveryShareError, but nothing was thrown');
}

function texts(shares: readonly { text: string }[], ...indexes: number[]): string[] {
  return indexes.map((i) => shares[i]?.text ?? '');
}

/** Every k-subset of 0..n-1. */
function subsets(n: number, k: number): number[][] {
  if (k === 0) return [[]];
  const out: number[][] = [];
  for (let first = 0; first <= n - k; first++) for (const rest of subsets(n - first - 1, k - 1)) out.push([first, ...rest.map((r) => r + first + 1)]);
  return out;
}

describe('splitRecoveryKey / combineRecoveryShares', () => {
  it.each([
    [2, 2],
    [2, 3],
    [3, 5],
    [4, 4],
    [5, 10],
    [10, 10],
  ])('any %i of %i shares give back the key, in any order, with spaces and lower case', async (k, n) => {
    const key = generateRecoveryKey();
    const shares = await splitRecoveryKey(key, VAULT, k, n);
    expect(shares).toHaveLength(n);
    expect(new Set(shares.map((s) => s.setId)).size).toBe(1);
    for (const [index, share] of shares.entries()) {
      expect(share.text).toMatch(SHARE_RE);
      expect(share).toMatchObject({ number: index + 1, threshold: k, total: n, vaultTag: '3f2a9c' });
    }
    // Every subset for small splits, a handful for 10.
    const chosen = subsets(n, k).slice(0, 40);
    for (const subset of chosen) {
      const typed = texts(shares, ...subset.reverse()).map((t) => t.toLowerCase().replaceAll('-', ' '));
      expect(await combineRecoveryShares(typed, VAULT)).toEqual(key);
    }
    // More shares than needed also work.
    expect(await combineRecoveryShares(texts(shares, ...shares.map((_, i) => i)), VAULT)).toEqual(key);
  });

  it('makes a new set id and new shares each time', async () => {
    const key = generateRecoveryKey();
    const a = await splitRecoveryKey(key, VAULT, 2, 3);
    const b = await splitRecoveryKey(key, VAULT, 2, 3);
    expect(a[0]?.setId).not.toBe(b[0]?.setId);
    expect(a.map((s) => s.text)).not.toEqual(b.map((s) => s.text));
  });

  it('refuses counts outside 2 ≤ k ≤ n ≤ 10 and keys that are not 32 bytes', async () => {
    const key = generateRecoveryKey();
    for (const [k, n] of [
      [1, 3],
      [4, 3],
      [2, 11],
      [0, 0],
      [2.5, 3],
    ] as const) {
      await expect(splitRecoveryKey(key, VAULT, k, n)).rejects.toThrow(RangeError);
    }
    await expect(splitRecoveryKey(new Uint8Array(31), VAULT, 2, 3)).rejects.toThrow(RangeError);
    await expect(splitRecoveryKey(key, 'not-a-vault', 2, 3)).rejects.toThrow(RangeError);
  });
});

describe('fewer than k shares', () => {
  it('are refused by count, before any Shamir step, saying how many more are needed', async () => {
    const shares = await splitRecoveryKey(generateRecoveryKey(), VAULT, 3, 5);
    expect(await shareErrorCode(() => combineRecoveryShares(texts(shares, 0, 4), VAULT))).toBe('shares-too-few');
    await expect(combineRecoveryShares(texts(shares, 0, 4), VAULT)).rejects.toThrow('2 of 3 shares: 1 more is needed.');
    expect(await shareErrorCode(() => combineRecoveryShares(['', ''], VAULT))).toBe('shares-too-few');
    const two = await splitRecoveryKey(generateRecoveryKey(), VAULT, 2, 2);
    expect(await shareErrorCode(() => combineRecoveryShares(texts(two, 1), VAULT))).toBe('shares-too-few');
  });

  it('forced through the Shamir step, do not give the key', async () => {
    for (let round = 0; round < 20; round++) {
      const key = generateRecoveryKey();
      const shares = await splitRecoveryKey(key, VAULT, 3, 4);
      const parsed = texts(shares, 0, 2).map(parseRecoveryShare);
      const forced = await combineShamir(parsed);
      expect(forced).toHaveLength(32);
      expect(forced).not.toEqual(key);
    }
  });

  it('fit every possible key equally: for any key there is a k-th share completing them to it', async () => {
    // Perfect secrecy, shown constructively: given k-1 real shares and any target key, a k-th
    // share exists (one per unused x) that makes the set combine to the target. So k-1 shares
    // say nothing about which key is the real one.
    const key = generateRecoveryKey();
    const shares = await splitRecoveryKey(key, VAULT, 3, 3);
    const known = texts(shares, 0, 1).map(parseRecoveryShare);
    const usedX = new Set(known.map((s) => s.shamir[32]));
    const x = [...Array(255).keys()].map((i) => i + 1).find((v) => !usedX.has(v)) as number;
    for (const target of [new Uint8Array(32), new Uint8Array(32).fill(0xff), generateRecoveryKey(), key]) {
      // p(x) = q(0) with q(t) = p(t + x) (addition is XOR in GF(2^8)): the library's combine at 0 evaluates p at x.
      const shifted = [Uint8Array.from([...target, x]), ...known.map((s) => Uint8Array.from([...s.shamir.subarray(0, 32), (s.shamir[32] as number) ^ x]))];
      const y = await combine(shifted);
      const forged = await combineShamir([...known, { ...known[0]!, number: 3, shamir: Uint8Array.from([...y, x]) }]);
      expect(forged).toEqual(target);
    }
  });

  it('do not open the vault', async () => {
    const vault: CreatedVault = await createVault('correct horse battery staple', FAST_COST);
    const header = parseHeader(serializeHeader(vault.header));
    const recoveryKey = parseRecoveryKit(vault.recoveryKit);
    const shares = await splitRecoveryKey(recoveryKey, header.vaultId, 3, 5);
    const forced = await combineShamir(texts(shares, 1, 3).map(parseRecoveryShare));
    expect(await vaultErrorCode(() => unlockWithRecovery(header, formatRecoveryKit(forced)))).toBe('wrong-recovery-key');
    // The full set does open it, through the kit path the unlock screen uses.
    const combined = await combineRecoveryShares(texts(shares, 4, 1, 3), header.vaultId);
    expect(await unlockWithRecovery(header, formatRecoveryKit(combined))).toEqual(vault.vaultKey);
  });

  it('carry nothing computed from the key but their Shamir share', async () => {
    // Two different keys split with the same head: each share differs only in its Shamir bytes.
    const head = { number: 1, threshold: 2, total: 3, vaultTag: '3f2a9c', setId: '01234567' };
    const a = parseRecoveryShare(encodeShare(head, new Uint8Array(33).fill(7)));
    const b = parseRecoveryShare(encodeShare(head, new Uint8Array(33).fill(9)));
    expect({ ...a, shamir: null }).toEqual({ ...b, shamir: null });
    // The 72 characters are the 9-byte head, the 33-byte Shamir share and the checksum: no room for a key check.
    expect(SHARE_CHARS).toBe(((9 + 33 + 3) * 8) / 5);
  });
});

describe('parseRecoveryShare', () => {
  it('catches every single-character typo, and every swap of neighbours, before any crypto', async () => {
    const [share] = await splitRecoveryKey(generateRecoveryKey(), VAULT, 2, 3);
    const chars = share!.text.replaceAll('-', '');
    let tried = 0;
    for (let i = 0; i < chars.length; i++) {
      for (const replacement of ALPHABET) {
        if (replacement === chars[i]) continue;
        const typo = chars.slice(0, i) + replacement + chars.slice(i + 1);
        expect(() => parseRecoveryShare(typo)).toThrow(expect.objectContaining({ code: 'share-typo' }));
        tried++;
      }
      if (i + 1 < chars.length && chars[i] !== chars[i + 1]) {
        const swapped = chars.slice(0, i) + chars[i + 1] + chars[i] + chars.slice(i + 2);
        expect(() => parseRecoveryShare(swapped)).toThrow(RecoveryShareError);
      }
    }
    expect(tried).toBe(72 * 31);
  });

  it('says what is wrong in words: a stray character, a missing group, a kit in the wrong place', async () => {
    const [share] = await splitRecoveryKey(generateRecoveryKey(), VAULT, 2, 3);
    const text = share!.text;
    expect(() => parseRecoveryShare(`U${text.slice(1)}`)).toThrow('“U” in group 1 is not a character shares use');
    expect(() => parseRecoveryShare(text.slice(0, -5))).toThrow(`A share has ${SHARE_GROUPS} groups of 4 characters; this one has 68 characters`);
    expect(await shareErrorCode(() => parseRecoveryShare(formatRecoveryKit(generateRecoveryKey())))).toBe('share-is-kit');
    expect(await shareErrorCode(() => parseRecoveryShare(''))).toBe('share-typo');
  });

  it('refuses a share with a good checksum whose contents cannot be, or from a newer Caravan', () => {
    const shamir = Uint8Array.from({ length: 33 }, (_, i) => i + 1);
    const base = { number: 1, threshold: 2, total: 3, vaultTag: '3f2a9c', setId: '01234567' };
    const forge = (patch: (bytes: number[]) => void) => {
      // Re-encode by hand so the head can hold what encodeShare refuses to write.
      const good = encodeShare(base, shamir);
      const decoded = decode(good);
      patch(decoded);
      return encode(decoded);
    };
    expect(() => parseRecoveryShare(forge(() => {}))).not.toThrow();
    expect(() => parseRecoveryShare(forge((b) => (b[0] = 0x14)))).toThrow(expect.objectContaining({ code: 'share-damaged' })); // 4 needed of 3
    expect(() => parseRecoveryShare(forge((b) => (b[0] = 0x24)))).toThrow(expect.objectContaining({ code: 'share-unsupported' }));
    expect(() => parseRecoveryShare(forge((b) => (b[0] = 0x11)))).toThrow(expect.objectContaining({ code: 'share-damaged' })); // k = 1
    expect(() => parseRecoveryShare(forge((b) => (b[1] = 0x34)))).toThrow(expect.objectContaining({ code: 'share-damaged' })); // number 4 of 3
    expect(() => parseRecoveryShare(forge((b) => (b[1] = 0x30)))).toThrow(expect.objectContaining({ code: 'share-damaged' })); // number 0
    expect(() => parseRecoveryShare(forge((b) => (b[1] = 0xb1)))).toThrow(expect.objectContaining({ code: 'share-damaged' })); // 11 made
    expect(() => parseRecoveryShare(forge((b) => (b[41] = 0)))).toThrow(expect.objectContaining({ code: 'share-damaged' })); // x = 0 is the key
  });
});

describe('readShareSet', () => {
  it('refuses a share of another vault, in words with both tags', async () => {
    const key = generateRecoveryKey();
    const ours = await splitRecoveryKey(key, VAULT, 2, 3);
    const theirs = await splitRecoveryKey(key, OTHER_VAULT, 2, 3);
    const reading = readShareSet([theirs[0]!.text, ours[1]!.text], VAULT);
    expect(reading.fields[0]).toMatchObject({ state: 'refused', error: { code: 'share-other-vault' } });
    expect(reading.fields[0]?.state === 'refused' && reading.fields[0].error.message).toContain('its vault tag is 5b1e07; this vault’s is 3f2a9c');
    expect(reading).toMatchObject({ threshold: 2, counted: 1, ready: false });
    await expect(combineRecoveryShares([theirs[0]!.text, theirs[1]!.text], VAULT)).rejects.toThrow(/^The first share: This share belongs to another vault/);
  });

  it('refuses shares of two different splits of the same key', async () => {
    const key = generateRecoveryKey();
    const a = await splitRecoveryKey(key, VAULT, 2, 3);
    const b = await splitRecoveryKey(key, VAULT, 2, 3);
    const reading = readShareSet([a[0]!.text, b[1]!.text], VAULT);
    expect(reading.fields[1]).toMatchObject({ state: 'refused', error: { code: 'shares-mixed' } });
    expect(await shareErrorCode(() => combineRecoveryShares([a[0]!.text, b[1]!.text], VAULT))).toBe('shares-mixed');
  });

  it('refuses the same share twice, however it was typed', async () => {
    const shares = await splitRecoveryKey(generateRecoveryKey(), VAULT, 2, 3);
    const again = shares[2]!.text.toLowerCase().replaceAll('-', ' ');
    const reading = readShareSet([shares[2]!.text, again], VAULT);
    expect(reading.fields[1]).toMatchObject({ state: 'refused', error: { code: 'share-duplicate' } });
    expect(reading.fields[1]?.state === 'refused' && reading.fields[1].error.message).toBe(
      'This is the same share as the first one (share 3 of 3). Type a different share.',
    );
    expect(await shareErrorCode(() => combineRecoveryShares([shares[2]!.text, again], VAULT))).toBe('share-duplicate');
  });

  it('refuses two shares claiming one number, or one x, or disagreeing about k and n', async () => {
    const shares = await splitRecoveryKey(generateRecoveryKey(), VAULT, 2, 3);
    const [first, second] = [parseRecoveryShare(shares[0]!.text), parseRecoveryShare(shares[1]!.text)];
    const sameNumber = encodeShare({ ...second, number: 1 }, second.shamir);
    expect(readShareSet([shares[0]!.text, sameNumber], VAULT).fields[1]).toMatchObject({ error: { code: 'shares-conflict' } });
    const sameX = encodeShare(second, Uint8Array.from([...second.shamir.subarray(0, 32), first.shamir[32] as number]));
    expect(readShareSet([shares[0]!.text, sameX], VAULT).fields[1]).toMatchObject({ error: { code: 'shares-conflict' } });
    const otherCounts = encodeShare({ ...second, threshold: 3 }, second.shamir);
    expect(readShareSet([shares[0]!.text, otherCounts], VAULT).fields[1]).toMatchObject({ error: { code: 'shares-conflict' } });
  });

  it('counts progress as fields are filled, and says it in words', async () => {
    const shares = await splitRecoveryKey(generateRecoveryKey(), VAULT, 3, 5);
    expect(progressText(readShareSet(['', '', ''], VAULT))).toBe('No share read yet.');
    const one = readShareSet([shares[3]!.text, '', ''], VAULT);
    expect(one).toMatchObject({ threshold: 3, counted: 1, ready: false });
    expect(progressText(one)).toBe('1 of 3 shares: 2 more are needed.');
    const mistyped = shares[0]!.text.slice(0, -1) + (shares[0]!.text.endsWith('0') ? '1' : '0');
    const typo = readShareSet([shares[3]!.text, mistyped, shares[1]!.text], VAULT);
    expect(typo).toMatchObject({ counted: 2, ready: false });
    expect(typo.fields[1]).toMatchObject({ state: 'refused', error: { code: 'share-typo' } });
    const all = readShareSet([shares[3]!.text, shares[0]!.text, shares[1]!.text], VAULT);
    expect(all).toMatchObject({ counted: 3, ready: true });
    expect(progressText(all)).toBe('3 of 3 shares: enough to recover.');
  });

  it('takes the vault tag from the vault id', () => {
    expect(vaultTag(VAULT)).toBe('3f2a9c');
    expect(() => vaultTag('3F2A9C1E-0B4D-4E6F-8A7B-1C2D3E4F5A6B')).toThrow(RangeError);
  });
});

function decode(text: string): number[] {
  const values = [...text.replaceAll('-', '')].map((c) => ALPHABET.indexOf(c));
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const v of values) {
    buffer = ((buffer << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((buffer >>> bits) & 0xff);
    }
  }
  return out;
}

/** Bytes with a fresh CRC, encoded as a share. */
function encode(bytes: number[]): string {
  const body = Uint8Array.from(bytes.slice(0, 42));
  let crc = 0xb704ce;
  for (const byte of body) {
    crc ^= byte << 16;
    for (let bit = 0; bit < 8; bit++) {
      crc <<= 1;
      if (crc & 0x1000000) crc ^= 0x1864cfb;
    }
  }
  crc &= 0xffffff;
  const all = [...body, crc >>> 16, (crc >>> 8) & 0xff, crc & 0xff];
  let chars = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of all) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      chars += ALPHABET[(buffer >>> bits) & 31];
    }
  }
  return chars;
}
