/**
 * Building blocks shared by the record schemas: ids, text, money, time.
 *
 * Conventions (ARCHITECTURE.md, "The vault"):
 * - Money is an integer number of minor units plus an ISO 4217 code, never a float.
 * - Instants are UTC epoch milliseconds; an IANA zone travels with them where the wall time matters.
 * - Calendar dates (an expense's date, a phase's start) are ISO 8601 `YYYY-MM-DD` with no zone:
 *   they name a day on someone's calendar, not an instant.
 */
import { z } from 'zod';
import { recordIdSchema } from '../../src-preload/contract/spec.ts';

/**
 * A record id: the contract's, since ids cross to main (policies, tray projects, timer blocks).
 * `|` is refused because ids are part of the ciphertext's associated data (`table|id|schema|keyId`);
 * control characters because ids end up in logs and file names.
 */
export const idSchema = recordIdSchema;

/** A short, person-given label (a client's or project's name). */
export const nameSchema = z.string().trim().min(1, 'must not be empty').max(200);

/** Free text (notes, criteria); bounded so a paste accident cannot produce a 100 MB record. */
export const textSchema = z.string().max(100_000);

/** Integer minor units (cents, pence, yen), any sign: refunds and credits are negative. */
export const minorSchema = z.int();

/** Integer minor units that cannot be negative (rates, fees). */
export const nonNegativeMinorSchema = z.int().nonnegative();

/** A duration or quantity of hours; fractional hours are allowed (1.5 h). */
export const hoursSchema = z.number().finite().nonnegative().max(100_000);

/** UTC epoch milliseconds. */
export const epochMsSchema = z.int().nonnegative().max(8_640_000_000_000_000);

/** A calendar date, `YYYY-MM-DD` (validated, so 2025-02-30 is refused). */
export const isoDateSchema = z.iso.date();

/** ISO 3166-1 alpha-2 country code, upper case (`DE`, `GB`). Shape only: the list changes. */
export const countrySchema = z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter country code such as "DE"');

// ICU knows the active ISO 4217 codes; the regex alone would accept "ABC".
const knownCurrencies: ReadonlySet<string> = new Set(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : []);

/** ISO 4217 currency code, upper case (`EUR`), checked against the runtime's ICU list when it has one. */
export const currencySchema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be a three-letter currency code such as "EUR"')
  .refine((code) => knownCurrencies.size === 0 || knownCurrencies.has(code), 'is not a currency Caravan knows');

// Validating a zone constructs a formatter (~20 µs); time blocks repeat the same few zones,
// so bulk imports would pay that 100 000 times without the cache.
const zoneCache = new Map<string, boolean>();

/** True when the runtime accepts `zone` as an IANA time zone (aliases such as `Asia/Calcutta` included). */
export function isTimeZone(zone: string): boolean {
  let known = zoneCache.get(zone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      known = true;
    } catch {
      known = false;
    }
    if (zoneCache.size < 1_000) zoneCache.set(zone, known);
  }
  return known;
}

/** IANA time zone name (`Europe/Lisbon`, `UTC`). */
export const timeZoneSchema = z.string().min(1).max(64).refine(isTimeZone, 'is not a time zone Caravan knows, such as "Europe/Lisbon"');

/** Creation and last-change instants, set by the repositories, never by the caller. */
export const timestampsShape = {
  /** When the record was created, UTC epoch ms. */
  createdAt: epochMsSchema,
  /** When the record was last changed on this device, UTC epoch ms. */
  updatedAt: epochMsSchema,
};

/** One UTC day in milliseconds. */
export const DAY_MS = 86_400_000;

/** The UTC day number of an instant (days since 1970-01-01): the coarse bucket time blocks are indexed by. */
export function utcDay(epochMs: number): number {
  return Math.floor(epochMs / DAY_MS);
}
