import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KDF_FLOOR } from '../../../../../src-renderer/vault/crypto/kdf.ts';
import { formatRecoveryKit, generateRecoveryKey } from '../../../../../src-renderer/vault/crypto/recovery-key.ts';
import { encodeShare, parseRecoveryShare } from '../../../../../src-renderer/vault/crypto/recovery-shares.ts';
import { directKeyOps, type VaultKeyOps } from '../../../../../src-renderer/vault/session/key-ops.ts';
import { MetaStore } from '../../../../../src-renderer/vault/session/meta-store.ts';
import { recoverWithShares, splitKit } from '../../../../../src-renderer/vault/session/recovery-share-actions.ts';
import { VaultService, type PendingVault } from '../../../../../src-renderer/vault/session/vault-service.ts';

const fastOps: VaultKeyOps = { ...directKeyOps, calibrate: async () => ({ cost: { ...KDF_FLOOR }, measuredMs: 100, slowerThanTarget: false }) };
const PASS = 'correct horse battery staple orbit';
const NEW_PASS = 'lantern meadow quartz bicycle harbour';

let meta: MetaStore;
let service: VaultService;
let pending: PendingVault;
let dbCount = 0;

beforeEach(async () => {
  meta = new MetaStore(`shares-test-${dbCount++}`);
  service = new VaultService(meta, fastOps);
  pending = await service.prepare(PASS);
  await service.commit(pending);
});
afterEach(() => meta.close());

async function shares(threshold: number, total: number) {
  const outcome = await splitKit(service, { kit: pending.recoveryKit, vaultId: pending.vaultId, threshold, total, kitFrom: 'typed' });
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.shares.map((s) => s.text);
}

describe('splitKit', () => {
  it('refuses a typed kit that does not open this vault, and one with a typo, saying so', async () => {
    const otherKit = formatRecoveryKit(generateRecoveryKey());
    const other = await splitKit(service, { kit: otherKit, vaultId: pending.vaultId, threshold: 2, total: 3, kitFrom: 'typed' });
    expect(other).toEqual({ ok: false, message: expect.stringContaining('belongs to a different vault') });
    const typoKit = (pending.recoveryKit[0] === 'A' ? 'B' : 'A') + pending.recoveryKit.slice(1);
    const typo = await splitKit(service, { kit: typoKit, vaultId: pending.vaultId, threshold: 2, total: 3, kitFrom: 'typed' });
    expect(typo).toEqual({ ok: false, message: expect.stringContaining('typo') });
  });

  it('refuses counts outside 2 ≤ needed ≤ made ≤ 10 in words', async () => {
    const outcome = await splitKit(service, { kit: pending.recoveryKit, vaultId: pending.vaultId, threshold: 4, total: 3, kitFrom: 'new-vault' });
    expect(outcome).toEqual({ ok: false, message: expect.stringContaining('2 to 10') });
  });
});

describe('recoverWithShares', () => {
  it('opens the vault with any 2 of 3 shares and sets the new passphrase; the old one stops working', async () => {
    const [a, , c] = await shares(2, 3);
    const outcome = await recoverWithShares(service, [c!, a!], pending.vaultId, NEW_PASS);
    expect(outcome.ok && Array.from(outcome.session.vaultKey)).toEqual(Array.from(pending.vaultKey));
    expect((await service.unlock(NEW_PASS)).ok).toBe(true);
    expect(await service.unlock(PASS)).toMatchObject({ ok: false, code: 'wrong-passphrase' });
  });

  it('refuses k−1 shares by count, and changes nothing', async () => {
    const [a, b] = await shares(3, 4);
    const before = await meta.headerText();
    expect(await recoverWithShares(service, [a!, b!, ''], pending.vaultId, NEW_PASS)).toMatchObject({
      ok: false,
      code: 'shares-too-few',
      message: expect.stringContaining('2 of 3 shares'),
    });
    expect(await meta.headerText()).toBe(before);
  });

  it('a share altered with a valid checksum makes a key the vault refuses, in words; nothing changes', async () => {
    const [a, b] = await shares(2, 3);
    const parsed = parseRecoveryShare(b!);
    const altered = Uint8Array.from(parsed.shamir);
    altered[0] = (altered[0] as number) ^ 0x01;
    const forged = encodeShare(parsed, altered);
    const before = await meta.headerText();
    const outcome = await recoverWithShares(service, [a!, forged], pending.vaultId, NEW_PASS);
    expect(outcome).toMatchObject({ ok: false, code: 'shares-wrong-key', message: expect.stringContaining('do not open this vault') });
    expect(await meta.headerText()).toBe(before);
    expect((await service.unlock(PASS)).ok).toBe(true);
  });

  it('refuses shares of another vault before trying anything', async () => {
    const otherMeta = new MetaStore(`shares-other-${dbCount++}`);
    const other = new VaultService(otherMeta, fastOps);
    const otherPending = await other.prepare(PASS);
    await other.commit(otherPending);
    const theirs = await splitKit(other, { kit: otherPending.recoveryKit, vaultId: otherPending.vaultId, threshold: 2, total: 2, kitFrom: 'new-vault' });
    otherMeta.close();
    if (!theirs.ok) throw new Error(theirs.message);
    const outcome = await recoverWithShares(
      service,
      theirs.shares.map((s) => s.text),
      pending.vaultId,
      NEW_PASS,
    );
    // A one-in-16-million tag collision would be refused by the vault instead.
    expect(outcome).toMatchObject({ ok: false, code: expect.stringMatching(/^(share-other-vault|shares-wrong-key)$/) });
  });
});
