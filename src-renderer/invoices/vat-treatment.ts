/**
 * Which VAT an invoice line for services carries, from who sells and who buys (issue 20). Pure.
 * Services only, the general rules of Council Directive 2006/112/EC:
 * - same country as the seller: the seller's domestic rate;
 * - a business in another EU member state: reverse charge (Article 196), no VAT charged, both VAT
 *   numbers on the invoice;
 * - a consumer in another EU member state: the seller's domestic rate (Article 45);
 * - anyone outside the EU: outside the scope of EU VAT (Article 44 for businesses; Article 59 for
 *   consumers, which covers consultancy, engineering and data processing);
 * - a seller under a small-business exemption charges none where it would charge domestic VAT, with
 *   the exemption's legal wording; a business buyer elsewhere in the EU still reverse-charges.
 * What it cannot decide (no VAT number where one is needed, a seller outside the EU) it says in
 * words the person can act on. The rate itself is the person's (their profile), never guessed.
 * Not covered, and said so in docs/invoicing.md: services connected with property (Article 47),
 * events (Articles 53–54) and electronically supplied services to consumers (Article 58).
 */
import { shippedZones } from '../../src-preload/contract/places/zones.ts';

export const REVERSE_CHARGE_WORDING = 'Reverse charge – Article 196, Council Directive 2006/112/EC';
export const OUTSIDE_SCOPE_BUSINESS_WORDING = 'Outside the scope of EU VAT – Article 44, Council Directive 2006/112/EC';
export const OUTSIDE_SCOPE_CONSUMER_WORDING = 'Outside the scope of EU VAT – Article 59, Council Directive 2006/112/EC';

export interface SellerVat {
  /** ISO 3166-1 alpha-2 of the seller's establishment. */
  country: string;
  vatId?: string;
  /** The domestic rate in basis points (19 % = 1900), as the person set it. */
  domesticRateBp: number;
  /** Set when the seller uses a small-business exemption: the wording the law asks for (e.g. Germany's § 19 UStG). */
  smallBusinessWording?: string;
}

export interface BuyerVat {
  country: string;
  vatId?: string;
  /** A business (B2B) rather than a private person. */
  isBusiness: boolean;
  /**
   * Set when the buyer is in a part of an EU state outside the EU VAT area that shares its
   * country code (the Canary Islands, Ceuta, Melilla, Livigno, Büsingen, Heligoland, Mount Athos):
   * the code cannot tell, so the person says so on the client.
   */
  outsideVatArea?: boolean;
  /**
   * What is sold to a private person outside the EU: consultancy, engineering and data processing
   * are supplied where the buyer is (Article 59, the default here); other services where the
   * seller is (Article 45).
   */
  serviceKind?: 'consultancy' | 'general';
}

export type VatTreatment =
  | { kind: 'domestic'; rateBp: number }
  | { kind: 'small-business'; rateBp: 0; wording: string }
  | { kind: 'reverse-charge'; rateBp: 0; wording: string; sellerVatId: string; buyerVatId: string }
  | { kind: 'outside-scope'; rateBp: 0; wording: string };

export type VatDecision = { ok: true; treatment: VatTreatment } | { ok: false; problem: string };

let euMembers: ReadonlySet<string> | undefined;

/** The 27 member states (not their territories outside the VAT area, which have their own codes). */
function isEuMember(country: string): boolean {
  euMembers ??= new Set(shippedZones().zones.EU.members);
  return euMembers.has(country);
}

/** Monaco is treated as France for VAT (Article 7 of the Directive); every other code is itself. */
function vatCountry(country: string): string {
  const code = country.toUpperCase();
  return code === 'MC' ? 'FR' : code;
}

const hasText = (text: string | undefined): text is string => text !== undefined && text.trim() !== '';

/** The VAT treatment of a service `seller` invoices to `buyer`, or what is missing to decide it. */
export function vatTreatment(seller: SellerVat, buyer: BuyerVat): VatDecision {
  const sellerCountry = vatCountry(seller.country);
  const buyerCountry = buyer.outsideVatArea === true ? 'outside' : vatCountry(buyer.country);
  if (!isEuMember(sellerCountry)) {
    return { ok: false, problem: 'Caravan works out VAT for sellers established in the EU. Set the VAT rate on each line yourself.' };
  }
  const domestic = (): VatDecision =>
    hasText(seller.smallBusinessWording)
      ? { ok: true, treatment: { kind: 'small-business', rateBp: 0, wording: seller.smallBusinessWording.trim() } }
      : { ok: true, treatment: { kind: 'domestic', rateBp: seller.domesticRateBp } };

  if (buyerCountry === sellerCountry) return domestic();
  if (!isEuMember(buyerCountry)) {
    if (!buyer.isBusiness && buyer.serviceKind === 'general') return domestic();
    return {
      ok: true,
      treatment: { kind: 'outside-scope', rateBp: 0, wording: buyer.isBusiness ? OUTSIDE_SCOPE_BUSINESS_WORDING : OUTSIDE_SCOPE_CONSUMER_WORDING },
    };
  }
  if (!buyer.isBusiness) return domestic();
  if (!hasText(buyer.vatId)) {
    return { ok: false, problem: 'Client VAT number: a business in another EU country is invoiced under reverse charge, which needs its VAT number.' };
  }
  if (!hasText(seller.vatId)) {
    return { ok: false, problem: 'Your VAT number: a reverse-charge invoice shows it. Add it to your business profile.' };
  }
  return {
    ok: true,
    treatment: { kind: 'reverse-charge', rateBp: 0, wording: REVERSE_CHARGE_WORDING, sellerVatId: seller.vatId.trim(), buyerVatId: buyer.vatId.trim() },
  };
}
