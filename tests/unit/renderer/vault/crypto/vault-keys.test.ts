import { beforeAll, describe, expect, it } from 'vitest';
import { parseHeader, serializeHeader } from '../../../../../src-renderer/vault/crypto/header.ts';
import { formatRecoveryKit, generateRecoveryKey } from '../../../../../src-renderer/vault/crypto/recovery-key.ts';
import {
  changePassphrase,
  createVault,
  type CreatedVault,
  unlockWithPassphrase,
  unlockWithRecovery,
} from '../../../../../src-renderer/vault/crypto/vault-keys.ts';
import { FAST_COST, vaultErrorCode } from '../../../support/vault-helpers.ts';
import { fromBase64 } from '../../../../../src-renderer/vault/crypto/encoding.ts';
import { v1Fixture as fixture } from '../../../support/v1-fixture.ts';

const PASS = 'correct horse battery staple';
let vault: CreatedVault;

beforeAll(async () => {
  vault = await createVault(PASS, FAST_COST, { now: 1_763_900_000_000 });
});

describe('createVault', () => {
  it('makes a header that survives serialisation and opens with passphrase and kit', async () => {
    const { header, vaultKey, recoveryKit } = vault;
    expect(vaultKey).toHaveLength(32);
    expect(header.createdAt).toBe(1_763_900_000_000);
    expect(header.kdf).toMatchObject({ alg: 'argon2id13', ...FAST_COST });
    expect(recoveryKit).toMatch(/^([0-9A-Z]{4}-){13}[0-9A-Z]{4}$/);
    const reread = parseHeader(serializeHeader(header));
    expect(reread).toEqual(header);
    expect(await unlockWithPassphrase(reread, PASS)).toEqual(vaultKey);
    expect(await unlockWithRecovery(reread, recoveryKit)).toEqual(vaultKey);
    expect(await unlockWithRecovery(reread, recoveryKit.toLowerCase().replaceAll('-', ' '))).toEqual(vaultKey);
  });

  it('gives every vault its own id, salt, vault key and recovery key', async () => {
    const other = await createVault(PASS, FAST_COST);
    expect(other.header.vaultId).not.toBe(vault.header.vaultId);
    expect(other.header.kdf.salt).not.toEqual(vault.header.kdf.salt);
    expect(other.vaultKey).not.toEqual(vault.vaultKey);
    expect(other.recoveryKit).not.toBe(vault.recoveryKit);
    // A kit is specific to its vault.
    expect(await vaultErrorCode(() => unlockWithRecovery(vault.header, other.recoveryKit))).toBe('wrong-recovery-key');
  });

  it('refuses a cost below the floor', async () => {
    expect(await vaultErrorCode(() => createVault(PASS, { opsLimit: 1, memLimitBytes: FAST_COST.memLimitBytes }))).toBe('kdf-params-too-weak');
  });
});

describe('unlocking', () => {
  it('refuses a wrong passphrase', async () => {
    for (const wrong of ['Correct horse battery staple', `${PASS} `, '', 'hunter2']) {
      expect(await vaultErrorCode(() => unlockWithPassphrase(vault.header, wrong))).toBe('wrong-passphrase');
    }
  });

  it('refuses a wrong recovery key, and reports a typo as a typo', async () => {
    const stranger = formatRecoveryKit(generateRecoveryKey());
    expect(await vaultErrorCode(() => unlockWithRecovery(vault.header, stranger))).toBe('wrong-recovery-key');
    const kit = vault.recoveryKit;
    const typo = kit.slice(0, 7) + (kit[7] === 'A' ? 'B' : 'A') + kit.slice(8);
    expect(await vaultErrorCode(() => unlockWithRecovery(vault.header, typo))).toBe('recovery-key-typo');
  });

  it('detects a header whose KDF parameters, vault id or wraps were altered', async () => {
    const { header } = vault;
    // The passphrase wrap's AD binds the KDF params: a raised cost (still valid) does not open.
    const moreOps = { ...header, kdf: { ...header.kdf, opsLimit: header.kdf.opsLimit + 1 } };
    expect(await vaultErrorCode(() => unlockWithPassphrase(moreOps, PASS))).toBe('wrong-passphrase');
    const otherId = { ...header, vaultId: '11111111-2222-4333-8444-555555555555' };
    expect(await vaultErrorCode(() => unlockWithPassphrase(otherId, PASS))).toBe('wrong-passphrase');
    expect(await vaultErrorCode(() => unlockWithRecovery(otherId, vault.recoveryKit))).toBe('wrong-recovery-key');
    const swapped = { ...header, wrappedByPassphrase: header.recovery.root, recovery: { ...header.recovery, root: header.wrappedByPassphrase } };
    expect(await vaultErrorCode(() => unlockWithPassphrase(swapped, PASS))).toBe('wrong-passphrase');
    expect(await vaultErrorCode(() => unlockWithRecovery(swapped, vault.recoveryKit))).toBe('wrong-recovery-key');
  });
});

describe('changePassphrase (version 1 headers)', () => {
  // A real version 1 header (tests/fixtures/vault-v1), made before key epochs.
  const v1 = parseHeader(fixture.headerText);
  const v1Key = fromBase64(fixture.expected.vaultKey) as Uint8Array;

  it('re-wraps the vault key only: old passphrase out, new in, kit still works, key unchanged', async () => {
    if (v1.version !== 1) throw new Error('the fixture is a version 1 header');
    expect(await unlockWithPassphrase(v1, fixture.passphrase)).toEqual(v1Key);
    const changed = parseHeader(serializeHeader(await changePassphrase(v1, v1Key, 'a new passphrase')));
    if (changed.version !== 1) throw new Error('stays version 1');
    expect(await vaultErrorCode(() => unlockWithPassphrase(changed, fixture.passphrase))).toBe('wrong-passphrase');
    expect(await unlockWithPassphrase(changed, 'a new passphrase')).toEqual(v1Key);
    expect(await unlockWithRecovery(changed, fixture.recoveryKit)).toEqual(v1Key);
    expect(changed.wrappedByRecovery).toEqual(v1.wrappedByRecovery);
    expect(changed.kdf.salt).not.toEqual(v1.kdf.salt);
    const weak = { opsLimit: 1, memLimitBytes: FAST_COST.memLimitBytes };
    expect(await vaultErrorCode(() => changePassphrase(v1, v1Key, 'x', weak))).toBe('kdf-params-too-weak');
  });
});
