/**
 * What the lifecycle finishes or clears at load (invoice-lifecycle.ts `resumeInvoices`), and what
 * it reports. Each step of an issue or a void is its own write, so a stop half way leaves:
 *
 * - a credit-note draft no register entry names (the void stopped before numbering it): deleted,
 *   since it was never numbered and nothing was sent, and said so;
 * - a credit note in the register whose invoice is not void yet: the void is written;
 * - a draft numbered in the register: finished (rendered with the register's number and stored as
 *   issued) ONLY on the device that wrote the register entry. Another device sees the entry before
 *   the issued document when the workspace partition syncs first; finishing there would render its
 *   own copy of the draft (perhaps edited offline) under the number, which is not what was sent.
 *   It waits for the issuing device's document instead, which the merge lets win in any case: the
 *   earliest issue of a document wins on every replica (sync/merge/merge-state.ts).
 *
 * Then it reports milestones, fees and retainer months billed on two issued invoices, and an issued
 * document its register entry disagrees with (one draft issued on two devices offline).
 */
import type { Invoice } from '../domain/invoice.ts';
import { billedTwice } from '../invoices/lifecycle/billed-once.ts';
import { pendingWork } from '../invoices/lifecycle/documents.ts';
import { registerDisagreements } from '../invoices/lifecycle/register-agreement.ts';
import { errorMessage } from '../ui/error-message.ts';
import { deleteDraft, writeIssued, type IssuedParts } from '../vault/repos/invoices.ts';
import { firstWrittenHere } from '../vault/repos/write-clocks.ts';
import { repoContext } from '../vault/session/runtime.ts';
import { type RegisteredInvoice, registerKey } from './invoice-register.ts';

/** What resuming needs of the lifecycle. */
export interface ResumeDeps {
  register: () => Promise<readonly RegisteredInvoice[]>;
  docs: () => Promise<Invoice[]>;
  replaceDoc: (doc: Invoice, drop?: boolean) => void;
  store: (entry: RegisteredInvoice) => Promise<void>;
  /** The parts of `doc` issued under `number`, or null when no renderer is registered yet. */
  render: ((doc: Invoice, number: string) => Promise<IssuedParts>) | null;
}

const named = (entry: Pick<RegisteredInvoice, 'kind' | 'number'>) => `${entry.kind === 'credit-note' ? 'Credit note' : 'Invoice'} ${entry.number}`;

/** Finishes and clears what an issue or a void left half done; returns the problems, in words. */
export async function resumeInvoices(deps: ResumeDeps): Promise<string[]> {
  const records = await deps.register();
  const problems: string[] = [];
  const numbered = new Set(records.map((r) => r.key));
  for (const left of (await deps.docs()).filter((d) => d.kind === 'credit-note' && d.state === 'draft' && !numbered.has(registerKey(d.id)))) {
    const of = `A credit note for invoice ${left.creditFor?.number ?? ''} was begun but never numbered (a void that stopped half way)`;
    try {
      deps.replaceDoc(await deleteDraft(repoContext(), left.id), true);
      problems.push(`${of}; its draft was deleted, nothing was sent, and the invoice is not void.`);
    } catch (error) {
      problems.push(`${of}; its draft could not be deleted (${errorMessage(error)}). Caravan tries again next time.`);
    }
  }
  const docs = await deps.docs();
  const { finish, voids } = pendingWork(records, docs);
  for (const voided of voids) {
    await deps.store(voided).catch((error: unknown) => {
      problems.push(`${named(voided)} is credited, but its void could not be written (${errorMessage(error)}); Caravan tries again next time.`);
    });
  }
  const here =
    finish.length === 0
      ? new Set<string>()
      : await firstWrittenHere(
          repoContext(),
          finish.map((f) => f.entry.key),
        );
  for (const { doc, entry } of finish) {
    if (!here.has(entry.key)) {
      problems.push(`${named(entry)} is in your register, but its document has not arrived yet from the device that issued it; it comes with sync.`);
      continue;
    }
    if (deps.render === null) {
      problems.push(
        `${named(entry)} is numbered in your register, but its document was not finished; Caravan finishes it when the Invoices screen is next open.`,
      );
      continue;
    }
    try {
      deps.replaceDoc(await writeIssued(repoContext(), doc.id, await deps.render(doc, entry.number)));
    } catch (error) {
      problems.push(
        `${named(entry)} is numbered in your register, but its document could not be finished: ${errorMessage(error)} Caravan tries again next time.`,
      );
    }
  }
  const after = await deps.docs();
  problems.push(...billedTwice(after, records), ...registerDisagreements(records, after));
  return problems;
}
