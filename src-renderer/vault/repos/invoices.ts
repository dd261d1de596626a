/**
 * Invoice documents (domain/invoice.ts), in their client's partition. A draft is edited and
 * deleted freely; an issued invoice or credit note is the document as sent and never changes: every
 * change to one is refused in words (a mistake is corrected by a credit note, its own document).
 *
 * Numbers, payment and voids are not here but in the workspace's invoice register
 * (reports/invoice-register.ts), which every device holds; the lifecycle that writes both in order
 * is reports/invoice-lifecycle.ts.
 */
import { type Invoice, invoiceFields } from '../../domain/invoice.ts';
import type { Change } from '../store/rows.ts';
import type { RepoContext } from './context.ts';
import { clientDef, invoiceDef } from './defs.ts';
import {
  getOne,
  keepNewer,
  liveRecords,
  newId,
  parsePatch,
  parseRecord,
  patchOne,
  readLive,
  readTx,
  removeOne,
  requireParent,
  stageInsert,
  toRecord,
  writeTx,
} from './entity-repo.ts';
import { notFound, RepoError } from './errors.ts';

/** Fields the repository sets: a draft has no number, document or issue time. */
type Managed = 'id' | 'state' | 'number' | 'pdfBase64' | 'xml' | 'issuedAt' | 'createdAt' | 'updatedAt';

/** Input of {@link createDraft}: a document without bookkeeping; `id` only to restore a deleted draft. */
export type NewDraft = Omit<Invoice, Managed> & { id?: string };

/** Input of {@link updateDraft}: what the editor changes (not the client: it selects the key). */
export type DraftPatch = Partial<Omit<Invoice, Managed | 'clientId' | 'kind' | 'creditFor'>>;

/** What issuing adds to a draft. */
export interface IssuedParts {
  number: string;
  issuedAt: number;
  pdfBase64: string;
  xml: string;
}

const patchSchema = invoiceFields
  .omit({
    id: true,
    clientId: true,
    kind: true,
    creditFor: true,
    state: true,
    number: true,
    pdfBase64: true,
    xml: true,
    issuedAt: true,
    createdAt: true,
    updatedAt: true,
  })
  .partial();

/** What a document is called in a refusal: "Invoice RE-2026-0007", "Credit note GS-2026-0001". */
function named(doc: Pick<Invoice, 'kind' | 'number'>): string {
  return `${doc.kind === 'credit-note' ? 'Credit note' : 'Invoice'} ${doc.number ?? ''}`.trim();
}

/** Refuses any change to an issued document, in words. */
function refuseIssued(doc: Invoice, change: string): void {
  if (doc.state !== 'issued') return;
  const remedy = doc.kind === 'credit-note' ? 'It stays as it was sent.' : 'To correct it, void it with a credit note and issue a new invoice.';
  throw new RepoError('immutable', `${named(doc)} is issued and cannot be ${change}: an issued document never changes. ${remedy}`);
}

/** The live document `id` inside a write, or 'not-found'. */
async function liveDoc(ctx: RepoContext, id: string): Promise<Invoice> {
  const row = await readLive(ctx, invoiceDef, id);
  if (row === undefined) throw notFound(invoiceDef.what, id);
  return toRecord(row);
}

/**
 * Creates a draft for an existing client. With `id`, restores a draft deleted before (the Undo of
 * a delete): its tombstone is replaced, the new write being later than the delete.
 */
export function createDraft(ctx: RepoContext, input: NewDraft): Promise<Invoice> {
  return writeTx(ctx, invoiceDef.what, ['clients', 'invoices'], async (log) => {
    await requireParent(ctx, clientDef, input.clientId);
    const now = ctx.now();
    const draft = parseRecord(invoiceDef, { ...input, id: input.id ?? newId(), state: 'draft', createdAt: now, updatedAt: now });
    const existing = await ctx.db.invoices.get(draft.id);
    if (existing !== undefined && existing.deleted !== true) {
      throw new RepoError('already-exists', `An invoice with id ${draft.id} already exists; nothing was saved.`);
    }
    if (existing !== undefined && existing.clientId !== draft.clientId) {
      throw new RepoError('already-exists', `The invoice ${draft.id} belonged to another client; nothing was saved.`);
    }
    await ctx.db.invoices.put(stageInsert(ctx, invoiceDef, log, draft));
    return draft;
  });
}

/** Changes some fields of a draft; an issued document is refused ('immutable'). */
export function updateDraft(ctx: RepoContext, id: string, patch: DraftPatch): Promise<Invoice> {
  return writeTx(ctx, invoiceDef.what, ['invoices'], async (log) => {
    refuseIssued(await liveDoc(ctx, id), 'changed');
    return patchOne(ctx, invoiceDef, log, id, parsePatch('invoice', patchSchema, patch));
  });
}

/** Deletes a draft (tombstone) and returns it, so the screen can undo; an issued document is refused. */
export function deleteDraft(ctx: RepoContext, id: string): Promise<Invoice> {
  return writeTx(ctx, invoiceDef.what, ['invoices'], async (log) => {
    refuseIssued(await liveDoc(ctx, id), 'deleted');
    return removeOne(ctx, invoiceDef, log, id);
  });
}

/**
 * Makes draft `id` the issued document: its number (already taken in the register), the time, the
 * PDF and the XML as sent. Refused when it is issued already: a second rendering would not be the
 * document that was sent.
 *
 * Written WHOLE, not as a patch: every field set (or unset when absent), `state` first, under one
 * HLC. The merge seals an issued document at that HLC (sync/merge/merge-state.ts, the invoice
 * rule), and the issue's own writes of every field are what keep a draft edited offline on another
 * device, before or after, from changing the lines the PDF shows.
 */
export function writeIssued(ctx: RepoContext, id: string, parts: IssuedParts): Promise<Invoice> {
  return writeTx(ctx, invoiceDef.what, ['invoices'], async (log) => {
    const before = await liveDoc(ctx, id);
    refuseIssued(before, 'issued again');
    const next = parseRecord(invoiceDef, { ...before, state: 'issued', ...parts, updatedAt: Math.max(ctx.now(), before.updatedAt) }) as Invoice &
      Record<string, unknown>;
    const hlc = ctx.clock.next();
    const fields = ['state', ...Object.keys(invoiceFields.shape).filter((f) => f !== 'state')];
    const changes: Change[] = fields.map((field) =>
      next[field] === undefined ? { op: 'unset', table: 'invoices', id, field, hlc } : { op: 'set', table: 'invoices', id, field, value: next[field], hlc },
    );
    log.add(invoiceDef.partition(next), hlc, changes);
    // Whole, but over this version's fields only: what a newer Caravan added stays (keepNewer).
    await ctx.db.invoices.put({ ...next, hlc, ...keepNewer(await readLive(ctx, invoiceDef, id)) });
    return next;
  });
}

/** The document `id`; RepoError 'not-found' or 'unreadable'. */
export function getInvoice(ctx: RepoContext, id: string): Promise<Invoice> {
  return getOne(ctx, invoiceDef, id);
}

/** Filters of {@link listInvoices}. */
export interface InvoiceFilter {
  clientId?: string;
}

/** Documents (drafts and issued), newest issue date first; unreadable rows are reported, not listed. */
export function listInvoices(ctx: RepoContext, filter: InvoiceFilter = {}): Promise<Invoice[]> {
  return readTx(invoiceDef.what, async () => {
    const rows = filter.clientId === undefined ? await ctx.db.invoices.toArray() : await ctx.db.invoices.where('clientId').equals(filter.clientId).toArray();
    return liveRecords(rows).sort((a, b) => b.issueDate.localeCompare(a.issueDate) || b.createdAt - a.createdAt || a.id.localeCompare(b.id));
  });
}
