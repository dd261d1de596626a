/**
 * The presence ledger travels in the workspace partition: a trip entered on one device reaches the
 * other, and two devices correcting the same day offline merge field by field (one row per day,
 * since the day is the id), each field's later write winning.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { getSodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import { listPresenceDays, putPresenceDays, removePresenceDay } from '../../../../../src-renderer/vault/repos/presence-days.ts';
import { deleteTrip, listTrips, writeTrips } from '../../../../../src-renderer/vault/repos/trips.ts';
import { device, memoryRemote, newVault } from './harness.ts';

beforeAll(async () => {
  await getSodium();
});

describe('presence ledger sync', () => {
  it('carries trips and their deletes to the other device', async () => {
    const vault = newVault();
    const remote = memoryRemote();
    const a = await device(vault);
    const b = await device(vault);
    try {
      const [trip] = await writeTrips(
        a.workspace.ctx,
        [{ from: '2026-03-01', to: '2026-03-20', country: 'PT', note: 'Łódź Analytics, Zürich' }],
        () => undefined,
      );
      await a.round(remote);
      await b.round(remote);
      expect(await listTrips(b.workspace.ctx)).toEqual([trip]);
      await deleteTrip(b.workspace.ctx, trip!.id);
      await b.round(remote);
      await a.round(remote);
      expect(await listTrips(a.workspace.ctx)).toEqual([]);
    } finally {
      a.workspace.close();
      b.workspace.close();
    }
  });

  it('merges two offline corrections of one day per field, and both devices converge', async () => {
    const vault = newVault();
    const remote = memoryRemote();
    const a = await device(vault);
    const b = await device(vault);
    try {
      await putPresenceDays(a.workspace.ctx, [{ day: '2026-03-21', stays: [{ country: 'PT' }], note: '' }]);
      await a.round(remote);
      await b.round(remote);
      // Offline: A says the day ended in Spain; B, later, adds a note.
      await putPresenceDays(a.workspace.ctx, [{ day: '2026-03-21', stays: [{ country: 'PT' }, { country: 'ES', midnight: true }], note: '' }]);
      await putPresenceDays(b.workspace.ctx, [{ day: '2026-03-21', stays: [{ country: 'PT' }], note: 'Αθήνα flight cancelled' }]);
      await a.round(remote);
      await b.round(remote);
      await a.round(remote);
      const onA = await listPresenceDays(a.workspace.ctx);
      const onB = await listPresenceDays(b.workspace.ctx);
      expect(onA.map((d) => [d.id, d.stays, d.note])).toEqual([
        ['2026-03-21', [{ country: 'PT' }, { country: 'ES', midnight: true }], 'Αθήνα flight cancelled'],
      ]);
      expect(onB).toEqual(onA);
      // Cleared on B: cleared on A too.
      await removePresenceDay(b.workspace.ctx, '2026-03-21');
      await b.round(remote);
      await a.round(remote);
      expect(await listPresenceDays(a.workspace.ctx)).toEqual([]);
    } finally {
      a.workspace.close();
      b.workspace.close();
    }
  });

  it("merges two offline edits of one trip to one device's days and country, never a mix (both devices converge)", async () => {
    const vault = newVault();
    const remote = memoryRemote();
    const a = await device(vault);
    const b = await device(vault);
    try {
      const [trip] = await writeTrips(a.workspace.ctx, [{ from: '2026-03-01', to: '2026-03-10', country: 'FR', note: '' }], () => undefined);
      await a.round(remote);
      await b.round(remote);
      // Offline: A moves the trip to 20–25 March; B, later, only shortens it to end on 5 March.
      await writeTrips(a.workspace.ctx, [{ ...trip!, from: '2026-03-20', to: '2026-03-25' }], () => undefined);
      // "Later" by the clock: in the same millisecond the HLC tie goes to the higher counter or node id.
      await new Promise((resolve) => setTimeout(resolve, 5));
      await writeTrips(b.workspace.ctx, [{ ...trip!, to: '2026-03-05', note: 'Zürich' }], () => undefined);
      await a.round(remote);
      await b.round(remote);
      await a.round(remote);
      const onA = await listTrips(a.workspace.ctx);
      const onB = await listTrips(b.workspace.ctx);
      // B wrote last, so B's days win whole; the merge never yields from 20 / to 5 (unreadable).
      expect(onA.map((t) => [t.from, t.to, t.country, t.note])).toEqual([['2026-03-01', '2026-03-05', 'FR', 'Zürich']]);
      expect(onB).toEqual(onA);
    } finally {
      a.workspace.close();
      b.workspace.close();
    }
  });
});
