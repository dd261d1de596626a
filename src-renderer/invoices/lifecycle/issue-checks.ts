/**
 * Why a draft cannot be issued now, in words naming the field as the person sees it. Checked
 * before anything is written, so a refusal leaves the register, the document and the marks as they
 * were. (The draft editor shows the builder's fuller check, invoices/document/, while editing;
 * these are the ones the lifecycle never lets through.)
 */
import { businessProfileSchema, type BusinessProfile } from '../../domain/business-profile.ts';
import type { Client } from '../../domain/client.ts';
import type { Invoice } from '../../domain/invoice.ts';
import { parseRate } from '../exchange-rate.ts';

/** The profile as stored (any JSON), read with its schema; a problem in words when there is none or it does not read. */
export function readProfile(stored: unknown): { ok: true; profile: BusinessProfile } | { ok: false; problem: string } {
  if (stored === undefined || stored === null) {
    return {
      ok: false,
      problem: 'Business profile: there is none yet. Fill it in under Settings (your legal name, address, VAT and payment details go on every invoice).',
    };
  }
  const parsed = businessProfileSchema.safeParse(stored);
  if (!parsed.success) {
    return {
      ok: false,
      problem: 'Business profile: it is incomplete or was saved by a newer version of Caravan. Open it under Settings, check it and save it again.',
    };
  }
  return { ok: true, profile: parsed.data };
}

/** What a document is called in messages: "the draft", "invoice RE-2026-0007". */
export function docName(doc: Pick<Invoice, 'kind' | 'number' | 'state'>): string {
  const what = doc.kind === 'credit-note' ? 'credit note' : 'invoice';
  return doc.number === undefined ? `the ${what} draft` : `${what} ${doc.number}`;
}

/**
 * Every reason `doc` cannot be issued for `client` under `profile` (an empty list: it can be).
 * A client that is missing is one this device does not hold.
 */
export function issueProblems(doc: Invoice, profile: BusinessProfile, client: Client | undefined): string[] {
  const problems: string[] = [];
  if (doc.state !== 'draft') problems.push(`${docName(doc)} is issued already; an issued document never changes.`);
  if (client === undefined) problems.push('Client: this invoice’s client is not on this device (removed, erased, or not synced here).');
  else if (client.billing === undefined) {
    problems.push(`Client billing details: add ${client.name}’s billing details (legal name, address, VAT number) in the client’s settings before issuing.`);
  }
  if (doc.lines.length === 0)
    problems.push(`Lines: there is nothing to bill on this draft (${doc.selection.from} to ${doc.selection.to}). Add work or a line.`);
  for (const line of doc.lines) {
    if (line.unitPriceMinor === 0) problems.push(`Line “${line.description}”: the rate is zero. Set the project’s rate, or remove the line.`);
  }
  if (doc.currency !== profile.homeCurrency) {
    if (doc.fixedRate === undefined) {
      problems.push(
        `Exchange rate: this invoice is in ${doc.currency} and your books are in ${profile.homeCurrency}. Fix the rate from ${doc.currency} to ${profile.homeCurrency} on the invoice (typed, or from an ECB reference-rate file).`,
      );
    } else if (doc.fixedRate.homeCurrency !== profile.homeCurrency) {
      problems.push(
        `Exchange rate: it converts to ${doc.fixedRate.homeCurrency}, but your books are in ${profile.homeCurrency}. Fix the rate from ${doc.currency} to ${profile.homeCurrency} again.`,
      );
    } else if (parseRate(doc.fixedRate.rate) === null) {
      problems.push(`Exchange rate: “${doc.fixedRate.rate}” is not a rate above zero (write it with a point, as 0.9512).`);
    }
  }
  return problems;
}
