import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { invoiceSchema, type Invoice } from '../../../../../src-renderer/domain/invoice.ts';
import { documentTotals } from '../../../../../src-renderer/invoices/output/document-totals.ts';
import { ublInvoice } from '../../../../../src-renderer/invoices/output/ubl-invoice.ts';
import { addressTerms } from '../../../../../src-renderer/invoices/output/ubl-party.ts';
import { escapeXml } from '../../../../../src-renderer/invoices/output/xml-element.ts';
import { draftDocument } from '../../../../../src-renderer/invoices/document/index.ts';
import { block, draftInput, H, lyon, nov, november, project } from '../../../support/invoice-fixtures.ts';
import { ublViolations } from './ubl-rules.ts';
import { creditNote, domesticUsd, reverseCharge, smallBusiness, swissChf, timeLine, workedExamples } from './worked-examples.ts';

function xmlOf(invoice: Invoice): string {
  const result = ublInvoice(invoice);
  if (!result.ok) throw new Error(result.problem);
  return result.xml;
}

/** The text of every element named `local` (namespace prefixes ignored), in document order. */
function values(xml: string, local: string): string[] {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  return Array.from(doc.getElementsByTagNameNS('*', local)).map((e) => e.textContent ?? '');
}

/** November's retainer drafted by the builder on an invoice for 1 to 15 November, issued. */
function retainerHalfMonth(): Invoice {
  const support = project('p-ret', lyon.id, { kind: 'retainer', hoursPerMonth: 20, feeMinor: 200_000, overageRateMinor: 12_000 }, 'EUR', 'Support');
  const input = draftInput(lyon, { projects: [support], blocks: [block(support, nov(3), 2 * H)], selection: november({ to: '2026-11-15' }) });
  const { document } = draftDocument(input, { id: 'doc-ret', now: 0 });
  return { ...document, state: 'issued', number: 'RE-2026-0021' };
}

describe('ublInvoice: the worked examples', () => {
  it.each(workedExamples)('%s is a valid document and passes the UBL 2.1 / EN 16931 structural rules', (_, invoice) => {
    expect(invoiceSchema.safeParse(invoice).success).toBe(true);
    expect(ublViolations(xmlOf(invoice))).toEqual([]);
  });

  it('widens the invoicing period to a retainer month that runs past the period chosen (Peppol R110, R111)', () => {
    const invoice = retainerHalfMonth();
    expect(invoice.selection).toMatchObject({ from: '2026-11-01', to: '2026-11-15' });
    expect(invoice.lines.map((l) => [l.kind, l.period])).toEqual([['retainer', { from: '2026-11-01', to: '2026-11-30' }]]);
    const xml = xmlOf(invoice);
    expect(ublViolations(xml)).toEqual([]);
    // The invoice's period first, then the line's: both the whole of November the fee pays for.
    expect(values(xml, 'StartDate')).toEqual(['2026-11-01', '2026-11-01']);
    expect(values(xml, 'EndDate')).toEqual(['2026-11-30', '2026-11-30']);
    // Lines within the period chosen leave it as chosen.
    expect(values(xmlOf(reverseCharge), 'EndDate')[0]).toBe(reverseCharge.selection.to);
  });

  it('is deterministic: the same document gives the same text', () => {
    expect(xmlOf(reverseCharge)).toBe(xmlOf(structuredClone(reverseCharge)));
  });

  it('maps the business terms of a reverse-charge invoice (BT-1, BT-2, BT-9, BT-5, BT-10, BT-31, BT-48, BG-16, BG-23, BG-22)', () => {
    const xml = xmlOf(reverseCharge);
    expect(xml).toContain('<cbc:CustomizationID>urn:cen.eu:en16931:2017</cbc:CustomizationID>');
    expect(values(xml, 'ID')[0]).toBe('RE-2026-0007');
    expect(values(xml, 'IssueDate')).toEqual(['2026-12-07']);
    expect(values(xml, 'DueDate')).toEqual(['2027-01-06']);
    expect(values(xml, 'InvoiceTypeCode')).toEqual(['380']);
    expect(values(xml, 'DocumentCurrencyCode')).toEqual(['EUR']);
    expect(values(xml, 'TaxCurrencyCode')).toEqual([]);
    expect(values(xml, 'BuyerReference')).toEqual(['PO "4711"']);
    expect(values(xml, 'CompanyID')).toEqual(['DE123456789', '30/123/45678', 'FR40303265045']);
    expect(values(xml, 'RegistrationName')).toEqual(['Anna Schmidt Data Consulting', 'Données & Modèles <SARL>']);
    expect(values(xml, 'StreetName')).toEqual(['Torstraße 5', '12 rue de la République']);
    expect(values(xml, 'CityName')).toEqual(['Berlin', 'Lyon']);
    expect(values(xml, 'PostalZone')).toEqual(['10119', '69002']);
    expect(values(xml, 'IdentificationCode')).toEqual(['DE', 'FR']);
    expect(values(xml, 'PaymentMeansCode')).toEqual(['58']);
    expect(xml).toMatch(
      /<cac:PayeeFinancialAccount>\s*<cbc:ID>DE89370400440532013000<\/cbc:ID>\s*<cbc:Name>Anna Schmidt Data Consulting<\/cbc:Name>\s*<cac:FinancialInstitutionBranch>\s*<cbc:ID>COBADEFFXXX<\/cbc:ID>/u,
    );
    // 12:30 h × €95.00 = €1,187.50, plus €45.00 at cost: €1,232.50, no VAT.
    expect(values(xml, 'LineExtensionAmount')).toEqual(['1232.50', '1187.50', '45.00']);
    expect(values(xml, 'TaxInclusiveAmount')).toEqual(['1232.50']);
    expect(values(xml, 'PayableAmount')).toEqual(['1232.50']);
    expect(values(xml, 'TaxExemptionReasonCode')).toEqual(['VATEX-EU-AE']);
    expect(values(xml, 'TaxExemptionReason')).toEqual(['Reverse charge – Article 196, Council Directive 2006/112/EC']);
    expect(xml).toMatch(/<cbc:InvoicedQuantity unitCode="HUR">12.5<\/cbc:InvoicedQuantity>/u);
    expect(xml).toMatch(/<cbc:InvoicedQuantity unitCode="C62">1<\/cbc:InvoicedQuantity>/u);
    expect(values(xml, 'PriceAmount')).toEqual(['95.00', '45.00']);
  });

  it('escapes what a person typed: "&", "<" and quotes stay text, never markup', () => {
    const xml = xmlOf(reverseCharge);
    expect(xml).toContain('<cbc:RegistrationName>Données &amp; Modèles &lt;SARL&gt;</cbc:RegistrationName>');
    expect(xml).toContain('<cbc:BuyerReference>PO &quot;4711&quot;</cbc:BuyerReference>');
    expect(escapeXml("a\u0007b'")).toBe('ab&apos;');
    const hostile = { ...reverseCharge, buyer: { ...reverseCharge.buyer, legalName: '</cbc:RegistrationName><cbc:Injected/>' } };
    expect(values(xmlOf(hostile), 'Injected')).toEqual([]);
    expect(values(xmlOf(hostile), 'RegistrationName')[1]).toBe('</cbc:RegistrationName><cbc:Injected/>');
  });

  it('a Swiss invoice in CHF: category O without VAT ids, BT-6 EUR and BT-111 in EUR, the rate as a note', () => {
    const xml = xmlOf(swissChf);
    expect(values(xml, 'DocumentCurrencyCode')).toEqual(['CHF']);
    expect(values(xml, 'TaxCurrencyCode')).toEqual(['EUR']);
    // BR-O-02: neither VAT identifier; the seller's tax number (BT-32) stays.
    expect(values(xml, 'CompanyID')).toEqual(['30/123/45678']);
    expect(xml).toMatch(/<cac:TaxTotal>\s*<cbc:TaxAmount currencyID="EUR">0.00<\/cbc:TaxAmount>\s*<\/cac:TaxTotal>/u);
    expect(values(xml, 'Note')).toContain('Exchange rate: 1 CHF = 1.0712 EUR, ECB reference rate of 2026-12-04');
    expect(values(xml, 'Percent')).toEqual([]);
    // 7:55 h is 7.916667 h (6 places); the net is exact from the minutes: 7 h 55 min × 140.00 = 1108.33.
    expect(xml).toContain('<cbc:InvoicedQuantity unitCode="HUR">7.916667</cbc:InvoicedQuantity>');
    expect(values(xml, 'PayableAmount')).toEqual(['1108.33']);
    expect(values(xml, 'CityName')).toEqual(['Berlin', 'Zürich']);
  });

  it('domestic VAT in USD: rows per rate (BR-CO-17), and BT-111 is the VAT converted at the fixed rate', () => {
    const xml = xmlOf(domesticUsd);
    const totals = documentTotals(domesticUsd);
    // 3 h 20 min × $120 = $400.00 at 19 % = $76.00; 2 × $39.99 = $79.98 at 7 % = $5.60.
    expect(totals.byRate.map((r) => [r.rateBp, r.netMinor, r.vatMinor])).toEqual([
      [1900, 40_000, 7_600],
      [700, 7_998, 560],
    ]);
    // $76.00 × 0.951294 = €72.30; $5.60 × 0.951294 = €5.33.
    expect(totals.home?.vatMinor).toBe(7_230 + 533);
    expect(xml).toMatch(/<cbc:TaxAmount currencyID="EUR">77.63<\/cbc:TaxAmount>/u);
    expect(values(xml, 'Percent')).toEqual(['19', '7', '19', '7']);
    expect(values(xml, 'PayableAmount')).toEqual(['561.58']);
    expect(values(xml, 'PostalZone')).toEqual(['10119', '105 63']);
    expect(values(xml, 'CityName')).toEqual(['Berlin', 'Αθήνα']);
  });

  it('a § 19 small business: category E at 0 % with the exemption wording (BT-120) and the tax number as BT-32', () => {
    const xml = xmlOf(smallBusiness);
    expect(values(xml, 'ID').filter((v) => v === 'E')).toHaveLength(2);
    expect(values(xml, 'TaxExemptionReason')).toEqual(['Gemäß § 19 UStG wird keine Umsatzsteuer berechnet.']);
    expect(values(xml, 'CompanyID')).toEqual(['143/456/78901']);
    expect(values(xml, 'PayableAmount')).toEqual(['360.00']);
  });

  it('a credit note: CreditNote 381, BillingReference to the invoice, positive amounts, no due date but payment terms', () => {
    const xml = xmlOf(creditNote);
    expect(xml).toContain('<CreditNote xmlns="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"');
    expect(values(xml, 'CreditNoteTypeCode')).toEqual(['381']);
    expect(xml).toMatch(
      /<cac:BillingReference>\s*<cac:InvoiceDocumentReference>\s*<cbc:ID>RE-2026-0007<\/cbc:ID>\s*<cbc:IssueDate>2026-12-07<\/cbc:IssueDate>/u,
    );
    expect(values(xml, 'DueDate')).toEqual([]);
    expect(values(xml, 'PayableAmount')).toEqual(['1232.50']);
    expect(values(xml, 'PriceAmount')).toEqual(['95.00', '45.00']);
    expect(xml).toMatch(/<cbc:CreditedQuantity unitCode="HUR">12.5<\/cbc:CreditedQuantity>/u);
    expect(values(xml, 'PaymentMeansCode')).toEqual([]);
  });

  it('moves a negative price to the quantity (BR-27): a discount line', () => {
    const discount = { ...timeLine('d', 'Goodwill discount', 1, -5_000, { kind: 'domestic', rateBp: 1900 }) };
    const invoice = { ...domesticUsd, lines: [...domesticUsd.lines, discount] };
    const xml = xmlOf(invoice);
    expect(ublViolations(xml)).toEqual([]);
    expect(xml).toContain('<cbc:InvoicedQuantity unitCode="HUR">-1</cbc:InvoicedQuantity>');
    expect(values(xml, 'PriceAmount').at(-1)).toBe('50.00');
  });
});

describe('ublInvoice: refusals in words', () => {
  it('refuses outside-the-scope lines mixed with VAT (BR-O-11), naming what to do', () => {
    const mixed = { ...swissChf, lines: [...swissChf.lines, timeLine('x', 'Domestic work', 1, 1_000, { kind: 'domestic', rateBp: 1900 })] };
    expect(ublInvoice(mixed)).toEqual({ ok: false, problem: expect.stringMatching(/^VAT: lines outside the scope .* separate invoices\.$/u) as unknown });
  });

  it('refuses VAT without the seller’s VAT or tax number, an empty invoice, a draft, reverse charge without both VAT numbers, and a rate that is not a number', () => {
    const { vatId: _v, taxNumber: _t, ...bare } = domesticUsd.seller;
    expect(ublInvoice({ ...domesticUsd, seller: bare })).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^Your VAT number or tax number/u) as unknown,
    });
    expect(ublInvoice({ ...domesticUsd, lines: [] })).toMatchObject({ ok: false, problem: expect.stringMatching(/no lines/u) as unknown });
    const { number: _n, ...draft } = reverseCharge;
    expect(ublInvoice({ ...draft, state: 'draft' })).toMatchObject({ ok: false, problem: expect.stringMatching(/^The invoice has no number yet/u) as unknown });
    const { vatId: _b, ...noBuyerVat } = reverseCharge.buyer;
    expect(ublInvoice({ ...reverseCharge, buyer: noBuyerVat })).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^Client VAT number: a reverse-charge/u) as unknown,
    });
    const { vatId: _s, ...noSellerVat } = reverseCharge.seller;
    expect(ublInvoice({ ...reverseCharge, seller: noSellerVat })).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^Your VAT number: a reverse-charge/u) as unknown,
    });
    const badRate = { ...swissChf, fixedRate: { homeCurrency: 'EUR', rate: '1,07', source: 'typed' as const } };
    expect(ublInvoice(badRate)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^Exchange rate: "1,07" is not a rate; type a positive decimal/u) as unknown,
    });
  });
});

describe('the structural check can fail', () => {
  it('finds a wrong total, an element out of the UBL order, a missing VAT id and a broken document', () => {
    const xml = xmlOf(reverseCharge);
    expect(ublViolations(xml.replace('<cbc:PayableAmount currencyID="EUR">1232.50', '<cbc:PayableAmount currencyID="EUR">1232.51'))).toContain(
      'BR-CO-16: BT-115 is not BT-112',
    );
    const swapped = xml.replace(/(<cbc:IssueDate>2026-12-07<\/cbc:IssueDate>)\s*(<cbc:DueDate>2027-01-06<\/cbc:DueDate>)/u, '$2$1');
    expect(ublViolations(swapped)).toContain('Invoice: IssueDate comes after DueDate, out of the UBL 2.1 order');
    expect(ublViolations(xml.replace('<cbc:CompanyID>FR40303265045</cbc:CompanyID>', '<cbc:CompanyID>FR40303265045</cbc:CompanyID><cbc:Bogus/>'))).toContain(
      'Invoice/AccountingCustomerParty/Party/PartyTaxScheme: Bogus is not an element of PartyTaxScheme in UBL 2.1',
    );
    expect(ublViolations(xml.replace(/<cac:PartyTaxScheme>\s*<cbc:CompanyID>FR[\s\S]*?<\/cac:PartyTaxScheme>/u, ''))).toContain(
      'BR-AE-02: reverse charge needs both VAT identifiers',
    );
    expect(ublViolations(xml.replace('</Invoice>', '')).join()).toMatch(/XML/u);
  });

  it('finds a line period outside the invoicing period (R110, R111) and a period that ends before it starts (BR-29)', () => {
    const xml = xmlOf(reverseCharge);
    // The first EndDate is the invoice's, the next the first line's.
    expect(ublViolations(xml.replace('<cbc:EndDate>2026-11-30</cbc:EndDate>', '<cbc:EndDate>2026-11-15</cbc:EndDate>'))).toContain(
      "R111: line 1's period ends 2026-11-30, after the invoice's 2026-11-15",
    );
    expect(ublViolations(xml.replace('<cbc:StartDate>2026-11-01</cbc:StartDate>', '<cbc:StartDate>2026-11-02</cbc:StartDate>'))).toContain(
      "R110: line 1's period starts 2026-11-01, before the invoice's 2026-11-02",
    );
    expect(ublViolations(xml.replace('<cbc:StartDate>2026-11-01</cbc:StartDate>', '<cbc:StartDate>2026-12-01</cbc:StartDate>'))).toContain(
      'BR-29: the invoicing period ends before it starts',
    );
  });
});

describe('addressTerms', () => {
  it('splits typed addresses into street, town and post code, dropping a last line that names the country', () => {
    expect(addressTerms('ul. Piotrkowska 100\n90-001 Łódź', 'PL')).toEqual({ country: 'PL', street: 'ul. Piotrkowska 100', postCode: '90-001', city: 'Łódź' });
    expect(addressTerms('1 Fleet St\nFloor 3\nUnit 4\nLondon EC4Y 1AA\nUnited Kingdom', 'GB')).toEqual({
      country: 'GB',
      street: '1 Fleet St',
      additional: 'Floor 3',
      line3: 'Unit 4',
      city: 'London',
      postCode: 'EC4Y 1AA',
    });
    expect(addressTerms('Mythenquai 2\nZürich', 'CH')).toEqual({ country: 'CH', street: 'Mythenquai 2', city: 'Zürich' });
    expect(addressTerms('Stortorget 1\n114 55 Stockholm', 'SE')).toMatchObject({ postCode: '114 55', city: 'Stockholm' });
    expect(addressTerms('Dam 1\n1012 AB Amsterdam', 'NL')).toMatchObject({ postCode: '1012 AB', city: 'Amsterdam' });
    expect(addressTerms('8 rue X\n75008 Paris Cedex 08', 'FR')).toMatchObject({ postCode: '75008', city: 'Paris Cedex 08' });
    expect(addressTerms('Somewhere', 'FR')).toEqual({ country: 'FR', street: 'Somewhere' });
  });
});
