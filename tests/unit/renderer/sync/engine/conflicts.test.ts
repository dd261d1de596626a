/**
 * Conflict detection through real sync rounds (harness.ts devices, an in-memory target, fake
 * clocks): two devices editing one field without having seen each other's value is a conflict on
 * both (whichever won); an edit made after seeing the other's value is not; nor are edits of
 * different fields, equal values, or a write the other device made alone.
 */
import sodium from 'libsodium-wrappers-sumo';
import { beforeAll, describe, expect, it } from 'vitest';
import { getSodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import { createClient, getClient, updateClient } from '../../../../../src-renderer/vault/repos/clients.ts';
import { loadOrCreateDevice } from '../../../../../src-renderer/sync/engine/device-identity.ts';
import { segmentOf, withSent } from '../../../../../src-renderer/sync/engine/conflicts.ts';
import { clientInput } from '../../../support/store-helpers.ts';
import { device, memoryRemote, newVault, type Device } from './harness.ts';

beforeAll(async () => {
  await getSodium();
  await sodium.ready;
});

const MINUTE = 60_000;

function fakeClock() {
  let t = Date.UTC(2026, 2, 2, 9);
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

async function idOf(d: Device, vault: ReturnType<typeof newVault>): Promise<string> {
  return (await loadOrCreateDevice(d.meta, vault.vaultId, d.workspace.keyRing)).id;
}

async function pair() {
  const clock = fakeClock();
  const vault = newVault();
  const remote = memoryRemote();
  const [a, b] = [await device(vault, clock.now), await device(vault, clock.now)];
  const client = await createClient(a.workspace.ctx, clientInput({ notes: 'first' }));
  await a.round(remote);
  await b.round(remote);
  clock.advance(MINUTE);
  // Both acknowledge what they have, as running devices do round after round.
  await a.round(remote);
  await b.round(remote);
  return { clock, vault, remote, a, b, client, aId: await idOf(a, vault), bId: await idOf(b, vault) };
}

describe('conflicts', () => {
  it('two devices edit one field offline: both list the conflict, the same value kept and the same lost', async () => {
    const { clock, remote, a, b, client, aId, bId } = await pair();
    await updateClient(a.workspace.ctx, client.id, { notes: 'from A' });
    clock.advance(MINUTE);
    await updateClient(b.workspace.ctx, client.id, { notes: 'from B' });
    clock.advance(MINUTE);
    expect((await a.round(remote)).conflicts).toEqual([]);
    // B: its own, later write wins over A's, which B had not seen when it wrote.
    const onB = (await b.round(remote)).conflicts;
    expect(onB).toHaveLength(1);
    expect(onB[0]).toMatchObject({
      partition: client.id,
      table: 'clients',
      id: client.id,
      field: 'notes',
      kept: { device: bId, write: { op: 'set', value: 'from B' } },
      lost: { device: aId, write: { op: 'set', value: 'from A' } },
    });
    // A: B's write wins over A's own; B's acknowledgement before that segment did not cover A's.
    const onA = (await a.round(remote)).conflicts;
    expect(onA).toHaveLength(1);
    expect(onA[0]).toMatchObject({ field: 'notes', kept: { device: bId, write: { value: 'from B' } }, lost: { device: aId, write: { value: 'from A' } } });
    expect((await getClient(a.workspace.ctx, client.id)).notes).toBe('from B');
    // Nothing is reported twice.
    expect((await a.round(remote)).conflicts).toEqual([]);
    expect((await b.round(remote)).conflicts).toEqual([]);
  });

  it("an edit made after seeing the other device's value is not a conflict", async () => {
    const { clock, remote, a, b, client } = await pair();
    await updateClient(a.workspace.ctx, client.id, { notes: 'from A' });
    await a.round(remote);
    clock.advance(MINUTE);
    expect((await b.round(remote)).conflicts).toEqual([]);
    expect((await getClient(b.workspace.ctx, client.id)).notes).toBe('from A');
    clock.advance(MINUTE);
    await updateClient(b.workspace.ctx, client.id, { notes: 'B, after reading A' });
    await b.round(remote);
    expect((await a.round(remote)).conflicts).toEqual([]);
    expect((await getClient(a.workspace.ctx, client.id)).notes).toBe('B, after reading A');
  });

  it('edits of different fields, or the same value on both, are no conflict', async () => {
    const { clock, remote, a, b, client } = await pair();
    await updateClient(a.workspace.ctx, client.id, { notes: 'same', name: 'Acme A' });
    clock.advance(MINUTE);
    await updateClient(b.workspace.ctx, client.id, { notes: 'same', country: 'AT' });
    await a.round(remote);
    expect((await b.round(remote)).conflicts).toEqual([]);
    expect((await a.round(remote)).conflicts).toEqual([]);
    const merged = await getClient(a.workspace.ctx, client.id);
    expect([merged.name, merged.country, merged.notes]).toEqual(['Acme A', 'AT', 'same']);
  });

  it('a remote write older than an edit of this device it never saw is always concurrent', async () => {
    const { clock, remote, a, b, client, bId } = await pair();
    await updateClient(b.workspace.ctx, client.id, { notes: 'from B' });
    await b.round(remote);
    clock.advance(MINUTE);
    // A edits after B's write reached the target but before A pulled it: A's wins, B's is lost.
    await updateClient(a.workspace.ctx, client.id, { notes: 'from A, later' });
    const onA = (await a.round(remote)).conflicts;
    expect(onA).toHaveLength(1);
    expect(onA[0]).toMatchObject({ kept: { write: { value: 'from A, later' } }, lost: { device: bId, write: { value: 'from B' } } });
  });
});

describe('the sent log', () => {
  it('finds the segment that carried a write, and forgets the oldest beyond its bound', () => {
    let log = withSent(undefined, 1, 'a'.repeat(32));
    log = withSent(log, 2, 'c'.repeat(32));
    expect(segmentOf(log, 'b'.repeat(32))).toBe(2);
    expect(segmentOf(log, 'a'.repeat(32))).toBe(1);
    expect(segmentOf(log, 'd'.repeat(32))).toBeUndefined();
    // A retry of seq 2 replaces it rather than adding a second entry.
    expect(withSent(log, 2, 'c'.repeat(32))).toHaveLength(2);
    for (let i = 3; i < 600; i++) log = withSent(log, i, 'e'.repeat(32));
    expect(log).toHaveLength(512);
  });
});
