/**
 * The invoice lifecycle on documents: drafts, issuing, payment, and the void by a credit note.
 * Part of the billing slice (billing-slice.ts spreads these members into it); the register
 * (invoice-register.ts) stays the authority for numbers, status and what is billed.
 *
 * Order, so that a failure leaves nothing that stays wrong: everything that can refuse is checked,
 * and the PDF and XML are rendered, before the first write. Then the register entry (it takes the
 * number), then the document becomes issued, then the billed marks. A stop after the register
 * entry is finished at the next load: the document is rendered again from the draft with the
 * register's number ({@link InvoiceLifecycle.resumeInvoices}); the marks follow from the register
 * (register-reconcile.ts). A void writes the credit note's draft, its register entry, the issued
 * credit note, then the invoice's void; a credit note whose invoice is not void yet is voided at
 * the next load.
 */
import { BUSINESS_PROFILE_SETTING, type NumberSeries } from '../domain/business-profile.ts';
import type { Client } from '../domain/client.ts';
import { isoDateSchema } from '../domain/common.ts';
import type { Invoice } from '../domain/invoice.ts';
import { creditNoteDraft, entryOf, pendingWork } from '../invoices/lifecycle/documents.ts';
import { issueProblems, readProfile } from '../invoices/lifecycle/issue-checks.ts';
import { nextNumber } from '../invoices/numbering.ts';
import { toBase64 } from '../vault/crypto/encoding.ts';
import { newId } from '../vault/repos/entity-repo.ts';
import { createDraft, deleteDraft, type DraftPatch, listInvoices, type NewDraft, updateDraft, writeIssued } from '../vault/repos/invoices.ts';
import { getSetting } from '../vault/repos/settings.ts';
import { repoContext } from '../vault/session/runtime.ts';
import { errorMessage } from '../ui/error-message.ts';
import { billedBy, hasDocument, newEntry, originOf, type ReadRegister, type RegisteredInvoice, registerKey } from './invoice-register.ts';

/** Renders an issued document (its number set) to the PDF and the UBL 2.1 XML kept with it. */
export type RenderInvoice = (doc: Invoice) => Promise<{ pdf: Uint8Array; xml: string }>;

/** Nothing was written: every reason, each naming the field as the person sees it. */
export class IssueRefusedError extends Error {
  override readonly name = 'IssueRefusedError';
  readonly problems: readonly string[];
  constructor(what: string, problems: readonly string[]) {
    super(`${what} ${problems.join(' ')}`);
    this.problems = problems;
  }
}

export interface InvoiceLifecycle {
  /** The invoice documents this device holds (drafts and issued), once read; null before. */
  invoiceDocs: Invoice[] | null;
  /** The renderer that finishes an issue stopped half way at load; set once by the app. */
  invoiceRenderer: RenderInvoice | null;
  setInvoiceRenderer: (render: RenderInvoice | null) => void;
  /** Reads the documents and finishes what an issue or a void left half done; returns the problems, in words. */
  resumeInvoices: () => Promise<string[]>;
  createInvoiceDraft: (input: NewDraft) => Promise<Invoice>;
  saveInvoiceDraft: (id: string, patch: DraftPatch) => Promise<Invoice>;
  /** Deletes a draft and returns it, for an Undo ({@link InvoiceLifecycle.restoreInvoiceDraft}). */
  deleteInvoiceDraft: (id: string) => Promise<Invoice>;
  restoreInvoiceDraft: (doc: Invoice) => Promise<Invoice>;
  /** Numbers and issues draft `draftId`; IssueRefusedError (nothing written) when it cannot be. */
  issueDraft: (draftId: string, render: RenderInvoice) => Promise<{ entry: RegisteredInvoice; doc: Invoice }>;
  markPaid: (key: string, day: string) => Promise<RegisteredInvoice>;
  clearPaid: (key: string) => Promise<RegisteredInvoice>;
  /** Voids invoice `key` by a credit note dated `day`; returns it and how many records became unbilled. */
  voidWithCreditNote: (key: string, day: string, render: RenderInvoice) => Promise<{ creditNote: Invoice; entry: RegisteredInvoice; unbilled: number }>;
}

export const EMPTY_LIFECYCLE = { invoiceDocs: null } satisfies Partial<InvoiceLifecycle>;

type Ids = { blockIds: readonly string[]; expenseIds: readonly string[] };

/** What the lifecycle reads of the store and the billing slice's own writes. */
export interface LifecycleTools {
  view: () => { invoices: RegisteredInvoice[] | null; invoiceDocs: Invoice[] | null; invoiceRenderer: RenderInvoice | null; clients: readonly Client[] };
  setDocs: (docs: Invoice[]) => void;
  setRenderer: (render: RenderInvoice | null) => void;
  /** Reads the register into the store; refuses (throws) when it holds entries this version cannot read. */
  readableRegister: () => Promise<ReadRegister>;
  store: (entry: RegisteredInvoice) => Promise<void>;
  mark: (ids: Ids, billed: boolean) => Promise<{ changed: number; failed?: { left: number; error: unknown } }>;
  alreadyBilled: (register: readonly RegisteredInvoice[], ids: Ids) => string | undefined;
  incomplete: (what: string, left: number, error: unknown) => Error;
}

/** The series `prefix` with the profile's `continueFrom` when the profile's series is that one. */
function seriesFor(prefix: string, profileSeries: NumberSeries): NumberSeries {
  return profileSeries.prefix === prefix && profileSeries.continueFrom !== undefined ? { prefix, continueFrom: profileSeries.continueFrom } : { prefix };
}

const named = (entry: Pick<RegisteredInvoice, 'kind' | 'number'>) => `${entry.kind === 'credit-note' ? 'Credit note' : 'Invoice'} ${entry.number}`;

export function invoiceLifecycle(tools: LifecycleTools): InvoiceLifecycle {
  const docs = async () => {
    const list = await listInvoices(repoContext());
    tools.setDocs(list);
    return list;
  };
  const replaceDoc = (doc: Invoice, drop = false) => {
    const others = (tools.view().invoiceDocs ?? []).filter((d) => d.id !== doc.id);
    tools.setDocs(drop ? others : [doc, ...others]);
  };
  const profile = async () => {
    const read = readProfile(await getSetting(repoContext(), BUSINESS_PROFILE_SETTING));
    return read;
  };
  /** Renders `doc` as issued under `number`; the parts writeIssued stores. */
  const rendered = async (doc: Invoice, number: string, render: RenderInvoice) => {
    const issuedAt = repoContext().now();
    const out = await render({ ...doc, state: 'issued', number, issuedAt });
    return { number, issuedAt, pdfBase64: toBase64(out.pdf), xml: out.xml };
  };
  const entryNamed = (register: readonly RegisteredInvoice[], key: string) => {
    const entry = register.find((r) => r.key === key);
    if (entry === undefined) throw new Error('That invoice is not in your register (any more); reopen the Invoices screen to see the register as stored.');
    return entry;
  };
  const day = (text: string, field: string) => {
    if (!isoDateSchema.safeParse(text).success) throw new Error(`${field}: “${text}” is not a date.`);
    return text;
  };

  return {
    ...EMPTY_LIFECYCLE,
    invoiceRenderer: null,
    setInvoiceRenderer: (render) => tools.setRenderer(render),
    resumeInvoices: async () => {
      const { records } = await tools.readableRegister().catch(() => ({ records: tools.view().invoices ?? [] }));
      const { finish, voids } = pendingWork(records, await docs());
      const problems: string[] = [];
      for (const voided of voids) {
        await tools.store(voided).catch((error: unknown) => {
          problems.push(`${named(voided)} is credited, but its void could not be written (${errorMessage(error)}); Caravan tries again next time.`);
        });
      }
      const render = tools.view().invoiceRenderer;
      for (const { doc, entry } of finish) {
        if (render === null) {
          problems.push(
            `${named(entry)} is numbered in your register, but its document was not finished; Caravan finishes it when the Invoices screen is next open.`,
          );
          continue;
        }
        try {
          replaceDoc(await writeIssued(repoContext(), doc.id, await rendered(doc, entry.number, render)));
        } catch (error) {
          problems.push(
            `${named(entry)} is numbered in your register, but its document could not be finished: ${errorMessage(error)} Caravan tries again next time.`,
          );
        }
      }
      return problems;
    },
    createInvoiceDraft: async (input) => {
      const doc = await createDraft(repoContext(), input);
      replaceDoc(doc);
      return doc;
    },
    saveInvoiceDraft: async (id, patch) => {
      // Numbered already (an issue stopped half way): the document must be issued as numbered.
      if ((tools.view().invoices ?? []).some((r) => r.key === registerKey(id))) {
        throw new Error('This draft is numbered in your register already and is being issued; it cannot be changed. Reopen the Invoices screen.');
      }
      const doc = await updateDraft(repoContext(), id, patch);
      replaceDoc(doc);
      return doc;
    },
    deleteInvoiceDraft: async (id) => {
      const doc = await deleteDraft(repoContext(), id);
      replaceDoc(doc, true);
      return doc;
    },
    restoreInvoiceDraft: async (doc) => {
      const { state: _state, number: _n, pdfBase64: _p, xml: _x, issuedAt: _i, createdAt: _c, updatedAt: _u, ...input } = doc;
      const restored = await createDraft(repoContext(), input);
      replaceDoc(restored);
      return restored;
    },
    issueDraft: async (draftId, render) => {
      const { records } = await tools.readableRegister();
      const draft = (await docs()).find((d) => d.id === draftId);
      if (draft === undefined) throw new IssueRefusedError('Not issued:', ['This draft is not in your vault any more (deleted, perhaps on another device).']);
      if (records.some((r) => r.key === registerKey(draftId))) {
        throw new IssueRefusedError('Not issued:', [
          'This draft is numbered in your register already; Caravan finishes issuing it when the workspace next opens.',
        ]);
      }
      const read = await profile();
      const client = tools.view().clients.find((c) => c.id === draft.clientId);
      const problems = read.ok ? issueProblems(draft, read.profile, client) : [read.problem];
      const entryDraft = entryOf(draft, '');
      const billed = tools.alreadyBilled(records, entryDraft);
      if (billed !== undefined) problems.push(billed);
      if (!read.ok || problems.length > 0) throw new IssueRefusedError('The draft was not issued, and nothing was written:', problems);
      const profileSeries = draft.kind === 'credit-note' ? read.profile.creditNoteSeries : read.profile.invoiceSeries;
      const next = nextNumber(records, seriesFor(draft.series, profileSeries), Number(draft.issueDate.slice(0, 4)));
      if (!next.ok) throw new IssueRefusedError('The draft was not issued, and nothing was written:', [next.problem]);
      let parts;
      try {
        parts = await rendered(draft, next.number, render);
      } catch (error) {
        throw new IssueRefusedError('The draft was not issued, and nothing was written:', [`The PDF or the XML could not be made: ${errorMessage(error)}`]);
      }
      const entry = newEntry(records, entryOf(draft, next.number), draftId);
      try {
        await tools.store(entry);
      } catch (error) {
        throw new Error(`Invoice ${next.number} was not issued, and nothing was marked billed: ${errorMessage(error)}`, { cause: error });
      }
      let doc: Invoice;
      try {
        doc = await writeIssued(repoContext(), draftId, parts);
      } catch (error) {
        throw tools.incomplete(
          `${named(entry)} is numbered in your register, but its document was not saved yet`,
          entry.blockIds.length + entry.expenseIds.length,
          error,
        );
      }
      replaceDoc(doc);
      const { failed } = await tools.mark(entry, true);
      if (failed) throw tools.incomplete(`${named(entry)} is issued and in your register`, failed.left, failed.error);
      return { entry, doc };
    },
    markPaid: async (key, paidOn) => {
      const entry = entryNamed((await tools.readableRegister()).records, key);
      day(paidOn, 'Paid on');
      if (entry.kind === 'credit-note') throw new Error(`${named(entry)} is a credit note; only invoices are paid.`);
      if (entry.status === 'void') throw new Error(`${named(entry)} is void; a void invoice is not paid.`);
      if (paidOn < entry.issueDate) throw new Error(`Paid on: ${paidOn} is before ${named(entry)} was issued (${entry.issueDate}).`);
      const paid = { ...entry, paidOn };
      await tools.store(paid);
      return paid;
    },
    clearPaid: async (key) => {
      const entry = entryNamed((await tools.readableRegister()).records, key);
      if (entry.paidOn === undefined) throw new Error(`${named(entry)} is not marked paid.`);
      const { paidOn: _paid, ...unpaid } = entry;
      await tools.store(unpaid);
      return unpaid;
    },
    voidWithCreditNote: async (key, voidDay, render) => {
      const { records } = await tools.readableRegister();
      const entry = entryNamed(records, key);
      day(voidDay, 'Credit note date');
      const refuse = (problem: string): never => {
        throw new IssueRefusedError(`${named(entry)} was not voided, and nothing was written:`, [problem]);
      };
      if (entry.kind === 'credit-note') refuse('A credit note cannot be voided; it stays as it was sent.');
      if (entry.status === 'void') refuse(`It is void already${entry.voidedOn === undefined ? '' : ` since ${entry.voidedOn}`}.`);
      if (!hasDocument(entry)) refuse('It was issued before Caravan kept invoice documents; void it with Void, as before.');
      const invoice = (await docs()).find((d) => d.id === originOf(key));
      if (invoice?.state !== 'issued') refuse('Its document is not on this device (its client is not here); void it on a device that holds the client.');
      const issued = invoice as Invoice;
      if (voidDay < entry.issueDate) refuse(`Credit note date: ${voidDay} is before the invoice was issued (${entry.issueDate}).`);
      const read = await profile();
      if (!read.ok) return refuse(read.problem);
      const series = read.profile.creditNoteSeries;
      const next = nextNumber(records, series, Number(voidDay.slice(0, 4)));
      if (!next.ok) return refuse(next.problem);
      // Rendered before anything is written, from the document as it will be stored.
      const now = repoContext().now();
      const draftInput = { ...creditNoteDraft(issued, voidDay, series.prefix), id: newId() };
      const asDraft: Invoice = { ...draftInput, state: 'draft', createdAt: now, updatedAt: now };
      let parts;
      try {
        parts = await rendered(asDraft, next.number, render);
      } catch (error) {
        return refuse(`The credit note’s PDF or XML could not be made: ${errorMessage(error)}`);
      }
      const draft = await createDraft(repoContext(), draftInput);
      const noteEntry = newEntry(records, entryOf(draft, next.number), draft.id);
      try {
        await tools.store(noteEntry);
      } catch (error) {
        await deleteDraft(repoContext(), draft.id).catch(() => undefined);
        throw new Error(`${named(entry)} was not voided; what it billed stays billed: ${errorMessage(error)}`, { cause: error });
      }
      let creditNote: Invoice;
      try {
        creditNote = await writeIssued(repoContext(), draft.id, parts);
        replaceDoc(creditNote);
        await tools.store({ ...entry, status: 'void', voidedOn: voidDay, voidedBy: noteEntry.key });
      } catch (error) {
        throw tools.incomplete(
          `Credit note ${next.number} is in your register, but ${named(entry)} is not void yet`,
          entry.blockIds.length + entry.expenseIds.length,
          error,
        );
      }
      // Only what no other issued invoice bills (one issued on another device may share a record).
      const still = billedBy(tools.view().invoices ?? []);
      const free = (ids: readonly string[]) => ids.filter((id) => !still.has(id));
      const { changed, failed } = await tools.mark({ blockIds: free(entry.blockIds), expenseIds: free(entry.expenseIds) }, false);
      if (failed) throw tools.incomplete(`${named(entry)} is void by credit note ${next.number}`, failed.left, failed.error);
      return { creditNote, entry: noteEntry, unbilled: changed };
    },
  };
}
