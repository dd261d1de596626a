/** The project form's values as typed, and their conversion to a repository input (tested without a DOM). */
import type { Client } from '../domain/client.ts';
import type { Billing, Project, ProjectStatus } from '../domain/project.ts';
import { formatMinorPlain, toMinor } from '../reports/money.ts';
import type { NewProject } from '../vault/repos/projects.ts';

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
    notes: project?.notes ?? '',
  };
}

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

function hours(text: string, label: string): Parsed<number | undefined> {
  if (text.trim() === '') return { ok: true, value: undefined };
  const value = Number(text.trim().replace(',', '.'));
  return Number.isFinite(value) && value >= 0 ? { ok: true, value } : { ok: false, message: `${label}: type a number of hours, such as 40 or 12.5.` };
}

function money(text: string, currency: string, label: string): Parsed<number> {
  const parsed = toMinor(text.trim() === '' ? '0' : text, currency);
  return parsed.ok ? { ok: true, value: parsed.minor } : { ok: false, message: `${label}: ${parsed.message}` };
}

function billingOf(values: ProjectFormValues, currency: string): Parsed<Billing> {
  switch (values.billingKind) {
    case 'hourly': {
      const rate = money(values.rate, currency, 'Hourly rate');
      return rate.ok ? { ok: true, value: { kind: 'hourly', rateMinor: rate.value } } : rate;
    }
    case 'fixed':
    case 'value': {
      const fee = money(values.fee, currency, 'Fee');
      if (!fee.ok) return fee;
      return values.billingKind === 'fixed'
        ? { ok: true, value: { kind: 'fixed', feeMinor: fee.value } }
        : { ok: true, value: { kind: 'value', feeMinor: fee.value, basis: values.valueBasis } };
    }
    case 'retainer': {
      const fee = money(values.fee, currency, 'Monthly fee');
      const rate = money(values.rate, currency, 'Overage rate');
      const perMonth = hours(values.hoursPerMonth, 'Hours per month');
      if (!fee.ok) return fee;
      if (!rate.ok) return rate;
      if (!perMonth.ok) return perMonth;
      return {
        ok: true,
        value: {
          kind: 'retainer',
          feeMinor: fee.value,
          overageRateMinor: rate.value,
          hoursPerMonth: perMonth.value ?? 0,
          ...(values.rollover === 'next-month' ? { rollover: 'next-month' as const } : {}),
        },
      };
    }
  }
}

/** The repository input, or the first problem to fix. */
export function toProjectInput(values: ProjectFormValues): { ok: true; input: NewProject } | { ok: false; message: string } {
  if (values.clientId === '') return { ok: false, message: 'Choose the client this project is for.' };
  if (values.name.trim() === '') return { ok: false, message: 'Give the project a name.' };
  const currency = values.currency.trim().toUpperCase();
  const billing = billingOf(values, currency);
  if (!billing.ok) return billing;
  const estimate = hours(values.estimateHours, 'Estimate');
  if (!estimate.ok) return estimate;
  return {
    ok: true,
    input: {
      clientId: values.clientId,
      name: values.name.trim(),
      status: values.status,
      billing: billing.value,
      currency,
      estimateHours: estimate.value,
      start: values.start || undefined,
      due: values.due || undefined,
      notes: values.notes,
    },
  };
}
