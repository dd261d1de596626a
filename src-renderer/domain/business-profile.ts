/**
 * The freelancer's business profile: who sells, for the seller block of every invoice, its VAT, its
 * payment details and its number series. One workspace setting (`business.profile`): it is the
 * person's own data, not a client's, so it may go wherever the workspace goes.
 *
 * Shapes only; whether an IBAN or a VAT number is valid (checksums, national formats) is checked by
 * the form with ibantools and jsvat (invoices/profile/), so a profile stored by a device with older
 * tables still reads.
 */
import { z } from 'zod';
import { countrySchema, currencySchema, nameSchema } from './common.ts';

/** The setting key the profile is stored under. */
export const BUSINESS_PROFILE_SETTING = 'business.profile';

/** Basis points of a VAT rate: 19 % = 1900, 5.5 % = 550, 25.5 % = 2550. */
export const rateBpSchema = z.int().min(0).max(10_000);

/**
 * A number series: invoices numbered `<prefix><year>-<sequence>`, without gaps per series and
 * year ("RE-2026-0001"). `next` lets someone moving from another tool continue a year's count
 * (their last invoice of the year was 41: next is 42); absent, a year starts at 1.
 */
export const numberSeriesSchema = z.strictObject({
  /** Printed before the year; letters, digits, "-", "/" and "_" only (it ends up in file names). */
  prefix: z
    .string()
    .max(12)
    .regex(/^[A-Za-z0-9/_-]*$/u, 'use letters, digits, "-", "/" or "_"'),
  /** The sequence the next invoice of `year` takes, when continuing a count begun elsewhere. */
  continueFrom: z.strictObject({ year: z.int().min(2000).max(9999), next: z.int().min(1).max(999_999_999) }).optional(),
});
/** A number series. */
export type NumberSeries = z.infer<typeof numberSeriesSchema>;

/** How invoices print quantities of time: "7:55 h" or "7.92 h". */
export const hourStyleSchema = z.enum(['h:mm', 'decimal']);
/** How invoices print quantities of time. */
export type InvoiceHourStyle = z.infer<typeof hourStyleSchema>;

/** The business profile. */
export const businessProfileSchema = z.strictObject({
  /** Legal name as registered ("Anna Nowak Data Consulting"). */
  legalName: nameSchema,
  /** Postal address, one line per line as printed. */
  address: z.string().trim().min(1, 'must not be empty').max(2_000),
  /** Where the business is established (ISO 3166-1 alpha-2): decides the VAT treatment. */
  country: countrySchema,
  /** VAT identification number with its country prefix ("DE123456789"). */
  vatId: z.string().trim().max(20).optional(),
  /** National tax number (Steuernummer, NIF) where an invoice must show it. */
  taxNumber: z.string().trim().max(40).optional(),
  email: z.email().max(320).optional(),
  /** Bank account for transfers; IBAN stored without spaces, upper case. */
  iban: z.string().max(34).optional(),
  bic: z.string().max(11).optional(),
  /** Name of the account holder when it differs from `legalName`. */
  accountHolder: z.string().trim().max(200).optional(),
  /** Days from issue to due date. */
  paymentTermsDays: z.int().min(0).max(365),
  /** The domestic VAT rate charged where domestic VAT applies. */
  domesticVatRateBp: rateBpSchema,
  /**
   * A small-business VAT exemption (Germany's § 19 UStG, France's franchise en base): no VAT is
   * charged where domestic VAT would be, and this wording is printed, as typed.
   */
  smallBusinessWording: z.string().trim().min(1).max(500).optional(),
  /** The currency the books are kept in; invoices in another currency fix a rate to it. */
  homeCurrency: currencySchema,
  invoiceSeries: numberSeriesSchema,
  /** Credit notes have their own series (many tax offices expect it), without gaps too. */
  creditNoteSeries: numberSeriesSchema,
  hourStyle: hourStyleSchema,
});
/** The business profile. */
export type BusinessProfile = z.infer<typeof businessProfileSchema>;
