/**
 * "Export .ics…": the chosen records as an iCalendar file, saved through main
 * (exports/save-export.ts, kind 'calendar-ics'), naming every client whose data it holds.
 */
import type { ExportFile } from '../../exports/save-export.ts';
import { type CalendarExportChoice, type CalendarExportData, calendarExportItems } from './export-items.ts';
import { writeIcs } from './write-ics.ts';

export type ExportIcsOutcome = { kind: 'saved'; path: string; events: number } | { kind: 'cancelled' } | { kind: 'refused'; message: string };

export interface ExportIcsDeps {
  now: () => number;
  save: (file: ExportFile) => Promise<string | null>;
}

export async function exportIcs(deps: ExportIcsDeps, data: CalendarExportData, choice: CalendarExportChoice): Promise<ExportIcsOutcome> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(choice.from)) return { kind: 'refused', message: 'From: enter a day.' };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(choice.to)) return { kind: 'refused', message: 'To: enter a day.' };
  if (choice.to < choice.from) return { kind: 'refused', message: 'To: must not be before From.' };
  if (!Object.values(choice.include).some(Boolean)) return { kind: 'refused', message: 'Include: choose at least one kind of event.' };
  const { items, clientIds } = calendarExportItems(data, choice);
  if (items.length === 0) return { kind: 'refused', message: `Nothing to export from ${choice.from} to ${choice.to} with these choices.` };
  const content = writeIcs(items, { now: deps.now(), name: 'Caravan' });
  const ids = new Set(clientIds);
  const path = await deps.save({
    kind: 'calendar-ics',
    stem: `caravan-calendar-${choice.from}-${choice.to}`,
    content,
    clients: data.clients.filter((c) => ids.has(c.id)),
  });
  return path === null ? { kind: 'cancelled' } : { kind: 'saved', path, events: items.length };
}
