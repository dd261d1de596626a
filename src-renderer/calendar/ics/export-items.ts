/**
 * What a calendar export holds, chosen by period, clients and kinds: time blocks, phase deadlines,
 * kill-switch dates and invoice due dates, as ICS items (write-ics.ts), with every client whose
 * data they carry, so the save names them to main and a device-only client is asked about
 * (exports/save-export.ts), as the report CSVs do.
 */
import type { Client } from '../../domain/client.ts';
import type { KillSwitch } from '../../domain/kill-switch.ts';
import type { Phase } from '../../domain/phase.ts';
import type { Project } from '../../domain/project.ts';
import type { TimeBlock } from '../../domain/time-block.ts';
import { originOf, type RegisteredInvoice } from '../../reports/invoice-register.ts';
import { KIND_LABELS } from '../../time/kinds.ts';
import { fromZoned } from '../../time/zoned-time.ts';
import type { IcsItem } from './write-ics.ts';

export interface CalendarExportChoice {
  /** First and last day, 'YYYY-MM-DD', both included, read in `zone`. */
  from: string;
  to: string;
  zone: string;
  /** Only these clients' records; null for every client. */
  clientIds: ReadonlySet<string> | null;
  include: { blocks: boolean; deadlines: boolean; killSwitches: boolean; invoices: boolean };
}

export interface CalendarExportData {
  clients: readonly Client[];
  projects: readonly Project[];
  phases: readonly Phase[];
  killSwitches: readonly KillSwitch[];
  blocks: readonly TimeBlock[];
  invoices: readonly RegisteredInvoice[];
}

const uidOf = (id: string) => `${id}@caravan`;

function dayStart(day: string, zone: string): number {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return fromZoned({ year, month, day: date }, zone);
}

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The items of `choice` from `data`, by start, and the ids of the clients whose data they hold. */
export function calendarExportItems(data: CalendarExportData, choice: CalendarExportChoice): { items: IcsItem[]; clientIds: string[] } {
  const from = dayStart(choice.from, choice.zone);
  const to = dayStart(nextDay(choice.to), choice.zone);
  const inDays = (day: string | undefined): day is string => day !== undefined && day >= choice.from && day <= choice.to;
  const wanted = (clientId: string) => choice.clientIds === null || choice.clientIds.has(clientId);
  const projects = new Map(data.projects.map((p) => [p.id, p]));
  const clients = new Map(data.clients.map((c) => [c.id, c]));
  const projectName = (id: string) => projects.get(id)?.name ?? 'Unknown project';
  const items: { item: IcsItem; at: number; clientId: string }[] = [];

  if (choice.include.blocks) {
    for (const b of data.blocks) {
      if (!wanted(b.clientId) || b.start < from || b.start >= to) continue;
      const item: IcsItem = {
        kind: 'timed',
        uid: uidOf(b.id),
        summary: `${projectName(b.projectId)} – ${KIND_LABELS[b.kind]}`,
        description: b.note,
        start: b.start,
        end: b.end,
        zone: b.zone,
      };
      items.push({ item, at: b.start, clientId: b.clientId });
    }
  }
  if (choice.include.deadlines) {
    for (const p of data.phases) {
      if (!wanted(p.clientId) || !inDays(p.end) || p.status === 'skipped') continue;
      const item: IcsItem = {
        kind: 'all-day',
        uid: uidOf(p.id),
        summary: `${projectName(p.projectId)} – ${p.name} ends`,
        description: p.exitCriteria,
        day: p.end,
      };
      items.push({ item, at: dayStart(p.end, choice.zone), clientId: p.clientId });
    }
  }
  if (choice.include.killSwitches) {
    for (const k of data.killSwitches) {
      if (k.trigger.kind !== 'date' || !wanted(k.clientId) || !inDays(k.trigger.date) || k.state === 'disarmed') continue;
      const item: IcsItem = {
        kind: 'all-day',
        uid: uidOf(k.id),
        summary: `Kill switch: ${projectName(k.projectId)}`,
        description: k.consequence,
        day: k.trigger.date,
      };
      items.push({ item, at: dayStart(k.trigger.date, choice.zone), clientId: k.clientId });
    }
  }
  if (choice.include.invoices) {
    for (const r of data.invoices) {
      if (r.kind === 'credit-note' || r.status !== 'issued' || !wanted(r.clientId) || !inDays(r.dueDate)) continue;
      const client = clients.get(r.clientId)?.name ?? 'a client Caravan cannot name';
      const description = r.paidOn ? `Issued ${r.issueDate}; paid on ${r.paidOn}.` : `Issued ${r.issueDate}.`;
      const item: IcsItem = { kind: 'all-day', uid: uidOf(originOf(r.key)), summary: `${r.number} due (${client})`, description, day: r.dueDate };
      items.push({ item, at: dayStart(r.dueDate, choice.zone), clientId: r.clientId });
    }
  }
  items.sort((a, b) => a.at - b.at || a.item.uid.localeCompare(b.item.uid));
  return { items: items.map((i) => i.item), clientIds: [...new Set(items.map((i) => i.clientId))] };
}
