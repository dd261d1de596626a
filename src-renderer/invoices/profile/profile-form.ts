/**
 * The business profile form's values (as typed) and their check: every field of `BusinessProfile`,
 * each refusal in the words of its label, all at once; tested without a DOM. The IBAN, BIC and VAT
 * number are checked with ibantools and jsvat (bank-account.ts, vat-id.ts); the domestic VAT rate
 * is the person's to type, never guessed from the country.
 */
import { type BusinessProfile, businessProfileSchema, type InvoiceHourStyle, type NumberSeries } from '../../domain/business-profile.ts';
import { currencySchema } from '../../domain/common.ts';
import { countryName } from '../../domain/countries.ts';
import { type Checked, type FieldErrors, hasErrors, issuesAsFieldErrors } from '../../ui/field-errors.ts';
import { checkBic, checkIban, printedIban } from './bank-account.ts';
import { checkVatId } from './vat-id.ts';

export interface ProfileFormValues {
  legalName: string;
  address: string;
  country: string;
  vatId: string;
  taxNumber: string;
  email: string;
  /** Percent as typed ("19", "5,5"). */
  vatRate: string;
  smallBusiness: boolean;
  smallBusinessWording: string;
  homeCurrency: string;
  paymentTermsDays: string;
  iban: string;
  bic: string;
  accountHolder: string;
  invoicePrefix: string;
  /** The sequence this year's next invoice takes when a count continues from another tool; empty: the register decides. */
  invoiceNext: string;
  creditPrefix: string;
  creditNext: string;
  hourStyle: InvoiceHourStyle;
}

/** The form's fields in screen order: focus goes to the first invalid one. */
export const PROFILE_FIELDS = [
  'legalName',
  'address',
  'country',
  'vatId',
  'taxNumber',
  'email',
  'vatRate',
  'smallBusinessWording',
  'homeCurrency',
  'paymentTermsDays',
  'iban',
  'bic',
  'accountHolder',
  'invoicePrefix',
  'invoiceNext',
  'creditPrefix',
  'creditNext',
] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

export const PROFILE_LABELS: Readonly<Record<ProfileField, string>> = {
  legalName: 'Legal name',
  address: 'Address',
  country: 'Country of establishment',
  vatId: 'VAT number',
  taxNumber: 'Tax number',
  email: 'Email',
  vatRate: 'Domestic VAT rate (%)',
  smallBusinessWording: 'Exemption wording',
  homeCurrency: 'Home currency',
  paymentTermsDays: 'Payment terms (days)',
  iban: 'IBAN',
  bic: 'BIC',
  accountHolder: 'Account holder',
  invoicePrefix: 'Invoice prefix',
  invoiceNext: 'Next invoice number this year',
  creditPrefix: 'Credit-note prefix',
  creditNext: 'Next credit-note number this year',
};

/** The lengths the stored profile accepts, shown while typing near the limit. */
export const PROFILE_LIMITS: Readonly<Partial<Record<ProfileField, number>>> = {
  legalName: 200,
  address: 2_000,
  taxNumber: 40,
  email: 320,
  smallBusinessWording: 500,
  accountHolder: 200,
  invoicePrefix: 12,
  creditPrefix: 12,
};

/** The wording of an exemption the law names for a country, prefilled when the box is ticked; elsewhere the person types it. */
export const SMALL_BUSINESS_WORDING: Readonly<Record<string, string>> = {
  DE: 'Gemäß § 19 UStG wird keine Umsatzsteuer berechnet.',
};

/** A rate in basis points as the person reads it: 1900 → "19", 550 → "5.5". */
export function percentText(bp: number): string {
  return String(bp / 100);
}

/** A percentage as typed ("19", "5,5", "25.5 %") in basis points, or undefined when it is not one. */
export function parsePercent(text: string): number | undefined {
  const match = /^(\d{1,3})(?:[.,](\d{1,2}))?\s*%?$/u.exec(text.trim());
  if (!match) return undefined;
  const bp = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return bp <= 10_000 ? bp : undefined;
}

/** The form for a stored profile, or a blank one (`hourStyle` from the display setting). */
export function profileFormValues(profile: BusinessProfile | undefined, year: number, hourStyle: InvoiceHourStyle = 'h:mm'): ProfileFormValues {
  const next = (series: NumberSeries | undefined) => (series?.continueFrom?.year === year ? String(series.continueFrom.next) : '');
  return {
    legalName: profile?.legalName ?? '',
    address: profile?.address ?? '',
    country: profile?.country ?? '',
    vatId: profile?.vatId ?? '',
    taxNumber: profile?.taxNumber ?? '',
    email: profile?.email ?? '',
    vatRate: profile ? percentText(profile.domesticVatRateBp) : '',
    smallBusiness: profile?.smallBusinessWording !== undefined,
    smallBusinessWording: profile?.smallBusinessWording ?? '',
    homeCurrency: profile?.homeCurrency ?? 'EUR',
    paymentTermsDays: String(profile?.paymentTermsDays ?? 14),
    iban: profile?.iban ? printedIban(profile.iban) : '',
    bic: profile?.bic ?? '',
    accountHolder: profile?.accountHolder ?? '',
    invoicePrefix: profile?.invoiceSeries.prefix ?? 'INV-',
    invoiceNext: next(profile?.invoiceSeries),
    creditPrefix: profile?.creditNoteSeries.prefix ?? 'CN-',
    creditNext: next(profile?.creditNoteSeries),
    hourStyle: profile?.hourStyle ?? hourStyle,
  };
}

const optional = (text: string) => (text.trim() === '' ? undefined : text.trim());

const SERIES_PREFIX = /^[A-Za-z0-9/_-]*$/u;

/** The profile to store, or a message for every field to fix, in the words of its label. `year` is this year (for "next number"). */
export function toBusinessProfile(values: ProfileFormValues, year: number): Checked<BusinessProfile, ProfileField> {
  const errors: FieldErrors<ProfileField> = {};
  const L = PROFILE_LABELS;
  if (values.legalName.trim() === '') errors.legalName = `${L.legalName}: the name your business is registered under.`;
  if (values.address.trim() === '') errors.address = `${L.address}: the postal address printed on your invoices.`;
  if (values.country === '') errors.country = `${L.country}: choose where your business is established; it decides the VAT on each invoice.`;

  let vatId: string | undefined;
  if (values.vatId.trim() !== '' && values.country !== '') {
    const checked = checkVatId(values.vatId, values.country, L.vatId);
    if (checked.ok) vatId = checked.vatId;
    else errors.vatId = checked.problem;
  }

  let rateBp = 0;
  if (values.vatRate.trim() !== '' || !values.smallBusiness) {
    const parsed = parsePercent(values.vatRate);
    if (parsed === undefined) {
      errors.vatRate =
        values.vatRate.trim() === ''
          ? `${L.vatRate}: type the rate you charge ${values.country ? `in ${countryName(values.country)}` : 'at home'}, such as 19 or 5.5.`
          : `${L.vatRate}: a percentage from 0 to 100 with up to two decimals, such as 19 or 5.5.`;
    } else rateBp = parsed;
  }
  const wording = values.smallBusiness ? values.smallBusinessWording.trim() : '';
  if (values.smallBusiness && wording === '') {
    errors.smallBusinessWording = `${L.smallBusinessWording}: type the sentence the law asks your invoices to carry, or untick the exemption.`;
  }

  const currency = values.homeCurrency.trim().toUpperCase();
  if (!currencySchema.safeParse(currency).success) errors.homeCurrency = `${L.homeCurrency}: choose a currency from the list.`;
  const terms = /^\d{1,3}$/u.test(values.paymentTermsDays.trim()) ? Number(values.paymentTermsDays.trim()) : Number.NaN;
  if (!(terms >= 0 && terms <= 365)) errors.paymentTermsDays = `${L.paymentTermsDays}: a whole number of days from 0 to 365, such as 14.`;

  let iban: string | undefined;
  if (values.iban.trim() !== '') {
    const checked = checkIban(values.iban);
    if (checked.ok) iban = checked.iban;
    else errors.iban = checked.problem;
  }
  let bic: string | undefined;
  if (values.bic.trim() !== '') {
    const checked = checkBic(values.bic);
    if (checked.ok) bic = checked.bic;
    else errors.bic = checked.problem;
  }

  const series = (prefixField: 'invoicePrefix' | 'creditPrefix', nextField: 'invoiceNext' | 'creditNext'): NumberSeries => {
    const prefix = values[prefixField].trim();
    if (prefix.length > 12) errors[prefixField] = `${L[prefixField]}: at most 12 characters.`;
    else if (!SERIES_PREFIX.test(prefix)) errors[prefixField] = `${L[prefixField]}: use letters, digits, “-”, “/” or “_” (it becomes part of file names).`;
    const nextText = values[nextField].trim();
    if (nextText === '') return { prefix };
    const next = /^\d{1,9}$/u.test(nextText) ? Number(nextText) : Number.NaN;
    if (!(next >= 1)) {
      errors[nextField] = `${L[nextField]}: a whole number from 1, or leave it empty to count from your issued ones.`;
      return { prefix };
    }
    return { prefix, continueFrom: { year, next } };
  };
  const invoiceSeries = series('invoicePrefix', 'invoiceNext');
  const creditNoteSeries = series('creditPrefix', 'creditNext');
  if (errors.creditPrefix === undefined && invoiceSeries.prefix === creditNoteSeries.prefix) {
    errors.creditPrefix = `${L.creditPrefix}: use another prefix than the invoices’; credit notes are numbered in a series of their own.`;
  }

  const profile = {
    legalName: values.legalName.trim(),
    address: values.address.trim(),
    country: values.country,
    vatId,
    taxNumber: optional(values.taxNumber),
    email: optional(values.email),
    iban,
    bic,
    accountHolder: optional(values.accountHolder),
    paymentTermsDays: terms,
    domesticVatRateBp: rateBp,
    smallBusinessWording: wording === '' ? undefined : wording,
    homeCurrency: currency,
    invoiceSeries,
    creditNoteSeries,
    hourStyle: values.hourStyle,
  };
  // Absent, not undefined: the setting is stored as JSON and read back with the same schema.
  const clean = Object.fromEntries(Object.entries(profile).filter(([, v]) => v !== undefined));
  const parsed = businessProfileSchema.safeParse(clean);
  if (!parsed.success) {
    const labels: Record<string, { field: ProfileField; label: string }> = {
      ...Object.fromEntries(PROFILE_FIELDS.map((f) => [f, { field: f, label: L[f] }])),
      domesticVatRateBp: { field: 'vatRate', label: L.vatRate },
      invoiceSeries: { field: 'invoicePrefix', label: L.invoicePrefix },
      creditNoteSeries: { field: 'creditPrefix', label: L.creditPrefix },
    };
    for (const [field, message] of Object.entries(issuesAsFieldErrors(parsed.error, labels, { field: 'legalName', label: L.legalName }))) {
      errors[field as ProfileField] ??= message;
    }
  }
  if (hasErrors(errors) || !parsed.success) return { ok: false, errors };
  return { ok: true, value: parsed.data };
}
