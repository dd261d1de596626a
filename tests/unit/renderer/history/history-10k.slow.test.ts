/**
 * A client with 10 000 blocks: the as-of read goes batch by batch (no stretch without a progress
 * report longer than a few hundred entries), and a restore of all of them (delete, then back) runs
 * in one transaction in bulk. Prints the times it measured.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getSodium } from '../../../../src-renderer/vault/crypto/sodium.ts';
import { decode } from '../../../../src-renderer/sync/hlc/hlc.ts';
import { readChanges } from '../../../../src-renderer/vault/repos/change-log.ts';
import { updateClient } from '../../../../src-renderer/vault/repos/clients.ts';
import { createTimeBlocks, listTimeBlocks } from '../../../../src-renderer/vault/repos/time-blocks.ts';
import { readVaultAt } from '../../../../src-renderer/history/read-history.ts';
import { restoreItems, restoreRecords } from '../../../../src-renderer/history/restore.ts';
import { openTestVault, seedProject, type TestVault } from '../../support/store-helpers.ts';

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

const N = 10_000;

describe('history of a 10 000-block client', () => {
  it('reads in batches with progress and restores every block in bulk', async () => {
    const { client, project } = await seedProject(v.ctx);
    const partition = `client:${client.id}` as const;
    const before = decode((await readChanges(v.db, partition)).at(-1)!.hlc).ms;
    await updateClient(v.ctx, client.id, { notes: 'moves the test clock on' });
    const day = Date.UTC(2025, 0, 1);
    const inputs = Array.from({ length: N }, (_, i) => ({
      projectId: project.id,
      start: day + i * 3_600_000,
      end: day + i * 3_600_000 + 1_800_000,
      zone: 'Europe/Berlin',
      kind: 'deep' as const,
      billable: true,
    }));
    await createTimeBlocks(v.ctx, inputs);
    const after = decode((await readChanges(v.db, partition)).at(-1)!.hlc).ms;
    await updateClient(v.ctx, client.id, { notes: 'and on again' });

    let reports = 0;
    let t = performance.now();
    const asOfBefore = await readVaultAt(v.db, before, { onProgress: () => reports++ });
    const readMs = performance.now() - t;
    expect(asOfBefore.diffs.filter((d) => d.kind === 'created')).toHaveLength(N);
    expect(reports).toBeGreaterThan(N / 400);

    t = performance.now();
    const removed = await restoreRecords(
      v.ctx,
      restoreItems(asOfBefore.diffs).filter((i) => i.table === 'timeBlocks'),
    );
    const deleteMs = performance.now() - t;
    expect(removed.written).toBe(N);
    expect(await listTimeBlocks(v.ctx)).toHaveLength(0);

    t = performance.now();
    const asOfAfter = await readVaultAt(v.db, after);
    const back = await restoreRecords(
      v.ctx,
      restoreItems(asOfAfter.diffs).filter((i) => i.table === 'timeBlocks'),
    );
    const restoreMs = performance.now() - t;
    expect(back.written).toBe(N);
    expect(await listTimeBlocks(v.ctx)).toHaveLength(N);
    console.log(
      `10 000 blocks: as-of read ${Math.round(readMs)} ms (${reports} progress reports); delete all as a restore ${Math.round(deleteMs)} ms; read + restore all ${Math.round(restoreMs)} ms`,
    );
  });
});
