import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  checkConfirmation,
  crc24,
  formatRecoveryKit,
  generateRecoveryKey,
  parseRecoveryKit,
  RECOVERY_KIT_GROUPS,
  recoveryConfirmationChallenge,
} from '../../../../../src-renderer/vault/crypto/recovery-key.ts';
import { VaultError } from '../../../../../src-renderer/vault/crypto/errors.ts';
import { vaultErrorCode } from '../../../support/vault-helpers.ts';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const KIT_RE = /^[0-9A-HJKMNP-TV-Z]{4}(?:-[0-9A-HJKMNP-TV-Z]{4}){13}$/;

describe('crc24', () => {
  it('is CRC-24/OpenPGP (check value of "123456789")', () => {
    expect(crc24(new TextEncoder().encode('123456789'))).toBe(0x21cf02);
  });
});

describe('formatRecoveryKit / parseRecoveryKit', () => {
  it('renders 14 groups of 4 Crockford characters', () => {
    const kit = formatRecoveryKit(generateRecoveryKey());
    expect(kit).toMatch(KIT_RE);
    expect(RECOVERY_KIT_GROUPS).toBe(14);
  });

  it('round-trips every key', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (key) => {
        const kit = formatRecoveryKit(key);
        expect(kit).toMatch(KIT_RE);
        expect(parseRecoveryKit(kit)).toEqual(key);
      }),
    );
  });

  it('encodes known bytes as expected (all zeros, all ones)', () => {
    const zeros = formatRecoveryKit(new Uint8Array(32));
    expect(zeros.startsWith('0000-0000-0000')).toBe(true);
    const ones = formatRecoveryKit(new Uint8Array(32).fill(0xff));
    expect(ones.startsWith('ZZZZ-ZZZZ-ZZZZ')).toBe(true);
    expect(parseRecoveryKit(ones)).toEqual(new Uint8Array(32).fill(0xff));
  });

  it('is tolerant of case, spacing, dashes and O/0, I/1, L/1', () => {
    const key = generateRecoveryKey();
    const kit = formatRecoveryKit(key);
    const variants = [
      kit.toLowerCase(),
      kit.replaceAll('-', ' '),
      kit.replaceAll('-', ''),
      `  ${kit.replaceAll('-', ' - ')}\n`,
      kit.replaceAll('-', '\u2013'), // en dash from a word processor
      kit.replaceAll('0', 'O').replaceAll('1', 'I'),
      kit.replaceAll('0', 'o').replaceAll('1', 'l'),
      kit.replaceAll('1', 'L'),
    ];
    for (const text of variants) expect(parseRecoveryKit(text)).toEqual(key);
  });

  it('catches every single mistyped character before any crypto', async () => {
    const kit = formatRecoveryKit(generateRecoveryKey()).replaceAll('-', '');
    let checked = 0;
    for (let i = 0; i < kit.length; i++) {
      for (const char of ALPHABET) {
        if (char === kit[i]) continue;
        const typo = kit.slice(0, i) + char + kit.slice(i + 1);
        expect(await vaultErrorCode(() => parseRecoveryKit(typo))).toBe('recovery-key-typo');
        checked++;
      }
    }
    expect(checked).toBe(56 * 31);
  });

  it('catches every swap of neighbouring characters and any mistyped group', async () => {
    for (let round = 0; round < 20; round++) {
      const kit = formatRecoveryKit(generateRecoveryKey()).replaceAll('-', '');
      for (let i = 0; i + 1 < kit.length; i++) {
        if (kit[i] === kit[i + 1]) continue;
        const swapped = kit.slice(0, i) + kit[i + 1] + kit[i] + kit.slice(i + 2);
        expect(await vaultErrorCode(() => parseRecoveryKit(swapped))).toBe('recovery-key-typo');
      }
      const group = round % RECOVERY_KIT_GROUPS;
      const wrongGroup = formatRecoveryKit(generateRecoveryKey()).replaceAll('-', '').slice(0, 4);
      if (wrongGroup !== kit.slice(group * 4, group * 4 + 4)) {
        const typo = kit.slice(0, group * 4) + wrongGroup + kit.slice(group * 4 + 4);
        expect(await vaultErrorCode(() => parseRecoveryKit(typo))).toBe('recovery-key-typo');
      }
    }
  });

  it('says what is wrong: a foreign character and where, or the length', () => {
    const kit = formatRecoveryKit(generateRecoveryKey());
    const withU = `${kit.slice(0, 5)}U${kit.slice(6)}`; // first character of group 2
    expect(() => parseRecoveryKit(withU)).toThrow(/"U" in group 2/);
    expect(() => parseRecoveryKit(kit.slice(0, -5))).toThrow(/this one has 52 characters/);
    expect(() => parseRecoveryKit(`${kit}-AAAA`)).toThrow(VaultError);
    expect(() => parseRecoveryKit('')).toThrow(/has 0 characters/);
  });
});

describe('confirmation challenge', () => {
  const kit = formatRecoveryKit(generateRecoveryKey());
  const groups = kit.split('-');

  it('asks for distinct, sorted group indexes chosen by the rng', () => {
    const zero = () => 0;
    expect(recoveryConfirmationChallenge(kit, zero)).toEqual([0, 1]);
    const last = (n: number) => n - 1;
    // Fisher-Yates: 13 swaps to the front, then the displaced 0 and 1 follow.
    expect(recoveryConfirmationChallenge(kit, last, 3)).toEqual([0, 1, 13]);
    for (let i = 0; i < 200; i++) {
      const challenge = recoveryConfirmationChallenge(kit);
      expect(challenge).toHaveLength(2);
      expect(challenge[0]).toBeLessThan(challenge[1] as number);
      for (const index of challenge) expect(index).toBeGreaterThanOrEqual(0);
      for (const index of challenge) expect(index).toBeLessThan(RECOVERY_KIT_GROUPS);
    }
  });

  it('refuses a bad rng, count or kit', async () => {
    expect(() => recoveryConfirmationChallenge(kit, () => 99)).toThrow(RangeError);
    expect(() => recoveryConfirmationChallenge(kit, () => 0, 0)).toThrow(RangeError);
    expect(await vaultErrorCode(() => recoveryConfirmationChallenge('nope'))).toBe('recovery-key-typo');
  });

  it('checks the answers with the same tolerance as parsing', () => {
    const challenge = [2, 9];
    const right = [groups[2] as string, groups[9] as string];
    expect(checkConfirmation(kit, challenge, right)).toBe(true);
    const sloppy = right.map((g) => ` ${g.toLowerCase().replaceAll('0', 'o').replaceAll('1', 'l')} `);
    expect(checkConfirmation(kit, challenge, sloppy)).toBe(true);
    expect(checkConfirmation(kit, challenge, [right[0] as string, groups[8] === groups[9] ? 'ZZZU' : (groups[8] as string)])).toBe(false);
    expect(checkConfirmation(kit, challenge, [right[0] as string])).toBe(false);
    expect(checkConfirmation(kit, [], [])).toBe(false);
    expect(checkConfirmation(kit, [14], ['0000'])).toBe(false);
    expect(checkConfirmation(kit, challenge, [right[0] as string, `${right[1] as string}X`])).toBe(false);
  });
});
