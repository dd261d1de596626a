/**
 * The register of issued invoices: which number billed which blocks and expenses, and whether it
 * was voided. It is kept as one workspace setting (`invoice.register`, encrypted under the
 * workspace key) rather than a new record type, so sync, the bundle codec and the GDPR export
 * carry it as they carry every setting, with no schema change to the stores.
 *
 * Bookkeeping rules: a number is never reused or deleted; voiding keeps the invoice in the
 * register as void (with the day it was voided) and makes exactly the records it billed unbilled
 * again, so they can go on a new invoice.
 */
import { z } from 'zod';
import { currencySchema, idSchema, isoDateSchema } from '../domain/common.ts';

/** The setting key the register is stored under. */
export const INVOICE_REGISTER_SETTING = 'invoice.register';

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
  /** Per ISO 4217 code, minor units, as printed. */
  totals: z.array(z.tuple([currencySchema, z.number().int()])),
});
/** One issued (or voided) invoice. */
export type InvoiceRecord = z.infer<typeof invoiceRecordSchema>;

/**
 * The register from a stored setting value; entries that do not read (written by a newer version,
 * damaged) are kept out rather than failing the whole list, and counted so the screen can say so.
 */
export function readRegister(value: unknown): { records: InvoiceRecord[]; unreadable: number } {
  if (!Array.isArray(value)) return { records: [], unreadable: value === undefined || value === null ? 0 : 1 };
  const records: InvoiceRecord[] = [];
  let unreadable = 0;
  for (const entry of value) {
    const parsed = invoiceRecordSchema.safeParse(entry);
    if (parsed.success) records.push(parsed.data);
    else unreadable += 1;
  }
  return { records, unreadable };
}

/** The register with `record` added; refuses a number already used, void or not. */
export function withIssued(register: readonly InvoiceRecord[], record: InvoiceRecord): InvoiceRecord[] {
  if (register.some((r) => r.number === record.number)) {
    throw new Error(
      `Invoice number ${record.number} is already in your register; numbers are never reused. Close and open the invoice again to get the next number.`,
    );
  }
  return [...register, record];
}

/** The register with invoice `number` marked void on `voidedOn`; refuses an unknown or already void number. */
export function withVoided(register: readonly InvoiceRecord[], number: string, voidedOn: string): InvoiceRecord[] {
  const found = register.find((r) => r.number === number);
  if (found === undefined) throw new Error(`Invoice ${number} is not in your register.`);
  if (found.status === 'void') throw new Error(`Invoice ${number} is already void.`);
  return register.map((r) => (r.number === number ? { ...r, status: 'void' as const, voidedOn } : r));
}

/** The register with a void of `number` taken back (the Undo of a void). */
export function withReissued(register: readonly InvoiceRecord[], number: string): InvoiceRecord[] {
  const record = register.find((r) => r.number === number);
  if (record?.status !== 'void') throw new Error(`Invoice ${number} is not void, so there is no void to undo.`);
  // Since the void, another invoice may have billed the same time: undoing would bill it twice.
  const claimed = billedBy(register);
  const taken = [...record.blockIds, ...record.expenseIds].map((id) => claimed.get(id)).find((n) => n !== undefined);
  if (taken !== undefined) throw new Error(`The void of invoice ${number} cannot be undone: invoice ${taken} bills some of the same time now.`);
  return register.map((r) => {
    if (r.number !== number) return r;
    const { voidedOn: _voided, ...rest } = r;
    return { ...rest, status: 'issued' as const };
  });
}

/** Which issued invoice billed each block and expense, for the "Billed · 2026-0001" marks. */
export function billedBy(register: readonly InvoiceRecord[]): ReadonlyMap<string, string> {
  const map = new Map<string, string>();
  for (const r of register) {
    if (r.status !== 'issued') continue;
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
