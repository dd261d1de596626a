/**
 * The CSV files of a client export, written from the JSON document so the two can never disagree.
 *
 * Same format as the reports' CSV (reports/csv.ts): RFC 4180, header row, CRLF, no byte-order
 * mark, text cells guarded against formula injection. Instants are the document's UTC ISO 8601
 * strings; money is integer minor units in a `*_minor` column beside a currency column. A value
 * that is `null` in the JSON is an empty cell; booleans are `true`/`false`. Lists whose items may
 * hold any character (experiment links, data requirements) are one cell of JSON text (`*_json`);
 * country lists are space-separated codes. A kill switch's acknowledgements get a file of their
 * own, one row each, keyed by `kill_switch_id`; an invoice's billed ids and per-currency totals
 * are JSON cells. Invoice documents have a file for the documents and one for their lines, keyed
 * by `document_id`; their PDF and XML are in the JSON document (and the PDFs saved as files).
 */
import { guardFormula, serializeCsv } from '../csv/write-csv.ts';
import type { BillingJson, ClientExportDocument, KillTriggerJson } from './export-format.ts';

/** The files, in the order a listing or an archive should show them. */
export const EXPORT_CSV_FILES = [
  'client.csv',
  'projects.csv',
  'phases.csv',
  'time-blocks.csv',
  'experiments.csv',
  'expenses.csv',
  'kill-switches.csv',
  'kill-switch-acknowledgements.csv',
  'invoices.csv',
  'invoice-documents.csv',
  'invoice-lines.csv',
] as const;
/** The name of one CSV file of an export. */
export type ExportCsvFile = (typeof EXPORT_CSV_FILES)[number];

type Cell = string | number | boolean | null;

/** A column: its header and how a record fills it. Text cells are guarded; numbers and booleans are not. */
type Column<T> = readonly [header: string, value: (row: T) => Cell];

function csv<T>(columns: readonly Column<T>[], rows: readonly T[]): string {
  const cell = (v: Cell): string => (v === null ? '' : typeof v === 'string' ? guardFormula(v) : String(v));
  return serializeCsv([columns.map(([header]) => header), ...rows.map((row) => columns.map(([, value]) => cell(value(row))))]);
}

type Doc = ClientExportDocument;
type Of<K extends keyof Doc> = Doc[K] extends readonly (infer T)[] ? T : Doc[K];

const CLIENT: readonly Column<Of<'client'>>[] = [
  ['client_id', (c) => c.id],
  ['name', (c) => c.name],
  ['company', (c) => c.company],
  ['email', (c) => c.contact.email],
  ['phone', (c) => c.contact.phone],
  ['address', (c) => c.contact.address],
  ['country', (c) => c.country],
  ['time_zone', (c) => c.timeZone],
  ['currency', (c) => c.currency],
  ['default_rate_minor', (c) => c.defaultRate.minor],
  ['residency', (c) => c.residency.kind],
  ['residency_zone', (c) => (c.residency.kind === 'zone' ? c.residency.zone : null)],
  ['residency_countries', (c) => (c.residency.kind === 'countries' ? c.residency.countries.join(' ') : null)],
  ['retention_months', (c) => c.retentionMonths],
  ['notes', (c) => c.notes],
  ['archived', (c) => c.archived],
  ['created_utc', (c) => c.createdAt],
  ['updated_utc', (c) => c.updatedAt],
];

const billingMoney = (b: BillingJson): { rate: number | null; fee: number | null; overage: number | null } => ({
  rate: b.kind === 'hourly' ? b.rate.minor : null,
  fee: b.kind === 'hourly' ? null : b.fee.minor,
  overage: b.kind === 'retainer' ? b.overageRate.minor : null,
});

const PROJECTS: readonly Column<Of<'projects'>>[] = [
  ['project_id', (p) => p.id],
  ['client_id', (p) => p.clientId],
  ['name', (p) => p.name],
  ['status', (p) => p.status],
  ['currency', (p) => p.currency],
  ['billing', (p) => p.billing.kind],
  ['rate_minor', (p) => billingMoney(p.billing).rate],
  ['fee_minor', (p) => billingMoney(p.billing).fee],
  ['value_basis', (p) => (p.billing.kind === 'value' ? p.billing.basis : null)],
  ['retainer_hours_per_month', (p) => (p.billing.kind === 'retainer' ? p.billing.hoursPerMonth : null)],
  ['overage_rate_minor', (p) => billingMoney(p.billing).overage],
  ['rollover', (p) => (p.billing.kind === 'retainer' ? p.billing.rollover : null)],
  ['estimate_hours', (p) => p.estimateHours],
  ['start_date', (p) => p.start],
  ['due_date', (p) => p.due],
  ['success_metric', (p) => p.successMetric?.name ?? null],
  ['success_metric_baseline', (p) => p.successMetric?.baseline ?? null],
  ['success_metric_target', (p) => p.successMetric?.target ?? null],
  ['success_metric_direction', (p) => p.successMetric?.direction ?? null],
  ['data_requirements_json', (p) => JSON.stringify(p.dataRequirements)],
  ['ip_terms', (p) => p.ipTerms],
  ['cost_alert_threshold_minor', (p) => p.costAlert?.threshold.minor ?? null],
  ['cost_alert_currency', (p) => p.costAlert?.threshold.currency ?? null],
  ['cost_alert_category', (p) => p.costAlert?.category ?? null],
  ['bias_testing_included', (p) => p.biasTesting?.included ?? null],
  ['bias_testing_note', (p) => p.biasTesting?.note ?? null],
  ['notes', (p) => p.notes],
  ['created_utc', (p) => p.createdAt],
  ['updated_utc', (p) => p.updatedAt],
];

const PHASES: readonly Column<Of<'phases'>>[] = [
  ['phase_id', (p) => p.id],
  ['project_id', (p) => p.projectId],
  ['client_id', (p) => p.clientId],
  ['name', (p) => p.name],
  ['order', (p) => p.order],
  ['budget_hours', (p) => p.budgetHours],
  ['start_date', (p) => p.start],
  ['end_date', (p) => p.end],
  ['status', (p) => p.status],
  ['exit_criteria', (p) => p.exitCriteria],
  ['created_utc', (p) => p.createdAt],
  ['updated_utc', (p) => p.updatedAt],
];

const TIME_BLOCKS: readonly Column<Of<'timeBlocks'>>[] = [
  ['block_id', (b) => b.id],
  ['project_id', (b) => b.projectId],
  ['client_id', (b) => b.clientId],
  ['phase_id', (b) => b.phaseId],
  ['experiment_id', (b) => b.experimentId],
  ['start_utc', (b) => b.start],
  ['end_utc', (b) => b.end],
  ['zone', (b) => b.zone],
  ['kind', (b) => b.kind],
  ['billable', (b) => b.billable],
  ['billed', (b) => b.billed],
  ['note', (b) => b.note],
  ['created_utc', (b) => b.createdAt],
  ['updated_utc', (b) => b.updatedAt],
];

const EXPERIMENTS: readonly Column<Of<'experiments'>>[] = [
  ['experiment_id', (e) => e.id],
  ['project_id', (e) => e.projectId],
  ['client_id', (e) => e.clientId],
  ['phase_id', (e) => e.phaseId],
  ['hypothesis', (e) => e.hypothesis],
  ['setup', (e) => e.setup],
  ['metric_name', (e) => e.metricName],
  ['metric_unit', (e) => e.metricUnit],
  ['baseline', (e) => e.baseline],
  ['target', (e) => e.target],
  ['value', (e) => e.value],
  ['status', (e) => e.status],
  ['outcome', (e) => e.outcome],
  ['links_json', (e) => JSON.stringify(e.links)],
  ['started_utc', (e) => e.startedAt],
  ['ended_utc', (e) => e.endedAt],
  ['notes', (e) => e.notes],
  ['created_utc', (e) => e.createdAt],
  ['updated_utc', (e) => e.updatedAt],
];

const EXPENSES: readonly Column<Of<'expenses'>>[] = [
  ['expense_id', (x) => x.id],
  ['project_id', (x) => x.projectId],
  ['client_id', (x) => x.clientId],
  ['date', (x) => x.date],
  ['amount_minor', (x) => x.amount.minor],
  ['currency', (x) => x.amount.currency],
  ['category', (x) => x.category],
  ['pass_through', (x) => x.passThrough],
  ['billed', (x) => x.billed],
  ['receipt_note', (x) => x.receiptNote],
  ['created_utc', (x) => x.createdAt],
  ['updated_utc', (x) => x.updatedAt],
];

const trigger =
  <T>(pick: (t: KillTriggerJson) => T | undefined) =>
  (k: Of<'killSwitches'>): T | null =>
    pick(k.trigger) ?? null;

const KILL_SWITCHES: readonly Column<Of<'killSwitches'>>[] = [
  ['kill_switch_id', (k) => k.id],
  ['project_id', (k) => k.projectId],
  ['client_id', (k) => k.clientId],
  ['trigger', (k) => k.trigger.kind],
  ['trigger_hours', trigger((t) => (t.kind === 'hours' ? t.hours : undefined))],
  ['trigger_amount_minor', trigger((t) => (t.kind === 'spend' ? t.amount.minor : undefined))],
  ['trigger_currency', trigger((t) => (t.kind === 'spend' ? t.amount.currency : undefined))],
  ['trigger_date', trigger((t) => (t.kind === 'date' ? t.date : undefined))],
  ['trigger_experiment_id', trigger((t) => (t.kind === 'metric' ? t.experimentId : undefined))],
  ['trigger_comparator', trigger((t) => (t.kind === 'metric' ? t.comparator : undefined))],
  ['trigger_threshold', trigger((t) => (t.kind === 'metric' ? t.threshold : undefined))],
  ['warn_at_ratio', (k) => k.warnAtRatio],
  ['consequence', (k) => k.consequence],
  ['stops_timer', (k) => k.stopsTimer],
  ['state', (k) => k.state],
  ['tripped_utc', (k) => k.trippedAt],
  ['notes', (k) => k.notes],
  ['created_utc', (k) => k.createdAt],
  ['updated_utc', (k) => k.updatedAt],
];

type Acknowledgement = Of<'killSwitches'>['acknowledgements'][number] & { readonly killSwitch: Of<'killSwitches'> };

const ACKNOWLEDGEMENTS: readonly Column<Acknowledgement>[] = [
  ['kill_switch_id', (a) => a.killSwitch.id],
  ['project_id', (a) => a.killSwitch.projectId],
  ['client_id', (a) => a.killSwitch.clientId],
  ['acknowledged_utc', (a) => a.at],
  ['tripped_utc', (a) => a.trippedAt],
  ['decision', (a) => a.decision],
  ['note', (a) => a.note],
  ['previous_trigger_json', (a) => (a.previousTrigger === null ? null : JSON.stringify(a.previousTrigger))],
];

const INVOICES: readonly Column<Of<'invoices'>>[] = [
  ['invoice_number', (r) => r.number],
  ['client_id', (r) => r.clientId],
  ['issue_date', (r) => r.issueDate],
  ['status', (r) => r.status],
  ['voided_on', (r) => r.voidedOn],
  ['time_block_ids_json', (r) => JSON.stringify(r.timeBlockIds)],
  ['expense_ids_json', (r) => JSON.stringify(r.expenseIds)],
  ['totals_json', (r) => JSON.stringify(r.totals)],
  ['kind', (r) => r.kind],
  ['due_date', (r) => r.dueDate],
  ['paid_on', (r) => r.paidOn],
  ['credit_for_number', (r) => r.creditFor],
  ['voided_by_number', (r) => r.voidedBy],
  ['document_id', (r) => r.documentId],
];

const DOCUMENTS: readonly Column<Of<'invoiceDocuments'>>[] = [
  ['document_id', (d) => d.id],
  ['client_id', (d) => d.clientId],
  ['kind', (d) => d.kind],
  ['state', (d) => d.state],
  ['number', (d) => d.number],
  ['series', (d) => d.series],
  ['issue_date', (d) => d.issueDate],
  ['due_date', (d) => d.dueDate],
  ['period_from', (d) => d.selection.from],
  ['period_to', (d) => d.selection.to],
  ['currency', (d) => d.currency],
  ['fixed_rate', (d) => d.fixedRate?.rate ?? null],
  ['fixed_rate_home_currency', (d) => d.fixedRate?.homeCurrency ?? null],
  ['fixed_rate_source', (d) => d.fixedRate?.source ?? null],
  ['fixed_rate_as_of', (d) => d.fixedRate?.asOf ?? null],
  ['seller_json', (d) => JSON.stringify(d.seller)],
  ['buyer_json', (d) => JSON.stringify(d.buyer)],
  ['note', (d) => d.note],
  ['credit_for_number', (d) => d.creditFor?.number ?? null],
  ['issued_utc', (d) => d.issuedAt],
  ['created_utc', (d) => d.createdAt],
  ['updated_utc', (d) => d.updatedAt],
];

type DocumentLine = Of<'invoiceDocuments'>['lines'][number] & { readonly documentId: string };

const LINES: readonly Column<DocumentLine>[] = [
  ['document_id', (l) => l.documentId],
  ['line_id', (l) => l.id],
  ['kind', (l) => l.kind],
  ['description', (l) => l.description],
  ['unit', (l) => l.unit],
  ['billed_ms', (l) => l.billedMs],
  ['worked_ms', (l) => l.workedMs],
  ['quantity_milli', (l) => l.milli],
  ['unit_price_minor', (l) => l.unitPrice.minor],
  ['net_minor', (l) => l.net.minor],
  ['currency', (l) => l.net.currency],
  ['vat_json', (l) => JSON.stringify(l.vat)],
  ['project_id', (l) => l.projectId],
  ['phase_id', (l) => l.phaseId],
  ['time_block_ids_json', (l) => JSON.stringify(l.timeBlockIds)],
  ['expense_ids_json', (l) => JSON.stringify(l.expenseIds)],
  ['period_from', (l) => l.period?.from ?? null],
  ['period_to', (l) => l.period?.to ?? null],
];

/** Header rows of every file, for documentation and tests. */
export const EXPORT_CSV_HEADERS: Readonly<Record<ExportCsvFile, readonly string[]>> = {
  'client.csv': CLIENT.map(([h]) => h),
  'projects.csv': PROJECTS.map(([h]) => h),
  'phases.csv': PHASES.map(([h]) => h),
  'time-blocks.csv': TIME_BLOCKS.map(([h]) => h),
  'experiments.csv': EXPERIMENTS.map(([h]) => h),
  'expenses.csv': EXPENSES.map(([h]) => h),
  'kill-switches.csv': KILL_SWITCHES.map(([h]) => h),
  'kill-switch-acknowledgements.csv': ACKNOWLEDGEMENTS.map(([h]) => h),
  'invoices.csv': INVOICES.map(([h]) => h),
  'invoice-documents.csv': DOCUMENTS.map(([h]) => h),
  'invoice-lines.csv': LINES.map(([h]) => h),
};

/** Every CSV file of the export, in {@link EXPORT_CSV_FILES} order; records keep the document's order. */
export function exportCsvFiles(doc: ClientExportDocument): Readonly<Record<ExportCsvFile, string>> {
  return {
    'client.csv': csv(CLIENT, [doc.client]),
    'projects.csv': csv(PROJECTS, doc.projects),
    'phases.csv': csv(PHASES, doc.phases),
    'time-blocks.csv': csv(TIME_BLOCKS, doc.timeBlocks),
    'experiments.csv': csv(EXPERIMENTS, doc.experiments),
    'expenses.csv': csv(EXPENSES, doc.expenses),
    'kill-switches.csv': csv(KILL_SWITCHES, doc.killSwitches),
    'kill-switch-acknowledgements.csv': csv(
      ACKNOWLEDGEMENTS,
      doc.killSwitches.flatMap((killSwitch) => killSwitch.acknowledgements.map((a) => ({ ...a, killSwitch }))),
    ),
    'invoices.csv': csv(INVOICES, doc.invoices),
    'invoice-documents.csv': csv(DOCUMENTS, doc.invoiceDocuments),
    'invoice-lines.csv': csv(
      LINES,
      doc.invoiceDocuments.flatMap((d) => d.lines.map((l) => ({ ...l, documentId: d.id }))),
    ),
  };
}
