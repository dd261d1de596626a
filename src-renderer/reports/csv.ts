/**
 * CSV export of time blocks and of the grouped report, plus the small RFC 4180 parser the tests
 * read it back with.
 *
 * Format: csv/write-csv.ts (papaparse, RFC 4180, CRLF, formula guard). Instants are UTC ISO 8601
 * with milliseconds; money is integer minor units next to its currency code.
 *
 * Durations are minutes as a decimal with up to three places ("90", "1.5", "0.333"), rounded
 * half up to the nearest 60 ms. An exact decimal is impossible (one second is 0.0166… minutes);
 * the exact duration is always `end_utc - start_utc`.
 *
 * Only text columns are guarded against formula injection (ids, names, kinds, notes); numbers are
 * written by this module and are never prefixed.
 *
 * `parseCsv` stays a small hand-written reader on purpose: it is what the tests read every export
 * back with, so it must not be papaparse checking papaparse's own output, and it refuses what it
 * would have to guess at (papaparse reads an unclosed quote to the end of the file).
 */
import type { Client } from '../domain/client.ts';
import type { Phase } from '../domain/phase.ts';
import type { Project } from '../domain/project.ts';
import type { TimeBlock } from '../domain/time-block.ts';
import type { ReportRow } from './aggregate.ts';
import { timeAmountMinor } from './money.ts';
import { guardFormula, serializeCsv } from '../csv/write-csv.ts';

// Written through the one CSV module; re-exported for the callers and tests that read them here.
export { guardFormula, serializeCsv };

/** Columns of {@link timeBlocksCsv}, in order. */
export const TIME_BLOCKS_CSV_HEADER = [
  'block_id',
  'client',
  'project',
  'phase',
  'kind',
  'start_utc',
  'end_utc',
  'duration_minutes',
  'billable',
  'rate_minor',
  'amount_minor',
  'currency',
  'note',
] as const;

/** Columns of {@link reportCsv}, in order. */
export const REPORT_CSV_HEADER = [
  'client',
  'project',
  'phase',
  'week',
  'week_start_utc',
  'total_minutes',
  'billable_minutes',
  'non_billable_minutes',
  'deep_minutes',
  'break_minutes',
  'basis',
  'amount_minor',
  'currency',
] as const;

/** Records by id, for turning a block's ids into names, rates and currencies. */
export interface CsvLookup {
  readonly clients: ReadonlyMap<string, Client>;
  readonly projects: ReadonlyMap<string, Project>;
  readonly phases: ReadonlyMap<string, Phase>;
}

/** Builds a {@link CsvLookup} from record lists, the shape the repositories return. */
export function csvLookup(clients: readonly Client[], projects: readonly Project[], phases: readonly Phase[]): CsvLookup {
  return {
    clients: new Map(clients.map((c) => [c.id, c])),
    projects: new Map(projects.map((p) => [p.id, p])),
    phases: new Map(phases.map((p) => [p.id, p])),
  };
}

/** Duration in minutes, at most three decimals, half up; exact integer arithmetic. */
export function csvMinutes(ms: number): string {
  const thousandths = (BigInt(ms) * 2n + 60n) / 120n;
  const whole = thousandths / 1000n;
  const fraction = (thousandths % 1000n).toString().padStart(3, '0').replace(/0+$/u, '');
  return fraction === '' ? whole.toString() : `${whole}.${fraction}`;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * One row per block, as stored: not clipped to any range and with the stored `billable` flag.
 * Rate and amount are filled for hourly projects only; the amount is the block's own, rounded
 * on its own, so summing the column can differ from the report's by rounding. Breaks and
 * non-billable blocks have amount 0. Names of missing records fall back to their ids.
 */
export function timeBlocksCsv(rows: readonly TimeBlock[], lookup: CsvLookup): string {
  const records: string[][] = [[...TIME_BLOCKS_CSV_HEADER]];
  for (const block of rows) {
    const project = lookup.projects.get(block.projectId);
    const phaseId = block.phaseId;
    const ms = block.end - block.start;
    const hourly = project?.billing.kind === 'hourly' ? project.billing : undefined;
    const earns = block.billable && block.kind !== 'break';
    records.push([
      guardFormula(block.id),
      guardFormula(lookup.clients.get(block.clientId)?.name ?? block.clientId),
      guardFormula(project?.name ?? block.projectId),
      guardFormula(phaseId === undefined ? '' : (lookup.phases.get(phaseId)?.name ?? phaseId)),
      guardFormula(block.kind),
      iso(block.start),
      iso(block.end),
      csvMinutes(ms),
      block.billable ? 'true' : 'false',
      hourly === undefined ? '' : String(hourly.rateMinor),
      hourly === undefined ? '' : String(earns ? timeAmountMinor(ms, hourly.rateMinor) : 0),
      guardFormula(project?.currency ?? ''),
      guardFormula(block.note),
    ]);
  }
  return serializeCsv(records);
}

/** The grouped report, one line per {@link ReportRow}; the amount is empty where it is null. */
export function reportCsv(reportRows: readonly ReportRow[]): string {
  const records: string[][] = [[...REPORT_CSV_HEADER]];
  for (const row of reportRows) {
    records.push([
      guardFormula(row.clientName),
      guardFormula(row.projectName),
      guardFormula(row.phaseName),
      row.week,
      iso(row.weekStart),
      csvMinutes(row.totalMs),
      csvMinutes(row.billableMs),
      csvMinutes(row.nonBillableMs),
      csvMinutes(row.deepMs),
      csvMinutes(row.breakMs),
      row.basis,
      row.amountMinor === null ? '' : String(row.amountMinor),
      guardFormula(row.currency),
    ]);
  }
  return serializeCsv(records);
}

/**
 * Parses RFC 4180 text into records of fields. Lenient where it costs nothing (LF or CR line
 * ends, a leading byte-order mark, a missing final line end), strict where data would be lost:
 * an unterminated quote or text after a closing quote throws a SyntaxError naming the place.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  const n = text.length;
  let i = text.startsWith('\uFEFF') ? 1 : 0;
  if (i >= n) return records;
  let record: string[] = [];
  for (;;) {
    let field: string;
    if (text[i] === '"') {
      const opened = i;
      field = '';
      for (let from = i + 1; ;) {
        const close = text.indexOf('"', from);
        if (close < 0) throw new SyntaxError(`CSV: the quoted field opened at character ${opened} is never closed.`);
        field += text.slice(from, close);
        if (text[close + 1] === '"') {
          field += '"';
          from = close + 2;
        } else {
          i = close + 1;
          break;
        }
      }
      if (i < n && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        throw new SyntaxError(`CSV: unexpected text after the closing quote at character ${i}.`);
      }
    } else {
      let end = i;
      while (end < n && text[end] !== ',' && text[end] !== '\r' && text[end] !== '\n') end++;
      field = text.slice(i, end);
      i = end;
    }
    record.push(field);
    if (i >= n) {
      records.push(record);
      return records;
    }
    if (text[i] === ',') {
      i++;
      continue;
    }
    i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
    records.push(record);
    record = [];
    if (i >= n) return records;
  }
}
