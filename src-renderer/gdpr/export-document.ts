/** Domain records to the export document ({@link ClientExportDocument}): field mapping and record order. */
import type { Client } from '../domain/client.ts';
import type { Experiment } from '../domain/experiment.ts';
import type { Expense } from '../domain/expense.ts';
import type { KillSwitch } from '../domain/kill-switch.ts';
import type { Phase } from '../domain/phase.ts';
import type { Billing, Project } from '../domain/project.ts';
import type { TimeBlock } from '../domain/time-block.ts';
import type { Invoice } from '../domain/invoice.ts';
import { hasDocument, type InvoiceRecord, originOf } from '../reports/invoice-register.ts';
import { invoiceDocumentJson } from './export-invoice-documents.ts';
import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  type BillingJson,
  type ClientExportDocument,
  type ClientJson,
  type ExperimentJson,
  type ExpenseJson,
  type InvoiceJson,
  type KillSwitchJson,
  type KillTriggerJson,
  type MoneyJson,
  type PhaseJson,
  type ProjectJson,
  type TimeBlockJson,
} from './export-format.ts';

/** One client and its records, as the repositories return them. */
export interface ClientRecords {
  readonly client: Client;
  readonly projects: readonly Project[];
  readonly phases: readonly Phase[];
  readonly timeBlocks: readonly TimeBlock[];
  readonly experiments: readonly Experiment[];
  readonly expenses: readonly Expense[];
  readonly killSwitches: readonly KillSwitch[];
  /** The client's entries of the invoice register, with their register key where known. */
  readonly invoices: readonly (InvoiceRecord & { readonly key?: string })[];
  /** The client's invoice documents (drafts, invoices and credit notes as sent). */
  readonly invoiceDocuments: readonly Invoice[];
}

/** UTC ISO 8601 with milliseconds. */
export const isoInstant = (ms: number): string => new Date(ms).toISOString();
const isoOrNull = (ms: number | undefined): string | null => (ms === undefined ? null : isoInstant(ms));
const money = (minor: number, currency: string): MoneyJson => ({ minor, currency });

function clientJson(c: Client): ClientJson {
  const r = c.residency;
  return {
    id: c.id,
    name: c.name,
    company: c.company ?? null,
    contact: { email: c.contact.email ?? null, phone: c.contact.phone ?? null, address: c.contact.address ?? null },
    country: c.country,
    timeZone: c.timeZone,
    currency: c.currency,
    defaultRate: money(c.defaultRateMinor, c.currency),
    residency: r.kind === 'device-only' ? { kind: r.kind } : r.kind === 'zone' ? { kind: r.kind, zone: r.zone } : { kind: r.kind, countries: [...r.countries] },
    retentionMonths: c.retentionMonths ?? null,
    notes: c.notes,
    archived: c.archived,
    createdAt: isoInstant(c.createdAt),
    updatedAt: isoInstant(c.updatedAt),
  };
}

function billingJson(b: Billing, currency: string): BillingJson {
  switch (b.kind) {
    case 'hourly':
      return { kind: b.kind, rate: money(b.rateMinor, currency) };
    case 'fixed':
      return { kind: b.kind, fee: money(b.feeMinor, currency) };
    case 'value':
      return { kind: b.kind, fee: money(b.feeMinor, currency), basis: b.basis };
    case 'retainer':
      return {
        kind: b.kind,
        hoursPerMonth: b.hoursPerMonth,
        fee: money(b.feeMinor, currency),
        overageRate: money(b.overageRateMinor, currency),
        rollover: b.rollover ?? 'none',
      };
  }
}

function projectJson(p: Project): ProjectJson {
  const m = p.successMetric;
  return {
    id: p.id,
    clientId: p.clientId,
    name: p.name,
    status: p.status,
    currency: p.currency,
    billing: billingJson(p.billing, p.currency),
    estimateHours: p.estimateHours ?? null,
    start: p.start ?? null,
    due: p.due ?? null,
    successMetric: m === undefined ? null : { name: m.name, baseline: m.baseline ?? null, target: m.target ?? null, direction: m.direction },
    dataRequirements: (p.dataRequirements ?? []).map((d) => ({
      item: d.item,
      format: d.format ?? null,
      minLabeled: d.minLabeled ?? null,
      deliveredOn: d.deliveredOn ?? null,
      validatedOn: d.validatedOn ?? null,
    })),
    ipTerms: p.ipTerms ?? null,
    costAlert:
      p.costAlert === undefined ? null : { threshold: money(p.costAlert.thresholdMinor, p.costAlert.currency), category: p.costAlert.category ?? null },
    biasTesting: p.biasTesting === undefined ? null : { included: p.biasTesting.included, note: p.biasTesting.note },
    notes: p.notes,
    createdAt: isoInstant(p.createdAt),
    updatedAt: isoInstant(p.updatedAt),
  };
}

function phaseJson(p: Phase): PhaseJson {
  return {
    id: p.id,
    projectId: p.projectId,
    clientId: p.clientId,
    name: p.name,
    order: p.order,
    budgetHours: p.budgetHours,
    start: p.start ?? null,
    end: p.end ?? null,
    status: p.status,
    exitCriteria: p.exitCriteria,
    createdAt: isoInstant(p.createdAt),
    updatedAt: isoInstant(p.updatedAt),
  };
}

function timeBlockJson(b: TimeBlock): TimeBlockJson {
  return {
    id: b.id,
    projectId: b.projectId,
    clientId: b.clientId,
    phaseId: b.phaseId ?? null,
    experimentId: b.experimentId ?? null,
    start: isoInstant(b.start),
    end: isoInstant(b.end),
    zone: b.zone,
    kind: b.kind,
    billable: b.billable,
    billed: b.billed,
    note: b.note,
    createdAt: isoInstant(b.createdAt),
    updatedAt: isoInstant(b.updatedAt),
  };
}

function experimentJson(e: Experiment): ExperimentJson {
  return {
    id: e.id,
    projectId: e.projectId,
    clientId: e.clientId,
    phaseId: e.phaseId ?? null,
    hypothesis: e.hypothesis,
    setup: e.setup,
    metricName: e.metricName,
    metricUnit: e.metricUnit ?? null,
    baseline: e.baseline ?? null,
    target: e.target ?? null,
    value: e.value ?? null,
    status: e.status,
    outcome: e.outcome ?? null,
    links: [...e.links],
    startedAt: isoOrNull(e.startedAt),
    endedAt: isoOrNull(e.endedAt),
    notes: e.notes,
    createdAt: isoInstant(e.createdAt),
    updatedAt: isoInstant(e.updatedAt),
  };
}

function expenseJson(x: Expense): ExpenseJson {
  return {
    id: x.id,
    projectId: x.projectId,
    clientId: x.clientId,
    date: x.date,
    amount: money(x.amountMinor, x.currency),
    category: x.category,
    passThrough: x.passThrough,
    billed: x.billed,
    receiptNote: x.receiptNote,
    createdAt: isoInstant(x.createdAt),
    updatedAt: isoInstant(x.updatedAt),
  };
}

function triggerJson(t: KillSwitch['trigger']): KillTriggerJson {
  switch (t.kind) {
    case 'hours':
      return { kind: t.kind, hours: t.hours };
    case 'spend':
      return { kind: t.kind, amount: money(t.amountMinor, t.currency) };
    case 'date':
      return { kind: t.kind, date: t.date };
    case 'metric':
      return { kind: t.kind, experimentId: t.experimentId, comparator: t.comparator, threshold: t.threshold };
  }
}

function killSwitchJson(k: KillSwitch): KillSwitchJson {
  return {
    id: k.id,
    projectId: k.projectId,
    clientId: k.clientId,
    trigger: triggerJson(k.trigger),
    warnAtRatio: k.warnAtRatio ?? null,
    consequence: k.consequence,
    stopsTimer: k.stopsTimer,
    state: k.state,
    trippedAt: isoOrNull(k.trippedAt),
    acknowledgements: (k.acknowledgements ?? []).map((a) => ({
      at: isoInstant(a.at),
      trippedAt: isoInstant(a.trippedAt),
      decision: a.decision,
      note: a.note,
      previousTrigger: a.previousTrigger === undefined ? null : triggerJson(a.previousTrigger),
    })),
    notes: k.notes,
    createdAt: isoInstant(k.createdAt),
    updatedAt: isoInstant(k.updatedAt),
  };
}

function invoiceJson(r: InvoiceRecord & { readonly key?: string }, numbers: ReadonlyMap<string, string>): InvoiceJson {
  const numberOf = (key: string | undefined) => (key === undefined ? null : (numbers.get(key) ?? null));
  return {
    number: r.number,
    clientId: r.clientId,
    issueDate: r.issueDate,
    status: r.status,
    voidedOn: r.voidedOn ?? null,
    timeBlockIds: [...r.blockIds],
    expenseIds: [...r.expenseIds],
    totals: r.totals.map(([currency, minor]) => money(minor, currency)),
    kind: r.kind ?? 'invoice',
    dueDate: r.dueDate ?? null,
    paidOn: r.paidOn ?? null,
    creditFor: numberOf(r.creditFor),
    voidedBy: numberOf(r.voidedBy),
    documentId: hasDocument(r) && r.key !== undefined ? originOf(r.key) : null,
  };
}

// Code-unit order, not localeCompare: the order must not depend on the machine's locale.
const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Records in export order: projects, experiments and kill switches by id; phases by project id,
 * then position, then id; time blocks by start, then id; expenses by date, then id; invoices by
 * number, then issue date.
 */
export function sortForExport(records: ClientRecords): ClientRecords {
  return {
    client: records.client,
    projects: [...records.projects].sort((a, b) => byString(a.id, b.id)),
    phases: [...records.phases].sort((a, b) => byString(a.projectId, b.projectId) || a.order - b.order || byString(a.id, b.id)),
    timeBlocks: [...records.timeBlocks].sort((a, b) => a.start - b.start || byString(a.id, b.id)),
    experiments: [...records.experiments].sort((a, b) => byString(a.id, b.id)),
    expenses: [...records.expenses].sort((a, b) => byString(a.date, b.date) || byString(a.id, b.id)),
    killSwitches: [...records.killSwitches].sort((a, b) => byString(a.id, b.id)),
    // Two devices may have used one number before they synced; their content orders them then.
    invoices: [...records.invoices].sort(
      (a, b) => byString(a.number, b.number) || byString(a.issueDate, b.issueDate) || byString(JSON.stringify(a), JSON.stringify(b)),
    ),
    // Drafts (no number) after the numbered documents, by id.
    invoiceDocuments: [...records.invoiceDocuments].sort((a, b) => byString(a.number ?? '\uffff', b.number ?? '\uffff') || byString(a.id, b.id)),
  };
}

/** The document for records already checked and sorted; `exportedAt` is UTC epoch ms. */
export function exportDocument(sorted: ClientRecords, exportedAt: number, appVersion: string): ClientExportDocument {
  const numbers = new Map(sorted.invoices.flatMap((r) => (r.key === undefined ? [] : [[r.key, r.number] as const])));
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: isoInstant(exportedAt),
    appVersion,
    client: clientJson(sorted.client),
    projects: sorted.projects.map(projectJson),
    phases: sorted.phases.map(phaseJson),
    timeBlocks: sorted.timeBlocks.map(timeBlockJson),
    experiments: sorted.experiments.map(experimentJson),
    expenses: sorted.expenses.map(expenseJson),
    killSwitches: sorted.killSwitches.map(killSwitchJson),
    invoices: sorted.invoices.map((r) => invoiceJson(r, numbers)),
    invoiceDocuments: sorted.invoiceDocuments.map(invoiceDocumentJson),
  };
}
