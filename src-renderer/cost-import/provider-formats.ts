/**
 * The billing exports Caravan reads without asking: AWS (Cost and Usage Report, legacy and 2.0,
 * and the Cost Explorer download), Google Cloud (the cost table / reports CSV) and OpenAI (the
 * costs export). Each is recognised by its headers and read into one cost line per row (per cell
 * for Cost Explorer), keyed by account, day, service and currency so that the lines of a day and
 * service add up to one expense, and a later file of the same account finds that expense again.
 * The columns read, and what was assumed, are listed in docs/invoicing.md.
 */
import { currencySchema } from '../domain/common.ts';
import { isoDay, unixDay } from './csv-dates.ts';
import { cell, column, importKey } from '../csv/columns.ts';
import type { CostLine, RowReader, RowResult } from './cost-line.ts';
import { parseDecimal } from './decimal.ts';
import type { MappedField } from './mapping.ts';

/** A provider's export format. */
export interface ProviderFormat {
  readonly id: 'aws-cur' | 'aws-cur2' | 'aws-cost-explorer' | 'gcp' | 'openai';
  /** `imported.source` of its expenses. */
  readonly source: string;
  /** What the preview calls the file ("AWS Cost and Usage Report"). */
  readonly label: string;
  /** A reader for a file with these headers, or null when they are not this format's. */
  readonly reader: (headers: readonly string[]) => RowReader | null;
  /** Headers this format always has: a file with some but not all of them was probably this format with a column renamed. */
  readonly signature: readonly string[];
  /** Its columns for the generic fields, to preselect the mapping of a file that resembles it. */
  readonly fields: Partial<Record<MappedField, string>>;
}

const fail = (field: string, message: string): RowResult => ({ error: { field, message } });

/** A currency code as billing files write it (`USD`, `usd`), or null. */
function currencyCode(text: string): string | null {
  const code = text.trim().toUpperCase();
  return currencySchema.safeParse(code).success ? code : null;
}

const SIGNS: Record<string, string> = { $: 'USD', US$: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY', CHF: 'CHF' };

/** The currency in a header's parentheses: `Cost ($)` is USD (assumed: Google writes `$` for US dollars), `Cost (EUR)` EUR. */
export function headerCurrency(header: string): string | null {
  const m = /\(([^)]+)\)\s*$/u.exec(header);
  if (!m) return null;
  const inside = (m[1] ?? '').trim();
  return SIGNS[inside] ?? currencyCode(inside);
}

interface Columns {
  day: number;
  cost: number;
  currency: number;
  service: number;
  /** Optional: a nicer name for the service than its code. */
  serviceName?: number;
  account?: number;
  lineType?: number;
}

/** Reads one AWS CUR row: tax lines are kept apart from usage, credits and refunds (negative) add into their day. */
function curReader(names: { day: string; cost: string; currency: string; service: string }, c: Columns): RowReader {
  return (cells) => {
    const dayText = cell(cells, c.day);
    const day = isoDay(dayText);
    if (!day) return fail(names.day, dayText === '' ? 'is empty.' : `"${dayText}" is not a date.`);
    const costText = cell(cells, c.cost);
    const amount = parseDecimal(costText);
    if (!amount) return fail(names.cost, costText === '' ? 'is empty.' : `"${costText}" is not an amount.`);
    const currencyText = cell(cells, c.currency);
    const currency = currencyCode(currencyText);
    if (!currency) return fail(names.currency, `"${currencyText}" is not a currency code.`);
    const service = cell(cells, c.service) || 'Other';
    const name = (c.serviceName === undefined ? '' : cell(cells, c.serviceName)) || service;
    const tax = c.lineType !== undefined && cell(cells, c.lineType).toLowerCase() === 'tax';
    const account = c.account === undefined ? '' : cell(cells, c.account);
    const line: CostLine = {
      key: importKey([account, day, tax ? `${service} tax` : service, currency]),
      day,
      amount,
      currency,
      label: `AWS: ${name}${tax ? ' (tax)' : ''}${account ? `, account ${account}` : ''}`,
    };
    return { lines: [line] };
  };
}

const CUR = { day: 'lineItem/UsageStartDate', cost: 'lineItem/UnblendedCost', currency: 'lineItem/CurrencyCode', service: 'lineItem/ProductCode' };
const CUR2 = { day: 'line_item_usage_start_date', cost: 'line_item_unblended_cost', currency: 'line_item_currency_code', service: 'line_item_product_code' };

function curFormat(names: typeof CUR, extra: { serviceName: string; account: string; lineType: string }) {
  return (headers: readonly string[]): RowReader | null => {
    const c = {
      day: column(headers, names.day),
      cost: column(headers, names.cost),
      currency: column(headers, names.currency),
      service: column(headers, names.service),
    };
    if (Object.values(c).some((i) => i < 0)) return null;
    const optional = (name: string) => (column(headers, name) >= 0 ? column(headers, name) : undefined);
    return curReader(names, { ...c, serviceName: optional(extra.serviceName), account: optional(extra.account), lineType: optional(extra.lineType) });
  };
}

/** Cost Explorer's download: services across (`EC2-Instances($)`), days down, a `Service total` row and a `Total costs($)` column. */
function costExplorerReader(headers: readonly string[]): RowReader | null {
  if (!/^services?$/iu.test(headers[0]?.trim() ?? '')) return null;
  const services = headers
    .map((h, index) => ({ index, name: h.replace(/\([^)]*\)\s*$/u, '').trim(), currency: headerCurrency(h) }))
    .filter((s) => s.index > 0 && s.currency !== null && !/^total costs?$/iu.test(s.name));
  if (services.length === 0) return null;
  return (cells) => {
    const first = cell(cells, 0);
    if (/total/iu.test(first)) return { lines: [] };
    const day = isoDay(first);
    if (!day) return fail(headers[0] ?? 'Service', `"${first}" is not a date.`);
    const lines: CostLine[] = [];
    for (const s of services) {
      const text = cell(cells, s.index);
      if (text === '') continue;
      const amount = parseDecimal(text);
      if (!amount) return fail(headers[s.index] ?? s.name, `"${text}" is not an amount.`);
      lines.push({ key: importKey(['', day, s.name, s.currency ?? 'USD']), day, amount, currency: s.currency ?? 'USD', label: `AWS: ${s.name}` });
    }
    return { lines };
  };
}

/** Google Cloud's cost table / reports download; the unrounded cost when the file has it. */
function gcpReader(headers: readonly string[]): RowReader | null {
  const costIndex = [/^unrounded cost\b/iu, /^cost\b(?!\s*type)/iu].map((re) => headers.findIndex((h) => re.test(h.trim()))).find((i) => i >= 0) ?? -1;
  const c = { day: column(headers, 'Usage start date'), service: column(headers, 'Service description'), cost: costIndex };
  if (Object.values(c).some((i) => i < 0)) return null;
  const currencyColumn = column(headers, 'Currency', 'Currency code');
  const fixed = headerCurrency(headers[costIndex] ?? '');
  if (currencyColumn < 0 && !fixed) return null;
  const sku = column(headers, 'SKU description');
  const account = [column(headers, 'Project ID'), column(headers, 'Billing account ID')].find((i) => i >= 0) ?? -1;
  const costName = headers[costIndex] ?? 'Cost';
  return (cells) => {
    const dayText = cell(cells, c.day);
    const day = isoDay(dayText);
    if (!day) return fail('Usage start date', dayText === '' ? 'is empty.' : `"${dayText}" is not a date.`);
    const costText = cell(cells, c.cost);
    const amount = parseDecimal(costText);
    if (!amount) return fail(costName, costText === '' ? 'is empty.' : `"${costText}" is not an amount.`);
    const currencyText = currencyColumn < 0 ? '' : cell(cells, currencyColumn);
    const currency = currencyColumn < 0 ? fixed : currencyCode(currencyText);
    if (!currency) return fail(headers[currencyColumn] ?? 'Currency', `"${currencyText}" is not a currency code.`);
    const service = cell(cells, c.service) || (sku >= 0 ? cell(cells, sku) : '') || 'Other';
    const owner = cell(cells, account);
    return {
      lines: [{ key: importKey([owner, day, service, currency]), day, amount, currency, label: `Google Cloud: ${service}${owner ? `, ${owner}` : ''}` }],
    };
  };
}

/** OpenAI's costs export: one row per day, project and line item, as the Costs API groups them (assumed columns: docs/invoicing.md). */
function openAiReader(headers: readonly string[]): RowReader | null {
  const c = { value: column(headers, 'amount_value'), currency: column(headers, 'amount_currency'), item: column(headers, 'line_item') };
  const time = [column(headers, 'start_time_iso'), column(headers, 'start_time')].find((i) => i >= 0) ?? -1;
  if (time < 0 || Object.values(c).some((i) => i < 0)) return null;
  const project = column(headers, 'project_id');
  const projectName = column(headers, 'project_name');
  return (cells) => {
    const timeText = cell(cells, time);
    const day = isoDay(timeText) ?? unixDay(timeText);
    if (!day) return fail(headers[time] ?? 'start_time', timeText === '' ? 'is empty.' : `"${timeText}" is not a date or a Unix time.`);
    const valueText = cell(cells, c.value);
    const amount = parseDecimal(valueText);
    if (!amount) return fail('amount_value', valueText === '' ? 'is empty.' : `"${valueText}" is not an amount.`);
    const currencyText = cell(cells, c.currency);
    const currency = currencyCode(currencyText);
    if (!currency) return fail('amount_currency', `"${currencyText}" is not a currency code.`);
    const item = cell(cells, c.item) || 'API usage';
    const projectId = cell(cells, project);
    const label = `OpenAI: ${item}${projectName >= 0 && cell(cells, projectName) ? `, ${cell(cells, projectName)}` : ''}`;
    return { lines: [{ key: importKey([projectId, day, item, currency]), day, amount, currency, label }] };
  };
}

export const PROVIDER_FORMATS: readonly ProviderFormat[] = [
  {
    id: 'aws-cur',
    source: 'aws-cur',
    label: 'AWS Cost and Usage Report',
    reader: curFormat(CUR, { serviceName: 'product/ProductName', account: 'lineItem/UsageAccountId', lineType: 'lineItem/LineItemType' }),
    signature: Object.values(CUR),
    fields: { date: CUR.day, amount: CUR.cost, currency: CUR.currency, description: 'product/ProductName' },
  },
  {
    id: 'aws-cur2',
    source: 'aws-cur',
    label: 'AWS Cost and Usage Report 2.0',
    reader: curFormat(CUR2, { serviceName: 'product_servicecode', account: 'line_item_usage_account_id', lineType: 'line_item_line_item_type' }),
    signature: Object.values(CUR2),
    fields: { date: CUR2.day, amount: CUR2.cost, currency: CUR2.currency, description: CUR2.service },
  },
  {
    id: 'aws-cost-explorer',
    source: 'aws-cost-explorer',
    label: 'AWS Cost Explorer',
    reader: costExplorerReader,
    signature: ['Service', 'Total costs($)'],
    fields: {},
  },
  {
    id: 'gcp',
    source: 'gcp',
    label: 'Google Cloud billing',
    reader: gcpReader,
    signature: ['Service description', 'SKU description', 'Usage start date', 'Cost'],
    fields: { date: 'Usage start date', amount: 'Cost', description: 'Service description' },
  },
  {
    id: 'openai',
    source: 'openai',
    label: 'OpenAI costs',
    reader: openAiReader,
    signature: ['start_time', 'line_item', 'amount_value', 'amount_currency'],
    fields: { date: 'start_time_iso', amount: 'amount_value', currency: 'amount_currency', description: 'line_item' },
  },
];
