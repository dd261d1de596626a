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
 * Register entries of client `clientId` this version cannot read (written by a newer version,
 * damaged): their stored values are matched, not their parsed form, so a newer row is not skipped.
 * Said in words, with what to do, by the erasure and the export that it stops.
 */
export class UnreadableInvoicesError extends Error {
  override readonly name = 'UnreadableInvoicesError';
  readonly count: number;
  constructor(count: number, what: 'anonymised' | 'exported') {
    super(
      `Your invoice register holds ${count} invoice${count === 1 ? '' : 's'} of this client that this version of Caravan cannot read (written by a newer version on another device), so ${count === 1 ? 'it' : 'they'} cannot be ${what}. Update Caravan on this device, then try again.`,
    );
    this.count = count;
  }
}

/**
 * True when stored value `value` names `clientId` anywhere, as a JSON string: a newer format may
 * keep the client elsewhere than `clientId`. Ids are random, so no other value contains one.
 */
function names(value: unknown, clientId: string): boolean {
  return (JSON.stringify(value) ?? '').includes(JSON.stringify(clientId));
}

/** What anonymising `clientIds` writes, per setting, and how many entries naming them it cannot read. */
interface RegisterPlan {
  writes: { id: string; value: unknown }[];
  anonymised: number;
  unreadable: number;
}

function planAnonymise(settings: ReadonlyArray<{ id: string; value: unknown }>, clientIds: ReadonlySet<string>): RegisterPlan {
  const plan: RegisterPlan = { writes: [], anonymised: 0, unreadable: 0 };
  const named = (value: unknown) => [...clientIds].some((id) => names(value, id));
  /** The entry anonymised, itself when it is not one of theirs, or undefined when it cannot be read. */
  const entry = (value: unknown): { next: unknown; changed: boolean } | undefined => {
    const parsed = invoiceRecordSchema.safeParse(value);
    if (!parsed.success) return named(value) ? undefined : { next: value, changed: false };
    return clientIds.has(parsed.data.clientId) ? { next: anonymisedInvoice(parsed.data), changed: true } : { next: value, changed: false };
  };
  for (const { id, value } of settings) {
    if (isRegisterKey(id)) {
      const result = entry(value);
      if (result === undefined) plan.unreadable += 1;
      else if (result.changed) {
        plan.writes.push({ id, value: result.next });
        plan.anonymised += 1;
      }
    } else if (id === LEGACY_REGISTER_SETTING && value !== undefined && value !== null) {
      // Read as readRegister reads it: an array, or (damaged) one entry on its own.
      const entries: unknown[] = Array.isArray(value) ? value : [value];
      let touched = 0;
      const next = entries.map((e) => {
        const result = entry(e);
        if (result === undefined) plan.unreadable += 1;
        else if (result.changed) touched += 1;
        return result?.next ?? e;
      });
      if (touched > 0) plan.writes.push({ id, value: Array.isArray(value) ? next : next[0] });
      plan.anonymised += touched;
    }
  }
  return plan;
}

/**
 * Anonymises every register entry of the clients `clientIds`, the per-invoice rows and the entries
 * of version 1's array (the one time that array is written: its copy would otherwise keep the
 * client id). Entries this version cannot read are left as they are (rewriting what it does not
 * understand could lose what they say) and counted. Writes only what changes, so running it again
 * writes nothing. Run it with sync held: a row merged between the read and the write would be
 * overwritten with the older value.
 */
export async function anonymiseInvoicesOf(ctx: RepoContext, clientIds: readonly string[]): Promise<{ anonymised: number; unreadable: number }> {
  if (clientIds.length === 0) return { anonymised: 0, unreadable: 0 };
  const plan = planAnonymise(await listSettings(ctx), new Set(clientIds));
  for (const { id, value } of plan.writes) await setSetting(ctx, id, value);
  return { anonymised: plan.anonymised, unreadable: plan.unreadable };
}

/**
 * Anonymises client `clientId`'s register entries (the erasure's step, after the shred); returns
 * how many. UnreadableInvoicesError, after anonymising the rest, when one naming it cannot be read.
 */
export async function anonymiseClientInvoices(ctx: RepoContext, clientId: string): Promise<number> {
  const { anonymised, unreadable } = await anonymiseInvoicesOf(ctx, [clientId]);
  if (unreadable > 0) throw new UnreadableInvoicesError(unreadable, 'anonymised');
  return anonymised;
}

/** How many register entries naming `clientId` this version cannot read. */
export function unreadableInvoicesOf(settings: ReadonlyArray<{ id: string; value: unknown }>, clientId: string): number {
  return planAnonymise(settings, new Set([clientId])).unreadable;
}

/** The erasure's check before anything is destroyed: every register entry naming the client can be anonymised. */
export async function checkClientInvoices(ctx: RepoContext, clientId: string): Promise<void> {
  const unreadable = unreadableInvoicesOf(await listSettings(ctx), clientId);
  if (unreadable > 0) throw new UnreadableInvoicesError(unreadable, 'anonymised');
}
