/**
 * What erasing a client does to its invoices in the register (reports/invoice-register.ts).
 *
 * The register lives in the workspace partition, under the workspace key, so destroying the
 * client's key does not reach it. Deleting the entries would break the number sequence, which
 * bookkeeping law requires to have no gaps and forbids reusing (a number once issued stays
 * accounted for), and GDPR Art. 17(3)(b) does not require erasing what a legal obligation makes
 * the controller keep. So each entry is anonymised instead: number, issue date, status, the day
 * it was voided and the totals stay; the client id becomes {@link ERASED_CLIENT_ID} and the
 * billed record ids (of records that are erased) are dropped. The invoice itself, the PDF the
 * person sent, is the document the retention duty is about and is kept outside Caravan.
 * docs/architecture.md ("Erasure and the invoice register") holds the reasoning.
 */
import type { RepoContext } from '../vault/repos/context.ts';
import { listSettings, setSetting } from '../vault/repos/settings.ts';
import { type InvoiceRecord, invoiceRecordSchema, isRegisterKey, LEGACY_REGISTER_SETTING } from '../reports/invoice-register.ts';

/** The client id an anonymised invoice carries: a valid record id that names no client. */
export const ERASED_CLIENT_ID = 'erased-client';

/** `record` without anything that points to the client or its records. */
export function anonymisedInvoice(record: InvoiceRecord): InvoiceRecord {
  return { ...record, clientId: ERASED_CLIENT_ID, blockIds: [], expenseIds: [] };
}

/**
 * Anonymises every register entry of client `clientId`, the per-invoice rows and the entries of
 * version 1's array (the one time that array is written: its copy would otherwise keep the client
 * id). Returns how many entries it changed; running it again changes nothing.
 */
export async function anonymiseClientInvoices(ctx: RepoContext, clientId: string): Promise<number> {
  let changed = 0;
  for (const { id, value } of await listSettings(ctx)) {
    if (isRegisterKey(id)) {
      const parsed = invoiceRecordSchema.safeParse(value);
      if (!parsed.success || parsed.data.clientId !== clientId) continue;
      await setSetting(ctx, id, anonymisedInvoice(parsed.data));
      changed += 1;
    } else if (id === LEGACY_REGISTER_SETTING && Array.isArray(value)) {
      let touched = 0;
      const next = value.map((entry: unknown) => {
        const parsed = invoiceRecordSchema.safeParse(entry);
        if (!parsed.success || parsed.data.clientId !== clientId) return entry;
        touched += 1;
        return anonymisedInvoice(parsed.data);
      });
      if (touched > 0) await setSetting(ctx, id, next);
      changed += touched;
    }
  }
  return changed;
}
