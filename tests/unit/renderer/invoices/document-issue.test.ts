/** The check before issuing: field-named problems, blocking or warning, and nothing else. */
import { describe, expect, it } from 'vitest';
import type { Invoice } from '../../../../src-renderer/domain/invoice.ts';
import { draftDocument, issueProblems } from '../../../../src-renderer/invoices/document/index.ts';
import { berlinProfile, billedClient, block, draftInput, H, lodz, nov, project } from '../../support/invoice-fixtures.ts';

const NOW = Date.UTC(2026, 11, 7, 10);
const pipeline = project('p-pipe', lodz.id, { kind: 'hourly', rateMinor: 10_000 }, 'EUR', 'Łódź pipeline');

function draft(records: Parameters<typeof draftInput>[1] = {}, c = lodz): Invoice {
  return draftDocument(draftInput(c, { projects: [pipeline], blocks: [block(pipeline, nov(3), 2 * H)], ...records }), { id: 'doc', now: NOW, locale: 'en-GB' })
    .document;
}
const messages = (doc: Invoice, ctx = { homeCurrency: 'EUR', locale: 'en-GB' }) => issueProblems(doc, ctx).map((p) => p.message);

describe('issueProblems', () => {
  it('passes a complete draft', () => {
    expect(issueProblems(draft(), { homeCurrency: 'EUR', client: lodz })).toEqual([]);
  });

  it('names a period with nothing to bill, and for whom', () => {
    expect(messages(draft({ blocks: [] }))).toEqual([
      'Lines: nothing to bill from 1 to 30 Nov 2026 for Łódź Analytics sp. z o.o. Choose another period or other projects, or tick what to bill.',
    ]);
  });

  it('names a line at rate zero, a line without a description, and one whose amount does not add up', () => {
    const doc = draft();
    const line = doc.lines[0]!;
    const lines = [
      { ...line, unitPriceMinor: 0, netMinor: 0 },
      { ...line, id: 'l2', description: ' ' },
      { ...line, id: 'l3', netMinor: line.netMinor + 1 },
    ];
    expect(issueProblems({ ...doc, lines }, { homeCurrency: 'EUR' })).toEqual([
      { field: 'Line 1', message: 'Line 1: “Łódź pipeline, 3 Nov 2026” has a rate of zero. Set the rate, or remove the line.', blocking: true },
      { field: 'Line 2', message: 'Line 2: the description is empty. Say what is billed.', blocking: true },
      {
        field: 'Line 3',
        message: 'Line 3: the amount is not the quantity times the price (“Łódź pipeline, 3 Nov 2026”). Draft the line again.',
        blocking: true,
      },
    ]);
  });

  it('refuses a due date before the issue date and an issued document', () => {
    expect(messages({ ...draft(), dueDate: '2026-12-01' })).toEqual(['Due date: 2026-12-01 is before the issue date 2026-12-07.']);
    expect(messages({ ...draft(), state: 'issued', number: 'RE-2026-0007' })).toEqual([
      'Invoice: RE-2026-0007 is issued and never changes; credit it to correct it.',
    ]);
  });

  it('asks for both VAT numbers under reverse charge, and the addresses', () => {
    const noVatId = billedClient('c-pl', 'Łódź Analytics', 'PL', { legalName: 'Łódź Analytics sp. z o.o.', address: '', isBusiness: true });
    const doc = draft({}, noVatId);
    expect(messages(doc)).toEqual([
      'Client address: an invoice shows the buyer’s address. Add it to the client’s billing details.',
      'Client VAT number: a business in another EU country is invoiced under reverse charge, which needs its VAT number.',
    ]);
    const noSellerVat = draft({ profile: berlinProfile({ vatId: undefined, address: '   ' }) });
    expect(messages(noSellerVat)).toEqual([
      'Your address: an invoice shows the seller’s address. Add it to your business profile.',
      'Your VAT number: a reverse-charge invoice shows it. Add it to your business profile.',
    ]);
  });

  it('the draft says too why it could not decide the VAT', () => {
    const noVatId = billedClient('c-pl', 'Łódź Analytics', 'PL', { legalName: 'Łódź Analytics sp. z o.o.', address: 'Łódź', isBusiness: true });
    const result = draftDocument(draftInput(noVatId, { projects: [pipeline], blocks: [block(pipeline, nov(3), H)] }), { id: 'doc', now: NOW });
    expect(result.problems).toEqual(['Client VAT number: a business in another EU country is invoiced under reverse charge, which needs its VAT number.']);
  });

  it('asks for the client’s billing details when they were never entered', () => {
    const bare = billedClient('c-pl', 'Łódź Analytics', 'PL', undefined);
    expect(issueProblems(draft({}, bare), { homeCurrency: 'EUR', client: bare }).map((p) => p.field)).toContain('Client billing details');
  });

  it('warns, without blocking, when payment by transfer has no IBAN', () => {
    const doc = draft({ profile: berlinProfile({ iban: undefined }) });
    expect(issueProblems(doc, { homeCurrency: 'EUR' })).toEqual([
      { field: 'IBAN', message: 'IBAN: your business profile has none, so the invoice shows no account to pay by transfer into.', blocking: false },
    ]);
    expect(issueProblems(doc, { homeCurrency: 'EUR', payment: 'other' })).toEqual([]);
  });
});
