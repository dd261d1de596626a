/**
 * Two devices issue invoices from documents before they sync: the documents (client partition)
 * and the register entries (workspace partition) converge, both devices' invoices are kept, and a
 * credit note written on one device voids the other's invoice on both.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type * as RuntimeModule from '../../../../src-renderer/vault/session/runtime.ts';
import type { StoreApi } from 'zustand/vanilla';
import { getSodium } from '../../../../src-renderer/vault/crypto/sodium.ts';
import type { RepoContext } from '../../../../src-renderer/vault/repos/context.ts';
import { setSetting } from '../../../../src-renderer/vault/repos/settings.ts';
import { BUSINESS_PROFILE_SETTING } from '../../../../src-renderer/domain/business-profile.ts';
import type { WorkspaceSlice } from '../../../../src-renderer/workspace/workspace-slice.ts';
import type { RenderInvoice } from '../../../../src-renderer/reports/invoice-lifecycle.ts';
import { clientInput } from '../../support/store-helpers.ts';
import { draftInput, LODZ_BILLING, profile, timeLine } from '../../support/invoice-doc-fixtures.ts';
import { device, memoryRemote, newVault, type Device } from '../sync/engine/harness.ts';
import { createWorkspaceStore } from '../workspace/workspace-store.ts';

// The slices reach the vault through the runtime's one open workspace; here two are open at once.
const current = vi.hoisted(() => ({ ctx: null as RepoContext | null }));
vi.mock('../../../../src-renderer/vault/session/runtime.ts', async (importOriginal) => {
  const real = await importOriginal<typeof RuntimeModule>();
  return { ...real, repoContext: () => current.ctx ?? real.repoContext() };
});

const T = Date.UTC(2026, 10, 20, 8);
const H = 3_600_000;
const render: RenderInvoice = (doc) => Promise.resolve({ pdf: new TextEncoder().encode(`%PDF ${doc.number}`), xml: `<Invoice>${doc.number}</Invoice>` });

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

describe('two devices issuing invoice documents before they sync', () => {
  it('keep both invoices and both documents, and a credit note from either voids on both', async () => {
    const vault = newVault();
    const [a, b] = [await device(vault), await device(vault)];
    const [storeA, storeB] = [createWorkspaceStore(), createWorkspaceStore()];
    const remote = memoryRemote();
    const { blockA, blockB } = await withDevice(a, storeA, async (s) => {
      await setSetting(a.workspace.ctx, BUSINESS_PROFILE_SETTING, profile());
      const client = await s().saveClient(clientInput({ name: 'Łódź Analytics', country: 'PL', billing: LODZ_BILLING }));
      const project = await s().saveProject({ clientId: client.id, name: 'Pipeline' });
      const base = { projectId: project.id, zone: 'UTC', kind: 'deep' as const, billable: true };
      return { blockA: await s().addBlock({ ...base, start: T, end: T + H }), blockB: await s().addBlock({ ...base, start: T + 2 * H, end: T + 3 * H }) };
    });
    await a.round(remote);
    await b.round(remote);

    // Offline, each device issues its own invoice; both take RE-2026-0001.
    const issue = (d: Device, store: StoreApi<WorkspaceSlice>, blockId: string) =>
      withDevice(d, store, async (s) => {
        const draft = await s().createInvoiceDraft(draftInput(s().clients[0]!.id, { lines: [timeLine('l1', 1, 9_500, [blockId])] }));
        return (await s().issueDraft(draft.id, render)).entry;
      });
    const fromA = await issue(a, storeA, blockA.id);
    const fromB = await issue(b, storeB, blockB.id);
    expect([fromA.number, fromB.number]).toEqual(['RE-2026-0001', 'RE-2026-0001']);
    await a.round(remote);
    await b.round(remote);
    await a.round(remote);

    for (const [d, store] of [
      [a, storeA],
      [b, storeB],
    ] as const) {
      await withDevice(d, store, async (s) => {
        expect(
          s()
            .invoices?.map((r) => r.key)
            .sort(),
        ).toEqual([fromA.key, fromB.key].sort());
        expect(
          s()
            .invoiceDocs?.map((doc) => [doc.id, doc.state, doc.number])
            .sort(),
        ).toEqual(
          [
            [fromA.key.slice('invoice/'.length), 'issued', 'RE-2026-0001'],
            [fromB.key.slice('invoice/'.length), 'issued', 'RE-2026-0001'],
          ].sort(),
        );
        expect(
          s()
            .blocks.filter((blk) => blk.billed)
            .map((blk) => blk.id)
            .sort(),
        ).toEqual([blockA.id, blockB.id].sort());
        expect(s().registerProblems).toEqual([expect.stringContaining('Invoice number RE-2026-0001 was used by 2 invoices')]);
      });
    }

    // A voids B's invoice with a credit note; B learns it by sync.
    await withDevice(a, storeA, async (s) => {
      const { creditNote } = await s().voidWithCreditNote(fromB.key, '2026-12-01', render);
      expect(creditNote.number).toBe('GS-2026-0001');
    });
    await a.round(remote);
    await b.round(remote);
    await withDevice(b, storeB, async (s) => {
      expect(s().invoices?.find((r) => r.key === fromB.key)).toMatchObject({ status: 'void', voidedOn: '2026-12-01' });
      expect(s().invoiceDocs?.find((doc) => doc.kind === 'credit-note')).toMatchObject({
        state: 'issued',
        number: 'GS-2026-0001',
        creditFor: { number: 'RE-2026-0001' },
      });
      expect(
        s()
          .blocks.filter((blk) => blk.billed)
          .map((blk) => blk.id),
      ).toEqual([blockA.id]);
      // B numbers on after what A issued: the register every device holds is the count.
      const draft = await s().createInvoiceDraft(draftInput(s().clients[0]!.id, { lines: [timeLine('l1', 1, 9_500, [blockB.id])] }));
      expect((await s().issueDraft(draft.id, render)).entry.number).toBe('RE-2026-0002');
    });
  });
});
