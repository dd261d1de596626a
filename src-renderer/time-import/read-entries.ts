/**
 * One time report row read through a mapping: the days and wall times as written (no zone yet),
 * names, flags and money, and the row's import key. Nothing is converted to an instant here: the
 * zone comes later (a column, or the one the person picks), so changing it re-plans without
 * reading the file again.
 */
import { cell, column, fnv1a } from '../csv/columns.ts';
import { dayInOrder } from '../cost-import/csv-dates.ts';
import { type ClockTime, currencyInCell, parseClock, parseDuration, parseFlag, parseMoney } from './cell-values.ts';
import type { TimeField, TimeMapping } from './time-mapping.ts';

/** What one row says, read but not yet placed in time. */
export interface TimeEntry {
  /** Row in the file as a spreadsheet numbers it (the header is row 1). */
  readonly line: number;
  /** `imported.key`: a hash of the row's identifying cells, numbered when the file holds the same row twice. */
  readonly key: string;
  /** `YYYY-MM-DD` of the start. */
  readonly day: string;
  /** Null when the file has no start times (Harvest). */
  readonly start: ClockTime | null;
  readonly endDay: string | null;
  readonly end: ClockTime | null;
  readonly durationMs: number | null;
  readonly client: string;
  readonly project: string;
  readonly task: string;
  readonly description: string;
  readonly billable: boolean;
  /** Hourly rate in minor units of `currency`, from a rate column or amount / duration. */
  readonly rateMinor: number | null;
  /** The currency the row's money is in (a column, or the mapping's), even when it has no rate. */
  readonly currency: string | null;
  /** The row's own zone (a zone column), unchecked; null: the import's zone. */
  readonly zone: string | null;
}

export type RowRead = { readonly entry: TimeEntry } | { readonly error: string };

/** Reads rows under `headers` with `mapping`; keeps count of identical rows for their keys. */
export function entryReader(mapping: TimeMapping, headers: readonly string[]): (cells: readonly string[], line: number) => RowRead {
  const at = (field: TimeField) => {
    const name = mapping.columns[field];
    return name === undefined ? -1 : column(headers, name);
  };
  const idx = Object.fromEntries((Object.keys(mapping.columns) as TimeField[]).map((f) => [f, at(f)])) as Partial<Record<TimeField, number>>;
  const get = (cells: readonly string[], field: TimeField) => cell(cells, idx[field] ?? -1);
  const label = (field: TimeField) => mapping.columns[field] ?? field;
  const seen = new Map<string, number>();

  return (cells, line) => {
    const fail = (text: string): RowRead => ({ error: `Row ${line}: ${text}` });
    const dateText = get(cells, 'date');
    const day = dayInOrder(dateText, mapping.dateOrder);
    if (!day) return fail(dateText === '' ? `${label('date')} is empty.` : `${label('date')} "${dateText}" is not a date in the order chosen under Dates.`);
    let start: ClockTime | null = null;
    if (mapping.columns.startTime !== undefined) {
      const text = get(cells, 'startTime');
      start = parseClock(text);
      if (!start) return fail(`${label('startTime')} "${text}" is not a time of day.`);
    }
    let endDay: string | null = null;
    let end: ClockTime | null = null;
    const endText = get(cells, 'endTime');
    if (mapping.columns.endTime !== undefined && endText !== '') {
      end = parseClock(endText);
      if (!end) return fail(`${label('endTime')} "${endText}" is not a time of day.`);
      const endDateText = get(cells, 'endDate');
      endDay = endDateText === '' ? day : dayInOrder(endDateText, mapping.dateOrder);
      if (!endDay) return fail(`${label('endDate')} "${endDateText}" is not a date in the order chosen under Dates.`);
    }
    let durationMs: number | null = null;
    const durationText = get(cells, 'duration');
    if (mapping.columns.duration !== undefined && durationText !== '') {
      durationMs = parseDuration(durationText, mapping.decimal);
      if (durationMs === null) return fail(`${label('duration')} "${durationText}" is not a duration (1:30:00 or 1.5).`);
    }
    if (end === null && durationMs === null) return fail(`there is neither an end time nor a duration.`);
    if (start === null && end !== null) return fail(`${label('endTime')} is given without a start time.`);
    const billableText = get(cells, 'billable');
    const billable = mapping.columns.billable === undefined ? true : parseFlag(billableText);
    if (billable === null) return fail(`${label('billable')} "${billableText}" is neither yes nor no.`);
    const currency = (mapping.columns.currency !== undefined ? currencyInCell(get(cells, 'currency')) : null) ?? mapping.currency ?? null;
    const rate = rateOf(get(cells, 'rate'), get(cells, 'amount'), durationMs, currency, mapping);
    if (typeof rate === 'string') return fail(rate);
    const fields = {
      client: get(cells, 'client'),
      project: get(cells, 'project'),
      task: get(cells, 'task'),
      description: get(cells, 'description'),
    };
    const zone = get(cells, 'zone');
    // What makes a row this row: who, when and on what. Formatting (a time's seconds, a date's
    // order) is read first, so the same entry exported in another format keeps its key.
    const identity = [
      get(cells, 'user').toLowerCase(),
      day,
      start ? clockKey(start) : '',
      endDay ?? '',
      end ? clockKey(end) : '',
      durationMs ?? '',
      fields.client,
      fields.project,
      fields.task,
      fields.description,
    ].join('\u0000');
    const hash = fnv1a(identity);
    const n = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, n);
    return {
      entry: { line, key: `${hash}#${n}`, day, start, endDay, end, durationMs, ...fields, billable, rateMinor: rate, currency, zone: zone || null },
    };
  };
}

const clockKey = (t: ClockTime) => `${t.hour}:${t.minute}:${t.second}`;

/** The hourly rate a row carries: its rate column, else its amount over its duration; a message when unreadable. */
function rateOf(rateText: string, amountText: string, durationMs: number | null, currency: string | null, mapping: TimeMapping): number | null | string {
  if (rateText === '' && amountText === '') return null;
  if (currency === null) return `the rate or amount has no currency: choose one in the mapping.`;
  if (rateText !== '') {
    const rate = parseMoney(rateText, currency, mapping.decimal);
    if (rate === null || rate < 0) return `${mapping.columns.rate ?? 'Rate'} "${rateText}" is not an amount.`;
    return rate === 0 ? null : rate;
  }
  const amount = parseMoney(amountText, currency, mapping.decimal);
  if (amount === null || amount < 0) return `${mapping.columns.amount ?? 'Amount'} "${amountText}" is not an amount.`;
  if (amount === 0 || durationMs === null || durationMs === 0) return null;
  // Toggl gives the amount earned, not the rate: the rate is the amount per hour, to the minor unit.
  return Math.round((amount * 3_600_000) / durationMs);
}
