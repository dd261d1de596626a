import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseHeader } from '../../../../../src-renderer/vault/crypto/header.ts';
import { KDF_FLOOR } from '../../../../../src-renderer/vault/crypto/kdf.ts';
import { checkConfirmation } from '../../../../../src-renderer/vault/crypto/recovery-key.ts';
import { directKeyOps, type VaultKeyOps } from '../../../../../src-renderer/vault/session/key-ops.ts';
import { MetaStore } from '../../../../../src-renderer/vault/session/meta-store.ts';
import { VaultService } from '../../../../../src-renderer/vault/session/vault-service.ts';

// Calibration would measure real 256 MiB derivations; pin the floor cost so the suite stays fast.
const fastOps: VaultKeyOps = { ...directKeyOps, calibrate: async () => ({ cost: { ...KDF_FLOOR }, measuredMs: 100, slowerThanTarget: false }) };
const PASS = 'correct horse battery staple orbit';

let meta: MetaStore;
let now = 1_000_000;
let service: VaultService;
let dbCount = 0;

beforeEach(() => {
  meta = new MetaStore(`meta-test-${dbCount++}`);
  service = new VaultService(meta, fastOps, () => now);
});
afterEach(() => meta.close());

async function createVault() {
  const pending = await service.prepare(PASS);
  const session = await service.commit(pending);
  return { pending, session };
}

describe('VaultService', () => {
  it('reports a first run, and saves nothing until the kit is confirmed', async () => {
    expect(await service.load()).toEqual({ kind: 'absent' });
    const pending = await service.prepare(PASS);
    expect(await service.load()).toEqual({ kind: 'absent' });
    expect(pending.challenge).toHaveLength(2);
    const groups = pending.recoveryKit.split('-');
    expect(
      checkConfirmation(
        pending.recoveryKit,
        pending.challenge,
        pending.challenge.map((i) => groups[i] ?? ''),
      ),
    ).toBe(true);
    await service.commit(pending);
    expect(await service.load()).toEqual({ kind: 'locked', vaultId: pending.vaultId });
  });

  it('unlocks with the passphrase and opens the same vault key', async () => {
    const { session } = await createVault();
    const key = Uint8Array.from(session.vaultKey);
    const outcome = await service.unlock(PASS);
    expect(outcome.ok && Array.from(outcome.session.vaultKey)).toEqual(Array.from(key));
  });

  it('slows wrong passphrases down, persists the count, and resets it on success', async () => {
    await createVault();
    for (let i = 1; i <= 4; i++) {
      const outcome = await service.unlock('wrong');
      expect(outcome).toMatchObject({ ok: false, code: 'wrong-passphrase', waitMs: 0 });
    }
    const fifth = await service.unlock('wrong');
    expect(fifth).toMatchObject({ ok: false, code: 'wrong-passphrase', waitMs: 30_000 });
    // Even the right passphrase waits; a new service (a reload) still remembers.
    const reloaded = new VaultService(meta, fastOps, () => now);
    expect(await reloaded.unlock(PASS)).toMatchObject({ ok: false, code: 'throttled' });
    now += 30_001;
    expect((await reloaded.unlock(PASS)).ok).toBe(true);
    expect(await meta.throttle()).toEqual({ failures: 0, notBefore: 0 });
  });

  it('resets a forgotten passphrase with the kit: same root key and epoch, new passphrase, old one out', async () => {
    const { pending, session } = await createVault();
    const key = Array.from(session.vaultKey);
    const before = parseHeader((await meta.headerText()) ?? '');
    const viaKit = await service.resetWithRecovery(pending.recoveryKit, 'violet engine parsley glacier');
    expect(viaKit.ok && Array.from(viaKit.session.vaultKey)).toEqual(key);
    expect(viaKit.ok && viaKit.session.epoch?.epoch).toEqual(pending.epoch.epoch);
    const after = parseHeader((await meta.headerText()) ?? '');
    if (before.version !== 2 || after.version !== 2) throw new Error('version 2 headers');
    expect(Array.from(after.recovery.root)).toEqual(Array.from(before.recovery.root));
    expect(Array.from(after.kdf.salt)).not.toEqual(Array.from(before.kdf.salt));
    expect((await service.unlock(PASS)).ok).toBe(false);
    const reopened = await service.unlock('violet engine parsley glacier');
    expect(reopened.ok && Array.from(reopened.session.vaultKey)).toEqual(key);
  });

  it('refuses a kit with a typo before any key work, and a kit of another vault', async () => {
    const { pending } = await createVault();
    const typo = (pending.recoveryKit[0] === 'A' ? 'B' : 'A') + pending.recoveryKit.slice(1);
    expect(await service.resetWithRecovery(typo, 'violet engine parsley glacier')).toMatchObject({ ok: false, code: 'recovery-key-typo' });
    const other = await new VaultService(new MetaStore('meta-other'), fastOps).prepare(PASS);
    expect(await service.resetWithRecovery(other.recoveryKit, 'violet engine parsley glacier')).toMatchObject({ ok: false, code: 'wrong-recovery-key' });
    expect((await service.unlock(PASS)).ok).toBe(true);
  });

  it('reports a damaged header as damaged and leaves it untouched', async () => {
    await createVault();
    const text = (await meta.headerText()) ?? '';
    const truncated = text.slice(0, text.length / 2);
    await meta.saveHeader(truncated);
    const loaded = await service.load();
    expect(loaded.kind).toBe('damaged');
    expect(await meta.headerText()).toBe(truncated);
  });

  it('unlocks with the device key only when it is there and the right size', async () => {
    const { session } = await createVault();
    const b64 = btoa(String.fromCharCode(...session.vaultKey));
    expect((await service.unlockWithDevice({ read: async () => b64 })).ok).toBe(true);
    expect(await service.unlockWithDevice({ read: async () => null })).toMatchObject({ ok: false, code: 'device-key-missing' });
    expect(await service.unlockWithDevice({ read: async () => 'AAAA' })).toMatchObject({ ok: false, code: 'device-key-missing' });
  });

  it('lock wipes the key in memory', async () => {
    const { session } = await createVault();
    service.lock(session);
    expect(session.vaultKey.every((b) => b === 0)).toBe(true);
  });
});
