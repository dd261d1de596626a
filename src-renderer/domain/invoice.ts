/**
 * An invoice document: a draft the person edits, or the issued invoice (or credit note) exactly as
 * sent, with its PDF and its EN 16931 XML. Stored in the client's partition under the client's key:
 * it names the client and what was done for it, so it goes only where the client's policy allows.
 *
 * Numbering and lifecycle are not here but in the workspace's invoice register
 * (reports/invoice-register.ts): every device must see every number to number without gaps, also a
 * device that does not hold this client. An issued document's `id` is its register entry's origin,
 * so `invoice/<id>` is its register key.
 *
 * Amounts are minor units of `currency`, the one currency of the invoice (EN 16931 BT-5). An
 * issued document never changes: a void is a credit note that references it (its own document).
 */
import { z } from 'zod';
import { billingDetailsSchema } from './client.ts';
import { hourStyleSchema, numberSeriesSchema, rateBpSchema } from './business-profile.ts';
import { countrySchema, currencySchema, epochMsSchema, idSchema, isoDateSchema, minorSchema, timestampsShape, timeZoneSchema } from './common.ts';

/** Schema version of a stored Invoice. */
export const INVOICE_VERSION = 1;

/** The VAT a line carries: invoices/vat-treatment.ts's decision, or a rate the person set. */
export const lineVatSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('domestic'), rateBp: rateBpSchema }),
  z.strictObject({ kind: z.literal('small-business'), rateBp: z.literal(0), wording: z.string().min(1).max(500) }),
  z.strictObject({
    kind: z.literal('reverse-charge'),
    rateBp: z.literal(0),
    wording: z.string().min(1).max(500),
    sellerVatId: z.string().min(1).max(20),
    buyerVatId: z.string().min(1).max(20),
  }),
  z.strictObject({ kind: z.literal('outside-scope'), rateBp: z.literal(0), wording: z.string().min(1).max(500) }),
]);
/** The VAT of one line. */
export type LineVat = z.infer<typeof lineVatSchema>;

/**
 * What a line bills:
 * - `time`: hours on an hourly project (or a retainer's overage), at one rate: a rate change mid
 *   period makes two lines;
 * - `milestone`: a fixed-fee phase's fee; `fee`: a fixed or value project's whole fee;
 * - `retainer`: a month's retainer fee;
 * - `expense`: a pass-through expense at cost or with its markup;
 * - `manual`: a line the person typed.
 */
export const lineKindSchema = z.enum(['time', 'overage', 'milestone', 'fee', 'retainer', 'expense', 'manual']);
/** What a line bills. */
export type LineKind = z.infer<typeof lineKindSchema>;

/** One invoice line. `netMinor` = quantity × unit price, rounded once, half away from zero. */
export const invoiceLineSchema = z.strictObject({
  /** Stable within the document (the editor keys rows by it). */
  id: z.string().min(1).max(64),
  kind: lineKindSchema,
  description: z.string().trim().min(1, 'must not be empty').max(500),
  /**
   * Quantity: billed hours as milliseconds for time lines (after rounding; `workedMs` keeps the
   * time before it), else a count in thousandths (1 item = 1000), so a quantity is always exact.
   */
  quantity: z.discriminatedUnion('unit', [
    z.strictObject({ unit: z.literal('hour'), billedMs: z.int().nonnegative(), workedMs: z.int().nonnegative() }),
    z.strictObject({ unit: z.literal('item'), milli: z.int() }),
  ]),
  /** Price of one hour or one item, minor units of the invoice's currency (negative on a credit note). */
  unitPriceMinor: minorSchema,
  netMinor: minorSchema,
  vat: lineVatSchema,
  /** What the line bills, marked billed when the invoice is issued. */
  projectId: idSchema.optional(),
  phaseId: idSchema.optional(),
  blockIds: z.array(idSchema).max(100_000),
  expenseIds: z.array(idSchema).max(10_000),
  /** An expense in another currency: its own amount, and the rate fixed on the invoice that converted it. */
  original: z.strictObject({ amountMinor: minorSchema, currency: currencySchema, rate: z.string().max(40) }).optional(),
  /** The service period of the line, when it has one ("1–30 Nov 2026"). */
  period: z.strictObject({ from: isoDateSchema, to: isoDateSchema }).optional(),
});
/** One invoice line. */
export type InvoiceLine = z.infer<typeof invoiceLineSchema>;

/** The seller as printed on this invoice: a copy of the business profile when it was issued. */
export const sellerSnapshotSchema = z.strictObject({
  legalName: z.string().min(1).max(200),
  address: z.string().max(2_000),
  country: countrySchema,
  vatId: z.string().max(20).optional(),
  taxNumber: z.string().max(40).optional(),
  email: z.string().max(320).optional(),
  iban: z.string().max(34).optional(),
  bic: z.string().max(11).optional(),
  accountHolder: z.string().max(200).optional(),
});
/** The seller block of an invoice. */
export type SellerSnapshot = z.infer<typeof sellerSnapshotSchema>;

/** The buyer as printed: the client's billing details when it was issued. */
export const buyerSnapshotSchema = billingDetailsSchema.extend({
  legalName: z.string().min(1).max(200),
  address: z.string().max(2_000),
  country: countrySchema,
});
/** The buyer block of an invoice. */
export type BuyerSnapshot = z.infer<typeof buyerSnapshotSchema>;

/**
 * The rate fixed on the invoice from its currency to the home currency: `1 <currency> = rate
 * <homeCurrency>`, a decimal string (invoices/exchange-rate.ts). Typed by the person, or read
 * from an ECB reference-rate file for `asOf`.
 */
export const fixedRateSchema = z.strictObject({
  homeCurrency: currencySchema,
  rate: z.string().min(1).max(40),
  source: z.enum(['typed', 'ecb']),
  asOf: isoDateSchema.optional(),
});
/** The rate fixed on an invoice. */
export type FixedRate = z.infer<typeof fixedRateSchema>;

/** Fields of a stored invoice document. `clientId` never changes (it selects the key). */
export const invoiceFields = z.strictObject({
  id: idSchema,
  clientId: idSchema,
  kind: z.enum(['invoice', 'credit-note']),
  /** `draft` is editable and unnumbered; `issued` is final (its lifecycle goes on in the register). */
  state: z.enum(['draft', 'issued']),
  /** Set at issue: "RE-2026-0007". */
  number: z.string().min(1).max(40).optional(),
  /** The series it is (or will be) numbered in, as the profile had it. */
  series: numberSeriesSchema.shape.prefix,
  issueDate: isoDateSchema,
  dueDate: isoDateSchema,
  /**
   * What the draft bills, as the person chose it (invoices/document/types.ts `DraftSelection`): work
   * from `from` to `to` inclusive on the calendar of `zone`, of these projects (empty: all the
   * client's), less what was unticked, plus the milestones and fees chosen, the rates fixed for
   * other currencies and the person's edits of drafted lines. Kept so a draft reopens as it was left.
   */
  selection: z.strictObject({
    from: isoDateSchema,
    to: isoDateSchema,
    projectIds: z.array(idSchema).max(1_000),
    zone: timeZoneSchema.optional(),
    excludedBlockIds: z.array(idSchema).max(100_000).optional(),
    excludedExpenseIds: z.array(idSchema).max(10_000).optional(),
    milestonePhaseIds: z.array(idSchema).max(1_000).optional(),
    feeProjectIds: z.array(idSchema).max(1_000).optional(),
    currencyRates: z
      .record(
        currencySchema,
        // `to`: the invoice currency the rate converts into (absent on drafts saved before rates named it).
        z.strictObject({ rate: z.string().min(1).max(40), to: currencySchema.optional(), source: z.enum(['typed', 'ecb']), asOf: isoDateSchema.optional() }),
      )
      .optional(),
    lineEdits: z.record(z.string().min(1).max(64), z.strictObject({ vat: lineVatSchema.optional(), description: z.string().max(500).optional() })).optional(),
  }),
  currency: currencySchema,
  /** Absent when `currency` is the home currency. */
  fixedRate: fixedRateSchema.optional(),
  seller: sellerSnapshotSchema,
  buyer: buyerSnapshotSchema,
  hourStyle: hourStyleSchema,
  lines: z.array(invoiceLineSchema).max(2_000),
  /** A note printed under the lines ("Thank you", a PO reference). */
  note: z.string().max(2_000),
  /** On a credit note: the invoice it voids (register key and number). */
  creditFor: z.strictObject({ id: idSchema, number: z.string().min(1).max(40), issueDate: isoDateSchema }).optional(),
  /** Issued only: the PDF as sent (base64) and the UBL 2.1 XML beside it. */
  pdfBase64: z.string().max(20_000_000).optional(),
  xml: z.string().max(10_000_000).optional(),
  /** When it was issued, UTC epoch ms. */
  issuedAt: epochMsSchema.optional(),
  ...timestampsShape,
});

/** {@link invoiceFields} with its cross-field rules. */
export const invoiceSchema = invoiceFields
  .refine((i) => i.selection.from <= i.selection.to, { message: 'the period ends before it starts', path: ['selection'] })
  .refine((i) => i.issueDate <= i.dueDate, { message: 'the due date is before the issue date', path: ['dueDate'] })
  .refine((i) => i.state === 'draft' || i.number !== undefined, { message: 'an issued invoice has a number', path: ['number'] })
  .refine((i) => i.kind === 'invoice' || i.creditFor !== undefined, { message: 'a credit note names the invoice it credits', path: ['creditFor'] });
/** A stored invoice document. */
export type Invoice = z.infer<typeof invoiceSchema>;
