/** A client: the person or company the freelancer works for, and the unit of residency and of key ownership. */
import { z } from 'zod';
import { residencyPolicySchema } from '../../src-preload/contract/residency.ts';
import { countrySchema, currencySchema, idSchema, nameSchema, nonNegativeMinorSchema, textSchema, timestampsShape, timeZoneSchema } from './common.ts';

/** Schema version of a stored Client; bump it with a migration when the shape changes. */
export const CLIENT_VERSION = 1;

/** How to reach the client; every part optional. */
export const contactSchema = z.strictObject({
  email: z.email().max(320).optional(),
  phone: z.string().trim().max(64).optional(),
  address: z.string().max(2_000).optional(),
});
/** A client's contact details. */
export type Contact = z.infer<typeof contactSchema>;

/**
 * Who the invoice is addressed to, for VAT and the buyer block. Optional on the client (older
 * records read as before); an invoice cannot be issued to a client without it.
 */
export const billingDetailsSchema = z.strictObject({
  /** Legal name as registered; the client's `company`, else its `name`, when absent. */
  legalName: z.string().trim().max(200).optional(),
  /** Billing address as printed; the contact address when absent. */
  address: z.string().max(2_000).optional(),
  /** VAT identification number with its country prefix ("FR40303265045"); checked with jsvat by the form. */
  vatId: z.string().trim().max(20).optional(),
  /** A business (B2B) rather than a private person: decides reverse charge and the legal references. */
  isBusiness: z.boolean(),
  /**
   * The client is in a part of an EU state outside the EU VAT area that shares its country code
   * (the Canary Islands, Ceuta, Melilla, Livigno, Büsingen, Heligoland, Mount Athos).
   */
  outsideVatArea: z.boolean().optional(),
  /** For a private person outside the EU: consultancy (Article 59, default) or other services (Article 45). */
  serviceKind: z.enum(['consultancy', 'general']).optional(),
  /** Purchase order or buyer reference the client asks to see on its invoices (EN 16931 BT-10). */
  buyerReference: z.string().trim().max(200).optional(),
});
/** A client's billing details. */
export type BillingDetails = z.infer<typeof billingDetailsSchema>;

/** Fields of a stored client. */
export const clientFields = z.strictObject({
  id: idSchema,
  name: nameSchema,
  /** Legal or trading name when it differs from `name`. */
  company: z.string().trim().max(200).optional(),
  contact: contactSchema,
  /** Where the client is established (invoicing, tax), not where its data may go. */
  country: countrySchema,
  /** The client's time zone, for meetings and deadlines. */
  timeZone: timeZoneSchema,
  /** Default currency of the client's projects. */
  currency: currencySchema,
  /** Default hourly rate for new projects, minor units of `currency`. */
  defaultRateMinor: nonNegativeMinorSchema,
  /** Where this client's data may be stored and synced: the contract's policy, which main's guard enforces. */
  residency: residencyPolicySchema,
  /**
   * How long the data is kept after the client's last activity, in months; absent: no limit.
   * When it has passed, the Clients screen asks for a review (export, erase or keep); nothing is
   * purged automatically. Optional, so older records read as before (no version bump).
   */
  retentionMonths: z.number().int().min(1).max(1_200).optional(),
  /** Travel mode keeps this client on the device even where its policy excludes the country the person is in. */
  safeForTravel: z.boolean().optional(),
  /** Invoicing details; absent until the person adds them (invoices need them). */
  billing: billingDetailsSchema.optional(),
  notes: textSchema,
  /** Archived clients are hidden from pickers but keep their history. */
  archived: z.boolean(),
  ...timestampsShape,
});
/** A stored client (no cross-field rules, so the same as its fields). */
export const clientSchema = clientFields;
/** A stored client. */
export type Client = z.infer<typeof clientSchema>;
