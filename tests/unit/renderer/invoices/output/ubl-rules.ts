/**
 * A structural check of a UBL 2.1 EN 16931 invoice, for tests: no UBL 2.1 XSD or EN 16931
 * schematron ships in an npm or Debian package this project can install (docs/invoicing.md says
 * what was looked for), so this checks what they would, for the elements Caravan writes:
 * - the XML parses (@xmldom/xmldom, an independent parser, not our writer);
 * - each aggregate's children are known to its UBL 2.1 sequence, in the schema's order, with the
 *   required ones present and the single ones once (the XSD's sequences, copied from UBL 2.1);
 * - the business terms EN 16931 requires are present (BT-1, BT-2, BT-5, BT-24, BT-27, BT-40, BT-44,
 *   BT-55, BG-23, BT-106…BT-115, BG-25);
 * - the arithmetic rules BR-CO-10, -13, -14, -15, -16, -17 and the per-category BR-x-08 sums, and
 *   the category rules BR-AE-02/10, BR-E-02/10, BR-O-02/10/11, BR-S-02, BR-27, BR-53, BR-CO-25, BR-DEC;
 * - the periods: BR-29 and BR-30 (a period ends on or after its start) and Peppol's R110 and R111
 *   (a line's period lies within the invoice's).
 * Returns each violation in words; an empty list passes.
 */
import { DOMParser, type Element } from '@xmldom/xmldom';
import { SEQUENCES } from './ubl-sequences.ts';

const CBC = 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2';

const kids = (e: Element): Element[] => Array.from(e.childNodes).filter((n): n is Element => n.nodeType === 1);
const local = (e: Element): string => e.localName ?? e.nodeName;

function checkSequence(e: Element, out: string[], path: string): void {
  const spec = SEQUENCES[local(e)];
  const children = kids(e);
  if (spec !== undefined) {
    const names = spec.map((s) => s.replace(/^[!*]+/u, ''));
    let at = 0;
    const counts = new Map<string, number>();
    for (const child of children) {
      const name = local(child);
      const index = names.indexOf(name);
      if (index < 0) out.push(`${path}: ${name} is not an element of ${local(e)} in UBL 2.1`);
      else if (index < at) out.push(`${path}: ${name} comes after ${names[at] ?? '?'}, out of the UBL 2.1 order`);
      else at = index;
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    spec.forEach((s, i) => {
      const name = names[i] ?? '';
      if (s.includes('!') && !counts.has(name)) out.push(`${path}: ${local(e)} lacks its required ${name}`);
      if (!s.includes('*') && (counts.get(name) ?? 0) > 1) out.push(`${path}: ${name} appears more than once in ${local(e)}`);
    });
  }
  for (const child of children) checkSequence(child, out, `${path}/${local(child)}`);
}

/** Text of the first descendant at a slash path of local names ("LegalMonetaryTotal/PayableAmount"). */
function at(e: Element, path: string): Element | undefined {
  let nodes: Element[] = [e];
  for (const step of path.split('/')) nodes = nodes.flatMap((n) => kids(n).filter((k) => local(k) === step));
  return nodes[0];
}
const all = (e: Element, path: string): Element[] => {
  let nodes: Element[] = [e];
  for (const step of path.split('/')) nodes = nodes.flatMap((n) => kids(n).filter((k) => local(k) === step));
  return nodes;
};
const text = (e: Element | undefined): string | undefined => e?.textContent?.trim();
/** A decimal in hundredths (cents), exact; NaN for anything else. */
const cents = (e: Element | undefined): number => {
  const t = text(e) ?? '';
  return /^-?\d+(\.\d{1,2})?$/u.test(t) ? Math.round(Number(t) * 100) : Number.NaN;
};

/** Violations of `xml` as an EN 16931 UBL 2.1 invoice or credit note; empty when it passes. */
export function ublViolations(xml: string): string[] {
  const out: string[] = [];
  let root: Element | null;
  try {
    root = new DOMParser({ onError: (level, message) => out.push(`XML ${level}: ${message}`) }).parseFromString(xml, 'text/xml').documentElement;
  } catch (error) {
    return [`XML fatal error: ${error instanceof Error ? error.message : String(error)}`];
  }
  if (root === null || out.length > 0) return out.length > 0 ? out : ['no root element'];
  const credit = local(root) === 'CreditNote';
  const ns = `urn:oasis:names:specification:ubl:schema:xsd:${credit ? 'CreditNote' : 'Invoice'}-2`;
  if (root.namespaceURI !== ns) out.push(`the root is not in the ${ns} namespace`);
  checkSequence(root, out, local(root));
  const need = (bt: string, path: string): void => {
    if ((text(at(root, path)) ?? '') === '') out.push(`${bt} (${path}) is missing`);
  };
  need('BT-24', 'CustomizationID');
  need('BT-1', 'ID');
  need('BT-2', 'IssueDate');
  need('BT-3', credit ? 'CreditNoteTypeCode' : 'InvoiceTypeCode');
  need('BT-5', 'DocumentCurrencyCode');
  need('BT-27', 'AccountingSupplierParty/Party/PartyLegalEntity/RegistrationName');
  need('BT-40', 'AccountingSupplierParty/Party/PostalAddress/Country/IdentificationCode');
  need('BT-44', 'AccountingCustomerParty/Party/PartyLegalEntity/RegistrationName');
  need('BT-55', 'AccountingCustomerParty/Party/PostalAddress/Country/IdentificationCode');
  for (const bt of ['LineExtensionAmount', 'TaxExclusiveAmount', 'TaxInclusiveAmount', 'PayableAmount']) need(bt, `LegalMonetaryTotal/${bt}`);

  const currency = text(at(root, 'DocumentCurrencyCode'));
  const taxCurrency = text(at(root, 'TaxCurrencyCode'));
  for (const node of Array.from(root.getElementsByTagNameNS(CBC, '*'))) {
    const id = node.getAttribute('currencyID');
    if (id === null || id === '') continue;
    if (!Number.isFinite(cents(node))) out.push(`BR-DEC: ${local(node)} "${text(node) ?? ''}" is not an amount with at most 2 decimals`);
    if (id !== currency && !(id === taxCurrency && local(node) === 'TaxAmount' && local(node.parentNode as Element) === 'TaxTotal')) {
      out.push(`${local(node)} is in ${id}, not the invoice currency ${currency ?? '?'}`);
    }
  }

  const lineName = credit ? 'CreditNoteLine' : 'InvoiceLine';
  const lines = all(root, lineName);
  const lineNets = lines.map((l) => cents(at(l, 'LineExtensionAmount')));
  const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
  const total = (name: string): number => cents(at(root, `LegalMonetaryTotal/${name}`));
  const taxTotals = all(root, 'TaxTotal');
  const docTax = taxTotals.find((t) => at(t, 'TaxAmount')?.getAttribute('currencyID') === currency);
  const subtotals = docTax === undefined ? [] : all(docTax, 'TaxSubtotal');
  if (total('LineExtensionAmount') !== sum(lineNets)) out.push('BR-CO-10: BT-106 is not the sum of the line net amounts');
  if (total('TaxExclusiveAmount') !== total('LineExtensionAmount')) out.push('BR-CO-13: BT-109 differs from BT-106 without allowances or charges');
  const vat = cents(docTax === undefined ? undefined : at(docTax, 'TaxAmount'));
  if (vat !== sum(subtotals.map((s) => cents(at(s, 'TaxAmount'))))) out.push('BR-CO-14: BT-110 is not the sum of the VAT category amounts');
  if (total('TaxInclusiveAmount') !== total('TaxExclusiveAmount') + vat) out.push('BR-CO-15: BT-112 is not BT-109 + BT-110');
  if (total('PayableAmount') !== total('TaxInclusiveAmount')) out.push('BR-CO-16: BT-115 is not BT-112');
  if (subtotals.length === 0) out.push('BG-23: no VAT breakdown');
  if (taxCurrency !== undefined && !taxTotals.some((t) => at(t, 'TaxAmount')?.getAttribute('currencyID') === taxCurrency)) {
    out.push('BR-53: BT-6 is given but BT-111, the VAT total in that currency, is not');
  }
  if (total('PayableAmount') > 0 && at(root, 'DueDate') === undefined && at(root, 'PaymentTerms/Note') === undefined) {
    out.push('BR-CO-25: a positive amount due needs a due date or payment terms');
  }

  const categories = new Set(lines.map((l) => text(at(l, 'Item/ClassifiedTaxCategory/ID'))));
  for (const s of subtotals) {
    const id = text(at(s, 'TaxCategory/ID'));
    const percent = text(at(s, 'TaxCategory/Percent'));
    const inCategory = lines.filter(
      (l) => text(at(l, 'Item/ClassifiedTaxCategory/ID')) === id && text(at(l, 'Item/ClassifiedTaxCategory/Percent')) === percent,
    );
    if (cents(at(s, 'TaxableAmount')) !== sum(inCategory.map((l) => cents(at(l, 'LineExtensionAmount'))))) {
      out.push(`BR-${id ?? '?'}-08: the taxable amount of ${id ?? '?'} ${percent ?? ''} is not the sum of its lines`);
    }
    const expected = Math.round((cents(at(s, 'TaxableAmount')) * Number(percent ?? '0')) / 100);
    if (Math.abs(cents(at(s, 'TaxAmount')) - expected) > 0) out.push(`BR-CO-17: the VAT of ${id ?? '?'} ${percent ?? ''} is not its taxable amount × rate`);
    if (
      ['AE', 'E', 'O'].includes(id ?? '') &&
      (text(at(s, 'TaxCategory/TaxExemptionReason')) ?? '') === '' &&
      at(s, 'TaxCategory/TaxExemptionReasonCode') === undefined
    ) {
      out.push(`BR-${id ?? '?'}-10: category ${id ?? '?'} needs an exemption reason`);
    }
    if (id === 'O' && percent !== undefined) out.push('BR-O-05: category O carries no rate');
  }
  const sellerVat = all(root, 'AccountingSupplierParty/Party/PartyTaxScheme').find((p) => text(at(p, 'TaxScheme/ID')) === 'VAT');
  const sellerTax = all(root, 'AccountingSupplierParty/Party/PartyTaxScheme').find((p) => text(at(p, 'TaxScheme/ID')) !== 'VAT');
  const buyerVat = all(root, 'AccountingCustomerParty/Party/PartyTaxScheme').find((p) => text(at(p, 'TaxScheme/ID')) === 'VAT');
  if (categories.has('AE') && (sellerVat === undefined || buyerVat === undefined)) out.push('BR-AE-02: reverse charge needs both VAT identifiers');
  if ((categories.has('S') || categories.has('E')) && sellerVat === undefined && sellerTax === undefined)
    out.push('BR-S-02/BR-E-02: the seller needs a VAT or tax number');
  if (categories.has('O') && (sellerVat !== undefined || buyerVat !== undefined)) out.push('BR-O-02: outside the scope, no VAT identifiers');
  if (categories.has('O') && categories.size > 1) out.push('BR-O-11: category O mixed with others');
  for (const l of lines) {
    if (cents(at(l, 'Price/PriceAmount')) < 0) out.push('BR-27: a negative item price');
    const quantity = at(l, credit ? 'CreditedQuantity' : 'InvoicedQuantity');
    if (quantity === undefined || (quantity.getAttribute('unitCode') ?? '') === '') out.push('BT-129/BT-130: a line without quantity and unit');
    if ((text(at(l, 'Item/Name')) ?? '') === '') out.push('BT-153: a line without an item name');
  }
  if (credit && at(root, 'BillingReference/InvoiceDocumentReference/ID') === undefined) out.push('BG-3: the credit note names no invoice');
  const docStart = text(at(root, 'InvoicePeriod/StartDate'));
  const docEnd = text(at(root, 'InvoicePeriod/EndDate'));
  if (docStart !== undefined && docEnd !== undefined && docEnd < docStart) out.push('BR-29: the invoicing period ends before it starts');
  lines.forEach((l, i) => {
    const start = text(at(l, 'InvoicePeriod/StartDate'));
    const end = text(at(l, 'InvoicePeriod/EndDate'));
    if (start !== undefined && end !== undefined && end < start) out.push(`BR-30: line ${i + 1}'s period ends before it starts`);
    if (start !== undefined && docStart !== undefined && start < docStart)
      out.push(`R110: line ${i + 1}'s period starts ${start}, before the invoice's ${docStart}`);
    if (end !== undefined && docEnd !== undefined && end > docEnd) out.push(`R111: line ${i + 1}'s period ends ${end}, after the invoice's ${docEnd}`);
  });
  return out;
}
