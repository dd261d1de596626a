/** Reading the time-import fixtures the way the dialog does: headers, detection, rows, plan. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '../../../../src-renderer/domain/client.ts';
import type { Project } from '../../../../src-renderer/domain/project.ts';
import { planTimeImport, type NewClientChoice, type TimePlan } from '../../../../src-renderer/time-import/plan.ts';
import { readEntries, readReport } from '../../../../src-renderer/time-import/read-report.ts';
import type { TimeMapping } from '../../../../src-renderer/time-import/time-mapping.ts';
import { detectTimeFormat } from '../../../../src-renderer/time-import/vendors.ts';

export const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../../../fixtures/time-import', name), 'utf8');

export interface PlanOptions {
  zone?: string;
  clients?: Client[];
  projects?: Project[];
  imported?: Set<string>;
  choices?: Map<string, NewClientChoice>;
  /** For files that go to the mapping step. */
  mapping?: TimeMapping;
}

/** The plan of a fixture, recognised by its headers (or read with `mapping`). */
export async function planFixture(name: string, options: PlanOptions = {}): Promise<{ plan: TimePlan; mapping: TimeMapping }> {
  const report = await readReport(fixture(name));
  let mapping = options.mapping;
  if (!mapping) {
    const detection = detectTimeFormat(report.headers);
    if (detection.kind !== 'vendor') throw new Error(`${name} was not recognised: ${detection.kind}`);
    mapping = detection.mapping;
  }
  const read = readEntries(report, mapping);
  const plan = planTimeImport({
    entries: read.entries,
    readErrors: read.errors,
    readErrorCount: read.errorCount,
    zone: options.zone ?? 'Europe/Lisbon',
    clients: options.clients ?? [],
    projects: options.projects ?? [],
    imported: options.imported ?? new Set(),
    choices: options.choices ?? new Map(),
  });
  return { plan, mapping };
}

/** A block as the tests compare it: ISO instants, names, flags. */
export const shown = (plan: TimePlan) =>
  plan.blocks.map((b) => ({
    line: b.line,
    start: new Date(b.start).toISOString(),
    end: new Date(b.end).toISOString(),
    zone: b.zone,
    client: b.clientName,
    project: b.projectName,
    billable: b.billable,
    rate: b.rateMinor === null ? null : `${b.rateMinor} ${b.currency}`,
    note: b.note,
  }));
