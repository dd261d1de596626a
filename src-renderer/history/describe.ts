/**
 * Records and fields in a person's words for the history views: "Time block · Deep work, 16 Jun
 * 2025 09:00, 1 h", "Rate 95,00 € → 120,00 €". Values are shown as the rest of the app shows them:
 * money with its currency, instants in the record's zone, durations, calendar days, and the names of
 * the client, project, phase or experiment an id points to.
 */
import type { MaterializedRecord } from '../sync/merge/merge-state.ts';
import type { EntityTableName } from '../vault/store/rows.ts';
import { formatCalendarDate, formatDurationWords, formatInstant, formatMoney } from '../ui/format/index.ts';
import { KIND_LABELS } from '../time/kinds.ts';

/** Names of the records an id may point to; undefined when not known here. */
export interface Names {
  name(table: 'clients' | 'projects' | 'phases' | 'experiments', id: string): string | undefined;
}

export const TABLE_LABELS: Readonly<Record<EntityTableName, { one: string; many: string }>> = {
  clients: { one: 'Client', many: 'Clients' },
  projects: { one: 'Project', many: 'Projects' },
  phases: { one: 'Phase', many: 'Phases' },
  timeBlocks: { one: 'Time block', many: 'Time blocks' },
  experiments: { one: 'Experiment', many: 'Experiments' },
  expenses: { one: 'Expense', many: 'Expenses' },
  killSwitches: { one: 'Kill switch', many: 'Kill switches' },
  invoices: { one: 'Invoice', many: 'Invoices' },
  trips: { one: 'Trip', many: 'Trips' },
  presenceDays: { one: 'Presence day', many: 'Presence days' },
  settings: { one: 'Setting', many: 'Settings' },
};

/** Labels that the field name alone does not say well; the rest are its words ("successMetric" → "Success metric"). */
const LABELS: Readonly<Record<string, string>> = {
  clientId: 'Client',
  projectId: 'Project',
  phaseId: 'Phase',
  experimentId: 'Experiment',
  defaultRateMinor: 'Rate',
  amountMinor: 'Amount',
  milestoneFeeMinor: 'Milestone fee',
  markupBp: 'Markup',
  timeZone: 'Time zone',
  zone: 'Time zone',
  kind: 'Kind',
  start: 'Start',
  end: 'End',
  createdAt: 'Created',
  updatedAt: 'Last edited',
  estimateHours: 'Estimate',
  budgetHours: 'Budget',
  retentionMonths: 'Keep records for',
  safeForTravel: 'Safe for travel',
  passThrough: 'Passed through to the client',
  warnAtRatio: 'Warn at',
  stopsTimer: 'Stops the timer',
};

/** Fields that hold an instant (epoch ms). */
const INSTANTS = new Set(['start', 'end', 'createdAt', 'updatedAt', 'trippedAt', 'issuedAt', 'startedAt', 'endedAt']);
/** Fields that hold an amount in minor units, and where its currency is. */
const MONEY = new Set(['defaultRateMinor', 'amountMinor', 'milestoneFeeMinor']);
const REFS: Readonly<Record<string, 'clients' | 'projects' | 'phases' | 'experiments'>> = {
  clientId: 'clients',
  projectId: 'projects',
  phaseId: 'phases',
  experimentId: 'experiments',
};
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The field's label. */
export function fieldLabel(field: string): string {
  const known = LABELS[field];
  if (known !== undefined) return known;
  const words = field.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A field's value as the app shows it; `record` gives context (the currency, the zone). */
export function formatValue(table: EntityTableName, field: string, value: unknown, record: MaterializedRecord | undefined, names: Names): string {
  if (value === undefined || value === null) return 'not set';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  const ref = REFS[field];
  if (ref !== undefined && typeof value === 'string') return names.name(ref, value) ?? `a deleted ${TABLE_LABELS[ref].one.toLowerCase()}`;
  if (typeof value === 'number') {
    const currency = record?.['currency'];
    if (MONEY.has(field) && typeof currency === 'string') return formatMoney(value, currency);
    if (INSTANTS.has(field)) return formatInstant(value, typeof record?.['zone'] === 'string' ? (record['zone'] as string) : undefined);
    if (field.endsWith('Hours')) return `${value} h`;
    if (field === 'markupBp') return `${value / 100} %`;
    return String(value);
  }
  if (typeof value === 'string') {
    if (table === 'timeBlocks' && field === 'kind' && value in KIND_LABELS) return KIND_LABELS[value as keyof typeof KIND_LABELS];
    if (ISO_DAY.test(value)) return formatCalendarDate(value);
    if (value === '') return 'empty';
    return value.length > 160 ? `${value.slice(0, 157)}…` : value;
  }
  if (Array.isArray(value)) return value.length === 1 ? '1 entry' : `${value.length} entries`;
  // A nested value (contact, billing details, residency) changes whole: name what is in it.
  const parts = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined && typeof v !== 'object')
    .map(([k, v]) => `${fieldLabel(k)}: ${typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v)}`);
  return parts.length > 0 ? parts.join(', ') : 'details';
}

/** A record in a few words, so a person can tell it from its neighbours. */
export function recordLabel(table: EntityTableName, record: MaterializedRecord | undefined, names: Names): string {
  if (record === undefined) return TABLE_LABELS[table].one;
  const text = (field: string) => (typeof record[field] === 'string' ? (record[field] as string) : undefined);
  const num = (field: string) => (typeof record[field] === 'number' ? (record[field] as number) : undefined);
  switch (table) {
    case 'timeBlocks': {
      const start = num('start');
      const end = num('end');
      const kind = KIND_LABELS[text('kind') as keyof typeof KIND_LABELS] ?? 'Work';
      const project = names.name('projects', text('projectId') ?? '');
      const when = start === undefined ? '' : `, ${formatInstant(start, text('zone'))}${end !== undefined ? `, ${formatDurationWords(end - start)}` : ''}`;
      return `${kind}${project ? ` on ${project}` : ''}${when}`;
    }
    case 'expenses': {
      const amount = num('amountMinor');
      const currency = text('currency');
      const money = amount !== undefined && currency !== undefined ? formatMoney(amount, currency) : 'Expense';
      return `${money}${text('date') ? ` on ${formatCalendarDate(text('date') as string)}` : ''}`;
    }
    case 'experiments':
      return text('hypothesis') ?? 'Experiment';
    case 'invoices':
      return text('state') === 'issued' ? `Invoice ${String(record['number'] ?? '')}`.trim() : 'Draft invoice';
    case 'trips':
      return `${text('country') ?? 'Trip'}${text('from') ? `, ${formatCalendarDate(text('from') as string)}` : ''}`;
    case 'presenceDays':
      return ISO_DAY.test(text('id') ?? '') ? formatCalendarDate(text('id') as string) : 'Presence day';
    case 'settings':
      return text('id') ?? 'Setting';
    case 'killSwitches':
      return text('notes') || 'Kill switch';
    default:
      return text('name') ?? TABLE_LABELS[table].one;
  }
}

/** Fields a person does not need to see in a change list (bookkeeping every write touches, fixed ids). */
export function shownFields(fields: readonly string[]): string[] {
  return fields.filter((f) => f !== 'id' && f !== 'updatedAt' && f !== 'pdfBase64' && f !== 'xml');
}
