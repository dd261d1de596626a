/**
 * The seller and buyer of the e-invoice (EN 16931 BG-4 and BG-7) in UBL 2.1: legal name, postal
 * address, VAT identifier and the seller's national tax number. Element order follows the UBL 2.1
 * schema's sequences (cac:Party, cac:Address), which an XSD validator enforces.
 */
import type { BuyerSnapshot, SellerSnapshot } from '../../domain/invoice.ts';
import { el, leaf, optionalLeaf, type XmlElement } from './xml-element.ts';

/** An address typed as lines, split into EN 16931's address terms. */
export interface AddressTerms {
  /** BT-35 / BT-50: the first line. */
  street?: string;
  /** BT-36 / BT-51: the second line. */
  additional?: string;
  /** BT-162 / BT-163: a third line and any after it, joined. */
  line3?: string;
  /** BT-37 / BT-52. */
  city?: string;
  /** BT-38 / BT-53. */
  postCode?: string;
  /** BT-40 / BT-55: ISO 3166-1 alpha-2. */
  country: string;
}

// "10115 Berlin", "90-001 Łódź", "8001 Zürich", "D-10115 Berlin", "75008 Paris Cedex 08", and codes
// in two parts: "105 63 Αθήνα", "114 55 Stockholm", "1012 AB Amsterdam".
const POSTCODE_FIRST = /^([A-Z]{0,2}-?\d[\dA-Z-]{1,9}(?:\s(?:\d{2,3}|[A-Z]{2}))?)\s+(\D.*)$/u;
// "London SW1A 1AA", "Dublin D02 X285": a code of letters and digits after the town.
const POSTCODE_LAST = /^(.+?)\s+([A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}|[A-Z]\d{2}\s?[A-Z\d]{4})$/u;

/**
 * Splits a typed address: the last line is the town (with its post code before it, or a UK/Irish
 * code after it); a last line that only names the country is dropped (the country is BT-40). The
 * lines before it are the street, the additional street line and a third line. A heuristic, said
 * so in docs/invoicing.md: the whole address is also printed as typed on the PDF.
 */
export function addressTerms(address: string, country: string): AddressTerms {
  const countryName = new Intl.DisplayNames('en', { type: 'region', fallback: 'code' }).of(country) ?? country;
  const lines = address
    .split(/\r?\n/u)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const last = lines.at(-1);
  if (last !== undefined && (last.toLowerCase() === countryName.toLowerCase() || last.toUpperCase() === country.toUpperCase())) lines.pop();
  const terms: AddressTerms = { country: country.toUpperCase() };
  const town = lines.length > 1 ? lines.pop() : undefined;
  if (town !== undefined) {
    const first = POSTCODE_FIRST.exec(town);
    const after = first ? null : POSTCODE_LAST.exec(town);
    if (first) [terms.postCode, terms.city] = [first[1], first[2]];
    else if (after) [terms.city, terms.postCode] = [after[1], after[2]];
    else terms.city = town;
  }
  [terms.street, terms.additional] = [lines[0], lines[1]];
  if (lines.length > 2) terms.line3 = lines.slice(2).join(', ');
  return terms;
}

function postalAddress(a: AddressTerms): XmlElement {
  return el(
    'cac:PostalAddress',
    {},
    optionalLeaf('cbc:StreetName', a.street),
    optionalLeaf('cbc:AdditionalStreetName', a.additional),
    optionalLeaf('cbc:CityName', a.city),
    optionalLeaf('cbc:PostalZone', a.postCode),
    a.line3 !== undefined && el('cac:AddressLine', {}, leaf('cbc:Line', a.line3)),
    el('cac:Country', {}, leaf('cbc:IdentificationCode', a.country)),
  );
}

function taxScheme(companyId: string | undefined, scheme: string): XmlElement | undefined {
  if (companyId === undefined || companyId.trim() === '') return undefined;
  return el('cac:PartyTaxScheme', {}, leaf('cbc:CompanyID', companyId.trim()), el('cac:TaxScheme', {}, leaf('cbc:ID', scheme)));
}

/**
 * BG-4 seller: BT-34 electronic address (the e-mail, scheme EM), BT-35…BT-40 address, BT-31 VAT
 * identifier, BT-32 tax registration (scheme FC, "Finanzamt-Code" as Peppol and XRechnung write a
 * national tax number), BT-27 legal name. `withVatId` false leaves BT-31 out (BR-O-02: an invoice
 * outside the scope of VAT shows no VAT identifiers).
 */
export function sellerParty(seller: SellerSnapshot, withVatId: boolean): XmlElement {
  return el(
    'cac:AccountingSupplierParty',
    {},
    el(
      'cac:Party',
      {},
      seller.email !== undefined && seller.email.trim() !== '' && leaf('cbc:EndpointID', seller.email.trim(), { schemeID: 'EM' }),
      postalAddress(addressTerms(seller.address, seller.country)),
      withVatId && taxScheme(seller.vatId, 'VAT'),
      taxScheme(seller.taxNumber, 'FC'),
      el('cac:PartyLegalEntity', {}, leaf('cbc:RegistrationName', seller.legalName)),
    ),
  );
}

/** BG-7 buyer: BT-50…BT-55 address, BT-48 VAT identifier (unless `withVatId` is false), BT-44 legal name. */
export function buyerParty(buyer: BuyerSnapshot, withVatId: boolean): XmlElement {
  return el(
    'cac:AccountingCustomerParty',
    {},
    el(
      'cac:Party',
      {},
      postalAddress(addressTerms(buyer.address, buyer.country)),
      withVatId && taxScheme(buyer.vatId, 'VAT'),
      el('cac:PartyLegalEntity', {}, leaf('cbc:RegistrationName', buyer.legalName)),
    ),
  );
}
