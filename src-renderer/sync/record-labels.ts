/**
 * Records and fields in the person's words, for the deletion review and the conflicts list: "Time
 * block · Website relaunch · 3 Oct 2026, 2 h", "Note", never a table name or a field path. Works
 * on a record as the merge holds it (any field may be missing), so every read is defensive.
 */
import { formatDay, formatInstant } from '../ui/format/dates.ts';
import { formatDurationWords } from '../ui/format/duration.ts';

/** Names the labels look up: project and client names by id, from the open workspace. */
export interface LabelNames {
  project(id: string): string | undefined;
  client(id: string): string | undefined;
}

const KINDS: Record<string, { one: string; other: string }> = {
  clients: { one: 'client', other: 'clients' },
  projects: { one: 'project', other: 'projects' },
  phases: { one: 'phase', other: 'phases' },
  timeBlocks: { one: 'time block', other: 'time blocks' },
  experiments: { one: 'experiment', other: 'experiments' },
  expenses: { one: 'expense', other: 'expenses' },
  killSwitches: { one: 'kill switch', other: 'kill switches' },
  invoices: { one: 'invoice', other: 'invoices' },
  trips: { one: 'trip', other: 'trips' },
  presenceDays: { one: 'day you corrected', other: 'days you corrected' },
  settings: { one: 'setting', other: 'settings' },
};

/** "time block" / "time blocks" for a table. */
export function kindWord(table: string, count = 1): string {
  // Own keys only: a newer device's table may be called "constructor" (merge-state.ts allows the shape).
  const kind = Object.hasOwn(KINDS, table) ? (KINDS[table] as { one: string; other: string }) : { one: 'record', other: 'records' };
  return count === 1 ? kind.one : kind.other;
}

const FIELDS: Record<string, string> = {
  name: 'Name',
  notes: 'Notes',
  note: 'Note',
  start: 'Start',
  end: 'End',
  zone: 'Time zone',
  kind: 'Kind',
  billable: 'Billable',
  billed: 'Billed',
  status: 'Status',
  archived: 'Archived',
  country: 'Country',
  timeZone: 'Time zone',
  currency: 'Currency',
  defaultRateMinor: 'Default rate',
  rateMinor: 'Rate',
  residency: 'Where its data may be stored',
  projectId: 'Project',
  phaseId: 'Phase',
  date: 'Date',
  amountMinor: 'Amount',
  category: 'Category',
  passThrough: 'Re-billed at cost',
  markupBp: 'Markup',
  issueDate: 'Issue date',
  dueDate: 'Due date',
  value: 'Value',
  budgetMinutes: 'Time budget',
  color: 'Colour',
};

/** A field in words: a known name, else the field's own name split into words ("Due date"). */
export function fieldWord(field: string): string {
  const known = Object.hasOwn(FIELDS, field) ? FIELDS[field] : undefined;
  if (known) return known;
  const words = field
    .replace(/([a-z0-9])([A-Z])/gu, '$1 $2')
    .replace(/[_.-]+/gu, ' ')
    .toLowerCase()
    .trim();
  return words.length === 0 ? 'A field' : words[0]?.toUpperCase() + words.slice(1);
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** One line that tells a person which record this is. */
export function recordLabel(table: string, record: Readonly<Record<string, unknown>>, names: LabelNames): string {
  const project = str(record['projectId']) ? names.project(record['projectId'] as string) : undefined;
  const parts: string[] = [];
  switch (table) {
    case 'timeBlocks': {
      const start = num(record['start']);
      const end = num(record['end']);
      parts.push(project ?? 'A project');
      if (start !== undefined) parts.push(formatDay(start, str(record['zone'])));
      if (start !== undefined && end !== undefined) parts.push(formatDurationWords(end - start));
      if (str(record['note'])) parts.push(`“${record['note'] as string}”`);
      break;
    }
    case 'expenses': {
      parts.push(project ?? 'A project');
      if (str(record['date'])) parts.push(record['date'] as string);
      const amount = num(record['amountMinor']);
      if (amount !== undefined) parts.push(`${(amount / 100).toFixed(2)} ${str(record['currency']) ?? ''}`.trim());
      break;
    }
    case 'invoices':
      parts.push(str(record['number']) ?? 'Draft');
      if (str(record['issueDate'])) parts.push(record['issueDate'] as string);
      break;
    case 'clients':
      parts.push(str(record['name']) ?? (str(record['id']) ? (names.client(record['id'] as string) ?? 'A client') : 'A client'));
      break;
    case 'trips': {
      const from = str(record['from']) ?? str(record['start']);
      const to = str(record['to']) ?? str(record['end']);
      parts.push(str(record['country']) ?? 'A trip');
      if (from) parts.push(to ? `${from} to ${to}` : from);
      break;
    }
    case 'presenceDays':
      parts.push(str(record['id']) ?? 'A day');
      break;
    case 'settings':
      parts.push(fieldWord(str(record['id']) ?? 'setting'));
      break;
    default:
      parts.push(str(record['name']) ?? str(record['title']) ?? (project ? `In ${project}` : 'Unnamed'));
      if (project && (str(record['name']) || str(record['title']))) parts.push(project);
  }
  return parts.join(' · ');
}

/** A field's value in words, for the conflicts list. */
export function valueWords(field: string, value: unknown, present: boolean): string {
  if (!present) return 'Cleared';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string') return value.length === 0 ? 'Empty' : value;
  if (typeof value === 'number') {
    if ((field === 'start' || field === 'end' || field.endsWith('At')) && value > 1e11) return formatInstant(value);
    if (field.endsWith('Minor')) return (value / 100).toFixed(2);
    return String(value);
  }
  return JSON.stringify(value);
}
