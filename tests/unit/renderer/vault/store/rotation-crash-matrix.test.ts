/**
 * A passphrase change (a rotation) interrupted at each of its writes, on a new vault and on a
 * migrated version 1 vault (no recovery public key): afterwards the vault opens with the
 * passphrase, the recovery kit, shares of the kit and this device's key, and every client key opens.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { toBase64 } from '../../../../../src-renderer/vault/crypto/encoding.ts';
import { parseRecoveryKit } from '../../../../../src-renderer/vault/crypto/recovery-key.ts';
import { splitRecoveryKey } from '../../../../../src-renderer/vault/crypto/recovery-shares.ts';
import { createClient, getClient } from '../../../../../src-renderer/vault/repos/clients.ts';
import { changePassphraseAndRotate, finishPendingRotation } from '../../../../../src-renderer/vault/session/key-actions.ts';
import { recoverWithShares } from '../../../../../src-renderer/vault/session/recovery-share-actions.ts';
import type { UnlockOutcome } from '../../../../../src-renderer/vault/session/vault-service.ts';
import type { Workspace } from '../../../../../src-renderer/vault/session/workspace.ts';
import { clientInput } from '../../../support/store-helpers.ts';
import { createOpenVault, newDevice, PASS, sessionOf, type TestDevice } from '../../../support/epoch-helpers.ts';
import { deleteV1VaultDb, installV1Vault, v1Fixture } from '../../../support/v1-fixture.ts';

const NEW_PASS = 'a passphrase set in settings';
const CRASHES = ['pending', 'header', 'store-move', 'client-rows', 'none'] as const;
type CrashAt = (typeof CRASHES)[number];

let d: TestDevice;
beforeEach(async () => {
  await deleteV1VaultDb();
  d = newDevice();
});
afterEach(async () => {
  d.close();
  await deleteV1VaultDb();
});

/** Makes the write of step `at` fail, as a crash there would leave it. */
function crashAt(workspace: Workspace, at: CrashAt): void {
  const fail = () => Promise.reject(new Error(`crash at ${at}`));
  if (at === 'pending') vi.spyOn(d.meta, 'setEpochStore').mockImplementationOnce(fail);
  if (at === 'header') vi.spyOn(d.meta, 'saveHeader').mockImplementationOnce(fail);
  if (at === 'store-move') {
    const real = d.meta.setEpochStore.bind(d.meta);
    vi.spyOn(d.meta, 'setEpochStore').mockImplementationOnce(real).mockImplementationOnce(fail);
  }
  if (at === 'client-rows') vi.spyOn(workspace.ctx.db.clientKeys, 'put').mockRejectedValueOnce(new Error(`crash at ${at}`));
}

async function expectOpens(outcome: UnlockOutcome, clients: Record<string, string>, how: string): Promise<Workspace> {
  expect(outcome.ok, `${how}: ${outcome.ok ? '' : outcome.message}`).toBe(true);
  const ws = await d.open(sessionOf(outcome));
  expect(ws.keyFailures, how).toEqual([]);
  for (const [id, name] of Object.entries(clients)) expect((await getClient(ws.ctx, id)).name, how).toBe(name);
  return ws;
}

async function everyWayIn(vaultId: string, kit: string, clients: Record<string, string>): Promise<void> {
  const byNew = await d.service.unlock(NEW_PASS);
  const byPass = byNew.ok ? byNew : await d.service.unlock(PASS);
  const ws = await expectOpens(byPass, clients, 'passphrase');
  const root = toBase64(ws.keyRing.rootKey());
  ws.close();
  (await expectOpens(await d.service.resetWithRecovery(kit, 'set with the kit'), clients, 'kit')).close();
  const shares = await splitRecoveryKey(parseRecoveryKit(kit), vaultId, 2, 3);
  const byShares = await recoverWithShares(d.service, [shares[0]?.text ?? '', shares[2]?.text ?? ''], vaultId, 'set with shares');
  (await expectOpens(byShares, clients, 'shares')).close();
  (await expectOpens(await d.service.unlockWithDevice({ read: async () => root }), clients, 'this device')).close();
  // A rotation left pending is finished from Settings → Security: the passphrase last set still opens.
  const last = await expectOpens(await d.service.unlock('set with shares'), clients, 'passphrase after the resets');
  expect(await finishPendingRotation(last)).toMatchObject({ ok: true });
  last.close();
  (await expectOpens(await d.service.unlock('set with shares'), clients, 'passphrase after finishing')).close();
  (await expectOpens(await d.service.resetWithRecovery(kit, 'set with the kit again'), clients, 'kit after finishing')).close();
}

describe.each(CRASHES)('a passphrase change interrupted at %s', (at) => {
  it('a new vault opens every way, with every client key', async () => {
    const { workspace, recoveryKit, vaultId } = await createOpenVault(d);
    const client = await createClient(workspace.ctx, clientInput({ name: 'Before the change' }));
    crashAt(workspace, at);
    expect((await changePassphraseAndRotate(workspace, PASS, NEW_PASS)).ok).toBe(at === 'none');
    vi.restoreAllMocks();
    workspace.close();
    await everyWayIn(vaultId, recoveryKit, { [client.id]: 'Before the change' });
  });

  it('a migrated version 1 vault (no recovery public key) opens every way, with every client key', async () => {
    await installV1Vault(d.meta);
    const workspace = await d.open(sessionOf(await d.service.unlock(v1Fixture.passphrase)));
    // The fixture's passphrase plays the part of PASS here.
    const outcome = await changePassphraseAndRotate(workspace, v1Fixture.passphrase, PASS);
    expect(outcome.ok).toBe(true);
    crashAt(workspace, at);
    expect((await changePassphraseAndRotate(workspace, PASS, NEW_PASS)).ok).toBe(at === 'none');
    vi.restoreAllMocks();
    workspace.close();
    await everyWayIn(v1Fixture.vaultId, v1Fixture.recoveryKit, { [v1Fixture.clientId]: v1Fixture.clientName });
  });
});
