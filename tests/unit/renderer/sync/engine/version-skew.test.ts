/**
 * Version skew (issue 22 item 8): a device that runs an older Caravan than another never loses the
 * newer device's work. The newer device is simulated by writing to its change log what a future
 * version would: a field this version's schema does not know, a table it does not know, a record
 * of a newer record schema version (`v`). Its round then ships them like any change.
 *
 * The loss story (Super Productivity #6262, devices on different versions drifting apart): an
 * older device used to call such records "incomplete", drop them from what it wrote, and a device
 * joining from the older one's snapshot never saw them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { getSodium, readySodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import { createClient, getClient, listClients, updateClient } from '../../../../../src-renderer/vault/repos/clients.ts';
import { ChangeLogWriter, readChanges } from '../../../../../src-renderer/vault/repos/change-log.ts';
import { materialize } from '../../../../../src-renderer/sync/merge/merge-state.ts';
import type { Change, Partition } from '../../../../../src-renderer/vault/store/rows.ts';
import { clientInput } from '../../../support/store-helpers.ts';
import { setSetting } from '../../../../../src-renderer/vault/repos/settings.ts';
import { listTrips, writeTrips } from '../../../../../src-renderer/vault/repos/trips.ts';
import { loadOrCreateDevice } from '../../../../../src-renderer/sync/engine/device-identity.ts';
import { READER } from '../../../../../src-renderer/sync/engine/newer-version.ts';
import { device, memoryRemote, newVault, type Device } from './harness.ts';

beforeAll(async () => {
  await getSodium();
});

type Unstamped = { op: 'set'; table: string; id: string; field: string; value: unknown } | { op: 'unset'; table: string; id: string; field: string };

/** What a newer Caravan's repository would log: one write, one HLC, as this device's own. */
async function writeAsNewer(d: Device, partition: Partition, changes: readonly Unstamped[]): Promise<void> {
  const { db, clock } = d.workspace.ctx;
  await db.transaction('rw', ['changes'], async () => {
    const log = new ChangeLogWriter(db);
    await log.begin();
    const hlc = clock.next();
    log.add(
      partition,
      hlc,
      changes.map((c) => ({ ...c, hlc }) as Change),
    );
    await log.flush();
  });
}

/** The raw stored row above the middleware (bookkeeping included). */
async function rawClientRow(d: Device, id: string): Promise<Record<string, unknown>> {
  return (await d.workspace.ctx.db.clients.get(id)) as unknown as Record<string, unknown>;
}

const DAY = 86_400_000;
const NO_SNAPSHOTS = { segmentsPerSnapshot: 1_000_000 };

describe('a newer device on an older one', () => {
  it('keeps new fields, a new table and a newer record through a week of edits on the older device and a snapshot a third device joins from', async () => {
    let now = Date.UTC(2026, 11, 1, 9);
    const clock = () => now;
    const vault = newVault();
    const remote = memoryRemote();
    const newer = await device(vault, clock);
    const older = await device(vault, clock);
    try {
      // The newer device: a client with two fields this version does not know, a mileage log (a
      // table this version does not know) in the client's partition, and a project written with
      // record schema version 9.
      const client = await createClient(newer.workspace.ctx, clientInput({ name: 'Łódź Analytics' }));
      const partition: Partition = `client:${client.id}`;
      await writeAsNewer(newer, partition, [
        { op: 'set', table: 'clients', id: client.id, field: 'portalUrl', value: 'https://portal.example/łódź' },
        { op: 'set', table: 'clients', id: client.id, field: 'paymentTermsDays', value: 45 },
      ]);
      await writeAsNewer(newer, partition, [
        { op: 'set', table: 'mileageLogs', id: 'trip-1', field: 'clientId', value: client.id },
        { op: 'set', table: 'mileageLogs', id: 'trip-1', field: 'km', value: 412 },
      ]);
      const projectId = crypto.randomUUID();
      await writeAsNewer(newer, partition, [
        { op: 'set', table: 'projects', id: projectId, field: 'v', value: 9 },
        { op: 'set', table: 'projects', id: projectId, field: 'clientId', value: client.id },
        { op: 'set', table: 'projects', id: projectId, field: 'name', value: { en: 'Retainer', pl: 'Abonament' } },
      ]);
      await newer.round(remote, { compaction: NO_SNAPSHOTS });

      // The older device receives it: nothing incomplete, the newer kinds counted as kept.
      const first = await older.round(remote, { compaction: NO_SNAPSHOTS });
      expect(first.rejected).toEqual([]);
      expect(first.incomplete).toBe(0);
      expect(first.newer).toBeGreaterThanOrEqual(3);
      expect(first.newerDevices).toEqual([{ device: expect.any(String), waiting: false }]);
      // Shown without the fields it does not know; stored with them.
      const shown = await getClient(older.workspace.ctx, client.id);
      expect(shown).not.toHaveProperty('portalUrl');
      expect((await listClients(older.workspace.ctx))[0]).not.toHaveProperty('newer');
      expect((await rawClientRow(older, client.id))['newer']).toEqual({ portalUrl: 'https://portal.example/łódź', paymentTermsDays: 45 });
      // The new table's changes are in the change log with their origin, as every remote change.
      const newerId = (await loadOrCreateDevice(newer.meta, vault.vaultId, newer.workspace.keyRing)).id;
      const logged = (await readChanges(older.workspace.ctx.db, partition)).filter((e) => e.changes.some((c) => c.table === 'mileageLogs'));
      expect(logged.map((e) => e.origin)).toEqual([newerId]);
      // The newer project is not written into this version's table (it would be misread).
      expect(await older.workspace.ctx.db.projects.get(projectId)).toBeUndefined();

      // A week of edits of the same record's known fields on the older device.
      for (let day = 1; day <= 7; day++) {
        now += DAY;
        await updateClient(older.workspace.ctx, client.id, { name: `Łódź Analytics (week day ${day})`, defaultRateMinor: 9_500 + day });
        await older.round(remote, { compaction: NO_SNAPSHOTS });
      }
      // Every edit wrote only the fields it changed: no unset of what the newer device added.
      const own = (await readChanges(older.workspace.ctx.db, partition)).filter((e) => e.origin === undefined).flatMap((e) => e.changes);
      expect(own.length).toBeGreaterThan(0);
      expect(own.every((c) => c.op === 'set' && ['name', 'defaultRateMinor', 'updatedAt'].includes(c.field))).toBe(true);
      expect((await rawClientRow(older, client.id))['newer']).toEqual({ portalUrl: 'https://portal.example/łódź', paymentTermsDays: 45 });

      // The older device writes a snapshot; the segments are then compacted away.
      now += DAY;
      const written = await older.round(remote, { compaction: { segmentsPerSnapshot: 1 } });
      expect(written.snapshotsWritten).toBeGreaterThan(0);
      const snapKey = [...remote.objects.keys()].find((k) => k.startsWith(`p/${client.id}/snap/`));
      expect(snapKey).toBeDefined();
      for (const key of [...remote.objects.keys()]) if (key.includes('/log/')) remote.objects.delete(key);

      // A third device joins from that snapshot alone (no segment is left): all the newer data is there.
      const joiner = await device(vault, clock);
      try {
        const joined = await joiner.round(remote, { compaction: NO_SNAPSHOTS });
        expect(joined.snapshotsApplied).toBeGreaterThan(0);
        expect(joined.incomplete).toBe(0);
        // Kept, and said so, without naming the snapshot's writer: it only passed the data on.
        expect(joined.newerDevices).toEqual([{ waiting: false }]);
        const state = await joiner.workspace.ctx.db.transaction('r', ['changes'], () => joiner.states.forPartition(joiner.workspace.ctx.db, partition));
        const merged = materialize(state);
        expect(merged['clients']?.[client.id]).toMatchObject({
          name: 'Łódź Analytics (week day 7)',
          defaultRateMinor: 9_507,
          portalUrl: 'https://portal.example/łódź',
          paymentTermsDays: 45,
        });
        expect(merged['mileageLogs']).toEqual({ 'trip-1': { clientId: client.id, km: 412 } });
        expect(merged['projects']?.[projectId]).toEqual({ v: 9, clientId: client.id, name: { en: 'Retainer', pl: 'Abonament' } });
        expect((await rawClientRow(joiner, client.id))['newer']).toEqual({ portalUrl: 'https://portal.example/łódź', paymentTermsDays: 45 });
      } finally {
        joiner.workspace.close();
      }

      // And the newer device, receiving the week of edits, still has its own fields and table.
      const back = await newer.round(remote, { compaction: NO_SNAPSHOTS });
      expect(back.rejected).toEqual([]);

      const onNewer = materialize(
        await newer.workspace.ctx.db.transaction('r', ['changes'], () => newer.states.forPartition(newer.workspace.ctx.db, partition)),
      );
      expect(onNewer['clients']?.[client.id]).toMatchObject({ name: 'Łódź Analytics (week day 7)', portalUrl: 'https://portal.example/łódź' });
      expect(onNewer['mileageLogs']?.['trip-1']).toEqual({ clientId: client.id, km: 412 });
    } finally {
      newer.workspace.close();
      older.workspace.close();
    }
  });
});

/** `bytes` as a newer Caravan would frame them: another format version byte, signed again by `secretKey`. */
function asNewerFormat(bytes: Uint8Array, version: number, secretKey: Uint8Array): Uint8Array {
  const out = bytes.slice();
  out[4] = version;
  out.set(readySodium().crypto_sign_detached(out.subarray(0, out.length - 64), secretKey), out.length - 64);
  return out;
}

describe('a record a newer Caravan rewrote at a newer record schema version', () => {
  it("takes this version's older copy off the screen instead of letting an edit here write its old meaning over it", async () => {
    const vault = newVault();
    const remote = memoryRemote();
    const newer = await device(vault);
    const older = await device(vault);
    try {
      const client = await createClient(newer.workspace.ctx, clientInput({ name: 'Before the upgrade' }));
      await newer.round(remote);
      await older.round(remote);
      expect((await getClient(older.workspace.ctx, client.id)).name).toBe('Before the upgrade');
      // The newer version changes what `name` means (say, one name per language) and says so with v.
      await writeAsNewer(newer, `client:${client.id}`, [
        { op: 'set', table: 'clients', id: client.id, field: 'v', value: 9 },
        { op: 'set', table: 'clients', id: client.id, field: 'name', value: { en: 'After', de: 'Danach' } },
      ]);
      await newer.round(remote);
      const result = await older.round(remote);
      expect(result.incomplete).toBe(0);
      expect(result.newer).toBe(1);
      expect(await older.workspace.ctx.db.clients.get(client.id)).toBeUndefined();
      await expect(updateClient(older.workspace.ctx, client.id, { name: 'Old meaning' })).rejects.toMatchObject({ code: 'not-found' });
      const state = await older.workspace.ctx.db.transaction('r', ['changes'], () => older.states.forPartition(older.workspace.ctx.db, `client:${client.id}`));
      expect(materialize(state)['clients']?.[client.id]).toMatchObject({ v: 9, name: { en: 'After', de: 'Danach' }, country: client.country });
    } finally {
      newer.workspace.close();
      older.workspace.close();
    }
  });
});

describe('formats newer than this code', () => {
  it("stops a device's log at a segment of a newer format and says to update once, naming the device, not as a damaged file", async () => {
    const vault = newVault();
    const remote = memoryRemote();
    const newer = await device(vault);
    const older = await device(vault);
    try {
      await setSetting(newer.workspace.ctx, 'a', 1);
      await newer.round(remote);
      await setSetting(newer.workspace.ctx, 'b', 2);
      await newer.round(remote);
      const identity = await loadOrCreateDevice(newer.meta, vault.vaultId, newer.workspace.keyRing);
      const first = `p/workspace/log/${identity.id}/1.seg`;
      remote.objects.set(first, asNewerFormat(remote.objects.get(first)!, 9, identity.secretKey));
      for (let round = 0; round < 2; round++) {
        const result = await older.round(remote);
        expect(result.rejected).toEqual([]);
        expect(result.newerDevices).toEqual([{ device: identity.id, waiting: true }]);
        // The log waits at seq 1: seq 2 is not applied past it.
        expect(older.progress.vectors['workspace']?.[identity.id]).toBeUndefined();
        expect(await older.workspace.ctx.db.settings.get('b')).toBeUndefined();
      }
      // A version byte changed without its writer's signature is damage (or forgery), not a newer version.
      remote.objects.set(first, asNewerFormat(remote.objects.get(first)!, 10, new Uint8Array(64)));
      const damaged = await older.round(remote);
      expect(damaged.newerDevices).toEqual([]);
      expect(damaged.rejected).toEqual([{ key: first, code: 'bad-signature', message: expect.stringContaining('altered or damaged') }]);
    } finally {
      newer.workspace.close();
      older.workspace.close();
    }
  });

  it('refuses a snapshot of a newer format as newer (not damage), keeps saying so without downloading it again, and reads it once the format is known', async () => {
    const vault = newVault();
    const remote = memoryRemote();
    const newer = await device(vault);
    const older = await device(vault);
    try {
      await setSetting(newer.workspace.ctx, 'a', 1);
      await newer.round(remote, { compaction: { segmentsPerSnapshot: 1 } });
      const identity = await loadOrCreateDevice(newer.meta, vault.vaultId, newer.workspace.keyRing);
      const key = [...remote.objects.keys()].find((k) => k.startsWith('p/workspace/snap/'))!;
      expect(key).toBeDefined();
      remote.objects.set(key, asNewerFormat(remote.objects.get(key)!, 9, identity.secretKey));
      for (const k of [...remote.objects.keys()]) if (k.includes('/log/')) remote.objects.delete(k);

      const gets: string[] = [];
      const counting = { ...remote, get: (k: string) => (gets.push(k), remote.get(k)) };
      const first = await older.round(counting);
      expect(first.rejected).toEqual([]);
      expect(first.newerDevices).toEqual([{ device: identity.id, waiting: true }]);
      expect(older.progress.rejectedSnapshots?.[key]).toMatchObject({ code: 'unsupported-version', format: 9, writer: identity.id });
      gets.length = 0;
      const second = await older.round(counting);
      expect(second.newerDevices).toEqual([{ device: identity.id, waiting: true }]);
      expect(gets).not.toContain(key);
      // A refusal remembered for a format this code reads (after an update) is read again.
      older.progress.rejectedSnapshots![key]!.format = 1;
      gets.length = 0;
      await older.round(counting);
      expect(gets).toContain(key);
      // Its version byte changed by someone without the writer's key: damage, listed as such, once.
      // (A device that had not refused it before: a same-size replacement is not read again, by design.)
      remote.objects.set(key, asNewerFormat(remote.objects.get(key)!, 10, new Uint8Array(64)));
      delete older.progress.rejectedSnapshots![key];
      const damaged = await older.round(counting);
      expect(damaged.newerDevices).toEqual([]);
      expect(damaged.rejected).toEqual([{ key, code: 'bad-signature', message: expect.stringContaining('altered or damaged') }]);
      expect((await older.round(counting)).rejected).toEqual([]);
    } finally {
      newer.workspace.close();
      older.workspace.close();
    }
  });
});

describe('kept data from a newer device', () => {
  it('keeps saying so in later rounds, and forgets it once this code reads differently (an update)', async () => {
    const vault = newVault();
    const remote = memoryRemote();
    const newer = await device(vault);
    const older = await device(vault);
    try {
      await writeAsNewer(newer, 'workspace', [{ op: 'set', table: 'mileageLogs', id: 'm1', field: 'km', value: 3 }]);
      await newer.round(remote);
      const identity = await loadOrCreateDevice(newer.meta, vault.vaultId, newer.workspace.keyRing);
      expect((await older.round(remote)).newerDevices).toEqual([{ device: identity.id, waiting: false }]);
      expect((await older.round(remote)).newerDevices).toEqual([{ device: identity.id, waiting: false }]);
      expect(older.progress.newerKept).toEqual({ reader: READER, devices: [identity.id] });
      older.progress.newerKept = { reader: 'an older reader', devices: [identity.id] };
      expect((await older.round(remote)).newerDevices).toEqual([]);
      expect(older.progress.newerKept).toBeUndefined();
    } finally {
      newer.workspace.close();
      older.workspace.close();
    }
  });

  it('names only the device that wrote the newer part, not an older device that edits known fields of the same record', async () => {
    const vault = newVault();
    const remote = memoryRemote();
    const newer = await device(vault);
    const older = await device(vault);
    const other = await device(vault);
    try {
      const client = await createClient(newer.workspace.ctx, clientInput());
      await writeAsNewer(newer, `client:${client.id}`, [{ op: 'set', table: 'clients', id: client.id, field: 'portalUrl', value: 'https://p.example' }]);
      await newer.round(remote);
      await older.round(remote);
      await other.round(remote);
      await updateClient(other.workspace.ctx, client.id, { name: 'Renamed on another older device' });
      await other.round(remote);
      const result = await older.round(remote);
      const newerId = (await loadOrCreateDevice(newer.meta, vault.vaultId, newer.workspace.keyRing)).id;
      expect(result.appliedSegments).toBeGreaterThan(0);
      expect(result.newer).toBe(0);
      expect(result.newerDevices).toEqual([{ device: newerId, waiting: false }]);
      expect((await getClient(older.workspace.ctx, client.id)).name).toBe('Renamed on another older device');
      expect((await rawClientRow(older, client.id))['newer']).toEqual({ portalUrl: 'https://p.example' });
    } finally {
      newer.workspace.close();
      older.workspace.close();
      other.workspace.close();
    }
  });

  it('keeps the newer fields of a trip through a bulk rewrite of it here (upsertRows)', async () => {
    const vault = newVault();
    const remote = memoryRemote();
    const newer = await device(vault);
    const older = await device(vault);
    try {
      const [trip] = await writeTrips(newer.workspace.ctx, [{ from: '2026-03-01', to: '2026-03-10', country: 'PT', note: '' }], () => undefined);
      await writeAsNewer(newer, 'workspace', [{ op: 'set', table: 'trips', id: trip!.id, field: 'purpose', value: 'client visit, Zürich' }]);
      await newer.round(remote);
      await older.round(remote);
      await writeTrips(older.workspace.ctx, [{ ...trip!, to: '2026-03-12', note: 'stayed two more days' }], () => undefined);
      const row = (await older.workspace.ctx.db.trips.get(trip!.id)) as unknown as Record<string, unknown>;
      expect(row['to']).toBe('2026-03-12');
      expect(row['newer']).toEqual({ purpose: 'client visit, Zürich' });
      const own = (await readChanges(older.workspace.ctx.db, 'workspace')).filter((e) => e.origin === undefined).flatMap((e) => e.changes);
      expect(own.some((c) => c.op === 'unset')).toBe(false);
      expect((await listTrips(older.workspace.ctx))[0]).not.toHaveProperty('purpose');
    } finally {
      newer.workspace.close();
      older.workspace.close();
    }
  });

  it("changes nothing local for hostile names: a newer table called constructor or __proto__-like, a newer field named like the row's bookkeeping", async () => {
    const vault = newVault();
    const remote = memoryRemote();
    const newer = await device(vault);
    const older = await device(vault);
    try {
      const client = await createClient(newer.workspace.ctx, clientInput());
      const partition: Partition = `client:${client.id}`;
      await writeAsNewer(newer, partition, [
        { op: 'set', table: 'constructor', id: 'x', field: 'polluted', value: true },
        { op: 'set', table: 'hasOwnProperty', id: 'x', field: 'polluted', value: true },
        { op: 'set', table: 'clients', id: client.id, field: '__proto__', value: { polluted: true } },
        { op: 'set', table: 'clients', id: client.id, field: 'deleted', value: true },
        { op: 'set', table: 'clients', id: client.id, field: 'hlc', value: '0'.repeat(32) },
        { op: 'set', table: 'clients', id: client.id, field: 'newer', value: 'not a bag' },
      ]);
      await newer.round(remote);
      const result = await older.round(remote);
      expect(result.rejected).toEqual([]);
      expect(result.incomplete).toBe(0);
      const shown = await getClient(older.workspace.ctx, client.id);
      expect(shown.name).toBe(client.name);
      expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
      const row = await rawClientRow(older, client.id);
      expect(row['deleted']).toBeUndefined();
      expect(row['hlc']).not.toBe('0'.repeat(32));
      expect(Object.hasOwn(row['newer'] as object, '__proto__')).toBe(true);
      expect(row['newer']).toMatchObject({ deleted: true, hlc: '0'.repeat(32), newer: 'not a bag' });
      // And a local edit keeps every one of them.
      await updateClient(older.workspace.ctx, client.id, { notes: 'edited here' });
      expect(Object.keys((await rawClientRow(older, client.id))['newer'] as object).sort()).toEqual(['__proto__', 'deleted', 'hlc', 'newer']);
    } finally {
      newer.workspace.close();
      older.workspace.close();
    }
  });
});
