/** History from the change log and restore as new writes: against a real encrypted vault on fake-indexeddb. */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getSodium } from '../../../../src-renderer/vault/crypto/sodium.ts';
import { decode, encode } from '../../../../src-renderer/sync/hlc/hlc.ts';
import { readChanges } from '../../../../src-renderer/vault/repos/change-log.ts';
import { createClient, updateClient } from '../../../../src-renderer/vault/repos/clients.ts';
import { createTimeBlock, getTimeBlock, listTimeBlocks, removeTimeBlock, updateTimeBlock } from '../../../../src-renderer/vault/repos/time-blocks.ts';
import { applyRemoteChanges } from '../../../../src-renderer/sync/engine/apply-remote.ts';
import { PartitionStates } from '../../../../src-renderer/sync/engine/partition-states.ts';
import { readAsOf, readRecordHistory, readVaultAt } from '../../../../src-renderer/history/read-history.ts';
import { notRestorable, restoreItems, restoreRecords, undoRestore } from '../../../../src-renderer/history/restore.ts';
import type { ChangeEntry, Partition } from '../../../../src-renderer/vault/store/rows.ts';
import { clientInput, openTestVault, repoErrorCode, seedProject, type TestVault } from '../../support/store-helpers.ts';

let v: TestVault;
beforeAll(async () => {
  await getSodium();
});
beforeEach(async () => {
  v = await openTestVault();
});
afterEach(async () => {
  await v.close();
});

const REMOTE = 'a'.repeat(32);
const REMOTE_NODE = 'b'.repeat(16);

/** The wall time of the last entry written so far in `partition`. */
async function lastInstant(partition: Partition): Promise<number> {
  const entries = await readChanges(v.db, partition);
  return decode(entries.at(-1)!.hlc).ms;
}

function block(projectId: string, hour: number) {
  return { projectId, start: Date.UTC(2025, 5, 16, hour), end: Date.UTC(2025, 5, 16, hour + 1), zone: 'Europe/Berlin', kind: 'deep' as const, billable: true };
}

/** Every entry of every partition, as stored. */
async function wholeLog(): Promise<ChangeEntry[]> {
  return v.db.changes.orderBy('seq').toArray();
}

describe('record history', () => {
  it('shows local writes, a remote device, an unset and a delete, with before and after', async () => {
    const client = await createClient(v.ctx, clientInput({ company: 'Acme Holding' }));
    await updateClient(v.ctx, client.id, { defaultRateMinor: 12_000, company: undefined });
    const partition: Partition = `client:${client.id}`;
    // A rename made on another device, later than everything here, arriving through sync.
    const remoteHlc = encode({ ms: decode((await readChanges(v.db, partition)).at(-1)!.hlc).ms + 5_000, counter: 0, node: REMOTE_NODE });
    await applyRemoteChanges({
      db: v.db,
      partition,
      states: new PartitionStates(),
      changes: [{ op: 'set', table: 'clients', id: client.id, field: 'name', value: 'Acme AG', hlc: remoteHlc }],
      origin: REMOTE,
      clock: v.ctx.clock,
    });

    const steps = await readRecordHistory(v.db, partition, 'clients', client.id);
    expect(steps.map((s) => [s.kind, s.origin])).toEqual([
      ['created', undefined],
      ['changed', undefined],
      ['changed', REMOTE],
    ]);
    expect(steps[0]!.fields).toContainEqual({ field: 'name', after: 'Acme GmbH' });
    expect(steps[1]!.fields).toContainEqual({ field: 'defaultRateMinor', before: 9_500, after: 12_000 });
    expect(steps[1]!.fields).toContainEqual({ field: 'company', before: 'Acme Holding' });
    expect(steps[2]).toMatchObject({ at: decode(remoteHlc).ms, fields: [{ field: 'name', before: 'Acme GmbH', after: 'Acme AG' }] });
  });

  it('orders by HLC, not by arrival: an older remote write that arrives late sits where it happened', async () => {
    const { client, project } = await seedProject(v.ctx);
    const created = await createTimeBlock(v.ctx, block(project.id, 9));
    const partition: Partition = `client:${client.id}`;
    const createdAt = await lastInstant(partition);
    await updateTimeBlock(v.ctx, created.id, { note: 'local, later' });
    // Written elsewhere 1 ms after the create, synced only now.
    const early = encode({ ms: createdAt, counter: 9, node: REMOTE_NODE });
    await applyRemoteChanges({
      db: v.db,
      partition,
      states: new PartitionStates(),
      changes: [{ op: 'set', table: 'timeBlocks', id: created.id, field: 'note', value: 'remote, earlier', hlc: early }],
      origin: REMOTE,
      clock: v.ctx.clock,
    });
    const steps = await readRecordHistory(v.db, partition, 'timeBlocks', created.id);
    expect(steps.map((s) => s.fields.find((f) => f.field === 'note'))).toEqual([
      { field: 'note', after: '' },
      { field: 'note', before: '', after: 'remote, earlier' },
      { field: 'note', before: 'remote, earlier', after: 'local, later' },
    ]);
    expect((await getTimeBlock(v.ctx, created.id)).note).toBe('local, later');
  });

  it('a deleted record shows its delete with the values it had', async () => {
    const { client, project } = await seedProject(v.ctx);
    const b = await createTimeBlock(v.ctx, block(project.id, 9));
    await removeTimeBlock(v.ctx, b.id);
    const steps = await readRecordHistory(v.db, `client:${client.id}`, 'timeBlocks', b.id);
    expect(steps.map((s) => s.kind)).toEqual(['created', 'deleted']);
    expect(steps[1]!.fields).toContainEqual({ field: 'start', before: b.start });
    expect(steps[1]!.fields.every((f) => f.after === undefined)).toBe(true);
  });
});

describe('as of an instant', () => {
  it('finds what changed, was created and was deleted since, per record', async () => {
    const { client, project } = await seedProject(v.ctx);
    const partition: Partition = `client:${client.id}`;
    const kept = await createTimeBlock(v.ctx, block(project.id, 8));
    const edited = await createTimeBlock(v.ctx, block(project.id, 9));
    const removed = await createTimeBlock(v.ctx, block(project.id, 10));
    const morning = await lastInstant(partition);
    await updateTimeBlock(v.ctx, edited.id, { note: 'rewritten', billable: false });
    await removeTimeBlock(v.ctx, removed.id);
    const added = await createTimeBlock(v.ctx, block(project.id, 11));

    const { diffs } = await readVaultAt(v.db, morning);
    expect(diffs.map((d) => [d.kind, d.id]).sort()).toEqual(
      [
        ['changed', edited.id],
        ['created', added.id],
        ['deleted', removed.id],
      ].sort(),
    );
    expect(diffs.find((d) => d.id === edited.id)).toMatchObject({ fields: ['billable', 'note', 'updatedAt'], then: { note: '' }, now: { note: 'rewritten' } });
    expect(diffs.some((d) => d.id === kept.id)).toBe(false);
  });

  it('reports progress over the whole log and reads it in batches', async () => {
    const { project } = await seedProject(v.ctx);
    for (let h = 0; h < 12; h++) await createTimeBlock(v.ctx, block(project.id, h));
    const seen: Array<[number, number]> = [];
    await readVaultAt(v.db, Date.now(), { batch: 5, onProgress: (p) => seen.push([p.done, p.total]) });
    expect(seen[0]).toEqual([0, 14]);
    expect(seen.at(-1)).toEqual([14, 14]);
    expect(seen.length).toBeGreaterThan(4);
  });
});

describe('restore', () => {
  it('writes new changes with new HLCs and leaves every old log entry as it was', async () => {
    const { client, project } = await seedProject(v.ctx);
    const partition: Partition = `client:${client.id}`;
    const edited = await createTimeBlock(v.ctx, block(project.id, 9));
    const removed = await createTimeBlock(v.ctx, block(project.id, 10));
    const morning = await lastInstant(partition);
    await updateTimeBlock(v.ctx, edited.id, { note: 'oops' });
    await removeTimeBlock(v.ctx, removed.id);
    const added = await createTimeBlock(v.ctx, block(project.id, 11));
    const before = await wholeLog();
    const newestBefore = before.reduce((max, e) => (e.hlc > max ? e.hlc : max), '');

    const { diffs } = await readVaultAt(v.db, morning);
    const outcome = await restoreRecords(v.ctx, restoreItems(diffs));
    expect(outcome.written).toBe(3);

    const after = await wholeLog();
    expect(after.slice(0, before.length)).toEqual(before);
    const fresh = after.slice(before.length);
    expect(fresh).toHaveLength(3);
    expect(fresh.every((e) => e.hlc > newestBefore && e.origin === undefined)).toBe(true);
    expect(fresh.flatMap((e) => e.changes).find((c) => c.id === added.id)).toMatchObject({ op: 'delete' });
    // The deleted block came back whole: every field written again, after its tombstone.
    expect(
      fresh
        .find((e) => e.changes[0]!.id === removed.id)!
        .changes.map((c) => c.op === 'set' && c.field)
        .sort(),
    ).toEqual(Object.keys(removed).sort());

    const blocks = await listTimeBlocks(v.ctx);
    expect(blocks.map((b) => b.id).sort()).toEqual([edited.id, removed.id].sort());
    expect(blocks.find((b) => b.id === edited.id)).toEqual(edited);
    expect((await readVaultAt(v.db, morning)).diffs).toEqual([]);
  });

  it('undo gives back exactly the state before the restore', async () => {
    const { client, project } = await seedProject(v.ctx);
    const partition: Partition = `client:${client.id}`;
    const a = await createTimeBlock(v.ctx, block(project.id, 9));
    const b = await createTimeBlock(v.ctx, block(project.id, 10));
    const morning = await lastInstant(partition);
    await updateTimeBlock(v.ctx, a.id, { note: 'afternoon edit' });
    await removeTimeBlock(v.ctx, b.id);
    await createTimeBlock(v.ctx, block(project.id, 11));
    const preRestore = await listTimeBlocks(v.ctx);

    const outcome = await restoreRecords(v.ctx, restoreItems((await readVaultAt(v.db, morning)).diffs));
    expect(await listTimeBlocks(v.ctx)).not.toEqual(preRestore);
    const undo = await undoRestore(v.ctx, outcome);
    expect(undo.written).toBe(3);
    expect(await listTimeBlocks(v.ctx)).toEqual(preRestore);
    // And the undo is in the log like any write: the restore can be restored again.
    const again = await readAsOf(v.db, undo.first!);
    expect(again.diffs.map((d) => d.kind).sort()).toEqual(['changed', 'created', 'deleted']);
  });

  it('undo keeps an edit made between the restore and the undo', async () => {
    const { client, project } = await seedProject(v.ctx);
    const partition: Partition = `client:${client.id}`;
    const a = await createTimeBlock(v.ctx, block(project.id, 9));
    const morning = await lastInstant(partition);
    await updateTimeBlock(v.ctx, a.id, { note: 'afternoon edit' });
    const outcome = await restoreRecords(v.ctx, restoreItems((await readVaultAt(v.db, morning)).diffs));
    expect((await getTimeBlock(v.ctx, a.id)).note).toBe(a.note);
    // The person goes on working, then undoes the restore: only the note goes back.
    await updateTimeBlock(v.ctx, a.id, { kind: 'meeting' });
    await undoRestore(v.ctx, outcome);
    const now = await getTimeBlock(v.ctx, a.id);
    expect(now.note).toBe('afternoon edit');
    expect(now.kind).toBe('meeting');
  });

  it('undo leaves alone a block billed since the restore, and a record deleted or brought back since', async () => {
    const { client, project } = await seedProject(v.ctx);
    const partition: Partition = `client:${client.id}`;
    const billed = await createTimeBlock(v.ctx, block(project.id, 9));
    const gone = await createTimeBlock(v.ctx, block(project.id, 10));
    const morning = await lastInstant(partition);
    await updateTimeBlock(v.ctx, billed.id, { note: 'afternoon edit' });
    await updateTimeBlock(v.ctx, gone.id, { note: 'afternoon edit' });
    const outcome = await restoreRecords(v.ctx, restoreItems((await readVaultAt(v.db, morning)).diffs));
    expect(outcome.written).toBe(2);
    // Another device invoices the first block; the second is deleted here.
    const later = decode((await readChanges(v.db, partition)).at(-1)!.hlc).ms + 60_000;
    await applyRemoteChanges({
      db: v.db,
      partition,
      states: new PartitionStates(),
      changes: [{ op: 'set', table: 'timeBlocks', id: billed.id, field: 'billed', value: true, hlc: encode({ ms: later, counter: 0, node: REMOTE_NODE }) }],
      origin: REMOTE,
      clock: v.ctx.clock,
    });
    await removeTimeBlock(v.ctx, gone.id);
    await undoRestore(v.ctx, outcome);
    // The billed mark follows the invoice: history does not touch a billed block, undo neither.
    expect(await getTimeBlock(v.ctx, billed.id)).toMatchObject({ billed: true, note: billed.note });
    // The delete made after the restore stands.
    expect((await listTimeBlocks(v.ctx)).map((b) => b.id)).toEqual([billed.id]);
  });

  it('undo of a restore that brought a project back, with a block added to it since: the rest is undone, the project stays', async () => {
    const { client, project } = await seedProject(v.ctx);
    const partition: Partition = `client:${client.id}`;
    const { createProject, removeProject } = await import('../../../../src-renderer/vault/repos/projects.ts');
    const other = await createProject(v.ctx, { clientId: client.id, name: 'Brand book', status: 'active' });
    const a = await createTimeBlock(v.ctx, block(project.id, 9));
    const morning = await lastInstant(partition);
    await updateTimeBlock(v.ctx, a.id, { note: 'afternoon edit' });
    await removeProject(v.ctx, other.id);
    const outcome = await restoreRecords(v.ctx, restoreItems((await readVaultAt(v.db, morning)).diffs));
    // Back in use: a block is logged on the restored project.
    const added = await createTimeBlock(v.ctx, block(other.id, 14));
    const { runUndo } = await import('../../../../src-renderer/history/restore-actions.ts');
    const undone = await runUndo({ ctx: v.ctx, refresh: () => undefined }, outcome);
    expect(undone.ok).toBe(true);
    expect((await getTimeBlock(v.ctx, a.id)).note).toBe('afternoon edit');
    expect((await listTimeBlocks(v.ctx)).map((b) => b.id).sort()).toEqual([a.id, added.id].sort());
    expect(undone.message).toMatch(/Left as they are now: 1 record/);
  });

  it('refuses, writing nothing, a block whose project is deleted now and not selected', async () => {
    const { client, project } = await seedProject(v.ctx);
    const partition: Partition = `client:${client.id}`;
    const b = await createTimeBlock(v.ctx, block(project.id, 9));
    const morning = await lastInstant(partition);
    // A delete reads no wall time in this test vault: an edit first moves its clock past the morning.
    await updateClient(v.ctx, client.id, { notes: 'moved to retainer' });
    await removeTimeBlock(v.ctx, b.id);
    const { removeProject } = await import('../../../../src-renderer/vault/repos/projects.ts');
    await removeProject(v.ctx, project.id);
    const before = await wholeLog();
    const diffs = (await readVaultAt(v.db, morning)).diffs;
    const onlyBlock = restoreItems(diffs).filter((i) => i.table === 'timeBlocks');
    expect(onlyBlock).toHaveLength(1);
    expect(await repoErrorCode(() => restoreRecords(v.ctx, onlyBlock))).toBe('parent-not-found');
    expect(await wholeLog()).toEqual(before);
    // With the project selected too, both come back.
    await restoreRecords(v.ctx, restoreItems(diffs));
    expect((await listTimeBlocks(v.ctx)).map((x) => x.id)).toEqual([b.id]);
  });

  it('a record changed on another device after the preview is overwritten by the restore, which is newer', async () => {
    const { client, project } = await seedProject(v.ctx);
    const partition: Partition = `client:${client.id}`;
    const b = await createTimeBlock(v.ctx, block(project.id, 9));
    const morning = await lastInstant(partition);
    await updateTimeBlock(v.ctx, b.id, { note: 'mistake' });
    const diffs = (await readVaultAt(v.db, morning)).diffs;
    await applyRemoteChanges({
      db: v.db,
      partition,
      states: new PartitionStates(),
      changes: [
        { op: 'set', table: 'timeBlocks', id: b.id, field: 'kind', value: 'meeting', hlc: encode({ ms: morning + 60_000, counter: 0, node: REMOTE_NODE }) },
      ],
      origin: REMOTE,
      clock: v.ctx.clock,
    });
    await restoreRecords(v.ctx, restoreItems(diffs));
    expect(await getTimeBlock(v.ctx, b.id)).toEqual(b);
  });
});

describe('what a newer Caravan wrote', () => {
  it('a table this version does not know is not listed, and "restore everything" still works', async () => {
    const { client, project } = await seedProject(v.ctx);
    const partition: Partition = `client:${client.id}`;
    const b = await createTimeBlock(v.ctx, block(project.id, 9));
    const morning = await lastInstant(partition);
    await updateTimeBlock(v.ctx, b.id, { note: 'mistake' });
    // A newer device's table, synced here: kept in the log for snapshots, never shown.
    await applyRemoteChanges({
      db: v.db,
      partition,
      states: new PartitionStates(),
      changes: [{ op: 'set', table: 'reports', id: 'r1', field: 'title', value: 'Q3', hlc: encode({ ms: morning + 60_000, counter: 0, node: REMOTE_NODE }) }],
      origin: REMOTE,
      clock: v.ctx.clock,
    });
    const { diffs } = await readVaultAt(v.db, morning);
    expect(diffs.map((d) => d.table)).toEqual(['timeBlocks']);
    await restoreRecords(v.ctx, restoreItems(diffs));
    expect(await getTimeBlock(v.ctx, b.id)).toEqual(b);
  });
});

describe('a record logged in a partition it does not belong to', () => {
  it('another client\'s block, or a trip, written under a client by a hostile device: "restore everything" deletes neither', async () => {
    const a = await seedProject(v.ctx);
    const b = await seedProject(v.ctx);
    const theirs = await createTimeBlock(v.ctx, block(b.project.id, 9));
    const { writeTrips } = await import('../../../../src-renderer/vault/repos/trips.ts');
    const [trip] = await writeTrips(v.ctx, [{ from: '2025-03-01', to: '2025-03-10', country: 'PT', note: '' }], () => undefined);
    const partition: Partition = `client:${a.client.id}`;
    const morning = await lastInstant('workspace');
    // A device holding client A's key writes, under A, records with the ids of B's block and of a trip.
    const at = encode({ ms: morning + 60_000, counter: 0, node: REMOTE_NODE });
    await applyRemoteChanges({
      db: v.db,
      partition,
      states: new PartitionStates(),
      changes: [
        { op: 'set', table: 'timeBlocks', id: theirs.id, field: 'note', value: 'x', hlc: at },
        { op: 'set', table: 'trips', id: trip!.id, field: 'country', value: 'XX', hlc: at },
      ],
      origin: REMOTE,
      clock: v.ctx.clock,
    });
    await updateClient(v.ctx, a.client.id, { notes: 'later' });
    const { diffs } = await readVaultAt(v.db, morning);
    await restoreRecords(v.ctx, restoreItems(diffs));
    expect((await listTimeBlocks(v.ctx)).map((x) => x.id)).toEqual([theirs.id]);
    expect((await v.db.trips.get(trip!.id))?.deleted).toBeUndefined();
  });
});

describe('a record a newer Caravan added fields to', () => {
  it('restores the fields this version knows and keeps the newer ones', async () => {
    const { client, project } = await seedProject(v.ctx);
    const partition: Partition = `client:${client.id}`;
    const b = await createTimeBlock(v.ctx, block(project.id, 9));
    const first = await lastInstant(partition);
    await applyRemoteChanges({
      db: v.db,
      partition,
      states: new PartitionStates(),
      changes: [
        { op: 'set', table: 'timeBlocks', id: b.id, field: 'costCentre', value: 'CC-7', hlc: encode({ ms: first + 10, counter: 0, node: REMOTE_NODE }) },
      ],
      origin: REMOTE,
      clock: v.ctx.clock,
    });
    await updateClient(v.ctx, client.id, { notes: 'moves the clock on' });
    const morning = await lastInstant(partition);
    await updateTimeBlock(v.ctx, b.id, { note: 'mistake' });
    const outcome = await restoreRecords(v.ctx, restoreItems((await readVaultAt(v.db, morning)).diffs));
    expect(outcome.written).toBe(1);
    expect(await getTimeBlock(v.ctx, b.id)).toEqual(b);
    expect(((await v.db.timeBlocks.get(b.id)) as { newer?: unknown } | undefined)?.newer).toEqual({ costCentre: 'CC-7' });
  });
});

describe('what history does not restore', () => {
  const base = { partition: 'client:c1' as Partition, id: 'x', fields: [] };
  it('settings, issued invoices, billed marks and residency policies, each with its reason', () => {
    expect(notRestorable({ ...base, table: 'settings', kind: 'changed', then: { value: 1 }, now: { value: 2 } })).toMatch(/number your invoices/);
    expect(notRestorable({ ...base, table: 'invoices', kind: 'changed', then: { state: 'draft' }, now: { state: 'issued' } })).toMatch(/credit note/);
    expect(notRestorable({ ...base, table: 'invoices', kind: 'deleted', then: { state: 'draft' } })).toBeNull();
    // A block billed now, or billed then and not now: its mark follows the invoices.
    expect(notRestorable({ ...base, table: 'timeBlocks', kind: 'changed', then: { billed: false, note: 'a' }, now: { billed: true, note: 'b' } })).toMatch(
      /billed/,
    );
    expect(notRestorable({ ...base, table: 'expenses', kind: 'deleted', then: { billed: true } })).toMatch(/billed/);
    expect(notRestorable({ ...base, table: 'timeBlocks', kind: 'changed', then: { billed: false, note: 'a' }, now: { billed: false, note: 'b' } })).toBeNull();
    const zone = { kind: 'zone', zone: 'EEA' };
    expect(
      notRestorable({ ...base, table: 'clients', kind: 'changed', then: { residency: zone, notes: 'a' }, now: { residency: zone, notes: 'b' } }),
    ).toBeNull();
    expect(notRestorable({ ...base, table: 'clients', kind: 'changed', then: { residency: zone }, now: { residency: { kind: 'device-only' } } })).toMatch(
      /residency policy changed/,
    );
    expect(notRestorable({ ...base, table: 'clients', kind: 'deleted', then: { residency: zone } })).toMatch(/set again in Clients/);
    // A record a newer Caravan wrote under a newer record version: this one would misread it.
    expect(notRestorable({ ...base, table: 'timeBlocks', kind: 'changed', then: { note: 'a' }, now: { note: 'b', v: 99 } })).toMatch(/newer version/);
    expect(notRestorable({ ...base, table: 'timeBlocks', kind: 'changed', then: { note: 'a', v: 1 }, now: { note: 'b' } })).toBeNull();
  });

  it('restoreItems leaves them out', async () => {
    const items = restoreItems([
      { ...base, table: 'timeBlocks', kind: 'deleted', then: { billed: true } },
      { ...base, id: 'y', table: 'timeBlocks', kind: 'deleted', then: { billed: false } },
    ]);
    expect(items.map((i) => i.id)).toEqual(['y']);
  });
});
