/** Header version 2 (docs/key-epochs.md): shape, strictness, and an unlock that checks every key before using it. */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { parseHeader, serializeHeader, type VaultHeaderV2 } from '../../../../../src-renderer/vault/crypto/header.ts';
import { generateKey } from '../../../../../src-renderer/vault/crypto/keys.ts';
import { newEpoch } from '../../../../../src-renderer/vault/crypto/key-purposes.ts';
import { formatRecoveryKit, generateRecoveryKey } from '../../../../../src-renderer/vault/crypto/recovery-key.ts';
import { getSodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import {
  createVault,
  type CreatedVault,
  openRootWithEpoch,
  openWithPassphrase,
  openWithRecovery,
  rotatedHeader,
} from '../../../../../src-renderer/vault/crypto/vault-keys.ts';
import { deriveKek } from '../../../../../src-renderer/vault/crypto/kdf.ts';
import { FAST_COST, flipped, vaultErrorCode } from '../../../support/vault-helpers.ts';

const PASS = 'correct horse battery staple';
let vault: CreatedVault;
let text: string;
beforeAll(async () => {
  await getSodium();
  vault = await createVault(PASS, FAST_COST, { now: 1_763_900_000_000 });
  text = serializeHeader(vault.header);
});

/** The header JSON, loosely typed so a test can damage any part of it. */
interface Loose {
  [key: string]: unknown;
  epoch: Record<string, unknown>;
  recovery: Record<string, unknown>;
}

function edited(edit: (json: Loose) => void): string {
  const json = JSON.parse(text) as Loose;
  edit(json);
  return JSON.stringify(json);
}

describe('header version 2', () => {
  it('is written by createVault with the documented fields, and round-trips', () => {
    const json = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual([
      'format',
      'version',
      'vaultId',
      'createdAt',
      'kdf',
      'epoch',
      'epochCheck',
      'rootCheck',
      'wrappedByPassphrase',
      'wrappedRoot',
      'recovery',
    ]);
    expect(json.version).toBe(2);
    expect(Object.keys(json.recovery as object)).toEqual(['root', 'publicKey', 'sealed']);
    expect(parseHeader(text)).toEqual(vault.header);
  });

  it('is strict: unknown or missing fields, a lone public key, bad epochs and lengths are damage; version 3 is newer', async () => {
    const cases: Array<[string, (j: Loose) => void]> = [
      ['unknown field', (j) => (j.extra = 1)],
      ['version 1 field', (j) => (j.wrappedByRecovery = j.wrappedRoot)],
      ['no epochCheck', (j) => delete j.epochCheck],
      ['short rootCheck', (j) => (j.rootCheck = 'AAAA')],
      ['public key without sealed', (j) => delete j.recovery.sealed],
      ['sealed without public key', (j) => delete j.recovery.publicKey],
      ['recovery extra', (j) => (j.recovery.kit = 'x')],
      ['epoch id not hex', (j) => (j.epoch.id = 'ZZZZZZZZZZZZZZZZ')],
      ['epoch n 0', (j) => (j.epoch.n = 0)],
      ['epoch extra', (j) => (j.epoch.at = 1)],
      ['epoch parent itself', (j) => (j.epoch.parent = j.epoch.id)],
      ['epoch id legacy', (j) => (j.epoch.id = 'legacy')],
    ];
    for (const [what, edit] of cases) expect(await vaultErrorCode(() => parseHeader(edited(edit))), what).toBe('header-corrupt');
    expect(await vaultErrorCode(() => parseHeader(edited((j) => (j.version = 3))))).toBe('header-unsupported-version');
    // A migrated vault's header has no public key yet: valid.
    expect(parseHeader(edited((j) => (j.recovery = { root: j.recovery.root }))).version).toBe(2);
  });
});

describe('unlocking a version 2 header', () => {
  it('opens R and E with the passphrase, and R and E with the kit (E from the sealed box)', async () => {
    const header = parseHeader(text);
    const byPass = await openWithPassphrase(header, PASS);
    expect(byPass.root).toEqual(vault.vaultKey);
    expect(byPass.epoch).toEqual(vault.epoch);
    expect(byPass.kek).toBeNull();
    const byKit = await openWithRecovery(header, vault.recoveryKit);
    expect(byKit.root).toEqual(vault.vaultKey);
    expect(byKit.epoch).toEqual(vault.epoch);
  });

  it('binds the epoch into the passphrase wrap: a header claiming another epoch does not open', async () => {
    const other = parseHeader(edited((j) => (j.epoch.id = '0123456789abcdef')));
    expect(await vaultErrorCode(() => openWithPassphrase(other, PASS))).toBe('wrong-passphrase');
  });

  it('refuses an epoch key or root key that does not match the check values', async () => {
    const header = parseHeader(text) as VaultHeaderV2;
    expect(await vaultErrorCode(() => openWithPassphrase({ ...header, epochCheck: flipped(header.epochCheck, 0) }, PASS))).toBe('key-check-failed');
    expect(await vaultErrorCode(() => openWithPassphrase({ ...header, rootCheck: flipped(header.rootCheck, 3) }, PASS))).toBe('key-check-failed');
    expect(await vaultErrorCode(() => openWithPassphrase({ ...header, wrappedRoot: flipped(header.wrappedRoot, 30) }, PASS))).toBe('key-check-failed');
    // A random key presented as this epoch's is refused before it is used for anything.
    expect(await vaultErrorCode(() => openRootWithEpoch(header, { epoch: header.epoch, key: generateKey() }))).toBe('key-check-failed');
  });

  it('a refused unlock wipes every key it opened before refusing (passphrase and kit, each check value)', async () => {
    const header = parseHeader(text) as VaultHeaderV2;
    const sodium = await getSodium();
    // Every key a decryption or sealed box hands out during the unlock, to see it zeroed afterwards.
    const opened: Uint8Array[] = [];
    const origDecrypt = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt.bind(sodium);
    const origSealOpen = sodium.crypto_box_seal_open.bind(sodium);
    const d = vi.spyOn(sodium, 'crypto_aead_xchacha20poly1305_ietf_decrypt').mockImplementation(((...args: Parameters<typeof origDecrypt>) => {
      const out: unknown = origDecrypt(...args);
      opened.push(out as Uint8Array);
      return out;
    }) as typeof origDecrypt);
    const o = vi.spyOn(sodium, 'crypto_box_seal_open').mockImplementation(((...args: Parameters<typeof origSealOpen>) => {
      const out: unknown = origSealOpen(...args);
      opened.push(out as Uint8Array);
      return out;
    }) as typeof origSealOpen);
    try {
      const cases: [string, () => Promise<unknown>][] = [
        ['passphrase, rootCheck altered', () => openWithPassphrase({ ...header, rootCheck: flipped(header.rootCheck, 3) }, PASS)],
        ['passphrase, epochCheck altered', () => openWithPassphrase({ ...header, epochCheck: flipped(header.epochCheck, 0) }, PASS)],
        ['kit, epochCheck altered', () => openWithRecovery({ ...header, epochCheck: flipped(header.epochCheck, 0) }, vault.recoveryKit)],
        ['kit, wrappedRoot altered', () => openWithRecovery({ ...header, wrappedRoot: flipped(header.wrappedRoot, 30) }, vault.recoveryKit)],
        ['kit, rootCheck altered', () => openWithRecovery({ ...header, rootCheck: flipped(header.rootCheck, 3) }, vault.recoveryKit)],
      ];
      for (const [name, open] of cases) {
        opened.length = 0;
        expect(await vaultErrorCode(open), name).toBe('key-check-failed');
        expect(opened.length, name).toBeGreaterThan(0);
        for (const key of opened)
          expect(
            key.every((b) => b === 0),
            name,
          ).toBe(true);
      }
    } finally {
      d.mockRestore();
      o.mockRestore();
    }
  });

  it('a forged header (its own E and R under a KEK of the same passphrase, the real rootCheck copied in) is refused', async () => {
    // Without the real R a forger cannot make wrappedRoot and the real rootCheck agree.
    const header = parseHeader(text) as VaultHeaderV2;
    const attackerRoot = generateKey();
    const planted = newEpoch(header.epoch);
    const kek = await deriveKek(PASS, header.kdf);
    const forged = await rotatedHeader(header, attackerRoot, planted, kek, header.kdf);
    const opened = await openWithPassphrase({ ...forged, rootCheck: header.rootCheck }, PASS).catch((e: unknown) => e);
    expect(opened).toMatchObject({ code: 'key-check-failed' });
  });

  it('refuses a sealed box that does not hold this epoch’s key, and a kit of another vault', async () => {
    const header = parseHeader(text) as VaultHeaderV2;
    const sodium = await getSodium();
    const otherSealed = sodium.crypto_box_seal(generateKey(), header.recovery.publicKey as Uint8Array);
    expect(await vaultErrorCode(() => openWithRecovery({ ...header, recovery: { ...header.recovery, sealed: otherSealed } }, vault.recoveryKit))).toBe(
      'key-check-failed',
    );
    expect(await vaultErrorCode(() => openWithRecovery(header, formatRecoveryKit(generateRecoveryKey())))).toBe('wrong-recovery-key');
  });

  it('a rotated header keeps R, recovery’s R wrap and public key, and moves E', async () => {
    const header = parseHeader(text) as VaultHeaderV2;
    const next = newEpoch(header.epoch);
    const kek = await deriveKek(PASS, header.kdf);
    const rotated = parseHeader(serializeHeader(await rotatedHeader(header, vault.vaultKey, next, kek, header.kdf))) as VaultHeaderV2;
    expect(rotated.epoch).toEqual(next.epoch);
    expect(rotated.recovery.root).toEqual(header.recovery.root);
    expect(rotated.recovery.publicKey).toEqual(header.recovery.publicKey);
    expect(rotated.rootCheck).toEqual(header.rootCheck);
    const opened = await openWithPassphrase(rotated, PASS);
    expect(opened.epoch?.key).toEqual(next.key);
    expect(opened.root).toEqual(vault.vaultKey);
    expect((await openWithRecovery(rotated, vault.recoveryKit)).epoch?.key).toEqual(next.key);
  });
});
