/** Invoice documents (drafts as the repository takes them) and a business profile, for tests of the invoice store and lifecycle. */
import type { BusinessProfile } from '../../../src-renderer/domain/business-profile.ts';
import type { BillingDetails } from '../../../src-renderer/domain/client.ts';
import type { InvoiceLine } from '../../../src-renderer/domain/invoice.ts';
import type { NewDraft } from '../../../src-renderer/vault/repos/invoices.ts';
import { REVERSE_CHARGE_WORDING } from '../../../src-renderer/invoices/vat-treatment.ts';

/** A German freelancer charging 19 % VAT, with an invoice series "RE-" and a credit-note series "GS-". */
export function profile(overrides: Partial<BusinessProfile> = {}): BusinessProfile {
  return {
    legalName: 'Anna Nowak Data Consulting',
    address: 'Oranienstraße 12\n10999 Berlin',
    country: 'DE',
    vatId: 'DE123456789',
    iban: 'DE89370400440532013000',
    paymentTermsDays: 14,
    domesticVatRateBp: 1900,
    homeCurrency: 'EUR',
    invoiceSeries: { prefix: 'RE-' },
    creditNoteSeries: { prefix: 'GS-' },
    hourStyle: 'h:mm',
    ...overrides,
  };
}

/** Billing details of a business in Łódź. */
export const LODZ_BILLING: BillingDetails = {
  legalName: 'Łódź Analytics sp. z o.o.',
  address: 'ul. Piotrkowska 100\n90-001 Łódź',
  vatId: 'PL5260250274',
  isBusiness: true,
};

/** A time line of `hours` at `rateMinor`, reverse charge, billing `blockIds`. */
export function timeLine(id: string, hours: number, rateMinor: number, blockIds: string[] = [], overrides: Partial<InvoiceLine> = {}): InvoiceLine {
  const ms = hours * 3_600_000;
  return {
    id,
    kind: 'time',
    description: `Data pipeline (${id})`,
    quantity: { unit: 'hour', billedMs: ms, workedMs: ms },
    unitPriceMinor: rateMinor,
    netMinor: Math.round(hours * rateMinor),
    vat: { kind: 'reverse-charge', rateBp: 0, wording: REVERSE_CHARGE_WORDING, sellerVatId: 'DE123456789', buyerVatId: 'PL5260250274' },
    blockIds,
    expenseIds: [],
    ...overrides,
  };
}

/** A draft for `clientId` in EUR with one line; override what the test cares about. */
export function draftInput(clientId: string, overrides: Partial<NewDraft> = {}): NewDraft {
  return {
    clientId,
    kind: 'invoice',
    series: 'RE-',
    issueDate: '2026-11-30',
    dueDate: '2026-12-14',
    selection: { from: '2026-11-01', to: '2026-11-30', projectIds: [] },
    currency: 'EUR',
    seller: { legalName: 'Anna Nowak Data Consulting', address: 'Oranienstraße 12\n10999 Berlin', country: 'DE', vatId: 'DE123456789' },
    buyer: { ...LODZ_BILLING, legalName: 'Łódź Analytics sp. z o.o.', address: 'ul. Piotrkowska 100\n90-001 Łódź', country: 'PL' },
    hourStyle: 'h:mm',
    lines: [timeLine('l1', 2, 9_500)],
    note: 'Dziękuję – Αθήνα office, Zürich desk',
    ...overrides,
  };
}
