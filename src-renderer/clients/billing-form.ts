/**
 * A client's billing details as typed in the client form ("Billing details"), their check (the VAT
 * number against the client's country, with jsvat) and what VAT treatment follows from them and
 * the business profile, in words, so the person sees it before invoicing. Tested without a DOM.
 */
import type { BillingDetails, Client } from '../domain/client.ts';
import type { BusinessProfile } from '../domain/business-profile.ts';
import { type FieldErrors } from '../ui/field-errors.ts';
import { checkVatId } from '../invoices/profile/vat-id.ts';
import { vatTreatment, type BuyerVat } from '../invoices/vat-treatment.ts';
import { shippedZones } from '../../src-preload/contract/places/zones.ts';

export interface BillingFormValues {
  /** Whether the client has billing details (invoices need them); off: none are stored. */
  on: boolean;
  legalName: string;
  address: string;
  vatId: string;
  isBusiness: boolean;
  outsideVatArea: boolean;
  serviceKind: 'consultancy' | 'general';
  buyerReference: string;
}

/** The section's fields in screen order. */
export const BILLING_FIELDS = ['billingLegalName', 'billingAddress', 'billingVatId', 'buyerReference'] as const;
export type BillingField = (typeof BILLING_FIELDS)[number];

export const BILLING_LABELS: Readonly<Record<BillingField, string>> = {
  billingLegalName: 'Legal name',
  billingAddress: 'Billing address',
  billingVatId: 'Client VAT number',
  buyerReference: 'Buyer reference or purchase order',
};

export const BILLING_LIMITS: Readonly<Record<BillingField, number>> = { billingLegalName: 200, billingAddress: 2_000, billingVatId: 20, buyerReference: 200 };

/**
 * Member states with parts outside the EU VAT area that share the state's code (Article 6 of
 * Council Directive 2006/112/EC), with the places a person recognises. Territories with a code of
 * their own (Åland AX, the French overseas departments GP MQ GF RE YT MF) are outside the area by
 * their code, but an address there is often written with the state's: they are named too.
 */
export const OUTSIDE_VAT_AREA_PLACES: Readonly<Record<string, string>> = {
  DE: 'Büsingen or Heligoland',
  ES: 'the Canary Islands, Ceuta or Melilla',
  FI: 'the Åland Islands',
  FR: 'Guadeloupe, Martinique, French Guiana, Réunion, Mayotte or Saint-Martin',
  GR: 'Mount Athos',
  IT: 'Livigno, Campione d’Italia or the Italian waters of Lake Lugano',
};

let euMembers: ReadonlySet<string> | undefined;
/** A member state of the EU VAT area (Monaco is treated as France). */
export function inEu(country: string): boolean {
  euMembers ??= new Set(shippedZones().zones.EU.members);
  return euMembers.has(country === 'MC' ? 'FR' : country);
}

/** The section for a stored client's details, or a blank one (business, consultancy: the usual client). */
export function billingFormValues(billing: BillingDetails | undefined): BillingFormValues {
  return {
    on: billing !== undefined,
    legalName: billing?.legalName ?? '',
    address: billing?.address ?? '',
    vatId: billing?.vatId ?? '',
    isBusiness: billing?.isBusiness ?? true,
    outsideVatArea: billing?.outsideVatArea === true,
    serviceKind: billing?.serviceKind ?? 'consultancy',
    buyerReference: billing?.buyerReference ?? '',
  };
}

/** Whether the client is, as far as VAT goes, outside the EU (by its country, or a territory outside the area). */
function outsideEu(values: BillingFormValues, country: string): boolean {
  return !inEu(country) || (values.outsideVatArea && OUTSIDE_VAT_AREA_PLACES[country] !== undefined);
}

/** The buyer's VAT facts as typed: the VAT number as the check normalises it, when it passes. */
export function buyerVat(values: BillingFormValues, country: string): BuyerVat {
  const checked = values.vatId.trim() === '' || country === '' ? undefined : checkVatId(values.vatId, country);
  const outside = OUTSIDE_VAT_AREA_PLACES[country] !== undefined && values.outsideVatArea;
  return {
    country,
    isBusiness: values.isBusiness,
    ...(checked?.ok ? { vatId: checked.vatId } : {}),
    ...(outside ? { outsideVatArea: true } : {}),
    ...(!values.isBusiness && outsideEu(values, country) ? { serviceKind: values.serviceKind } : {}),
  };
}

export type BillingCheck = { ok: true; billing: BillingDetails | undefined; hint?: string } | { ok: false; errors: FieldErrors<BillingField> };

/** The details to store (undefined when the section is off), or a message per field to fix. */
export function toBillingDetails(values: BillingFormValues, country: string): BillingCheck {
  if (!values.on) return { ok: true, billing: undefined };
  const errors: FieldErrors<BillingField> = {};
  for (const [field, text] of [
    ['billingLegalName', values.legalName.trim()],
    ['billingAddress', values.address],
    ['buyerReference', values.buyerReference.trim()],
  ] as const) {
    if (text.length > BILLING_LIMITS[field]) errors[field] = `${BILLING_LABELS[field]}: at most ${BILLING_LIMITS[field].toLocaleString('en')} characters.`;
  }
  let vatId: string | undefined;
  let hint: string | undefined;
  if (values.vatId.trim() !== '') {
    if (country === '') errors.billingVatId = `${BILLING_LABELS.billingVatId}: choose the client’s country first; the number is checked by its format.`;
    else {
      const checked = checkVatId(values.vatId, country, BILLING_LABELS.billingVatId);
      if (!checked.ok) errors.billingVatId = checked.problem;
      else if (checked.vatId.length > BILLING_LIMITS.billingVatId) errors.billingVatId = `${BILLING_LABELS.billingVatId}: at most 20 characters.`;
      else {
        vatId = checked.vatId;
        hint = checked.hint;
      }
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const text = (t: string) => (t.trim() === '' ? undefined : t.trim());
  const outside = OUTSIDE_VAT_AREA_PLACES[country] !== undefined && values.outsideVatArea;
  const billing: BillingDetails = {
    isBusiness: values.isBusiness,
    ...(text(values.legalName) ? { legalName: values.legalName.trim() } : {}),
    ...(text(values.address) ? { address: values.address.trim() } : {}),
    ...(vatId ? { vatId } : {}),
    ...(outside ? { outsideVatArea: true } : {}),
    ...(!values.isBusiness && outsideEu(values, country) ? { serviceKind: values.serviceKind } : {}),
    ...(text(values.buyerReference) ? { buyerReference: values.buyerReference.trim() } : {}),
  };
  return { ok: true, billing, ...(hint ? { hint } : {}) };
}

const percent = (bp: number) => `${(bp / 100).toLocaleString('en', { maximumFractionDigits: 2 })} %`;

/**
 * The VAT this client's invoices carry under `profile`, in a sentence ("Reverse charge: the client
 * accounts for the VAT."), or what is missing to decide it, as vat-treatment.ts says it.
 */
export function vatTreatmentInWords(profile: BusinessProfile | undefined, values: BillingFormValues, country: string): { ok: boolean; text: string } {
  if (profile === undefined) return { ok: false, text: 'Add your business profile in Settings to see the VAT this client’s invoices carry.' };
  if (country === '') return { ok: false, text: 'Choose the client’s country to see the VAT its invoices carry.' };
  const decision = vatTreatment(
    {
      country: profile.country,
      domesticRateBp: profile.domesticVatRateBp,
      ...(profile.vatId ? { vatId: profile.vatId } : {}),
      ...(profile.smallBusinessWording ? { smallBusinessWording: profile.smallBusinessWording } : {}),
    },
    buyerVat(values, country),
  );
  if (!decision.ok) return { ok: false, text: decision.problem };
  const t = decision.treatment;
  switch (t.kind) {
    case 'domestic':
      return { ok: true, text: `Domestic VAT: ${percent(t.rateBp)} is charged on each line (your rate from the business profile).` };
    case 'small-business':
      return { ok: true, text: `No VAT is charged under your small-business exemption; the invoice says “${t.wording}”.` };
    case 'reverse-charge':
      return { ok: true, text: `Reverse charge: the client accounts for the VAT. The invoice shows both VAT numbers and “${t.wording}”.` };
    case 'outside-scope':
      return { ok: true, text: `No VAT: the service is outside the scope of EU VAT; the invoice says “${t.wording}”.` };
  }
}

/** The legal name an invoice prints when none is typed: the company, else the name. */
export function defaultLegalName(client: Pick<Client, 'name' | 'company'> | { name: string; company: string }): string {
  const company = client.company?.trim() ?? '';
  return company !== '' ? company : client.name.trim();
}
