/**
 * Who sells and who buys, as an invoice prints them and as VAT decides on them: snapshots of the
 * business profile and of the client's billing details, and the VAT a line carries by default
 * (vat-treatment.ts). Pure.
 */
import type { BusinessProfile } from '../../domain/business-profile.ts';
import type { Client } from '../../domain/client.ts';
import type { BuyerSnapshot, LineVat, SellerSnapshot } from '../../domain/invoice.ts';
import { vatTreatment, type BuyerVat } from '../vat-treatment.ts';

const present = (text: string | undefined): string | undefined => (text === undefined || text.trim() === '' ? undefined : text.trim());

/** The seller block from the business profile. */
export function sellerOf(profile: BusinessProfile): SellerSnapshot {
  const optional = {
    vatId: profile.vatId,
    taxNumber: profile.taxNumber,
    email: profile.email,
    iban: profile.iban,
    bic: profile.bic,
    accountHolder: profile.accountHolder,
  };
  return {
    legalName: profile.legalName,
    address: profile.address,
    country: profile.country,
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => present(v) !== undefined)),
  };
}

/** The buyer block from the client: its billing details, else its company or name and contact address. */
export function buyerOf(client: Client): BuyerSnapshot {
  const billing = client.billing ?? { isBusiness: client.company !== undefined && client.company.trim() !== '' };
  return {
    ...billing,
    legalName: present(billing.legalName) ?? present(client.company) ?? client.name,
    address: present(billing.address) ?? present(client.contact.address) ?? '',
    country: client.country,
  };
}

/** The buyer as VAT sees it. */
export function buyerVat(buyer: BuyerSnapshot): BuyerVat {
  return {
    country: buyer.country,
    isBusiness: buyer.isBusiness,
    ...(present(buyer.vatId) === undefined ? {} : { vatId: buyer.vatId }),
    ...(buyer.outsideVatArea === undefined ? {} : { outsideVatArea: buyer.outsideVatArea }),
    ...(buyer.serviceKind === undefined ? {} : { serviceKind: buyer.serviceKind }),
  };
}

/**
 * The VAT every line carries unless the person changes it, and what stops Caravan deciding it.
 * Undecided, lines carry the domestic treatment so totals can be shown; the problem is also
 * returned by issueProblems, so such an invoice is not issued.
 */
export function defaultVat(profile: BusinessProfile, client: Client): { vat: LineVat; problem?: string } {
  const seller = {
    country: profile.country,
    domesticRateBp: profile.domesticVatRateBp,
    ...(present(profile.vatId) === undefined ? {} : { vatId: profile.vatId }),
    ...(profile.smallBusinessWording === undefined ? {} : { smallBusinessWording: profile.smallBusinessWording }),
  };
  const decision = vatTreatment(seller, buyerVat(buyerOf(client)));
  if (decision.ok) return { vat: decision.treatment };
  const fallback: LineVat =
    profile.smallBusinessWording === undefined
      ? { kind: 'domestic', rateBp: profile.domesticVatRateBp }
      : { kind: 'small-business', rateBp: 0, wording: profile.smallBusinessWording };
  return { vat: fallback, problem: decision.problem };
}
