/**
 * What anyone who can write to the target can place there must not fail every round: a hostile
 * acknowledgement is ignored, and an unexpected failure while reading one partition's
 * acknowledgements is reported for that partition while the round and the others go on.
 */
import sodium from 'libsodium-wrappers-sumo';
import { beforeAll, describe, expect, it } from 'vitest';
import { getSodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import { setSetting } from '../../../../../src-renderer/vault/repos/settings.ts';
import { loadOrCreateDevice } from '../../../../../src-renderer/sync/engine/device-identity.ts';
import type { Remote } from '../../../../../src-renderer/sync/engine/remote.ts';
import type { RoundDeps } from '../../../../../src-renderer/sync/engine/round-types.ts';
import { device, memoryRemote, newVault, type Device } from './harness.ts';

beforeAll(async () => {
  await getSodium();
  await sodium.ready;
});

const HOUR = 3_600_000;
const extra: Partial<RoundDeps> = { targetKind: 's3', compaction: { segmentsPerSnapshot: 3, catchUpFrom: 2 } };

/** A and B in sync, A has written enough for a snapshot, and the margin has passed. */
async function compactable() {
  let t = Date.UTC(2026, 0, 5, 9);
  const now = () => t;
  const vault = newVault();
  const remote = memoryRemote();
  const [a, b] = [await device(vault, now), await device(vault, now)];
  for (const d of [a, b]) await d.round(remote, extra);
  for (let i = 0; i < 4; i++) {
    await setSetting(a.workspace.ctx, `k${i}`, i);
    await a.round(remote, extra);
  }
  await b.round(remote, extra);
  await a.round(remote, extra);
  t += 5 * HOUR;
  const idOf = async (d: Device) => (await loadOrCreateDevice(d.meta, vault.vaultId, d.workspace.keyRing)).id;
  return { vault, remote, a, b, aId: await idOf(a), bId: await idOf(b) };
}

describe('a hostile target', () => {
  it('an acknowledgement holding 1e400 is ignored: the round succeeds and the segments it would vouch for stay', async () => {
    const { vault, remote, a, b, bId } = await compactable();
    const fields = `"at":1,"device":"${bId}","n":999,"partition":"workspace","sig":"${'A'.repeat(86)}==","v":1,"vault":"${vault.vaultId}","vector":{"x":1e400}`;
    remote.objects.set(`p/workspace/ack/${bId}/999.json`, new TextEncoder().encode(`{${fields}}`));
    const result = await a.round(remote, extra);
    expect(result.heldBack).toEqual([]);
    expect(result.rejected).toEqual([]);
    await b.round(remote, extra);
    for (const d of [a, b]) d.workspace.close();
  });

  it('an unexpected failure while compacting one partition is reported for it; the round goes on', async () => {
    const { remote, a, b, bId } = await compactable();
    await setSetting(a.workspace.ctx, 'after', 'still pushed');
    const broken: Remote = {
      ...remote,
      get: async (key) => {
        if (key.startsWith(`p/workspace/ack/${bId}/`)) throw new TypeError('a bug in reading acknowledgements');
        return remote.get(key);
      },
    };
    const result = await a.round(broken, extra);
    expect(result.pushedSegments).toBe(1);
    expect(result.heldBack).toHaveLength(1);
    expect(result.heldBack[0]?.partition).toBe('workspace');
    expect(result.heldBack[0]?.reason).toMatch(/Compaction of this partition failed.*a bug in reading acknowledgements/);
    for (const d of [a, b]) d.workspace.close();
  });
});
