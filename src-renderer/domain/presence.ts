/**
 * The presence ledger's stored records: where the person was, day by day (docs/presence.md).
 *
 * Two kinds of record, both in the workspace partition (they are the person's own data, not a
 * client's):
 * - a TRIP: a stretch of days in one country, entered in bulk ("Lisbon, 1 to 20 March"), past or
 *   planned. Trips may share a boundary day (the travel day counts in both countries); any longer
 *   overlap is refused by the ledger.
 * - a PRESENCE DAY: the person's own word for one calendar day, overriding trips and hints for that
 *   day. Its id IS the day ('YYYY-MM-DD'), so two devices correcting the same day merge field by
 *   field instead of creating two rows.
 * Hints (travel mode's country, the zones of the day's blocks, the device's zone) are not stored:
 * the ledger derives them and shows them with their source until the person confirms or corrects.
 */
import { z } from 'zod';
import { countrySchema, idSchema, isoDateSchema, textSchema, timestampsShape } from './common.ts';

/** Schema version of a stored Trip. */
export const TRIP_VERSION = 1;
/** Schema version of a stored PresenceDay. */
export const PRESENCE_DAY_VERSION = 1;

/** The most countries one day can hold: a day in more is a mistake, not a journey. */
export const MAX_COUNTRIES_PER_DAY = 4;
/** The longest trip accepted in one entry (about three years); longer is a typo in a year. */
export const MAX_TRIP_DAYS = 1100;

/** Fields of a stored trip. `from` and `to` are calendar days, both included. */
export const tripFields = z.strictObject({
  id: idSchema,
  /** First day in the country (arrival day), 'YYYY-MM-DD'. */
  from: isoDateSchema,
  /** Last day in the country (departure day), 'YYYY-MM-DD', included. */
  to: isoDateSchema,
  country: countrySchema,
  /** What the person wants to remember ("client workshop, Porto"). */
  note: z.string().max(500),
  ...timestampsShape,
});

/** {@link tripFields} with its cross-field rules. */
export const tripSchema = tripFields
  .refine((t) => t.to >= t.from, { message: 'must not end before it starts', path: ['to'] })
  .refine((t) => Date.parse(t.to) - Date.parse(t.from) < MAX_TRIP_DAYS * 86_400_000, {
    message: `cannot be longer than ${MAX_TRIP_DAYS} days; split it`,
    path: ['to'],
  });
/** A stored trip. */
export type Trip = z.infer<typeof tripSchema>;

/** One country on a corrected day. */
export const presenceStaySchema = z.strictObject({
  country: countrySchema,
  /** The day ended here (the midnight counting rule, e.g. the UK's statutory residence test). */
  midnight: z.boolean().optional(),
});
/** One country on a corrected day. */
export type PresenceStay = z.infer<typeof presenceStaySchema>;

/** Fields of a stored presence day: the person's correction for one calendar day. */
export const presenceDayFields = z.strictObject({
  /** The day itself, 'YYYY-MM-DD'. */
  id: isoDateSchema,
  /**
   * Where the person was that day, in the order they travelled. Empty means "nowhere that
   * counts" said on purpose (for example a day in transit the person excludes), which still
   * overrides trips and hints.
   */
  stays: z.array(presenceStaySchema).max(MAX_COUNTRIES_PER_DAY),
  note: textSchema.max(500),
  /**
   * 'hints' when the day was written by confirming its hints (not typed by the person): such a
   * day never overwrites a stored one, and the ledger shows a conflict when a trip says otherwise.
   * A correction by hand drops it.
   */
  confirmed: z.literal('hints').optional(),
  ...timestampsShape,
});

/** {@link presenceDayFields} with its cross-field rules. */
export const presenceDaySchema = presenceDayFields
  .refine((d) => new Set(d.stays.map((s) => s.country)).size === d.stays.length, {
    message: 'names a country twice',
    path: ['stays'],
  })
  .refine((d) => d.stays.filter((s) => s.midnight === true).length <= 1, {
    message: 'can end in one country only',
    path: ['stays'],
  });
/** A stored presence day. */
export type PresenceDay = z.infer<typeof presenceDaySchema>;

/** Where a day's country in the ledger came from, shown beside it. */
export const presenceSourceSchema = z.enum([
  /** The person said so for this day. */
  'manual',
  /** A trip covers the day. */
  'trip',
  /** Travel mode named this country that day (a hint). */
  'travel-mode',
  /** The day's time blocks were recorded in a zone of this country (a hint). */
  'blocks',
  /** This device's zone was in this country that day (a hint). */
  'device',
]);
/** Where a day's country in the ledger came from. */
export type PresenceSource = z.infer<typeof presenceSourceSchema>;

/** The per-country tax-year rule the person chose (tax-year.ts `TaxYearRule`, stored). */
export const taxYearRuleSchema = z.strictObject({
  /** 'MM-DD', not 02-29. */
  yearStart: z
    .string()
    .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be a month and day such as "04-06"')
    // A day of every year: not 29 February, not 31 April (tax-year.ts `taxYearOf` throws on those,
    // so a stored one would stop every count).
    .refine(
      (md) => !Number.isNaN(Date.parse(`2001-${md}`)) && new Date(`2001-${md}`).getUTCDate() === Number(md.slice(3)),
      'must be a day of every year (not 29 February)',
    ),
  counting: z.enum(['any-part', 'midnight']),
  threshold: z.int().min(1).max(366),
  warnAt: z.int().min(1).max(366).optional(),
});

/**
 * The ledger's settings, one workspace setting `presence.rules`: tax-year rules per country
 * (ISO code, upper case; countries not named use the defaults of tax-year.ts), and when to warn.
 */
export const presenceRulesSchema = z.strictObject({
  taxYears: z.record(countrySchema, taxYearRuleSchema),
  /** Warn when this many Schengen days or fewer remain (0 = no warning). */
  schengenWarnDaysLeft: z.int().min(0).max(90),
  /** Also raise a system notification (once per day and threshold), besides the banner. */
  notify: z.boolean(),
});
/** The ledger's settings. */
export type PresenceRules = z.infer<typeof presenceRulesSchema>;

/** The setting key of {@link presenceRulesSchema}. */
export const PRESENCE_RULES_KEY = 'presence.rules';

/** Defaults before the person changes anything: warn at 10 Schengen days left, notify. */
export const DEFAULT_PRESENCE_RULES: PresenceRules = { taxYears: {}, schengenWarnDaysLeft: 10, notify: true };
