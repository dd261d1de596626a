/**
 * Which column of a time report holds what. Toggl Track, Clockify and Harvest detailed reports are
 * recognised by their headers (vendors.ts); any other file, or one of theirs with headers renamed,
 * translated or in another currency, is mapped by the person, and the mapping can be saved as a
 * preset (setting `timeImport.presets`).
 */
import { z } from 'zod';
import { currencySchema } from '../domain/common.ts';

const header = z.string().min(1).max(200);

/** The fields a time row may hold; `date` and `project` are needed, and a start or a duration. */
export const timeColumnsSchema = z.strictObject({
  /** The start's day. */
  date: header,
  /** Wall time of the start; absent (Harvest): blocks of a day are laid one after another from 09:00. */
  startTime: header.optional(),
  /** The end's day; absent: the start's day. */
  endDate: header.optional(),
  endTime: header.optional(),
  /** `h:mm[:ss]` or decimal hours; used when there is no end time. */
  duration: header.optional(),
  client: header.optional(),
  project: header,
  task: header.optional(),
  description: header.optional(),
  billable: header.optional(),
  /** Hourly rate, for projects created by the import (Clockify, Harvest). */
  rate: header.optional(),
  /** Amount earned by the row; with the duration it gives a rate (Toggl). */
  amount: header.optional(),
  /** A column of currency codes (Harvest's "Currency"). */
  currency: header.optional(),
  /** An IANA zone per row; absent: the zone chosen for the import. */
  zone: header.optional(),
  /** Who tracked it: part of the row's identity (two people's identical rows are two rows). */
  user: header.optional(),
});
/** Header names per field. */
export type TimeColumns = z.infer<typeof timeColumnsSchema>;
export type TimeField = keyof TimeColumns;

/** Where the file comes from: a vendor's format, or a file the person mapped. */
export const timeSourceSchema = z.enum(['toggl', 'clockify', 'harvest', 'csv']);
export type TimeSource = z.infer<typeof timeSourceSchema>;

export const timeMappingSchema = z.strictObject({
  /** The import's `imported.source`: a mapped Toggl file is still Toggl, so its rows are found again. */
  source: timeSourceSchema,
  columns: timeColumnsSchema,
  dateOrder: z.enum(['ymd', 'dmy', 'mdy']),
  decimal: z.enum(['.', ',']),
  /** The currency of rates and amounts when no column says it (a header's "(EUR)"). */
  currency: currencySchema.optional(),
});
/** How a time report's columns are read. */
export type TimeMapping = z.infer<typeof timeMappingSchema>;

/** The setting holding the saved time mappings. */
export const TIME_PRESETS_SETTING = 'timeImport.presets';

/** The currency in a header's parentheses: `Amount (EUR)` is EUR; null when there is none. */
export function currencyOfHeader(name: string | undefined): string | null {
  const m = /\(\s*([A-Za-z]{3})\s*\)\s*$/u.exec(name ?? '');
  const code = (m?.[1] ?? '').toUpperCase();
  return currencySchema.safeParse(code).success ? code : null;
}
