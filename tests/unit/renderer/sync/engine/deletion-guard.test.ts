/**
 * The deletion guard through real sync rounds (harness.ts devices, an in-memory target): a batch
 * that would delete too much of a partition pauses before anything is written, the rest goes on;
 * "Apply" applies exactly the reviewed range; "Keep" writes the records again so they win on every
 * device. The loss story "a partition wiped on one device" as the person lived it.
 */
import sodium from 'libsodium-wrappers-sumo';
import { beforeAll, describe, expect, it } from 'vitest';
import { getSodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import { getSetting, setSetting } from '../../../../../src-renderer/vault/repos/settings.ts';
import { createTimeBlocks, listTimeBlocks, removeTimeBlock } from '../../../../../src-renderer/vault/repos/time-blocks.ts';
import { loadOrCreateDevice } from '../../../../../src-renderer/sync/engine/device-identity.ts';
import type { GuardDecision } from '../../../../../src-renderer/sync/engine/sync-progress.ts';
import { seedProject, T0 } from '../../../support/store-helpers.ts';
import { device, memoryRemote, newVault, type Device } from './harness.ts';

beforeAll(async () => {
  await getSodium();
  await sodium.ready;
});

async function idOf(d: Device, vault: ReturnType<typeof newVault>): Promise<string> {
  return (await loadOrCreateDevice(d.meta, vault.vaultId, d.workspace.keyRing)).id;
}

/** Two synced devices sharing one client with `blocks` time blocks. */
async function twoDevices(blocks: number) {
  const vault = newVault();
  const remote = memoryRemote();
  const [a, b] = [await device(vault), await device(vault)];
  const { client, project } = await seedProject(a.workspace.ctx);
  const input = (i: number) => ({
    projectId: project.id,
    start: T0 + i * 3_600_000,
    end: T0 + i * 3_600_000 + 1_800_000,
    zone: 'UTC',
    kind: 'deep' as const,
    billable: true,
  });
  await createTimeBlocks(
    a.workspace.ctx,
    Array.from({ length: blocks }, (_, i) => input(i)),
  );
  await a.round(remote);
  await b.round(remote);
  expect(await listTimeBlocks(b.workspace.ctx)).toHaveLength(blocks);
  return { vault, remote, a, b, client, project, pid: client.id };
}

async function wipe(d: Device, count: number): Promise<void> {
  const blocks = await listTimeBlocks(d.workspace.ctx);
  for (const block of blocks.slice(0, count)) await removeTimeBlock(d.workspace.ctx, block.id);
}

describe('deletion guard', () => {
  it('a partition wiped on one device: the other pauses it before writing, shows what would go, and the other partitions go on', async () => {
    const { vault, remote, a, b, pid } = await twoDevices(30);
    // On B the person deletes 24 of the 30 blocks, and changes a setting (the workspace partition).
    await wipe(b, 24);
    await setSetting(b.workspace.ctx, 'autoLockMinutes', 7);
    await b.round(remote);

    const before = structuredClone(a.progress.vectors[pid]);
    const result = await a.round(remote);
    expect(result.paused).toHaveLength(1);
    const paused = result.paused[0]!;
    expect(paused).toMatchObject({ partition: pid, device: await idOf(b, vault), live: 32 });
    expect(paused.doomed).toHaveLength(24);
    expect(paused.doomed.every((r) => r.table === 'timeBlocks' && typeof r.record['start'] === 'number')).toBe(true);
    // Nothing of that partition written, its vector where it was: nothing lost, nothing skipped.
    expect(await listTimeBlocks(a.workspace.ctx)).toHaveLength(30);
    expect(a.progress.vectors[pid]).toEqual(before);
    // The workspace partition went on.
    expect(await getSetting(a.workspace.ctx, 'autoLockMinutes')).toBe(7);
    // The next round asks again (the batch is still there), still without writing.
    expect((await a.round(remote)).paused).toHaveLength(1);
    expect(await listTimeBlocks(a.workspace.ctx)).toHaveLength(30);
  });

  it('stays out of the way of ordinary tidying: below the share or under the minimum count', async () => {
    const { remote, a, b } = await twoDevices(30);
    await wipe(b, 7); // 7 of 32: 22 %, and fewer than 10
    await b.round(remote);
    const result = await a.round(remote);
    expect(result.paused).toEqual([]);
    expect(await listTimeBlocks(a.workspace.ctx)).toHaveLength(23);
  });

  it('over the count limit whatever the share', async () => {
    const { remote, a, b } = await twoDevices(30);
    await wipe(b, 6);
    await b.round(remote);
    const result = await a.round(remote, { guardLimits: { share: 1, minShareCount: 1, count: 5 } });
    expect(result.paused).toHaveLength(1);
    expect(await listTimeBlocks(a.workspace.ctx)).toHaveLength(30);
  });

  it('"Apply the deletions" applies exactly the reviewed range; deletions arriving after it meet the guard afresh', async () => {
    const { remote, a, b, pid } = await twoDevices(30);
    const limits = { guardLimits: { share: 0.25, minShareCount: 3, count: 200 } };
    await wipe(b, 20);
    await b.round(remote);
    const paused = (await a.round(remote, limits)).paused[0]!;
    // Meanwhile B deletes 5 more: a later segment, not part of what the person reviewed.
    await wipe(b, 5);
    await b.round(remote);
    const decision: GuardDecision = { device: paused.device, fromSeq: paused.fromSeq, toSeq: paused.toSeq, choice: 'apply' };
    a.progress.guard = { [pid]: [decision] };
    const result = await a.round(remote, limits);
    expect(await listTimeBlocks(a.workspace.ctx)).toHaveLength(10);
    expect(a.progress.vectors[pid]?.[paused.device]).toBe(paused.toSeq);
    // The 5 later ones (5 of 12 live) are a new batch, paused on their own.
    expect(result.paused).toHaveLength(1);
    expect(result.paused[0]).toMatchObject({ fromSeq: paused.toSeq + 1 });
    expect(result.paused[0]!.doomed).toHaveLength(5);
    // The decision is done and forgotten once its range is applied.
    await a.round(remote, limits);
    expect(a.progress.guard?.[pid] ?? []).toEqual([]);
  });

  it('"Keep them" writes the records again: they win over the deletions on both devices, and the device\'s segments go through', async () => {
    const { remote, a, b, pid } = await twoDevices(30);
    const original = await listTimeBlocks(a.workspace.ctx);
    await wipe(b, 24);
    await b.round(remote);
    const paused = (await a.round(remote)).paused[0]!;
    a.progress.guard = { [pid]: [{ device: paused.device, fromSeq: paused.fromSeq, toSeq: paused.toSeq, choice: 'keep' }] };
    const kept = await a.round(remote);
    expect(kept.kept).toBe(24);
    expect(kept.paused).toEqual([]);
    expect(a.progress.vectors[pid]?.[paused.device]).toBe(paused.toSeq);
    expect(await listTimeBlocks(a.workspace.ctx)).toHaveLength(30);
    // A pushes the re-asserted records next round; B gets every block back, with its fields.
    await a.round(remote);
    const onB = await b.round(remote);
    expect(onB.paused).toEqual([]);
    const strip = (blocks: Awaited<ReturnType<typeof listTimeBlocks>>) =>
      blocks.map(({ id, start, end, note, projectId }) => ({ id, start, end, note, projectId })).sort((x, y) => x.start - y.start);
    expect(strip(await listTimeBlocks(b.workspace.ctx))).toEqual(strip(original));
    expect(strip(await listTimeBlocks(a.workspace.ctx))).toEqual(strip(original));
  });

  it('a snapshot that would delete as much is not a way around it: the segments still there come through the guard', async () => {
    const { remote, a, b } = await twoDevices(30);
    const knobs = { compaction: { segmentsPerSnapshot: 3, catchUpFrom: 2 } };
    // B deletes one block per round: 24 segments, and snapshots of them along the way.
    for (const block of (await listTimeBlocks(b.workspace.ctx)).slice(0, 24)) {
      await removeTimeBlock(b.workspace.ctx, block.id);
      await b.round(remote, knobs);
    }
    expect([...remote.objects.keys()].some((k) => k.includes('/snap/'))).toBe(true);
    const result = await a.round(remote, knobs);
    expect(result.snapshotsApplied).toBe(0);
    expect(result.paused).toHaveLength(1);
    expect(result.paused[0]!.doomed).toHaveLength(24);
    expect(await listTimeBlocks(a.workspace.ctx)).toHaveLength(30);
  });

  it('a decision for a range that does not match what is pending changes nothing', async () => {
    const { remote, a, b, pid } = await twoDevices(30);
    await wipe(b, 24);
    await b.round(remote);
    const paused = (await a.round(remote)).paused[0]!;
    // A decision naming another device, or a range after the pending one, is not this batch's.
    a.progress.guard = {
      [pid]: [
        { device: 'someone-else', fromSeq: paused.fromSeq, toSeq: paused.toSeq, choice: 'apply' },
        { device: paused.device, fromSeq: paused.toSeq + 1, toSeq: paused.toSeq + 3, choice: 'apply' },
      ],
    };
    expect((await a.round(remote)).paused).toHaveLength(1);
    expect(await listTimeBlocks(a.workspace.ctx)).toHaveLength(30);
  });
});
