/**
 * The register of issued invoices: which number billed which blocks and expenses, and whether it
 * was voided. Each invoice is its own workspace setting, keyed `invoice/<origin>` (the value
 * encrypted under the workspace key), so sync carries it as it carries every setting, with no
 * schema change to the stores.
 *
 * Why one row per invoice: sync merges a setting's value as one last-writer-wins field (per
 * table, id and field; sync/merge/merge-state.ts). Version 1 kept the whole register in one
 * setting (`invoice.register`, a JSON array), so two devices issuing before they synced kept only
 * one device's list, and the other's blocks stayed billed by an invoice nobody could void. Rows
 * written by one device for one invoice never overwrite another invoice. `<origin>` is 16 random
 * hex digits per issue, not the number: two devices that pick the same next number offline keep
 * both invoices (the duplicate is reported, see register-reconcile.ts) instead of one overwriting
 * the other, and the key, stored in clear, does not tell how many invoices were issued.
 *
 * The old array is still read at every load and never written nor deleted: an older Caravan on
 * another device keeps seeing the invoices it knew, and an entry it adds later is read too. Its
 * entries appear under `invoice/legacy/<number>`, a key every device derives the same way, so the
 * first void of a migrated invoice writes that row and every device converges on it.
 *
 * Bookkeeping rules: a number is never reused or deleted; voiding keeps the invoice in the
 * register as void (with the day it was voided) and makes exactly the records it billed unbilled
 * again, so they can go on a new invoice.
 */
import { z } from 'zod';
import { currencySchema, idSchema, isoDateSchema } from '../domain/common.ts';

/** The setting key of version 1's one-array register; read, never written. */
export const LEGACY_REGISTER_SETTING = 'invoice.register';
/** Prefix of the per-invoice setting keys. */
export const REGISTER_PREFIX = 'invoice/';

/** One issued (or voided) invoice. */
export const invoiceRecordSchema = z.strictObject({
  /** "2026-0001", from nextInvoiceNumber. */
  number: z.string().min(1).max(40),
  clientId: idSchema,
  issueDate: isoDateSchema,
  status: z.enum(['issued', 'void']),
  /** Day it was voided, on the calendar of the person who voided it. */
  voidedOn: isoDateSchema.optional(),
  /** The time blocks it billed, exactly as marked: voiding unmarks these and no others. */
  blockIds: z.array(idSchema),
  /** The pass-through expenses it billed. */
  expenseIds: z.array(idSchema),
  /** Per ISO 4217 code, minor units, as printed (gross; negative on a credit note). */
  totals: z.array(z.tuple([currencySchema, z.number().int()])),
  // Entries issued from an invoice document (domain/invoice.ts) say more; entries written before
  // documents existed have none of these and still read. Their presence is what tells the two apart.
  /** Absent: an invoice. A credit note bills nothing: its `blockIds` and `expenseIds` are empty. */
  kind: z.literal('credit-note').optional(),
  /** The number series (its prefix, "" for none) the number was taken in; set on every entry issued from a document. */
  series: z.string().max(12).optional(),
  dueDate: isoDateSchema.optional(),
  /** Day the person recorded the payment; cleared when that was a mistake. */
  paidOn: isoDateSchema.optional(),
  /** On a credit note: the register key of the invoice it voids. */
  creditFor: z.string().min(1).max(200).optional(),
  /** On an invoice voided by a credit note: the credit note's register key. */
  voidedBy: z.string().min(1).max(200).optional(),
});
/** One issued (or voided) invoice. */
export type InvoiceRecord = z.infer<typeof invoiceRecordSchema>;
/** An invoice with the setting key it is stored under (its identity: two devices may have used one number). */
export type RegisteredInvoice = InvoiceRecord & { readonly key: string };

/** The setting key of an invoice issued with `origin` (from {@link newOrigin}). */
export function registerKey(origin: string): string {
  return `${REGISTER_PREFIX}${origin}`;
}

/** The document id of register entry `key` (its origin): documents are stored under it. */
export function originOf(key: string): string {
  return key.slice(REGISTER_PREFIX.length);
}

/** True for an entry issued from an invoice document (every such entry records its series). */
export function hasDocument(record: Pick<InvoiceRecord, 'series'>): boolean {
  return record.series !== undefined;
}

/** The setting key of version 1's entry `number`; characters the id format refuses are escaped. */
export function legacyKey(number: string): string {
  return `${REGISTER_PREFIX}legacy/${encodeURIComponent(number)}`;
}

/** A fresh origin for an invoice issued now: 16 random hex digits (64 bits; a collision is not a concern). */
export function newOrigin(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** True for a setting key that holds one register entry. */
export function isRegisterKey(key: string): boolean {
  return key.startsWith(REGISTER_PREFIX);
}

/** The register as read, with what the reconciliation and the undo of a void need to know about it. */
export interface ReadRegister {
  records: RegisteredInvoice[];
  /** Entries that could not be read (written by a newer version, damaged). */
  unreadable: number;
  /** Encoded HLC of the last write of the setting each entry (by key) was read from, where given. */
  written: ReadonlyMap<string, string>;
  /** Keys of entries the version 1 array says are void: only an older Caravan could take that back. */
  oldVoids: ReadonlySet<string>;
}

/**
 * The register from the stored settings: every `invoice/…` row plus the legacy array's entries
 * that no row has taken over. A legacy entry that says void wins over its row saying issued: only
 * an older Caravan still writes the array, and void is the one-way bookkeeping step (so a void
 * the array holds cannot be undone here, see {@link reissuedEntry}). Entries that do not read
 * (written by a newer version, damaged) are kept out rather than failing the whole list, and
 * counted so the screen can say so. Sorted by number, then key. `hlc`, where given, is the
 * setting's last write (vault/repos/write-clocks.ts).
 */
export function readRegister(settings: ReadonlyArray<{ id: string; value: unknown; hlc?: string }>): ReadRegister {
  const byKey = new Map<string, RegisteredInvoice>();
  const written = new Map<string, string>();
  const oldVoids = new Set<string>();
  let unreadable = 0;
  let legacy: { value: unknown; hlc?: string | undefined } | undefined;
  for (const { id, value, hlc } of settings) {
    if (id === LEGACY_REGISTER_SETTING) legacy = { value, hlc };
    if (!isRegisterKey(id)) continue;
    const parsed = invoiceRecordSchema.safeParse(value);
    if (!parsed.success) {
      unreadable += 1;
      continue;
    }
    byKey.set(id, { ...parsed.data, key: id });
    if (hlc !== undefined) written.set(id, hlc);
  }
  if (legacy !== undefined && legacy.value !== null) {
    const entries: unknown[] = Array.isArray(legacy.value) ? legacy.value : [legacy.value];
    for (const entry of entries) {
      const parsed = invoiceRecordSchema.safeParse(entry);
      if (!parsed.success) {
        unreadable += 1;
        continue;
      }
      const key = legacyKey(parsed.data.number);
      if (parsed.data.status === 'void') oldVoids.add(key);
      const row = byKey.get(key);
      if (row === undefined || (row.status === 'issued' && parsed.data.status === 'void')) {
        byKey.set(key, { ...parsed.data, key });
        if (legacy.hlc !== undefined) written.set(key, legacy.hlc);
      }
    }
  }
  const records = [...byKey.values()].sort((a, b) => a.number.localeCompare(b.number) || a.key.localeCompare(b.key));
  return { records, unreadable, written, oldVoids };
}

/** The stored value of an entry (the key is the setting's id, not part of the value). */
export function storedValue(record: RegisteredInvoice | InvoiceRecord): InvoiceRecord {
  const { key: _key, ...value } = record as RegisteredInvoice;
  return value;
}

/** `record` as a new register entry; refuses a number already used, void or not. */
export function newEntry(register: readonly InvoiceRecord[], record: InvoiceRecord, origin: string): RegisteredInvoice {
  if (register.some((r) => r.number === record.number)) {
    throw new Error(
      `Invoice number ${record.number} is already in your register; numbers are never reused. Close and open the invoice again to get the next number.`,
    );
  }
  return { ...record, key: registerKey(origin) };
}

/** Entry `key` marked void on `voidedOn`; refuses an unknown or already void entry. */
export function voidedEntry(register: readonly RegisteredInvoice[], key: string, voidedOn: string): RegisteredInvoice {
  const found = register.find((r) => r.key === key);
  if (found === undefined) throw new Error('That invoice is not in your register (any more); reopen Reports to see the register as stored.');
  if (found.status === 'void') throw new Error(`Invoice ${found.number} is already void.`);
  return { ...found, status: 'void', voidedOn };
}

/**
 * Entry `key` with its void taken back (the Undo of a void). Refused for a void the version 1
 * array holds (`oldVoids`): the array is never written here, so it would void the invoice again at
 * the next load and the reconciliation would unbill its time again.
 */
export function reissuedEntry(register: readonly RegisteredInvoice[], key: string, oldVoids: ReadonlySet<string> = new Set()): RegisteredInvoice {
  const record = register.find((r) => r.key === key);
  if (record?.status !== 'void') throw new Error(`Invoice ${record?.number ?? ''} is not void, so there is no void to undo.`);
  if (record.voidedBy !== undefined) {
    const note = register.find((r) => r.key === record.voidedBy)?.number ?? 'a credit note';
    throw new Error(`Invoice ${record.number} was voided by credit note ${note}, which was sent and stays; issue the time again on a new invoice.`);
  }
  if (oldVoids.has(key)) {
    throw new Error(
      `Invoice ${record.number} was voided by an older version of Caravan, whose register still says void; the void cannot be undone. Issue its time again on a new invoice.`,
    );
  }
  // Since the void, another invoice may have billed the same time: undoing would bill it twice.
  const claimed = billedBy(register);
  const taken = [...record.blockIds, ...record.expenseIds].map((id) => claimed.get(id)).find((n) => n !== undefined);
  if (taken !== undefined) throw new Error(`The void of invoice ${record.number} cannot be undone: invoice ${taken} bills some of the same time now.`);
  const { voidedOn: _voided, ...rest } = record;
  return { ...rest, status: 'issued' };
}

/**
 * What the "Billed · …" mark says of a billed record no invoice in this register names: it was
 * billed in another vault (a project bundle carries the mark, not that vault's register), or on an
 * invoice version 1's sync lost. Reports lists them and lets the person unbill them.
 */
export const NOT_IN_REGISTER = 'not on an invoice in this vault';

/** Which issued invoice billed each block and expense, for the "Billed · 2026-0001" marks. */
export function billedBy(register: readonly InvoiceRecord[]): ReadonlyMap<string, string> {
  const map = new Map<string, string>();
  for (const r of register) {
    if (r.status !== 'issued' || r.kind === 'credit-note') continue;
    for (const id of r.blockIds) map.set(id, r.number);
    for (const id of r.expenseIds) map.set(id, r.number);
  }
  return map;
}

/** "4 time blocks and 1 expense", for confirmations and toasts. */
export function billedItemsText(record: Pick<InvoiceRecord, 'blockIds' | 'expenseIds'>): string {
  const blocks = record.blockIds.length;
  const expenses = record.expenseIds.length;
  const parts = [
    ...(blocks > 0 ? [`${blocks} time block${blocks === 1 ? '' : 's'}`] : []),
    ...(expenses > 0 ? [`${expenses} expense${expenses === 1 ? '' : 's'}`] : []),
  ];
  return parts.length === 0 ? 'nothing' : parts.join(' and ');
}
