/** The project form's values as typed, and their conversion to a repository input (tested without a DOM). */
import type { Client } from '../domain/client.ts';
import type { Billing, Project, ProjectStatus } from '../domain/project.ts';
import { formatMinorPlain, toMinor } from '../reports/money.ts';
import type { NewProject } from '../vault/repos/projects.ts';
import { type Checked, type FieldErrors, hasErrors } from '../ui/field-errors.ts';
import { billingRulesValues, type BillingRulesValues, toBillingRules } from './billing-rules-form.ts';

export type BillingKind = Billing['kind'];

export interface ProjectFormValues {
  clientId: string;
  name: string;
  status: ProjectStatus;
  billingKind: BillingKind;
  /** Hourly rate, or the retainer's overage rate. */
  rate: string;
  /** Fixed, value or retainer fee. */
  fee: string;
  valueBasis: string;
  hoursPerMonth: string;
  /** Retainer: whether unused hours carry into the next month. */
  rollover: 'none' | 'next-month';
  currency: string;
  estimateHours: string;
  start: string;
  due: string;
  /** Rounding and rate changes (billing-rules-form.ts). */
  rules: BillingRulesValues;
  notes: string;
}

export const BILLING_LABELS: Record<BillingKind, string> = {
  hourly: 'Hourly',
  fixed: 'Fixed fee',
  value: 'Value-based',
  retainer: 'Retainer',
};

export const STATUS_LABELS: Record<ProjectStatus, string> = {
  lead: 'Lead',
  active: 'Active',
  paused: 'Paused',
  done: 'Done',
  cancelled: 'Cancelled',
};

/** The form for `project`, or a new one under `client` (its currency and default rate). */
export function projectFormValues(project: Project | undefined, client: Client | undefined): ProjectFormValues {
  const currency = project?.currency ?? client?.currency ?? 'EUR';
  const money = (minor: number | undefined) => (minor === undefined ? '' : formatMinorPlain(minor, currency));
  const billing = project?.billing;
  return {
    clientId: project?.clientId ?? client?.id ?? '',
    name: project?.name ?? '',
    status: project?.status ?? 'active',
    billingKind: billing?.kind ?? 'hourly',
    rate: money(billing?.kind === 'hourly' ? billing.rateMinor : billing?.kind === 'retainer' ? billing.overageRateMinor : client?.defaultRateMinor),
    fee: money(billing && billing.kind !== 'hourly' ? billing.feeMinor : undefined),
    valueBasis: billing?.kind === 'value' ? billing.basis : '',
    hoursPerMonth: billing?.kind === 'retainer' ? String(billing.hoursPerMonth) : '',
    rollover: billing?.kind === 'retainer' && billing.rollover === 'next-month' ? 'next-month' : 'none',
    currency,
    estimateHours: project?.estimateHours === undefined ? '' : String(project.estimateHours),
    start: project?.start ?? '',
    due: project?.due ?? '',
    rules: billingRulesValues(project),
    notes: project?.notes ?? '',
  };
}

/** The form's fields in screen order: where focus goes first on an error. */
export const PROJECT_FIELDS = [
  'clientId',
  'name',
  'rate',
  'fee',
  'hoursPerMonth',
  'estimateHours',
  'start',
  'due',
  'valueBasis',
  'rateChanges',
  'notes',
] as const;
export type ProjectField = (typeof PROJECT_FIELDS)[number];

/** What the stored record accepts, shown while typing near the limit. */
export const PROJECT_LIMITS: Readonly<Partial<Record<ProjectField, number>>> = { name: 200, valueBasis: 2_000, notes: 100_000 };

/** A field's label as the form shows it (billing fields depend on the model). */
export function projectFieldLabel(field: ProjectField, values: Pick<ProjectFormValues, 'billingKind' | 'currency'>): string {
  const kind = values.billingKind;
  switch (field) {
    case 'clientId':
      return 'Client';
    case 'name':
      return 'Project name';
    case 'rate':
      return kind === 'retainer' ? 'Overage rate per hour' : 'Hourly rate';
    case 'fee':
      return kind === 'retainer' ? 'Monthly fee' : 'Fee';
    case 'hoursPerMonth':
      return 'Hours included per month';
    case 'estimateHours':
      return 'Estimate';
    case 'start':
      return 'Start';
    case 'due':
      return 'Due';
    case 'valueBasis':
      return 'What the value is based on';
    case 'rateChanges':
      return 'Rate changes';
    case 'notes':
      return 'Notes';
  }
}

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

function hours(text: string, label: string): Parsed<number | undefined> {
  if (text.trim() === '') return { ok: true, value: undefined };
  const value = Number(text.trim().replace(',', '.'));
  if (!Number.isFinite(value) || value < 0) return { ok: false, message: `${label}: type a number of hours, such as 40 or 12.5.` };
  return value > 100_000 ? { ok: false, message: `${label}: at most 100,000 hours.` } : { ok: true, value };
}

function money(text: string, currency: string, label: string): Parsed<number> {
  const parsed = toMinor(text.trim() === '' ? '0' : text, currency);
  if (!parsed.ok) return { ok: false, message: `${label}: ${parsed.message}` };
  return parsed.minor < 0 ? { ok: false, message: `${label} cannot be negative.` } : { ok: true, value: parsed.minor };
}

/** The repository input, or a message for every field to fix at once (in the words of its label). */
export function toProjectInput(values: ProjectFormValues): Checked<NewProject, ProjectField> {
  const errors: FieldErrors<ProjectField> = {};
  const label = (field: ProjectField) => projectFieldLabel(field, values);
  const take = <T>(field: ProjectField, parsed: Parsed<T>): T | undefined => {
    if (parsed.ok) return parsed.value;
    errors[field] = parsed.message;
    return undefined;
  };
  const currency = values.currency.trim().toUpperCase();
  const kind = values.billingKind;

  if (values.clientId === '') errors.clientId = 'Client: choose the client this project is for.';
  const name = values.name.trim();
  if (name === '') errors.name = 'Project name is required.';
  else if (name.length > 200) errors.name = 'Project name: at most 200 characters.';
  const rate = kind === 'hourly' || kind === 'retainer' ? take('rate', money(values.rate, currency, label('rate'))) : 0;
  const fee = kind === 'hourly' ? 0 : take('fee', money(values.fee, currency, label('fee')));
  const perMonth = kind === 'retainer' ? take('hoursPerMonth', hours(values.hoursPerMonth, label('hoursPerMonth'))) : undefined;
  const estimate = take('estimateHours', hours(values.estimateHours, label('estimateHours')));
  if (values.start !== '' && values.due !== '' && values.due < values.start) errors.due = `Due: ${values.due} is before the start (${values.start}).`;
  if (kind === 'value' && values.valueBasis.length > 2_000) errors.valueBasis = 'What the value is based on: at most 2,000 characters.';
  if (values.notes.length > 100_000) errors.notes = 'Notes: at most 100,000 characters.';
  // Rates from a day on apply to time billing only; a fixed fee keeps none.
  const timeBilled = kind === 'hourly' || kind === 'retainer';
  const rules = toBillingRules(timeBilled ? values.rules : { ...values.rules, rateChanges: [] }, currency);
  if (!rules.ok) errors.rateChanges = rules.message;
  if (hasErrors(errors) || !rules.ok || rate === undefined || fee === undefined) return { ok: false, errors };

  const billing: Billing =
    kind === 'hourly'
      ? { kind, rateMinor: rate }
      : kind === 'fixed'
        ? { kind, feeMinor: fee }
        : kind === 'value'
          ? { kind, feeMinor: fee, basis: values.valueBasis }
          : {
              kind,
              feeMinor: fee,
              overageRateMinor: rate,
              hoursPerMonth: perMonth ?? 0,
              ...(values.rollover === 'next-month' ? { rollover: 'next-month' as const } : {}),
            };
  return {
    ok: true,
    value: {
      clientId: values.clientId,
      name,
      status: values.status,
      billing,
      currency,
      estimateHours: estimate,
      start: values.start || undefined,
      due: values.due || undefined,
      // Present even when undefined: as a patch, undefined removes a rule or schedule set before.
      rounding: rules.rounding,
      rateChanges: rules.rateChanges,
      notes: values.notes,
    },
  };
}
