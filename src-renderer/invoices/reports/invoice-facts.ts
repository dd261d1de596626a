/**
 * What the reports on invoices need to know of one register entry and its document, in one flat
 * value: the register says the lifecycle (number, status, paid, void), the document says the
 * money (currency, VAT per line, the fixed rate, who bought). Reports never read anything else,
 * so they stay pure and are tested with plain values.
 *
 * Signs: as stored, so every report adds facts up without asking what they are. A credit note's
 * document is its invoice negated line by line (invoices/document/credit-note.ts), and its register
 * totals are that document's gross; so a credit note takes back exactly what its invoice counted,
 * refund lines included (an invoice of 1000.00 and -200.00 is credited -800.00, never -1200.00).
 */
import type { Invoice } from '../../domain/invoice.ts';
import type { RegisteredInvoice } from '../../reports/invoice-register.ts';
import { convertMinor } from '../exchange-rate.ts';
import { vatTotals, type RateTotal } from '../vat-totals.ts';

/** A register entry (its document fields are optional: entries written before documents existed have none). */
export type RegisterEntry = RegisteredInvoice;

/** One invoice or credit note as the reports see it. */
export interface InvoiceFacts {
  /** The register key: the identity (two devices may have used one number). */
  key: string;
  number: string;
  clientId: string;
  /** The buyer's legal name as printed, or the register's client id where there is no document. */
  buyerName: string;
  kind: 'invoice' | 'credit-note';
  status: 'issued' | 'void';
  issueDate: string;
  /** The document's due date (or the register's); absent for an invoice issued before documents. */
  dueDate?: string;
  paidOn?: string;
  voidedOn?: string;
  voidedBy?: string;
  creditFor?: string;
  /**
   * `document`: amounts, VAT and rate from the issued document. `register`: only the register's
   * totals are known (an invoice issued before documents existed, or one whose document is not on
   * this device); before documents Caravan charged no VAT, so such totals are net and gross alike.
   */
  source: 'document' | 'register';
  /** Per currency, signed as stored (a credit note's are its invoice's negated). A document has exactly one. */
  totals: readonly { currency: string; netMinor: number; grossMinor: number }[];
  /** The document's VAT breakdown per treatment and rate, signed as stored; empty without a document. */
  vat: readonly RateTotal[];
  /** The rate fixed on the document to the home currency: `1 <currency> = rate <homeCurrency>`. */
  fixedRate?: { homeCurrency: string; rate: string };
  /** The buyer's country (ISO 3166-1 alpha-2), from the document. */
  buyerCountry?: string;
  /** The buyer's VAT id as printed on the document. */
  buyerVatId?: string;
}

/** The facts of `entry`, from its issued `document` when this device holds it. */
export function invoiceFacts(entry: RegisterEntry, document?: Invoice): InvoiceFacts {
  const kind = entry.kind ?? document?.kind ?? 'invoice';
  const optional = {
    ...(entry.paidOn !== undefined && { paidOn: entry.paidOn }),
    ...(entry.voidedOn !== undefined && { voidedOn: entry.voidedOn }),
    ...(entry.voidedBy !== undefined && { voidedBy: entry.voidedBy }),
    ...(entry.creditFor !== undefined && { creditFor: entry.creditFor }),
  };
  const base = { key: entry.key, number: entry.number, clientId: entry.clientId, kind, status: entry.status, issueDate: entry.issueDate, ...optional };
  if (document === undefined) {
    return {
      ...base,
      buyerName: entry.clientId,
      ...(entry.dueDate !== undefined && { dueDate: entry.dueDate }),
      source: 'register',
      totals: entry.totals.map(([currency, minor]) => ({ currency, netMinor: minor, grossMinor: minor })),
      vat: [],
    };
  }
  const totals = vatTotals(document.lines.map((line) => ({ treatment: line.vat.kind, rateBp: line.vat.rateBp, netMinor: line.netMinor })));
  // The VAT id printed on a reverse-charge line is the one the sale was declared under.
  const printedVatId = document.lines.map((l) => l.vat).find((v) => v.kind === 'reverse-charge')?.buyerVatId ?? document.buyer.vatId;
  return {
    ...base,
    buyerName: document.buyer.legalName,
    dueDate: entry.dueDate ?? document.dueDate,
    source: 'document',
    totals: [{ currency: document.currency, netMinor: totals.netMinor, grossMinor: totals.grossMinor }],
    vat: totals.byRate,
    ...(document.fixedRate !== undefined && { fixedRate: { homeCurrency: document.fixedRate.homeCurrency, rate: document.fixedRate.rate } }),
    buyerCountry: document.buyer.country,
    ...(printedVatId !== undefined && { buyerVatId: printedVatId }),
  };
}

/**
 * Whether the entry is a sale the reports count. An invoice voided by a credit note still counts
 * (the credit note, its invoice negated, takes it back in its own period); an invoice voided before
 * credit notes existed has nothing that takes it back, so it is left out.
 */
export function countsAsSale(facts: InvoiceFacts): boolean {
  return facts.status === 'issued' || facts.voidedBy !== undefined;
}

/** Why an amount could not be converted, in words. */
export type NotConverted = { key: string; number: string; issueDate: string; currency: string; grossMinor: number; reason: string };

/**
 * `minor` of `currency` in `homeCurrency`, with the rate fixed on this invoice and no other; a
 * reason in words where that is impossible.
 */
export function toHome(
  facts: InvoiceFacts,
  minor: number,
  currency: string,
  homeCurrency: string,
): { ok: true; minor: number } | { ok: false; reason: string } {
  if (currency === homeCurrency) return { ok: true, minor };
  if (facts.source === 'register') return { ok: false, reason: `issued before invoices kept their exchange rate, in ${currency}` };
  if (facts.fixedRate === undefined) return { ok: false, reason: `no exchange rate to ${homeCurrency} is fixed on it` };
  if (facts.fixedRate.homeCurrency !== homeCurrency) {
    return { ok: false, reason: `its rate is fixed to ${facts.fixedRate.homeCurrency}, not to your home currency ${homeCurrency}` };
  }
  try {
    return { ok: true, minor: convertMinor(minor, currency, homeCurrency, facts.fixedRate.rate) };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/** "2026-Q4" for an ISO date: calendar quarters. */
export function quarterOf(isoDate: string): string {
  const month = Number(isoDate.slice(5, 7));
  return `${isoDate.slice(0, 4)}-Q${Math.floor((month - 1) / 3) + 1}`;
}

/** Whole days from `from` to `to` (ISO dates); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  const day = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
  return Math.round((day(to) - day(from)) / 86_400_000);
}
