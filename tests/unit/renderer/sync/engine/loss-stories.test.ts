/**
 * Two ways people lost data to sync in other apps, replayed through real rounds (harness.ts):
 *
 * - "An old laptop waking up after a month" (Super Productivity #4737, #7562, #8107: an old
 *   device's state overwrote newer data): the desktop worked on for a month; the laptop, last
 *   synced a month ago, still holds stale edits and a clean-up it never sent. Nothing newer may be
 *   lost: its stale edits lose field by field and are listed as conflicts, and its mass delete
 *   waits for the person on the desktop.
 * - "A partition wiped on one device": its deletions arrive by sync and pause on the other device,
 *   which keeps everything; "Keep them" brings the records back on the wiping device too.
 */
import sodium from 'libsodium-wrappers-sumo';
import { beforeAll, describe, expect, it } from 'vitest';
import { getSodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import { getClient, updateClient } from '../../../../../src-renderer/vault/repos/clients.ts';
import { createTimeBlocks, listTimeBlocks, removeTimeBlock, updateTimeBlock } from '../../../../../src-renderer/vault/repos/time-blocks.ts';
import { loadOrCreateDevice } from '../../../../../src-renderer/sync/engine/device-identity.ts';
import { restoreBatch } from '../../../../../src-renderer/sync/guard-actions.ts';
import { seedProject } from '../../../support/store-helpers.ts';
import { device, memoryRemote, newVault, type Device } from './harness.ts';

beforeAll(async () => {
  await getSodium();
  await sodium.ready;
});

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function fakeClock() {
  let t = Date.UTC(2026, 9, 1, 9);
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

async function idOf(d: Device, vault: ReturnType<typeof newVault>): Promise<string> {
  return (await loadOrCreateDevice(d.meta, vault.vaultId, d.workspace.keyRing)).id;
}

async function setup(blocks: number) {
  const clock = fakeClock();
  const vault = newVault();
  const remote = memoryRemote();
  const desktop = await device(vault, clock.now);
  const laptop = await device(vault, clock.now);
  const { client, project } = await seedProject(desktop.workspace.ctx, { notes: 'Invoices to finance@acme.example' });
  const start = clock.now() - 40 * DAY;
  await createTimeBlocks(
    desktop.workspace.ctx,
    Array.from({ length: blocks }, (_, i) => ({
      projectId: project.id,
      start: start + i * DAY,
      end: start + i * DAY + 2 * HOUR,
      zone: 'UTC',
      kind: 'deep' as const,
      billable: true,
    })),
  );
  await desktop.round(remote);
  await laptop.round(remote);
  clock.advance(HOUR);
  await desktop.round(remote);
  await laptop.round(remote);
  return { clock, vault, remote, desktop, laptop, client, project };
}

const notesOf = async (d: Device) => (await listTimeBlocks(d.workspace.ctx)).map((b) => [b.start, b.note ?? '']).sort();

describe('loss stories', () => {
  it('an old laptop waking up after a month: the month of work on the desktop survives, stale edits lose and are listed, its clean-up waits', async () => {
    const { clock, vault, remote, desktop, laptop, client, project } = await setup(30);
    const laptopId = await idOf(laptop, vault);
    // Day 0, on the laptop, never synced: a note on the client, notes on 3 blocks, and a clean-up of 12 blocks.
    const onLaptop = await listTimeBlocks(laptop.workspace.ctx);
    await updateClient(laptop.workspace.ctx, client.id, { notes: 'old: invoices by post' });
    for (const block of onLaptop.slice(0, 3)) await updateTimeBlock(laptop.workspace.ctx, block.id, { note: 'stale laptop note' });
    for (const block of onLaptop.slice(18)) await removeTimeBlock(laptop.workspace.ctx, block.id);
    // A month on the desktop: the client's note changes, the same 3 blocks get notes, new work is logged.
    for (let day = 0; day < 30; day++) {
      clock.advance(DAY);
      if (day === 3) await updateClient(desktop.workspace.ctx, client.id, { notes: 'Invoices to ap@acme.example (new address)' });
      if (day === 10) for (const block of onLaptop.slice(0, 3)) await updateTimeBlock(desktop.workspace.ctx, block.id, { note: 'agreed with the client' });
      if (day % 5 === 0) {
        await createTimeBlocks(desktop.workspace.ctx, [
          { projectId: project.id, start: clock.now() - 4 * HOUR, end: clock.now() - 2 * HOUR, zone: 'UTC', kind: 'meeting', billable: true },
        ]);
      }
      await desktop.round(remote);
    }
    const desktopBefore = await notesOf(desktop);
    expect(desktopBefore).toHaveLength(36);

    // The laptop wakes and syncs: it sends its month-old writes, then receives the month.
    clock.advance(HOUR);
    const woke = await laptop.round(remote);
    expect((await getClient(laptop.workspace.ctx, client.id)).notes).toBe('Invoices to ap@acme.example (new address)');
    // Its stale edits lost to the newer ones, field by field, and it says so.
    expect(woke.conflicts.map((c) => [c.table, c.field, c.lost.write.op === 'set' ? c.lost.write.value : null]).sort()).toEqual([
      ['clients', 'notes', 'old: invoices by post'],
      ...Array.from({ length: 3 }, () => ['timeBlocks', 'note', 'stale laptop note']),
    ]);
    // Its clean-up is its own (made on it): it already applied there. The new blocks arrived.
    expect(await listTimeBlocks(laptop.workspace.ctx)).toHaveLength(24);

    // On the desktop: the newer note and block notes stay; the clean-up waits for the person.
    clock.advance(HOUR);
    const onDesktop = await desktop.round(remote);
    expect((await getClient(desktop.workspace.ctx, client.id)).notes).toBe('Invoices to ap@acme.example (new address)');
    expect(await notesOf(desktop)).toEqual(desktopBefore);
    expect(onDesktop.paused).toHaveLength(1);
    expect(onDesktop.paused[0]).toMatchObject({ device: laptopId, live: 38 });
    expect(onDesktop.paused[0]!.doomed).toHaveLength(12);
    // The laptop's segments of that client wait whole, stale edits included.
    expect(onDesktop.conflicts).toEqual([]);
    // The person looks at the list and applies the clean-up: the stale edits still lose, and are listed here too.
    const p = onDesktop.paused[0]!;
    desktop.progress.guard = { [p.partition]: [{ device: p.device, fromSeq: p.fromSeq, toSeq: p.toSeq, choice: 'apply' }] };
    const applied = await desktop.round(remote);
    expect(applied.conflicts.map((c) => c.field).sort()).toEqual(['note', 'note', 'note', 'notes']);
    expect((await getClient(desktop.workspace.ctx, client.id)).notes).toBe('Invoices to ap@acme.example (new address)');
    expect(await notesOf(desktop)).toEqual(await notesOf(laptop));
    expect(await listTimeBlocks(desktop.workspace.ctx)).toHaveLength(24);
    expect((await listTimeBlocks(desktop.workspace.ctx)).filter((b) => b.note === 'agreed with the client')).toHaveLength(3);
  });

  it('a partition wiped on one device: the other keeps everything until asked, and "Keep them" brings it back on both', async () => {
    const { clock, remote, desktop, laptop } = await setup(40);
    // On the laptop every block of the client is deleted (a wrong filter, a script, a bad import).
    for (const block of await listTimeBlocks(laptop.workspace.ctx)) await removeTimeBlock(laptop.workspace.ctx, block.id);
    await laptop.round(remote);
    clock.advance(HOUR);
    const round = await desktop.round(remote);
    expect(round.paused).toHaveLength(1);
    expect(round.paused[0]!.doomed).toHaveLength(40);
    expect(await listTimeBlocks(desktop.workspace.ctx)).toHaveLength(40);
    // The next rounds do not wear it down: still paused, still nothing deleted.
    clock.advance(HOUR);
    expect((await desktop.round(remote)).paused).toHaveLength(1);
    expect(await listTimeBlocks(desktop.workspace.ctx)).toHaveLength(40);

    const p = round.paused[0]!;
    desktop.progress.guard = { [p.partition]: [{ device: p.device, fromSeq: p.fromSeq, toSeq: p.toSeq, choice: 'keep' }] };
    await desktop.round(remote);
    await desktop.round(remote);
    clock.advance(HOUR);
    await laptop.round(remote);
    expect(await listTimeBlocks(laptop.workspace.ctx)).toHaveLength(40);
    expect(await listTimeBlocks(desktop.workspace.ctx)).toHaveLength(40);
  });
  it('"Apply the deletions", then Undo: an edit made while the batch waited is not put back to its reviewed value', async () => {
    const { clock, remote, desktop, laptop } = await setup(40);
    for (const block of await listTimeBlocks(laptop.workspace.ctx)) await removeTimeBlock(laptop.workspace.ctx, block.id);
    await laptop.round(remote);
    clock.advance(HOUR);
    const round = await desktop.round(remote);
    const p = round.paused[0]!;
    // The card is up; meanwhile the person writes notes on a block that is still there.
    clock.advance(HOUR);
    const edited = (await listTimeBlocks(desktop.workspace.ctx))[0]!;
    await updateTimeBlock(desktop.workspace.ctx, edited.id, { note: 'call with the CFO: scope cut' });
    desktop.progress.guard = { [p.partition]: [{ device: p.device, fromSeq: p.fromSeq, toSeq: p.toSeq, choice: 'apply' }] };
    await desktop.round(remote);
    // Then thinks better of it: Undo.
    await restoreBatch(desktop.workspace.ctx.db, desktop.workspace.ctx.clock, p);
    const blocks = await listTimeBlocks(desktop.workspace.ctx);
    expect(blocks).toHaveLength(40);
    expect(blocks.find((b) => b.id === edited.id)!.note).toBe('call with the CFO: scope cut');
    clock.advance(HOUR);
    await desktop.round(remote);
    await laptop.round(remote);
    const there = await listTimeBlocks(laptop.workspace.ctx);
    expect(there).toHaveLength(40);
    expect(there.find((b) => b.id === edited.id)!.note).toBe('call with the CFO: scope cut');
  });
  it('Undo clicked before the round has carried out "Apply the deletions" still keeps every record', async () => {
    const { clock, remote, desktop, laptop } = await setup(40);
    for (const block of await listTimeBlocks(laptop.workspace.ctx)) await removeTimeBlock(laptop.workspace.ctx, block.id);
    await laptop.round(remote);
    clock.advance(HOUR);
    const p = (await desktop.round(remote)).paused[0]!;
    desktop.progress.guard = { [p.partition]: [{ device: p.device, fromSeq: p.fromSeq, toSeq: p.toSeq, choice: 'apply' }] };
    await restoreBatch(desktop.workspace.ctx.db, desktop.workspace.ctx.clock, p);
    await desktop.round(remote);
    expect(await listTimeBlocks(desktop.workspace.ctx)).toHaveLength(40);
  });
  it('a wipe whose snapshot reaches a synced folder before its segment still waits for the person', async () => {
    const { clock, remote, desktop, laptop } = await setup(40);
    for (const block of await listTimeBlocks(laptop.workspace.ctx)) await removeTimeBlock(laptop.workspace.ctx, block.id);
    const before = new Set(remote.objects.keys());
    await laptop.round(remote, { compaction: { segmentsPerSnapshot: 1 } });
    const fresh = [...remote.objects.keys()].filter((k) => !before.has(k));
    expect(fresh.some((k) => k.includes('/snap/'))).toBe(true);
    // The folder sync delivers the snapshot first; the wipe's segment is still on its way.
    const late = new Map(fresh.filter((k) => k.includes('/log/')).map((k) => [k, remote.objects.get(k)!]));
    for (const key of late.keys()) remote.objects.delete(key);
    clock.advance(HOUR);
    await desktop.round(remote);
    expect(await listTimeBlocks(desktop.workspace.ctx)).toHaveLength(40);
    // The segment arrives: the guard holds it for the person, as any wipe.
    for (const [key, bytes] of late) remote.objects.set(key, bytes);
    clock.advance(HOUR);
    expect((await desktop.round(remote)).paused).toHaveLength(1);
    expect(await listTimeBlocks(desktop.workspace.ctx)).toHaveLength(40);
  });
});
