/**
 * A round tells which clients' residency policy changed by another device's segments, and which
 * device that was: main records a policy that arrives by sync with it, and holds a wider one.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { getSodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import { loadOrCreateDevice } from '../../../../../src-renderer/sync/engine/device-identity.ts';
import { createClient, updateClient } from '../../../../../src-renderer/vault/repos/clients.ts';
import { clientInput } from '../../../support/store-helpers.ts';
import { device, memoryRemote, newVault } from './harness.ts';

beforeAll(async () => {
  await getSodium();
});

describe('RoundResult.policyFrom', () => {
  it('names the device whose residency change won the merge, and nothing for other fields', async () => {
    const vault = newVault();
    const a = await device(vault);
    const b = await device(vault);
    const remote = memoryRemote();
    try {
      const client = await createClient(a.workspace.ctx, clientInput({ name: 'Acme', residency: { kind: 'zone', zone: 'EEA' } }));
      await a.round(remote);
      const aId = (await loadOrCreateDevice(a.meta, vault.vaultId, a.workspace.keyRing)).id;

      expect((await b.round(remote)).policyFrom).toEqual({ [client.id]: aId });

      await updateClient(a.workspace.ctx, client.id, { notes: 'no policy change' });
      await a.round(remote);
      expect((await b.round(remote)).policyFrom).toEqual({});

      await updateClient(a.workspace.ctx, client.id, { residency: { kind: 'zone', zone: 'EEA+adequacy' } });
      await a.round(remote);
      expect((await b.round(remote)).policyFrom).toEqual({ [client.id]: aId });
      // A device's own segments are not "from" anyone.
      expect((await a.round(remote)).policyFrom).toEqual({});
    } finally {
      a.workspace.close();
      b.workspace.close();
    }
  });
});
