/** The lifecycle on documents: issue, a stop half way finished at load, payment, the void by a credit note, refusals. */
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
import { getInvoice, listInvoices } from '../../../../src-renderer/vault/repos/invoices.ts';
import { BUSINESS_PROFILE_SETTING } from '../../../../src-renderer/domain/business-profile.ts';
import type { Invoice } from '../../../../src-renderer/domain/invoice.ts';
import type { WorkspaceSlice } from '../../../../src-renderer/workspace/workspace-slice.ts';
import type { RepoContext } from '../../../../src-renderer/vault/repos/context.ts';
import { BillingIncompleteError } from '../../../../src-renderer/reports/billing-slice.ts';
import { IssueRefusedError, type RenderInvoice } from '../../../../src-renderer/reports/invoice-lifecycle.ts';
import { registerKey } from '../../../../src-renderer/reports/invoice-register.ts';
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
  const session = { vaultId: `lifecycle-${process.pid}-${++n}`, vaultKey: generateKey() };
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

/** A client in Łódź with billing details, a project and two billable blocks; the profile saved. */
async function setUp(options: { billing?: boolean; profile?: boolean } = {}) {
  if (options.profile !== false) await setSetting(ctx, BUSINESS_PROFILE_SETTING, profile());
  const client = await s().saveClient(clientInput({ name: 'Łódź Analytics', country: 'PL', ...(options.billing !== false && { billing: LODZ_BILLING }) }));
  const project = await s().saveProject({ clientId: client.id, name: 'Pipeline' });
  const base = { projectId: project.id, zone: 'UTC', kind: 'deep' as const, billable: true };
  const a = await s().addBlock({ ...base, start: T, end: T + H });
  const b = await s().addBlock({ ...base, start: T + 2 * H, end: T + 3 * H });
  return { client, project, a, b };
}

const billedIds = () =>
  s()
    .blocks.filter((blk) => blk.billed)
    .map((blk) => blk.id)
    .sort();

describe('issuing a draft', () => {
  it('takes the next number of the series, stores the document as rendered, then marks what it bills', async () => {
    const { client, a, b } = await setUp();
    const draft = await s().createInvoiceDraft(draftInput(client.id, { lines: [timeLine('l1', 1, 9_500, [a.id])] }));
    expect(s().invoiceDocs?.map((d) => d.id)).toEqual([draft.id]);
    const { entry, doc } = await s().issueDraft(draft.id, render);

    expect(entry).toMatchObject({
      key: registerKey(draft.id),
      number: 'RE-2026-0001',
      series: 'RE-',
      dueDate: '2026-12-14',
      status: 'issued',
      blockIds: [a.id],
    });
    expect(entry.totals).toEqual([['EUR', 9_500]]);
    expect(entry.kind).toBeUndefined();
    expect(doc).toMatchObject({ state: 'issued', number: 'RE-2026-0001', pdfBase64: 'JVBERi0=', xml: '<Invoice><ID>RE-2026-0001</ID></Invoice>' });
    expect(await getInvoice(ctx, draft.id)).toEqual(doc);
    // The renderer saw the document as it is stored.
    expect(rendered[0]).toMatchObject({ number: 'RE-2026-0001', state: 'issued', issuedAt: doc.issuedAt });
    expect(billedIds()).toEqual([a.id]);

    const second = await s().createInvoiceDraft(draftInput(client.id, { lines: [timeLine('l1', 1, 9_500, [b.id])] }));
    expect((await s().issueDraft(second.id, render)).entry.number).toBe('RE-2026-0002');
    expect(billedIds()).toEqual([a.id, b.id].sort());
  });

  it('refuses, in words naming the field, and writes nothing', async () => {
    const { client, a } = await setUp();
    const cases: Array<[string, Parameters<typeof draftInput>[1], RegExp]> = [
      ['no lines', { lines: [] }, /^The draft was not issued, and nothing was written: Lines: nothing to bill from/u],
      ['a zero rate', { lines: [timeLine('l1', 1, 0, [a.id], { description: 'Zürich workshop' })] }, /Line 1: “Zürich workshop” has a rate of zero/u],
      [
        'a foreign currency without a rate',
        { currency: 'CHF', lines: [timeLine('l1', 1, 9_500, [a.id])] },
        /Exchange rate: this invoice is in CHF and your books in EUR/u,
      ],
    ];
    for (const [what, overrides, message] of cases) {
      const draft = await s().createInvoiceDraft(draftInput(client.id, overrides));
      await expect(s().issueDraft(draft.id, render), what).rejects.toThrow(message);
      expect((await getInvoice(ctx, draft.id)).state, what).toBe('draft');
    }
    expect(rendered).toEqual([]);
    expect((await listSettings(ctx)).filter((x) => x.id.startsWith('invoice/'))).toEqual([]);
    expect(billedIds()).toEqual([]);
  });

  it('refuses without a business profile, without client billing details, and for time billed meanwhile', async () => {
    const { client, a } = await setUp({ profile: false, billing: false });
    const draft = await s().createInvoiceDraft(draftInput(client.id, { lines: [timeLine('l1', 1, 9_500, [a.id])] }));
    await expect(s().issueDraft(draft.id, render)).rejects.toThrow(/Business profile: there is none yet/u);
    await setSetting(ctx, BUSINESS_PROFILE_SETTING, profile());
    await expect(s().issueDraft(draft.id, render)).rejects.toThrow(
      /Client billing details: add Łódź Analytics’s legal name, address and whether it is a business/u,
    );
    await s().patchClient(client.id, { billing: LODZ_BILLING });
    // Another draft billed the same block first.
    const other = await s().createInvoiceDraft(draftInput(client.id, { lines: [timeLine('l1', 1, 9_500, [a.id])] }));
    await s().issueDraft(other.id, render);
    const error = await s()
      .issueDraft(draft.id, render)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IssueRefusedError);
    expect((error as IssueRefusedError).problems).toEqual([expect.stringMatching(/^1 item of this draft is billed already \(on invoice RE-2026-0001/u)]);
    expect((await getInvoice(ctx, draft.id)).state).toBe('draft');
    expect(s().invoices?.map((r) => r.number)).toEqual(['RE-2026-0001']);
  });

  it('writes nothing when the PDF or XML cannot be made', async () => {
    const { client, a } = await setUp();
    const draft = await s().createInvoiceDraft(draftInput(client.id, { lines: [timeLine('l1', 1, 9_500, [a.id])] }));
    await expect(s().issueDraft(draft.id, () => Promise.reject(new Error('The font is missing.')))).rejects.toThrow(
      /nothing was written: The PDF or the XML could not be made: The font is missing/u,
    );
    expect(s().invoices).toEqual([]);
    expect(billedIds()).toEqual([]);
  });
});

describe('an issue that stopped after the register entry', () => {
  it('is finished at the next load, rendered again from the draft with the register’s number', async () => {
    const { client, a } = await setUp();
    const draft = await s().createInvoiceDraft(draftInput(client.id, { lines: [timeLine('l1', 1, 9_500, [a.id])] }));
    fault.writeIssued = true;
    await expect(s().issueDraft(draft.id, render)).rejects.toBeInstanceOf(BillingIncompleteError);
    expect(s().invoices?.map((r) => r.number)).toEqual(['RE-2026-0001']);
    expect((await getInvoice(ctx, draft.id)).state).toBe('draft');
    // Numbered: the draft can no longer be edited or issued a second time.
    await expect(s().saveInvoiceDraft(draft.id, { note: 'changed' })).rejects.toThrow(/numbered in your register already/u);
    await expect(s().issueDraft(draft.id, render)).rejects.toThrow(/numbered in your register already/u);

    // Without a renderer, the load says so and leaves it.
    store = createWorkspaceStore();
    await s().loadWorkspace();
    expect(s().registerProblems).toEqual([expect.stringMatching(/^Invoice RE-2026-0001 is numbered in your register, but its document was not finished/u)]);

    store = createWorkspaceStore();
    s().setInvoiceRenderer(render);
    await s().loadWorkspace();
    const doc = await getInvoice(ctx, draft.id);
    expect(doc).toMatchObject({ state: 'issued', number: 'RE-2026-0001', pdfBase64: 'JVBERi0=' });
    expect(s().invoiceDocs?.find((d) => d.id === draft.id)?.state).toBe('issued');
    expect(billedIds()).toEqual([a.id]);
    expect(s().registerProblems).toEqual([]);
    expect(s().invoices).toHaveLength(1);
  });
});

describe('payment', () => {
  it('records and clears the day an invoice was paid, and refuses what is not an open invoice', async () => {
    const { client, a } = await setUp();
    const draft = await s().createInvoiceDraft(draftInput(client.id, { lines: [timeLine('l1', 1, 9_500, [a.id])] }));
    const { entry } = await s().issueDraft(draft.id, render);
    await expect(s().markPaid(entry.key, '2026-11-29')).rejects.toThrow('Paid on: 2026-11-29 is before Invoice RE-2026-0001 was issued (2026-11-30).');
    await expect(s().markPaid(entry.key, '30.12.2026')).rejects.toThrow('Paid on: “30.12.2026” is not a date.');
    expect((await s().markPaid(entry.key, '2026-12-10')).paidOn).toBe('2026-12-10');
    expect(s().invoices?.[0]?.paidOn).toBe('2026-12-10');
    await s().clearPaid(entry.key);
    expect(s().invoices?.[0]?.paidOn).toBeUndefined();
    await expect(s().clearPaid(entry.key)).rejects.toThrow('Invoice RE-2026-0001 is not marked paid.');
  });
});

describe('voiding by a credit note', () => {
  it('issues a credit note in its own series, voids the invoice, and unbills exactly what it billed', async () => {
    const { client, a, b } = await setUp();
    const first = await s().createInvoiceDraft(
      draftInput(client.id, { lines: [timeLine('l1', 1, 9_500, [a.id]), timeLine('l2', 2, 9_500, [], { kind: 'manual', description: 'Αθήνα workshop' })] }),
    );
    const { entry } = await s().issueDraft(first.id, render);
    const second = await s().createInvoiceDraft(draftInput(client.id, { lines: [timeLine('l1', 1, 9_500, [b.id])] }));
    await s().issueDraft(second.id, render);

    const { creditNote, entry: noteEntry, unbilled } = await s().voidWithCreditNote(entry.key, '2026-12-05', render);
    expect(unbilled).toBe(1);
    expect(creditNote).toMatchObject({
      kind: 'credit-note',
      state: 'issued',
      number: 'GS-2026-0001',
      series: 'GS-',
      issueDate: '2026-12-05',
      creditFor: { id: first.id, number: 'RE-2026-0001', issueDate: '2026-11-30' },
    });
    expect(creditNote.lines.map((l) => [l.unitPriceMinor, l.netMinor, l.blockIds])).toEqual([
      [-9_500, -9_500, []],
      [-9_500, -19_000, []],
    ]);
    expect(noteEntry).toMatchObject({ kind: 'credit-note', creditFor: entry.key, blockIds: [], expenseIds: [], totals: [['EUR', -28_500]] });
    expect(s().invoices?.find((r) => r.key === entry.key)).toMatchObject({ status: 'void', voidedOn: '2026-12-05', voidedBy: noteEntry.key });
    expect(billedIds()).toEqual([b.id]);
    // The invoice's document is unchanged: an issued document never changes.
    expect(await getInvoice(ctx, first.id)).toMatchObject({ state: 'issued', number: 'RE-2026-0001' });

    // Voided by a credit note: no Undo, no second void, no old-style void; a credit note is not paid.
    await expect(s().unvoidInvoice(entry.key)).rejects.toThrow(/voided by credit note GS-2026-0001, which was sent and stays/u);
    await expect(s().voidWithCreditNote(entry.key, '2026-12-06', render)).rejects.toThrow(/It is void already since 2026-12-05/u);
    await expect(s().voidInvoice(s().invoices!.find((r) => r.number === 'RE-2026-0002')!.key, '2026-12-06')).rejects.toThrow(/void it with a credit note/u);
    await expect(s().markPaid(noteEntry.key, '2026-12-06')).rejects.toThrow(/only invoices are paid/u);

    // The unbilled time goes on a new invoice, numbered on.
    const again = await s().createInvoiceDraft(
      draftInput(client.id, { issueDate: '2026-12-06', dueDate: '2026-12-20', lines: [timeLine('l1', 1, 9_500, [a.id])] }),
    );
    expect((await s().issueDraft(again.id, render)).entry.number).toBe('RE-2026-0003');
    expect(billedIds()).toEqual([a.id, b.id].sort());
    // Reloading changes nothing: the reconciliation agrees with the register, credit note included.
    store = createWorkspaceStore();
    await s().loadWorkspace();
    expect(s().registerProblems).toEqual([]);
    expect(billedIds()).toEqual([a.id, b.id].sort());
    expect((await listInvoices(ctx)).filter((d) => d.kind === 'credit-note')).toHaveLength(1);
  });

  it('refuses an invoice issued before documents existed, and writes nothing', async () => {
    const { client, a } = await setUp();
    const old = await s().issueInvoice({
      number: '2026-0001',
      clientId: client.id,
      issueDate: '2026-11-20',
      blockIds: [a.id],
      expenseIds: [],
      totals: [['EUR', 9500]],
    });
    await expect(s().voidWithCreditNote(old.key, '2026-12-01', render)).rejects.toThrow(/issued before Caravan kept invoice documents; void it with Void/u);
    expect(await listInvoices(ctx)).toEqual([]);
    // The old way still works for it.
    expect(await s().voidInvoice(old.key, '2026-12-01')).toBe(1);
  });
});

describe('drafts', () => {
  it('are deleted with the document returned, and restored by Undo', async () => {
    const { client } = await setUp();
    const draft = await s().createInvoiceDraft(draftInput(client.id));
    const deleted = await s().deleteInvoiceDraft(draft.id);
    expect(s().invoiceDocs).toEqual([]);
    const restored = await s().restoreInvoiceDraft(deleted);
    expect(restored).toMatchObject({ id: draft.id, lines: draft.lines, state: 'draft' });
    expect(s().invoiceDocs?.map((d) => d.id)).toEqual([draft.id]);
  });
});
