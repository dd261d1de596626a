/**
 * The generic import: the person says which column holds the date, the amount, the currency (or
 * one currency for the whole file), the description and, optionally, an id; and how the file writes
 * decimals and dates. Rows are kept one expense each, or added up per day and description (for a
 * provider file whose headers Caravan did not recognise).
 */
import { z } from 'zod';
import { currencySchema } from '../domain/common.ts';
import { dayInOrder } from './csv-dates.ts';
import { cell, column, fnv1a, importKey } from '../csv/columns.ts';
import { suggestColumns } from '../csv/header-match.ts';
import type { CostLine, RowReader } from './cost-line.ts';
import { parseDecimal } from './decimal.ts';

export const columnMappingSchema = z.strictObject({
  /** Header names, so a preset fits every file with the same headers. */
  date: z.string().min(1).max(200),
  amount: z.string().min(1).max(200),
  /** A column of currency codes, or one code for the whole file. */
  currency: z.union([z.strictObject({ column: z.string().min(1).max(200) }), z.strictObject({ fixed: currencySchema })]),
  description: z.string().min(1).max(200),
  /** A column that names each row uniquely (an invoice or line number): the import key. */
  id: z.string().min(1).max(200).optional(),
  decimal: z.enum(['.', ',']),
  dateOrder: z.enum(['ymd', 'dmy', 'mdy']),
  /** Add up the rows of a day and description into one expense. */
  aggregate: z.boolean(),
});
/** How a file's columns are read. */
export type ColumnMapping = z.infer<typeof columnMappingSchema>;

/**
 * `imported.source` of expenses read through `mapping`: `csv:` and a hash of the columns it reads
 * for each field (header names as `column` matches them: trimmed, case ignored). A row's key is
 * only unique within its own export (row id "1" of one bank is not row "1" of another), so files
 * mapped with other columns are other sources and never skip each other's rows. The same file
 * through the same preset gives the same source, whatever the preset is called (renaming it
 * imports nothing twice); mapping another column to a field starts a new source.
 */
export function mappedSource(mapping: ColumnMapping): string {
  const name = (header: string) => header.trim().toLowerCase();
  const fields = [
    name(mapping.date),
    name(mapping.amount),
    'column' in mapping.currency ? name(mapping.currency.column) : '',
    name(mapping.description),
    mapping.id === undefined ? '' : name(mapping.id),
  ];
  return `csv:${fnv1a(fields.join('\u0000'))}`;
}

/** The columns of `mapping` this file lacks, by name. */
export function missingColumns(mapping: ColumnMapping, headers: readonly string[]): string[] {
  const wanted = [
    mapping.date,
    mapping.amount,
    mapping.description,
    ...('column' in mapping.currency ? [mapping.currency.column] : []),
    ...(mapping.id ? [mapping.id] : []),
  ];
  return wanted.filter((name) => column(headers, name) < 0);
}

/**
 * A reader for rows under `headers`; call {@link missingColumns} first. Without an id or adding
 * up, a row's key is its day and a hash of its cells, numbered when the file holds the same row
 * twice (two identical coffees are two expenses; the same file again is none).
 */
export function mappedReader(mapping: ColumnMapping, headers: readonly string[]): RowReader {
  const c = { date: column(headers, mapping.date), amount: column(headers, mapping.amount), description: column(headers, mapping.description) };
  const currencyColumn = 'column' in mapping.currency ? column(headers, mapping.currency.column) : -1;
  const fixed = 'fixed' in mapping.currency ? mapping.currency.fixed : null;
  const idColumn = mapping.id ? column(headers, mapping.id) : -1;
  const seen = new Map<string, number>();
  return (cells) => {
    const dateText = cell(cells, c.date);
    const day = dayInOrder(dateText, mapping.dateOrder);
    if (!day) return { error: { field: mapping.date, message: dateText === '' ? 'is empty.' : `"${dateText}" is not a date.` } };
    const amountText = cell(cells, c.amount);
    const amount = parseDecimal(amountText, mapping.decimal);
    if (!amount) return { error: { field: mapping.amount, message: amountText === '' ? 'is empty.' : `"${amountText}" is not an amount.` } };
    const currencyText = currencyColumn < 0 ? '' : cell(cells, currencyColumn).toUpperCase();
    const currency = fixed ?? (currencySchema.safeParse(currencyText).success ? currencyText : null);
    if (!currency)
      return { error: { field: 'column' in mapping.currency ? mapping.currency.column : 'Currency', message: `"${currencyText}" is not a currency code.` } };
    const description = cell(cells, c.description) || 'Imported cost';
    let key: string;
    if (idColumn >= 0 && cell(cells, idColumn) !== '') key = importKey(['id', cell(cells, idColumn)]);
    else if (mapping.aggregate) key = importKey([day, description, currency]);
    else {
      const row = fnv1a(`${day}\u0000${amountText}\u0000${currency}\u0000${description}`);
      const n = (seen.get(row) ?? 0) + 1;
      seen.set(row, n);
      key = `${day}|${row}#${n}`;
    }
    const line: CostLine = { key, day, amount, currency, label: description };
    return { lines: [line] };
  };
}

/** The generic fields, and header names that usually hold them, for preselecting the mapping. */
const HINTS: Record<'date' | 'amount' | 'currency' | 'description' | 'id', readonly string[]> = {
  date: [
    'date',
    'day',
    'usage start date',
    'usagestartdate',
    'line_item_usage_start_date',
    'start_time',
    'start_time_iso',
    'booking date',
    'datum',
    'buchungstag',
    'belegdatum',
    'fecha',
    'invoice date',
  ],
  amount: ['amount', 'cost', 'unblendedcost', 'unrounded cost', 'amount_value', 'total', 'value', 'price', 'betrag', 'line_item_unblended_cost'],
  currency: ['currency', 'currencycode', 'currency code', 'amount_currency', 'line_item_currency_code', 'währung'],
  description: [
    'description',
    'service',
    'service description',
    'productname',
    'productcode',
    'line_item',
    'sku description',
    'memo',
    'text',
    'verwendungszweck',
    'buchungstext',
    'beschreibung',
    'libellé',
  ],
  id: ['id', 'lineitemid', 'line item id', 'invoice', 'reference', 'transaction id'],
};

/** A generic field of the mapping. */
export type MappedField = keyof typeof HINTS;

/**
 * A first mapping for a file the person maps: each field on the closest header (a column used
 * once), the rest for the person. `expected`: the column names of the format the file resembles,
 * tried first, so a renamed `lineItem/UnblendedCostUSD` wins over an exact-sounding `UsageAmount`.
 */
export function suggestMapping(headers: readonly string[], expected?: Partial<Record<MappedField, string>>): Partial<Record<MappedField, string>> {
  // A file that resembles a provider's is added up per day, so it needs no row id.
  const skip = new Set<MappedField>(expected !== undefined ? ['id'] : []);
  return suggestColumns(headers, ['amount', 'date', 'currency', 'description', 'id'] as const, HINTS, expected, skip);
}
