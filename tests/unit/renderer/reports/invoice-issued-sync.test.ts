/**
 * An issued invoice never changes, also through sync: a draft synced to devices A and B, issued on
 * A while B, offline, edits or deletes it; after both sync, both hold the document A issued, with
 * A's lines, number and PDF.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type * as RuntimeModule from '../../../../src-renderer/vault/session/runtime.ts';
import type * as InvoicesModule from '../../../../src-renderer/vault/repos/invoices.ts';
import type { StoreApi } from 'zustand/vanilla';
import { getSodium } from '../../../../src-renderer/vault/crypto/sodium.ts';
import type { RepoContext } from '../../../../src-renderer/vault/repos/context.ts';
import { setSetting } from '../../../../src-renderer/vault/repos/settings.ts';
import { listInvoices } from '../../../../src-renderer/vault/repos/invoices.ts';
import { BUSINESS_PROFILE_SETTING } from '../../../../src-renderer/domain/business-profile.ts';
import type { WorkspaceSlice } from '../../../../src-renderer/workspace/workspace-slice.ts';
import type { RenderInvoice } from '../../../../src-renderer/reports/invoice-lifecycle.ts';
import { clientInput } from '../../support/store-helpers.ts';
import { draftInput, LODZ_BILLING, profile, timeLine } from '../../support/invoice-doc-fixtures.ts';
import { device, memoryRemote, newVault, type Device } from '../sync/engine/harness.ts';
import { createWorkspaceStore } from '../workspace/workspace-store.ts';

const current = vi.hoisted(() => ({ ctx: null as RepoContext | null }));
vi.mock('../../../../src-renderer/vault/session/runtime.ts', async (importOriginal) => {
  const real = await importOriginal<typeof RuntimeModule>();
  return { ...real, repoContext: () => current.ctx ?? real.repoContext() };
});

// The next write of an issued document fails, as a closed window would: the issue stops half way.
const fault = vi.hoisted(() => ({ writeIssued: false }));
vi.mock('../../../../src-renderer/vault/repos/invoices.ts', async (importOriginal) => {
  const real = await importOriginal<typeof InvoicesModule>();
  return {
    ...real,
    writeIssued: (...args: Parameters<typeof real.writeIssued>) => {
      if (!fault.writeIssued) return real.writeIssued(...args);
      fault.writeIssued = false;
      return Promise.reject(new Error('The window was closed.'));
    },
  };
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

/** A draft of one line billing one block, on A, synced to B. */
async function syncedDraft() {
  const vault = newVault();
  const [a, b] = [await device(vault), await device(vault)];
  const [storeA, storeB] = [createWorkspaceStore(), createWorkspaceStore()];
  const remote = memoryRemote();
  const { draftId, blockId } = await withDevice(a, storeA, async (s) => {
    await setSetting(a.workspace.ctx, BUSINESS_PROFILE_SETTING, profile());
    const client = await s().saveClient(clientInput({ name: 'Łódź Analytics', country: 'PL', billing: LODZ_BILLING }));
    const project = await s().saveProject({ clientId: client.id, name: 'Pipeline' });
    const block = await s().addBlock({ projectId: project.id, zone: 'UTC', kind: 'deep', billable: true, start: T, end: T + H });
    const draft = await s().createInvoiceDraft(draftInput(client.id, { lines: [timeLine('l1', 1, 9_500, [block.id], { description: 'Zürich workshop' })] }));
    return { draftId: draft.id, blockId: block.id };
  });
  await a.round(remote);
  await b.round(remote);
  return { a, b, storeA, storeB, remote, draftId, blockId };
}

describe('a draft issued on one device and changed offline on another', () => {
  for (const change of ['edits', 'deletes'] as const) {
    it(`keeps the issued document on both devices when the other device ${change} the draft after the issue`, async () => {
      const { a, b, storeA, storeB, remote, draftId } = await syncedDraft();
      const issued = await withDevice(a, storeA, async (s) => (await s().issueDraft(draftId, render)).doc);
      await withDevice(b, storeB, async (s) => {
        if (change === 'edits')
          await s().saveInvoiceDraft(draftId, { note: 'Edited offline', lines: [timeLine('l1', 40, 9_500, [], { description: 'Αθήνα' })] });
        else await s().deleteInvoiceDraft(draftId);
      });
      await b.round(remote);
      await a.round(remote);
      await b.round(remote);
      for (const d of [a, b]) {
        const docs = await listInvoices(d.workspace.ctx);
        expect(docs).toHaveLength(1);
        expect(docs[0]).toMatchObject({ id: draftId, state: 'issued', number: 'RE-2026-0001', pdfBase64: issued.pdfBase64, note: issued.note });
        expect(docs[0]!.lines).toEqual(issued.lines);
      }
    });
  }
});

describe('an issue that stopped half way, seen from another device', () => {
  it('is finished only by the device that numbered it; the other waits for that document', async () => {
    const { a, b, storeA, storeB, remote, draftId } = await syncedDraft();
    fault.writeIssued = true;
    await withDevice(a, storeA, async (s) => {
      await expect(s().issueDraft(draftId, render)).rejects.toThrow(/numbered in your register, but its document was not saved yet/u);
    });
    await a.round(remote);
    await b.round(remote);
    // B holds the register entry and the draft, and a renderer: it must not issue its own copy.
    const rendersOnB = vi.fn(render);
    storeB.getState().setInvoiceRenderer(rendersOnB);
    await withDevice(b, storeB, async (s) => {
      expect(s().registerProblems).toContain(
        'Invoice RE-2026-0001 is in your register, but its document has not arrived yet from the device that issued it; it comes with sync.',
      );
    });
    expect(rendersOnB).not.toHaveBeenCalled();
    expect((await listInvoices(b.workspace.ctx))[0]?.state).toBe('draft');
    // A finishes it at its next load; B receives A's document.
    storeA.getState().setInvoiceRenderer(render);
    await withDevice(a, storeA, async (s) => {
      expect(s().registerProblems).toEqual([]);
    });
    await a.round(remote);
    await b.round(remote);
    const [onA, onB] = [(await listInvoices(a.workspace.ctx))[0], (await listInvoices(b.workspace.ctx))[0]];
    expect(onA).toMatchObject({ state: 'issued', number: 'RE-2026-0001' });
    expect(onB).toEqual(onA);
  });
});
