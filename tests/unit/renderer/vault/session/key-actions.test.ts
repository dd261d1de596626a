/** Settings → Security's key workflows: outcomes in words, nothing changed on a failure. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseHeader } from '../../../../../src-renderer/vault/crypto/header.ts';
import {
  addRecoveryKit,
  changePassphraseAndRotate,
  finishPendingRotation,
  keyStatus,
  rotateNow,
} from '../../../../../src-renderer/vault/session/key-actions.ts';
import { createOpenVault, newDevice, PASS, type TestDevice } from '../../../support/epoch-helpers.ts';

const devices: TestDevice[] = [];
afterEach(() => {
  for (const d of devices.splice(0)) d.close();
});
function device(): TestDevice {
  const d = newDevice();
  devices.push(d);
  return d;
}

describe('key actions', () => {
  it('rotate now: a wrong passphrase says so and changes nothing; the right one moves to the next generation', async () => {
    const d = device();
    const { workspace } = await createOpenVault(d);
    const before = await d.meta.headerText();
    expect(await rotateNow(workspace, 'nope')).toEqual({ ok: false, message: 'The passphrase is not right. Nothing was changed.' });
    expect(await d.meta.headerText()).toBe(before);
    expect((await keyStatus(workspace)).generation).toBe(1);
    expect(await rotateNow(workspace, PASS)).toEqual({ ok: true, generation: 2 });
    const status = await keyStatus(workspace);
    expect(status).toMatchObject({ generation: 2, pending: null, recoveryNeedsKit: false });
    expect(status.since).toBeGreaterThan(0);
  });

  it('a passphrase change is generation + 1, and only the new passphrase opens the header', async () => {
    const d = device();
    const { workspace } = await createOpenVault(d);
    expect(await changePassphraseAndRotate(workspace, 'wrong', 'new one here')).toMatchObject({ ok: false });
    expect(await changePassphraseAndRotate(workspace, PASS, 'new one here')).toEqual({ ok: true, generation: 2 });
    const header = parseHeader((await d.meta.headerText()) ?? '');
    expect(header.version === 2 && header.epoch.n).toBe(2);
    expect(await d.service.unlock(PASS)).toMatchObject({ ok: false, code: 'wrong-passphrase' });
    expect((await d.service.unlock('new one here')).ok).toBe(true);
  });

  it('a passphrase change that did not finish: the status says putting it in use sets that passphrase; a rotation that did not, says nothing of it', async () => {
    const d = device();
    const { workspace } = await createOpenVault(d);
    vi.spyOn(d.meta, 'saveHeader').mockRejectedValueOnce(new Error('disk full'));
    expect(await changePassphraseAndRotate(workspace, PASS, 'typed then')).toMatchObject({ ok: false });
    expect(await keyStatus(workspace)).toMatchObject({ pending: { n: 2 }, pendingSetsPassphrase: true });
    // Changing the passphrase again rewraps the pending key under the one typed now.
    expect(await changePassphraseAndRotate(workspace, PASS, 'typed now')).toEqual({ ok: true, generation: 2 });
    expect((await d.service.unlock('typed now')).ok).toBe(true);

    vi.spyOn(d.meta, 'saveHeader').mockRejectedValueOnce(new Error('disk full'));
    expect(await rotateNow(workspace, 'typed now')).toMatchObject({ ok: false });
    expect(await keyStatus(workspace)).toMatchObject({ pending: { n: 3 }, pendingSetsPassphrase: false });
    vi.restoreAllMocks();
  });

  it('finishing with nothing pending is a no-op; the kit on a new vault is already in the header', async () => {
    const d = device();
    const { workspace, recoveryKit } = await createOpenVault(d);
    expect(await finishPendingRotation(workspace)).toEqual({ ok: true, generation: 1 });
    expect(await addRecoveryKit(workspace, recoveryKit)).toEqual({ ok: true });
    expect(await addRecoveryKit(workspace, 'AAAA-BBBB')).toMatchObject({ ok: false, message: expect.stringMatching(/typo/) });
  });
});
