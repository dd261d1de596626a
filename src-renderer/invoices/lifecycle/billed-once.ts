/**
 * Milestones, fixed fees and retainer months are billed once. Unlike time and expenses they carry
 * no billed mark: what bills one is a line of an issued invoice, found by the line's id, which is
 * stable (`milestone:<phase>`, `fee:<project>`, `retainer:<project>:<month>`; see
 * invoices/document/fee-lines.ts and retainer-lines.ts). The draft builder leaves out the ones it
 * sees billed, but two devices offline, or a draft made before another device's invoices arrived,
 * can still bill one twice: the issue refuses it, and the load reports what is billed twice.
 */
import type { Invoice, InvoiceLine } from '../../domain/invoice.ts';
import { type RegisteredInvoice, registerKey } from '../../reports/invoice-register.ts';

const ONCE_KINDS: ReadonlySet<InvoiceLine['kind']> = new Set(['milestone', 'fee', 'retainer']);

/** Issued, not void invoices (not credit notes) among `docs`, by the register's status. */
function standing(docs: readonly Invoice[], register: readonly RegisteredInvoice[]): Invoice[] {
  const voided = new Set(register.filter((r) => r.status === 'void').map((r) => r.key));
  return docs.filter((d) => d.state === 'issued' && d.kind === 'invoice' && !voided.has(registerKey(d.id)));
}

/**
 * Each milestone, fee or retainer line of `draft` that another issued, not void invoice of its
 * client among `docs` bills, in words naming the line and the invoice.
 */
export function billedElsewhere(draft: Invoice, docs: readonly Invoice[], register: readonly RegisteredInvoice[]): string[] {
  if (draft.kind !== 'invoice') return [];
  const others = standing(docs, register).filter((d) => d.clientId === draft.clientId && d.id !== draft.id);
  const problems: string[] = [];
  for (const line of draft.lines) {
    if (!ONCE_KINDS.has(line.kind)) continue;
    const on = others.filter((d) => d.lines.some((l) => l.id === line.id)).map((d) => d.number ?? '');
    if (on.length === 0) continue;
    const list = on.join(', ');
    problems.push(`Line “${line.description}”: it is billed already on invoice ${list}. Remove it from this draft, or void ${list} first.`);
  }
  return problems;
}

/** Each milestone, fee or retainer line billed on two or more issued, not void invoices of one client, in words. */
export function billedTwice(docs: readonly Invoice[], register: readonly RegisteredInvoice[]): string[] {
  const byLine = new Map<string, { description: string; numbers: string[] }>();
  for (const doc of standing(docs, register)) {
    for (const line of new Map(doc.lines.filter((l) => ONCE_KINDS.has(l.kind)).map((l) => [l.id, l])).values()) {
      const key = `${doc.clientId}|${line.id}`;
      const seen = byLine.get(key) ?? { description: line.description, numbers: [] };
      seen.numbers.push(doc.number ?? '');
      byLine.set(key, seen);
    }
  }
  return [...byLine.values()]
    .filter((x) => x.numbers.length > 1)
    .map(
      (x) => `Line “${x.description}” is billed on ${x.numbers.length} issued invoices: ${x.numbers.sort().join(', ')}. Void one of them with a credit note.`,
    );
}
