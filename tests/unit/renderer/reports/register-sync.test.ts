/**
 * Two devices issue invoices before they sync (review of issue 19). Sync merges a setting's value
 * as one last-writer-wins field, so version 1's one-array register kept only one device's list;
 * one row per invoice keeps both, even when both devices picked the same next number.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type * as RuntimeModule from '../../../../src-renderer/vault/session/runtime.ts';
import type { StoreApi } from 'zustand/vanilla';
import { getSodium } from '../../../../src-renderer/vault/crypto/sodium.ts';
import type { RepoContext } from '../../../../src-renderer/vault/repos/context.ts';
import type { WorkspaceSlice } from '../../../../src-renderer/workspace/workspace-slice.ts';
import { clientInput } from '../../support/store-helpers.ts';
import { device, memoryRemote, newVault, type Device } from '../sync/engine/harness.ts';
import { createWorkspaceStore } from '../workspace/workspace-store.ts';
import { WORKSPACE_PARTITION } from '../../../../src-renderer/sync/segment/layout.ts';

// The slices reach the vault through the runtime's one open workspace; here two are open at once.
const current = vi.hoisted(() => ({ ctx: null as RepoContext | null }));
vi.mock('../../../../src-renderer/vault/session/runtime.ts', async (importOriginal) => {
  const real = await importOriginal<typeof RuntimeModule>();
  return { ...real, repoContext: () => current.ctx ?? real.repoContext() };
});

const T = Date.UTC(2026, 10, 20, 8);
const H = 3_600_000;

beforeAll(async () => {
  await getSodium();
});

async function withDevice<R>(d: Device, store: StoreApi<WorkspaceSlice>, work: (s: () => WorkspaceSlice) => Promise<R>): Promise<R> {
  current.ctx = d.workspace.ctx;
  try {
    await store.getState().loadWorkspace();
    return await work(() => store.getState());
  } finally {
    current.ctx = null;
  }
}

/** A client, a project and one billable block on this device, billed on invoice `number`. */
async function issueOne(s: () => WorkspaceSlice, number: string) {
  const client = await s().saveClient(clientInput({ name: `Client ${number}` }));
  const project = await s().saveProject({ clientId: client.id, name: 'P' });
  const block = await s().addBlock({ projectId: project.id, zone: 'UTC', kind: 'deep', billable: true, start: T, end: T + H });
  await s().issueInvoice({ number, clientId: client.id, issueDate: '2026-11-20', blockIds: [block.id], expenseIds: [], totals: [['EUR', 9500]] });
  return block;
}

describe('two devices issuing before they sync', () => {
  it('keep both invoices, and every billed block stays voidable', async () => {
    const vault = newVault();
    const [a, b] = [await device(vault), await device(vault)];
    const [storeA, storeB] = [createWorkspaceStore(), createWorkspaceStore()];
    const remote = memoryRemote();
    // Both start from the same (empty) synced state, then issue offline; both picked 2026-0001.
    const blockA = await withDevice(a, storeA, (s) => issueOne(s, '2026-0001'));
    const blockB = await withDevice(b, storeB, (s) => issueOne(s, '2026-0001'));
    await a.round(remote);
    await b.round(remote);
    await a.round(remote);

    for (const [d, store] of [
      [a, storeA],
      [b, storeB],
    ] as const) {
      await withDevice(d, store, async (s) => {
        expect(s().invoices?.map((r) => [r.number, r.blockIds])).toEqual(
          expect.arrayContaining([
            ['2026-0001', [blockA.id]],
            ['2026-0001', [blockB.id]],
          ]),
        );
        expect(s().invoices).toHaveLength(2);
        expect(
          s()
            .blocks.filter((blk) => blk.billed)
            .map((blk) => blk.id)
            .sort(),
        ).toEqual([blockA.id, blockB.id].sort());
        // Nothing was lost, but one number now names two invoices: the person is told what to do.
        expect(s().registerProblems).toEqual([expect.stringContaining('Invoice number 2026-0001 was used by 2 invoices')]);
      });
    }

    // Either invoice can be voided from either device; voiding B's unbills exactly B's block.
    await withDevice(a, storeA, async (s) => {
      const ofB = s().invoices!.find((r) => r.blockIds.includes(blockB.id))!;
      expect(await s().voidInvoice(ofB.key, '2026-11-21')).toBe(1);
      expect(
        s()
          .blocks.filter((blk) => blk.billed)
          .map((blk) => blk.id),
      ).toEqual([blockA.id]);
    });
  });

  it('a device that voided an invoice keeps the marks of the invoice that re-billed its time elsewhere, while that invoice has not reached it (review 8, finding 1)', async () => {
    const vault = newVault();
    const [a, b] = [await device(vault), await device(vault)];
    const [storeA, storeB] = [createWorkspaceStore(), createWorkspaceStore()];
    const remote = memoryRemote();
    const block = await withDevice(a, storeA, (s) => issueOne(s, '2026-0001'));
    await withDevice(a, storeA, async (s) => {
      await s().voidInvoice(s().invoices![0]!.key, '2026-11-21');
    });
    await a.round(remote);
    await b.round(remote);
    // B issues the same time again, as 2026-0002.
    await withDevice(b, storeB, async (s) => {
      expect(s().blocks.find((blk) => blk.id === block.id)?.billed).toBe(false);
      const client = s().clients[0]!;
      await s().issueInvoice({ number: '2026-0002', clientId: client.id, issueDate: '2026-11-22', blockIds: [block.id], expenseIds: [], totals: [] });
    });
    await b.round(remote);
    // A gets the client's partition (the mark) but not the workspace's (the new entry).
    const noWorkspace = { skipPartitions: new Set([WORKSPACE_PARTITION]) };
    await a.round(remote, noWorkspace);
    await withDevice(a, storeA, async (s) => {
      expect(s().blocks.find((blk) => blk.id === block.id)?.billed).toBe(true);
      expect(s().billedWithoutInvoice).toEqual({ blockIds: [block.id], expenseIds: [] });
      expect(s().registerProblems).toEqual([expect.stringContaining('1 record was marked billed after invoice 2026-0001 voided it')]);
    });
    // Nothing A wrote undoes B's mark, however often they sync.
    for (let i = 0; i < 2; i += 1) {
      await a.round(remote, noWorkspace);
      await withDevice(a, storeA, async () => undefined);
      await b.round(remote);
      await withDevice(b, storeB, async (s) => {
        expect(s().blocks.find((blk) => blk.id === block.id)?.billed).toBe(true);
      });
    }
    // Once the entry arrives, A agrees and has nothing to ask.
    await a.round(remote);
    await withDevice(a, storeA, async (s) => {
      expect(s().blocks.find((blk) => blk.id === block.id)?.billed).toBe(true);
      expect(s().billedWithoutInvoice).toEqual({ blockIds: [], expenseIds: [] });
      expect(s().registerProblems).toEqual([]);
    });
  });
});
