/**
 * What an import would write, from the rows read: each placed in time, matched to a client and a
 * project (or to one the import creates), and checked against the blocks imported before (same
 * source and key: skipped). Pure, so the preview and the write plan alike, and changing the zone or
 * a new client's details plans again without reading the file.
 */
import ct from 'countries-and-timezones';
import { CappedList } from '../csv/capped-list.ts';
import type { Client } from '../domain/client.ts';
import type { Project } from '../domain/project.ts';
import { type ClientRef, matcher, type ProjectRef } from './matching.ts';
import { placer } from './placing.ts';
import type { TimeEntry } from './read-entries.ts';

/** What the person says about a client the import creates (asked once per client, with defaults). */
export interface NewClientChoice {
  readonly country: string;
  readonly timeZone: string;
  readonly currency: string;
}

export interface NewClientPlan extends NewClientChoice {
  readonly key: string;
  readonly name: string;
}

export interface NewProjectPlan {
  readonly key: string;
  readonly client: ClientRef;
  readonly name: string;
  /** The first rate the file gives for it (Clockify and Harvest rates, Toggl amount / duration). */
  readonly rateMinor: number | null;
  readonly currency: string | null;
}

export interface PlannedBlock {
  readonly line: number;
  readonly key: string;
  readonly start: number;
  readonly end: number;
  readonly zone: string;
  readonly client: ClientRef;
  readonly clientName: string;
  readonly project: ProjectRef;
  readonly projectName: string;
  readonly billable: boolean;
  readonly rateMinor: number | null;
  readonly currency: string | null;
  readonly note: string;
}

export interface TimePlan {
  readonly blocks: readonly PlannedBlock[];
  /** Rows imported before (same source and key). */
  readonly skipped: number;
  /** Rows of no duration, left out. */
  readonly zeroRows: number;
  readonly errors: readonly string[];
  readonly errorCount: number;
  readonly newClients: readonly NewClientPlan[];
  readonly newProjects: readonly NewProjectPlan[];
  readonly totalMs: number;
  readonly billableMs: number;
}

export interface PlanInput {
  readonly entries: readonly TimeEntry[];
  /** Rows that could not be read (the first few hundred) and how many there were. */
  readonly readErrors: readonly string[];
  readonly readErrorCount: number;
  /** The import's zone, for rows without a zone column. */
  readonly zone: string;
  readonly clients: readonly Client[];
  readonly projects: readonly Project[];
  /** Keys of blocks already imported from this source. */
  readonly imported: ReadonlySet<string>;
  /** The person's choices for new clients, by name key; defaults for the rest. */
  readonly choices: ReadonlyMap<string, NewClientChoice>;
}

/** A new client's defaults: the import's zone, its country, the currency of the client's first rate (else EUR). */
export function defaultChoice(zone: string, currency: string | null): NewClientChoice {
  const country = ct.getCountriesForTimezone(zone)[0]?.id ?? 'DE';
  return { country, timeZone: zone, currency: currency ?? 'EUR' };
}

export function planTimeImport(input: PlanInput): TimePlan {
  const match = matcher(input.clients, input.projects);
  const place = placer(input.zone);
  const errors = new CappedList<string>();
  for (const e of input.readErrors) errors.add(e);
  errors.count = input.readErrorCount;
  const blocks: PlannedBlock[] = [];
  const newClients = new Map<string, { name: string; currency: string | null }>();
  const newProjects = new Map<string, NewProjectPlan>();
  let skipped = 0;
  let zeroRows = 0;
  let totalMs = 0;
  let billableMs = 0;
  for (const entry of input.entries) {
    const placement = place(entry);
    if ('error' in placement) {
      errors.add(placement.error);
      continue;
    }
    if ('zero' in placement) {
      zeroRows++;
      continue;
    }
    if (input.imported.has(entry.key)) {
      skipped++;
      continue;
    }
    const m = match(entry.client, entry.project);
    if ('newKey' in m.client) {
      const known = newClients.get(m.client.newKey);
      if (!known) newClients.set(m.client.newKey, { name: m.clientName, currency: entry.currency });
      else if (known.currency === null && entry.currency !== null) known.currency = entry.currency;
    }
    if ('newKey' in m.project) {
      const known = newProjects.get(m.project.newKey);
      if (!known || (known.rateMinor === null && entry.rateMinor !== null)) {
        newProjects.set(m.project.newKey, {
          key: m.project.newKey,
          client: m.client,
          name: m.projectName,
          rateMinor: entry.rateMinor,
          currency: entry.rateMinor === null ? null : entry.currency,
        });
      }
    }
    const ms = placement.placed.end - placement.placed.start;
    totalMs += ms;
    if (entry.billable) billableMs += ms;
    blocks.push({
      line: entry.line,
      key: entry.key,
      ...placement.placed,
      ...m,
      billable: entry.billable,
      rateMinor: entry.rateMinor,
      currency: entry.currency,
      note: [entry.task, entry.description].filter((t) => t !== '').join(': '),
    });
  }
  return {
    blocks,
    skipped,
    zeroRows,
    errors: errors.items.sort((a, b) => rowOf(a) - rowOf(b)),
    errorCount: errors.count,
    newClients: [...newClients].map(([key, c]) => ({ key, name: c.name, ...(input.choices.get(key) ?? defaultChoice(input.zone, c.currency)) })),
    newProjects: [...newProjects.values()],
    totalMs,
    billableMs,
  };
}

const rowOf = (message: string) => Number(/^Row (\d+)/u.exec(message)?.[1] ?? 0);
