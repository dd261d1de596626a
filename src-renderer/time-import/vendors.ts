/**
 * The detailed time reports of Toggl Track, Clockify and Harvest, as their CSV exports name the
 * columns (sources in docs/presence.md, "Imports from Toggl Track, Clockify and Harvest"). A file
 * holding every required header of one is read as that vendor's without asking; a file holding
 * half of them or more "resembles" it and goes to the mapping step with its columns preselected.
 */
import { column } from '../csv/columns.ts';
import { suggestColumns } from '../csv/header-match.ts';
import { currencyOfHeader, type TimeColumns, type TimeField, type TimeMapping } from './time-mapping.ts';

export interface Vendor {
  readonly source: 'toggl' | 'clockify' | 'harvest';
  readonly label: string;
  /** Headers every export of this vendor has. */
  readonly required: readonly string[];
  /** The vendor's column per field; an optional one is used when the file has it. */
  readonly columns: TimeColumns;
  /** The order the vendor writes dates in when not ISO (Clockify's default is the US order). */
  readonly dateOrder: TimeMapping['dateOrder'];
}

export const VENDORS: readonly Vendor[] = [
  {
    source: 'toggl',
    label: 'Toggl Track detailed report',
    required: ['Project', 'Description', 'Start date', 'Start time', 'End date', 'End time', 'Duration'],
    columns: {
      date: 'Start date',
      startTime: 'Start time',
      endDate: 'End date',
      endTime: 'End time',
      duration: 'Duration',
      client: 'Client',
      project: 'Project',
      task: 'Task',
      description: 'Description',
      billable: 'Billable',
      amount: 'Amount',
      user: 'Email',
    },
    dateOrder: 'ymd',
  },
  {
    source: 'clockify',
    label: 'Clockify detailed report',
    required: ['Project', 'Description', 'Start Date', 'Start Time', 'End Date', 'End Time', 'Duration (decimal)'],
    columns: {
      date: 'Start Date',
      startTime: 'Start Time',
      endDate: 'End Date',
      endTime: 'End Time',
      duration: 'Duration (decimal)',
      client: 'Client',
      project: 'Project',
      task: 'Task',
      description: 'Description',
      billable: 'Billable',
      rate: 'Billable Rate',
      user: 'Email',
    },
    dateOrder: 'mdy',
  },
  {
    source: 'harvest',
    label: 'Harvest detailed time report',
    required: ['Date', 'Client', 'Project', 'Task', 'Notes', 'Hours'],
    columns: {
      date: 'Date',
      duration: 'Hours',
      client: 'Client',
      project: 'Project',
      task: 'Task',
      description: 'Notes',
      billable: 'Billable?',
      rate: 'Billable Rate',
      currency: 'Currency',
      user: 'First Name',
    },
    dateOrder: 'ymd',
  },
];

/** A header of the file equal to `name`, or starting with it and a currency in parentheses (`Amount (EUR)`). */
function findHeader(headers: readonly string[], name: string): string | undefined {
  const exact = column(headers, name);
  if (exact >= 0) return headers[exact];
  const lower = name.toLowerCase();
  return headers.find((h) => h.trim().toLowerCase().startsWith(`${lower} (`) && currencyOfHeader(h) !== null);
}

/** The vendor's mapping for these headers: its columns that the file has, the currency its headers name. */
export function vendorMapping(vendor: Vendor, headers: readonly string[]): TimeMapping {
  const columns: Partial<TimeColumns> = {};
  for (const [field, name] of Object.entries(vendor.columns) as [TimeField, string][]) {
    const found = findHeader(headers, name);
    if (found !== undefined) columns[field] = found.trim();
  }
  // None of the three writes a zone, but a file that gained one (a team's own column) is read by it.
  const zone = headers.find((h) => /^\s*time ?zone\s*$/iu.test(h));
  if (zone !== undefined) columns.zone = zone.trim();
  const currency = currencyOfHeader(columns.amount) ?? currencyOfHeader(columns.rate);
  return {
    source: vendor.source,
    columns: columns as TimeColumns,
    dateOrder: vendor.dateOrder,
    decimal: '.',
    ...(currency ? { currency } : {}),
  };
}

/** What a file's headers say. */
export type TimeDetection =
  | { readonly kind: 'vendor'; readonly vendor: Vendor; readonly mapping: TimeMapping }
  | { readonly kind: 'mapping'; readonly resembles: Vendor | null; readonly suggestion: Partial<TimeColumns> }
  | { readonly kind: 'empty' };

const HINTS: Record<TimeField, readonly string[]> = {
  date: ['start date', 'date', 'day', 'datum', 'startdatum', 'fecha', 'fecha de inicio', 'date de début', 'data'],
  startTime: ['start time', 'start', 'from', 'startzeit', 'beginn', 'von', 'hora de inicio', 'heure de début', 'inizio'],
  endDate: ['end date', 'enddatum', 'fecha de fin', 'date de fin'],
  endTime: ['end time', 'end', 'to', 'endzeit', 'ende', 'bis', 'hora de fin', 'heure de fin', 'fine'],
  duration: ['duration', 'hours', 'duration (decimal)', 'dauer', 'stunden', 'duración', 'durée', 'heures', 'durata', 'ore'],
  client: ['client', 'customer', 'kunde', 'auftraggeber', 'cliente'],
  project: ['project', 'projekt', 'proyecto', 'projet', 'progetto'],
  task: ['task', 'activity', 'aufgabe', 'tätigkeit', 'tarea', 'tâche', 'attività'],
  description: ['description', 'notes', 'note', 'beschreibung', 'notiz', 'descripción', 'descrição', 'commentaire'],
  billable: ['billable', 'billable?', 'abrechenbar', 'facturable', 'fatturabile'],
  rate: ['billable rate', 'rate', 'hourly rate', 'stundensatz', 'tarif', 'tarifa'],
  amount: ['amount', 'billable amount', 'betrag', 'importe', 'montant', 'importo'],
  currency: ['currency', 'währung', 'moneda', 'devise', 'valuta'],
  zone: ['time zone', 'timezone', 'zone', 'zeitzone', 'zona horaria', 'fuseau horaire'],
  user: ['email', 'user', 'member', 'benutzer', 'usuario', 'utilisateur'],
};

const ORDER: readonly TimeField[] = [
  'project',
  'client',
  'endDate',
  'date',
  'endTime',
  'startTime',
  'duration',
  'description',
  'task',
  'billable',
  'rate',
  'amount',
  'currency',
  'zone',
  'user',
];

/** The vendor whose export these headers are, else the one they resemble, for the mapping step. */
export function detectTimeFormat(headers: readonly string[]): TimeDetection {
  if (headers.length === 0 || headers.every((h) => h === '')) return { kind: 'empty' };
  for (const vendor of VENDORS) {
    if (vendor.required.every((name) => column(headers, name) >= 0)) return { kind: 'vendor', vendor, mapping: vendorMapping(vendor, headers) };
  }
  const share = (v: Vendor) => v.required.filter((name) => findHeader(headers, name) !== undefined).length / v.required.length;
  const resembles = [...VENDORS].sort((a, b) => share(b) - share(a)).find((v) => share(v) >= 0.5) ?? null;
  const suggestion = suggestColumns(headers, ORDER, HINTS, resembles?.columns);
  return { kind: 'mapping', resembles, suggestion };
}
