/**
 * The lifecycle's guards (review findings): one operation at a time, the number and billed checks
 * repeated after rendering, no delete or save of a numbered draft, a size bound a sync segment
 * carries, leftover credit-note drafts cleared at load, milestones, fees and retainer months billed once.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as InvoicesModule from '../../../../src-renderer/vault/repos/invoices.ts';
import type { StoreApi } from 'zustand/vanilla';
import { clientInput, idb } from '../../support/store-helpers.ts';
import { draftInput, LODZ_BILLING, profile, timeLine } from '../../support/invoice-doc-fixtures.ts';
import { generateKey } from '../../../../src-renderer/vault/crypto/keys.ts';
import { getSodium } from '../../../../src-renderer/vault/crypto/sodium.ts';
import { newNodeId } from '../../../../src-renderer/sync/hlc/hlc.ts';
import { openWorkspace } from '../../../../src-renderer/vault/session/workspace.ts';
import { setCurrentSession } from '../../../../src-renderer/vault/session/runtime.ts';
import { listSettings, setSetting } from '../../../../src-renderer/vault/repos/settings.ts';
import { createDraft, getInvoice, listInvoices, writeIssued } from '../../../../src-renderer/vault/repos/invoices.ts';
import { BUSINESS_PROFILE_SETTING } from '../../../../src-renderer/domain/business-profile.ts';
import type { Invoice } from '../../../../src-renderer/domain/invoice.ts';
import type { WorkspaceSlice } from '../../../../src-renderer/workspace/workspace-slice.ts';
import type { RepoContext } from '../../../../src-renderer/vault/repos/context.ts';
import { BillingIncompleteError } from '../../../../src-renderer/reports/billing-slice.ts';
import type { RenderInvoice } from '../../../../src-renderer/reports/invoice-lifecycle.ts';
import { registerKey, storedValue } from '../../../../src-renderer/reports/invoice-register.ts';
import { creditNoteDraft, entryOf } from '../../../../src-renderer/invoices/lifecycle/documents.ts';
import { RepoError } from '../../../../src-renderer/vault/repos/errors.ts';
import { createWorkspaceStore } from '../workspace/workspace-store.ts';

// Fault injection: the next write of an issued document fails, as a closed window or a full disk would.
const fault = vi.hoisted(() => ({ writeIssued: false }));
vi.mock('../../../../src-renderer/vault/repos/invoices.ts', async (importOriginal) => {
  const real = await importOriginal<typeof InvoicesModule>();
  return {
    ...real,
    writeIssued: (...args: Parameters<typeof real.writeIssued>) => {
      if (!fault.writeIssued) return real.writeIssued(...args);
      fault.writeIssued = false;
      return Promise.reject(new RepoError('unreadable', 'The vault is locked.'));
    },
  };
});

let store: StoreApi<WorkspaceSlice>;
let ctx: RepoContext;
let n = 0;
const H = 3_600_000;
const T = Date.UTC(2026, 10, 20, 8);
const s = () => store.getState();
const PDF = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d]);
const rendered: Invoice[] = [];
const render: RenderInvoice = (doc) => {
  rendered.push(doc);
  return Promise.resolve({ pdf: PDF, xml: `<Invoice><ID>${doc.number}</ID></Invoice>` });
};

beforeAll(async () => {
  await getSodium();
});
beforeEach(async () => {
  const session = { vaultId: `guards-${process.pid}-${++n}`, vaultKey: generateKey() };
  const workspace = await openWorkspace({ ...session, vaultKey: session.vaultKey.slice() }, { nodeId: newNodeId(), ...idb });
  setCurrentSession(session, workspace);
  ctx = workspace.ctx;
  store = createWorkspaceStore();
  await s().loadWorkspace();
  rendered.length = 0;
});
afterEach(() => {
  fault.writeIssued = false;
  setCurrentSession(null);
});

const billedIds = () =>
  s()
    .blocks.filter((blk) => blk.billed)
    .map((blk) => blk.id)
    .sort();

/** A client in Łódź with billing details, a project and two billable blocks; the profile saved. */
async function setUp() {
  await setSetting(ctx, BUSINESS_PROFILE_SETTING, profile());
  const client = await s().saveClient(clientInput({ name: 'Łódź Analytics', country: 'PL', billing: LODZ_BILLING }));
  const project = await s().saveProject({ clientId: client.id, name: 'Pipeline' });
  const base = { projectId: project.id, zone: 'UTC', kind: 'deep' as const, billable: true };
  const a = await s().addBlock({ ...base, start: T, end: T + H });
  const b = await s().addBlock({ ...base, start: T + 2 * H, end: T + 3 * H });
  return { client, project, a, b };
}

const registerKeys = async () => (await listSettings(ctx)).filter((x) => x.id.startsWith('invoice/')).map((x) => x.id);

describe('one lifecycle operation at a time', () => {
  it('voids once when Void is clicked twice: one credit note, one number', async () => {
    const { client, a } = await setUp();
    const draft = await s().createInvoiceDraft(draftInput(client.id, { lines: [timeLine('l1', 1, 9_500, [a.id])] }));
    const { entry } = await s().issueDraft(draft.id, render);
    const [first, second] = await Promise.allSettled([
      s().voidWithCreditNote(entry.key, '2026-12-05', render),
      s().voidWithCreditNote(entry.key, '2026-12-05', render),
    ]);
    expect(first.status).toBe('fulfilled');
    expect(second).toMatchObject({ status: 'rejected', reason: { message: expect.stringMatching(/It is void already since 2026-12-05/u) } });
    const notes = (await listInvoices(ctx)).filter((d) => d.kind === 'credit-note');
    expect(notes.map((d) => [d.state, d.number])).toEqual([['issued', 'GS-2026-0001']]);
    expect(await registerKeys()).toHaveLength(2);
  });

  it('gives two issues in flight two numbers', async () => {
    const { client, a, b } = await setUp();
    const one = await s().createInvoiceDraft(draftInput(client.id, { lines: [timeLine('l1', 1, 9_500, [a.id])] }));
    const two = await s().createInvoiceDraft(draftInput(client.id, { lines: [timeLine('l1', 1, 9_500, [b.id])] }));
    const issued = await Promise.all([s().issueDraft(one.id, render), s().issueDraft(two.id, render)]);
    expect(issued.map((x) => x.entry.number)).toEqual(['RE-2026-0001', 'RE-2026-0002']);
    expect(s().registerProblems).toEqual([]);
  });

  it('does not delete a draft while it is being issued: no register entry is left without its document', async () => {
    const { client, a } = await setUp();
    const draft = await s().createInvoiceDraft(draftInput(client.id, { lines: [timeLine('l1', 1, 9_500, [a.id])] }));
    const issuing = s().issueDraft(draft.id, render);
    const deleting = s().deleteInvoiceDraft(draft.id);
    await issuing;
    await expect(deleting).rejects.toThrow(/Invoice RE-2026-0001 is issued and cannot be deleted/u);
    expect(await getInvoice(ctx, draft.id)).toMatchObject({ state: 'issued', number: 'RE-2026-0001' });
    expect(await registerKeys()).toEqual([registerKey(draft.id)]);
  });

  it('refuses to delete or change a draft numbered in the register, in words', async () => {
    const { client, a } = await setUp();
    const draft = await s().createInvoiceDraft(draftInput(client.id, { lines: [timeLine('l1', 1, 9_500, [a.id])] }));
    fault.writeIssued = true;
    await expect(s().issueDraft(draft.id, render)).rejects.toBeInstanceOf(BillingIncompleteError);
    await expect(s().deleteInvoiceDraft(draft.id)).rejects.toThrow(
      'Invoice RE-2026-0001 was not deleted: it is numbered in your register already, so it is issued as it stands; Caravan finishes it when the workspace next opens.',
    );
    await expect(s().saveInvoiceDraft(draft.id, { note: 'changed' })).rejects.toThrow(/numbered in your register/u);
    expect((await getInvoice(ctx, draft.id)).state).toBe('draft');
  });

  it('still saves and deletes drafts when the register holds an entry this version cannot read', async () => {
    const { client, a } = await setUp();
    await setSetting(ctx, registerKey('fedcba9876543210'), { written: 'by a newer version' });
    const draft = await s().createInvoiceDraft(draftInput(client.id, { lines: [timeLine('l1', 1, 9_500, [a.id])] }));
    expect((await s().saveInvoiceDraft(draft.id, { note: 'Zürich, as agreed' })).note).toBe('Zürich, as agreed');
    await s().deleteInvoiceDraft(draft.id);
    expect(await listInvoices(ctx)).toEqual([]);
  });

  it('checks the number again after rendering: a number taken meanwhile (by sync) refuses the issue, nothing written', async () => {
    const { client, a } = await setUp();
    const draft = await s().createInvoiceDraft(draftInput(client.id, { lines: [timeLine('l1', 1, 9_500, [a.id])] }));
    const synced = { ...entryOf({ ...draft, state: 'draft', createdAt: 0, updatedAt: 0 }, 'RE-2026-0001'), blockIds: [] };
    const slow: RenderInvoice = async (doc) => {
      // Another device's invoice arrives while this one renders.
      await setSetting(ctx, registerKey('0123456789abcdef'), storedValue(synced));
      return render(doc);
    };
    await expect(s().issueDraft(draft.id, slow)).rejects.toThrow(
      /nothing was written: Number series: RE-2026-0001 was taken while this invoice was being made \(by another device\)\. Issue it again to take RE-2026-0002\./u,
    );
    expect(await registerKeys()).toEqual([registerKey('0123456789abcdef')]);
    expect((await getInvoice(ctx, draft.id)).state).toBe('draft');
    expect(billedIds()).toEqual([]);
  });
});

describe('a document too large for one sync segment', () => {
  it('is refused before anything is written, saying how many lines to move to a second invoice', async () => {
    const { client } = await setUp();
    const lines = Array.from({ length: 700 }, (_, i) => timeLine(`l${i}`, 1, 9_500, [], { description: `Zürich pipeline work, day ${i + 1}` }));
    const draft = await s().createInvoiceDraft(draftInput(client.id, { lines }));
    // What the real PDF and XML weigh per line, measured: about 1.5 KB together.
    const heavy: RenderInvoice = (doc) =>
      Promise.resolve({
        pdf: new Uint8Array(doc.lines.length * 900).fill(0x41),
        xml: `<Invoice>${'<cac:InvoiceLine/>'.repeat(doc.lines.length * 30)}</Invoice>`,
      });
    await expect(s().issueDraft(draft.id, heavy)).rejects.toThrow(
      /^The draft was not issued, and nothing was written: Lines: with its PDF and XML this invoice would be [\d.,]+ KB, more than sync carries in one piece \([\d.,]+ KB\)\. Move at least \d+ of its 700 lines to a second invoice\.$/u,
    );
    expect(await registerKeys()).toEqual([]);
    expect((await getInvoice(ctx, draft.id)).state).toBe('draft');
  });
});

describe('a credit-note draft left by a void that stopped before its number', () => {
  it('is deleted at load, and the load says so', async () => {
    const { client, a } = await setUp();
    const draft = await s().createInvoiceDraft(draftInput(client.id, { lines: [timeLine('l1', 1, 9_500, [a.id])] }));
    const { doc } = await s().issueDraft(draft.id, render);
    const left = await createDraft(ctx, creditNoteDraft(doc, '2026-12-05', 'GS-'));
    store = createWorkspaceStore();
    await s().loadWorkspace();
    expect(s().registerProblems).toEqual([
      'A credit note for invoice RE-2026-0001 was begun but never numbered (a void that stopped half way); its draft was deleted, nothing was sent, and the invoice is not void.',
    ]);
    expect((await listInvoices(ctx)).map((d) => d.id)).toEqual([draft.id]);
    expect(s().invoiceDocs?.some((d) => d.id === left.id)).toBe(false);
  });
});

describe('milestones, fees and retainer months', () => {
  const milestone = (overrides: Partial<Parameters<typeof timeLine>[4]> = {}) =>
    timeLine('milestone:phase-design', 1, 50_000, [], {
      kind: 'milestone',
      description: 'Pipeline: milestone “Design”',
      quantity: { unit: 'item', milli: 1000 },
      unitPriceMinor: 50_000,
      netMinor: 50_000,
      ...overrides,
    });

  it('are refused at issue when another issued, not void, invoice of the client bills the same line', async () => {
    const { client } = await setUp();
    const first = await s().createInvoiceDraft(draftInput(client.id, { lines: [milestone()] }));
    const second = await s().createInvoiceDraft(draftInput(client.id, { lines: [milestone()] }));
    const { entry } = await s().issueDraft(first.id, render);
    await expect(s().issueDraft(second.id, render)).rejects.toThrow(
      'Line “Pipeline: milestone “Design””: it is billed already on invoice RE-2026-0001. Remove it from this draft, or void RE-2026-0001 first.',
    );
    expect(await registerKeys()).toEqual([entry.key]);
    // Once the first is void, the milestone may be billed again.
    await s().voidWithCreditNote(entry.key, '2026-12-01', render);
    expect((await s().issueDraft(second.id, render)).entry.number).toBe('RE-2026-0002');
  });

  it('are reported at load when two issued invoices bill one (issued offline on two devices)', async () => {
    const { client } = await setUp();
    const first = await s().createInvoiceDraft(draftInput(client.id, { lines: [milestone()] }));
    await s().issueDraft(first.id, render);
    // As a second device would have issued it before the first's arrived.
    const other = await createDraft(ctx, draftInput(client.id, { lines: [milestone()] }));
    await setSetting(ctx, registerKey(other.id), storedValue(entryOf(other, 'RE-2026-0002')));
    await writeIssued(ctx, other.id, { number: 'RE-2026-0002', issuedAt: T, pdfBase64: 'JVBERi0=', xml: '<Invoice/>' });
    store = createWorkspaceStore();
    await s().loadWorkspace();
    expect(s().registerProblems).toEqual([
      'Line “Pipeline: milestone “Design”” is billed on 2 issued invoices: RE-2026-0001, RE-2026-0002. Void one of them with a credit note.',
    ]);
  });
});
