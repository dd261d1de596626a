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
 * the next load (invoice-resume.ts).
 *
 * One operation at a time (serial.ts): issue, void, payment, and saving or deleting a draft each
 * wait for the one before. Sync still writes meanwhile, so the number and what is billed are
 * checked again right before the register entry is written, after rendering.
 */
import { BUSINESS_PROFILE_SETTING, type NumberSeries } from '../domain/business-profile.ts';
import type { Client } from '../domain/client.ts';
import { isoDateSchema } from '../domain/common.ts';
import type { Invoice } from '../domain/invoice.ts';
import { billedElsewhere } from '../invoices/lifecycle/billed-once.ts';
import { creditNoteDraft, entryOf } from '../invoices/lifecycle/documents.ts';
import { issueProblems, readProfile } from '../invoices/lifecycle/issue-checks.ts';
import { sizeProblem } from '../invoices/lifecycle/issued-size.ts';
import { serialQueue } from '../invoices/lifecycle/serial.ts';
import { nextNumber } from '../invoices/numbering.ts';
import { toBase64 } from '../vault/crypto/encoding.ts';
import { newId } from '../vault/repos/entity-repo.ts';
import { createDraft, deleteDraft, type DraftPatch, getInvoice, listInvoices, type NewDraft, updateDraft, writeIssued } from '../vault/repos/invoices.ts';
import { getSetting } from '../vault/repos/settings.ts';
import { repoContext } from '../vault/session/runtime.ts';
import { errorMessage } from '../ui/error-message.ts';
import { resumeInvoices } from './invoice-resume.ts';
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

const NOT_ISSUED = 'The draft was not issued, and nothing was written:';

export function invoiceLifecycle(tools: LifecycleTools): InvoiceLifecycle {
  const serial = serialQueue();
  const docs = async () => {
    const list = await listInvoices(repoContext());
    tools.setDocs(list);
    return list;
  };
  const replaceDoc = (doc: Invoice, drop = false) => {
    const others = (tools.view().invoiceDocs ?? []).filter((d) => d.id !== doc.id);
    tools.setDocs(drop ? others : [doc, ...others]);
  };
  const profile = async () => readProfile(await getSetting(repoContext(), BUSINESS_PROFILE_SETTING));
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
  /** Refuses to change or delete draft `id` once the register numbers it, in words; the register read fresh. */
  const refuseNumbered = async (id: string, what: 'changed' | 'deleted') => {
    // Read fresh, but a register with entries this version cannot read must not stop saving drafts.
    const { records } = await tools.readableRegister().catch(() => ({ records: tools.view().invoices ?? [] }));
    const entry = records.find((r) => r.key === registerKey(id));
    // Issued already: the repository's refusal says so.
    if (entry === undefined || (await getInvoice(repoContext(), id).catch(() => undefined))?.state === 'issued') return;
    throw new Error(
      `${named(entry)} was not ${what}: it is numbered in your register already, so it is issued as it stands; Caravan finishes it when the workspace next opens.`,
    );
  };
  /** The next number of `prefix`'s series for `issueDate`, from `records`, or the reason there is none. */
  const numberFor = (records: readonly RegisteredInvoice[], prefix: string, profileSeries: NumberSeries, issueDate: string) =>
    nextNumber(records, seriesFor(prefix, profileSeries), Number(issueDate.slice(0, 4)));
  /**
   * Why `draft`, to be issued as `number`, cannot be now: the register read `records` and the
   * documents `held` (what is billed, the number still free), and the rendered size.
   */
  const lateProblems = (
    draft: Invoice,
    records: readonly RegisteredInvoice[],
    held: readonly Invoice[],
    number: string,
    next: ReturnType<typeof nextNumber>,
  ) => {
    const problems: string[] = [];
    if (!next.ok) problems.push(next.problem);
    else if (next.number !== number) {
      problems.push(`Number series: ${number} was taken while this invoice was being made (by another device). Issue it again to take ${next.number}.`);
    }
    const billed = tools.alreadyBilled(records, entryOf(draft, ''));
    if (billed !== undefined) problems.push(billed);
    problems.push(...billedElsewhere(draft, held, records));
    return problems;
  };

  const issue = async (draftId: string, render: RenderInvoice) => {
    const { records } = await tools.readableRegister();
    const held = await docs();
    const draft = held.find((d) => d.id === draftId);
    if (draft === undefined) throw new IssueRefusedError('Not issued:', ['This draft is not in your vault any more (deleted, perhaps on another device).']);
    if (records.some((r) => r.key === registerKey(draftId))) {
      throw new IssueRefusedError('Not issued:', [
        'This draft is numbered in your register already; Caravan finishes issuing it when the workspace next opens.',
      ]);
    }
    const read = await profile();
    const client = tools.view().clients.find((c) => c.id === draft.clientId);
    const problems = read.ok ? issueProblems(draft, read.profile, client) : [read.problem];
    const billed = tools.alreadyBilled(records, entryOf(draft, ''));
    if (billed !== undefined) problems.push(billed);
    problems.push(...billedElsewhere(draft, held, records));
    if (!read.ok || problems.length > 0) throw new IssueRefusedError(NOT_ISSUED, problems);
    const profileSeries = draft.kind === 'credit-note' ? read.profile.creditNoteSeries : read.profile.invoiceSeries;
    const next = numberFor(records, draft.series, profileSeries, draft.issueDate);
    if (!next.ok) throw new IssueRefusedError(NOT_ISSUED, [next.problem]);
    let parts;
    try {
      parts = await rendered(draft, next.number, render);
    } catch (error) {
      throw new IssueRefusedError(NOT_ISSUED, [`The PDF or the XML could not be made: ${errorMessage(error)}`]);
    }
    const tooLarge = sizeProblem({ ...draft, state: 'issued', ...parts });
    if (tooLarge !== undefined) throw new IssueRefusedError(NOT_ISSUED, [tooLarge]);
    // Sync may have written while the PDF was made: the checks again, on the register as it is now.
    const now = (await tools.readableRegister()).records;
    const late = lateProblems(draft, now, await docs(), next.number, numberFor(now, draft.series, profileSeries, draft.issueDate));
    if (late.length > 0) throw new IssueRefusedError(NOT_ISSUED, late);
    const entry = newEntry(now, entryOf(draft, next.number), draftId);
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
  };

  const voidInvoice = async (key: string, voidDay: string, render: RenderInvoice) => {
    const { records } = await tools.readableRegister();
    const entry = entryNamed(records, key);
    day(voidDay, 'Credit note date');
    const refuse = (problem: string): never => {
      throw new IssueRefusedError(`${named(entry)} was not voided, and nothing was written:`, [problem]);
    };
    const voidable = (current: RegisteredInvoice) => {
      if (current.kind === 'credit-note') refuse('A credit note cannot be voided; it stays as it was sent.');
      if (current.status === 'void') refuse(`It is void already${current.voidedOn === undefined ? '' : ` since ${current.voidedOn}`}.`);
    };
    voidable(entry);
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
    const tooLarge = sizeProblem({ ...asDraft, state: 'issued', ...parts });
    if (tooLarge !== undefined) refuse(tooLarge);
    // Again on the register as it is now: voided or numbered meanwhile by sync.
    const fresh = (await tools.readableRegister()).records;
    voidable(entryNamed(fresh, key));
    const again = nextNumber(fresh, series, Number(voidDay.slice(0, 4)));
    if (!again.ok) return refuse(again.problem);
    if (again.number !== next.number) refuse(`Number series: ${next.number} was taken meanwhile (by another device). Void it again to take ${again.number}.`);
    const draft = await createDraft(repoContext(), draftInput);
    const noteEntry = newEntry(fresh, entryOf(draft, next.number), draft.id);
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
      await tools.store({ ...entryNamed(fresh, key), status: 'void', voidedOn: voidDay, voidedBy: noteEntry.key });
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
  };

  return {
    ...EMPTY_LIFECYCLE,
    invoiceRenderer: null,
    setInvoiceRenderer: (render) => tools.setRenderer(render),
    resumeInvoices: () =>
      serial(() => {
        const render = tools.view().invoiceRenderer;
        return resumeInvoices({
          register: async () => (await tools.readableRegister().catch(() => ({ records: tools.view().invoices ?? [] }))).records,
          docs,
          replaceDoc,
          store: tools.store,
          render: render === null ? null : (doc, number) => rendered(doc, number, render),
        });
      }),
    createInvoiceDraft: (input) =>
      serial(async () => {
        const doc = await createDraft(repoContext(), input);
        replaceDoc(doc);
        return doc;
      }),
    saveInvoiceDraft: (id, patch) =>
      serial(async () => {
        // Numbered already (an issue stopped half way): the document must be issued as numbered.
        await refuseNumbered(id, 'changed');
        const doc = await updateDraft(repoContext(), id, patch);
        replaceDoc(doc);
        return doc;
      }),
    deleteInvoiceDraft: (id) =>
      serial(async () => {
        await refuseNumbered(id, 'deleted');
        const doc = await deleteDraft(repoContext(), id);
        replaceDoc(doc, true);
        return doc;
      }),
    restoreInvoiceDraft: (doc) =>
      serial(async () => {
        const { state: _state, number: _n, pdfBase64: _p, xml: _x, issuedAt: _i, createdAt: _c, updatedAt: _u, ...input } = doc;
        const restored = await createDraft(repoContext(), input);
        replaceDoc(restored);
        return restored;
      }),
    issueDraft: (draftId, render) => serial(() => issue(draftId, render)),
    markPaid: (key, paidOn) =>
      serial(async () => {
        const entry = entryNamed((await tools.readableRegister()).records, key);
        day(paidOn, 'Paid on');
        if (entry.kind === 'credit-note') throw new Error(`${named(entry)} is a credit note; only invoices are paid.`);
        if (entry.status === 'void') throw new Error(`${named(entry)} is void; a void invoice is not paid.`);
        if (paidOn < entry.issueDate) throw new Error(`Paid on: ${paidOn} is before ${named(entry)} was issued (${entry.issueDate}).`);
        const paid = { ...entry, paidOn };
        await tools.store(paid);
        return paid;
      }),
    clearPaid: (key) =>
      serial(async () => {
        const entry = entryNamed((await tools.readableRegister()).records, key);
        if (entry.paidOn === undefined) throw new Error(`${named(entry)} is not marked paid.`);
        const { paidOn: _paid, ...unpaid } = entry;
        await tools.store(unpaid);
        return unpaid;
      }),
    voidWithCreditNote: (key, voidDay, render) => serial(() => voidInvoice(key, voidDay, render)),
  };
}
