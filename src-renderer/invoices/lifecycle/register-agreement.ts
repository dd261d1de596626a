/**
 * Does the register say what the issued document says? They are written one after the other on
 * the issuing device and always agree there. They can disagree in one case: one draft issued on two
 * devices before they synced, from two copies of it (one edited offline). Both write the same
 * register key; sync keeps the later register write (a setting merges as one value) but the
 * earlier issued document (the invoice rule of sync/merge/merge-state.ts). The register then
 * names a number, total or billed records the kept document does not show. Nothing here can tell
 * which was sent to the client, so the load reports it and the person voids it and issues again.
 */
import type { Invoice } from '../../domain/invoice.ts';
import { type RegisteredInvoice, registerKey } from '../../reports/invoice-register.ts';
import { entryOf } from './documents.ts';

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && new Set([...a, ...b]).size === a.length;

/** Each issued document in `docs` whose register entry names another number, total or billed records, in words. */
export function registerDisagreements(register: readonly RegisteredInvoice[], docs: readonly Invoice[]): string[] {
  const byKey = new Map(register.map((r) => [r.key, r]));
  const problems: string[] = [];
  for (const doc of docs) {
    const entry = byKey.get(registerKey(doc.id));
    if (doc.state !== 'issued' || doc.number === undefined || entry === undefined) continue;
    const expected = entryOf(doc, doc.number);
    const differs: string[] = [];
    if (entry.number !== doc.number) differs.push(`the register numbers it ${entry.number}`);
    if (JSON.stringify(entry.totals) !== JSON.stringify(expected.totals)) differs.push('the totals differ');
    if (!sameSet(entry.blockIds, expected.blockIds) || !sameSet(entry.expenseIds, expected.expenseIds)) differs.push('they bill other time or expenses');
    if (differs.length === 0) continue;
    const what = doc.kind === 'credit-note' ? 'Credit note' : 'Invoice';
    problems.push(
      `${what} ${doc.number} was issued on two devices before they synced, from two versions of its draft: the document kept and the register disagree (${differs.join('; ')}). Check which one the client received, then void it with a credit note and issue it again.`,
    );
  }
  return problems;
}
