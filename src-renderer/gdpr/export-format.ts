/**
 * The JSON document of a client export (GDPR Art. 15 access, Art. 20 portability), format
 * `caravan-client-export` version 1. Field by field in docs/gdpr-export.md.
 *
 * Rules, the same for every record:
 * - Every field is always present, in the order the interfaces below declare; an optional domain
 *   field that is not set is `null` (a list that is not set is `[]`), so each record kind has one shape.
 * - Instants are ISO 8601 UTC strings with milliseconds (`2026-11-20T09:30:00.000Z`); calendar
 *   dates stay `YYYY-MM-DD`.
 * - Money is `{ minor, currency }`: integer minor units and the ISO 4217 code beside them.
 * - Nothing is derived (no durations, no amounts): the document is the data as stored.
 */
import type { Experiment } from '../domain/experiment.ts';
import type { Expense } from '../domain/expense.ts';
import type { KillAcknowledgement, KillSwitch } from '../domain/kill-switch.ts';
import type { Phase } from '../domain/phase.ts';
import type { Project } from '../domain/project.ts';
import type { TimeBlock } from '../domain/time-block.ts';
import type { ResidencyPolicy } from '../../src-preload/contract/residency.ts';

/** The value of `format`. */
export const EXPORT_FORMAT = 'caravan-client-export';
/** The value of `version`; bump it when a field changes meaning or disappears. */
export const EXPORT_VERSION = 1;

/** An amount: integer minor units (cents) of `currency` (ISO 4217). */
export interface MoneyJson {
  readonly minor: number;
  readonly currency: string;
}

/** Readonly all the way down. */
type DeepReadonly<T> = T extends readonly (infer E)[] ? readonly DeepReadonly<E>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;

/** The client's residency policy without its attestations (what the person checked stays in Caravan). */
export type ResidencyJson = DeepReadonly<WithoutAttestations<ResidencyPolicy>>;
type WithoutAttestations<P> = P extends unknown ? Omit<P, 'attestations'> : never;

/** The client. */
export interface ClientJson {
  readonly id: string;
  readonly name: string;
  readonly company: string | null;
  readonly contact: { readonly email: string | null; readonly phone: string | null; readonly address: string | null };
  /** ISO 3166-1 alpha-2, where the client is established. */
  readonly country: string;
  readonly timeZone: string;
  readonly currency: string;
  readonly defaultRate: MoneyJson;
  readonly residency: ResidencyJson;
  /** Months the data is kept after the client's last activity; null: no limit. */
  readonly retentionMonths: number | null;
  readonly notes: string;
  readonly archived: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** How a project is billed; amounts are in the project's currency. */
export type BillingJson =
  | { readonly kind: 'hourly'; readonly rate: MoneyJson }
  | { readonly kind: 'fixed'; readonly fee: MoneyJson }
  | { readonly kind: 'value'; readonly fee: MoneyJson; readonly basis: string }
  | {
      readonly kind: 'retainer';
      readonly hoursPerMonth: number;
      readonly fee: MoneyJson;
      readonly overageRate: MoneyJson;
      /** Stored as absent when none; written as `none`. */
      readonly rollover: 'none' | 'next-month';
    };

/** One item of data the client agreed to deliver. */
export interface DataRequirementJson {
  readonly item: string;
  readonly format: string | null;
  readonly minLabeled: number | null;
  readonly deliveredOn: string | null;
  readonly validatedOn: string | null;
}

/** A project. */
export interface ProjectJson {
  readonly id: string;
  readonly clientId: string;
  readonly name: string;
  readonly status: Project['status'];
  readonly currency: string;
  readonly billing: BillingJson;
  readonly estimateHours: number | null;
  readonly start: string | null;
  readonly due: string | null;
  readonly successMetric: {
    readonly name: string;
    readonly baseline: number | null;
    readonly target: number | null;
    readonly direction: 'higher' | 'lower';
  } | null;
  readonly dataRequirements: readonly DataRequirementJson[];
  readonly ipTerms: string | null;
  readonly costAlert: { readonly threshold: MoneyJson; readonly category: string | null } | null;
  readonly biasTesting: { readonly included: boolean; readonly note: string } | null;
  readonly notes: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A phase of a project. */
export interface PhaseJson {
  readonly id: string;
  readonly projectId: string;
  readonly clientId: string;
  readonly name: string;
  readonly order: number;
  readonly budgetHours: number;
  readonly start: string | null;
  readonly end: string | null;
  readonly status: Phase['status'];
  readonly exitCriteria: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A time block: `start` inclusive, `end` exclusive. */
export interface TimeBlockJson {
  readonly id: string;
  readonly projectId: string;
  readonly clientId: string;
  readonly phaseId: string | null;
  readonly experimentId: string | null;
  readonly start: string;
  readonly end: string;
  /** IANA zone the work happened in. */
  readonly zone: string;
  readonly kind: TimeBlock['kind'];
  readonly billable: boolean;
  readonly billed: boolean;
  readonly note: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** An experiment. */
export interface ExperimentJson {
  readonly id: string;
  readonly projectId: string;
  readonly clientId: string;
  readonly phaseId: string | null;
  readonly hypothesis: string;
  readonly setup: string;
  readonly metricName: string;
  readonly metricUnit: string | null;
  readonly baseline: number | null;
  readonly target: number | null;
  readonly value: number | null;
  readonly status: Experiment['status'];
  readonly outcome: NonNullable<Experiment['outcome']> | null;
  readonly links: readonly string[];
  readonly startedAt: string | null;
  readonly endedAt: string | null;
  readonly notes: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** An expense; `amount` is negative for a refund. */
export interface ExpenseJson {
  readonly id: string;
  readonly projectId: string;
  readonly clientId: string;
  readonly date: string;
  readonly amount: MoneyJson;
  readonly category: Expense['category'];
  readonly passThrough: boolean;
  readonly billed: boolean;
  readonly receiptNote: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What trips a kill switch. */
export type KillTriggerJson =
  | { readonly kind: 'hours'; readonly hours: number }
  | { readonly kind: 'spend'; readonly amount: MoneyJson }
  | { readonly kind: 'date'; readonly date: string }
  | { readonly kind: 'metric'; readonly experimentId: string; readonly comparator: '<' | '<=' | '>' | '>='; readonly threshold: number };

/** One acknowledgement of a triggered kill switch: what was decided, when and why. */
export interface KillAcknowledgementJson {
  /** When it was acknowledged. */
  readonly at: string;
  /** When the switch had tripped. */
  readonly trippedAt: string;
  readonly decision: KillAcknowledgement['decision'];
  readonly note: string;
  /** For a new budget: the stop point before it was raised; otherwise null. */
  readonly previousTrigger: KillTriggerJson | null;
}

/** A kill switch. */
export interface KillSwitchJson {
  readonly id: string;
  readonly projectId: string;
  readonly clientId: string;
  readonly trigger: KillTriggerJson;
  /** `null`: the default (0.8). */
  readonly warnAtRatio: number | null;
  readonly consequence: string;
  readonly stopsTimer: boolean;
  readonly state: KillSwitch['state'];
  readonly trippedAt: string | null;
  /** Every acknowledgement, oldest first; `[]` when there is none. */
  readonly acknowledgements: readonly KillAcknowledgementJson[];
  readonly notes: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/**
 * An invoice issued to the client, from the invoice register (reports/invoice-register.ts): the
 * client's data too, since it says what they were billed. Void invoices are included, as void.
 */
export interface InvoiceJson {
  readonly number: string;
  readonly clientId: string;
  /** `YYYY-MM-DD`. */
  readonly issueDate: string;
  readonly status: 'issued' | 'void';
  /** `YYYY-MM-DD`; null unless void. */
  readonly voidedOn: string | null;
  /** The time blocks it billed (ids of `timeBlocks`). */
  readonly timeBlockIds: readonly string[];
  /** The pass-through expenses it billed (ids of `expenses`). */
  readonly expenseIds: readonly string[];
  /** Its total per currency, as printed (negative on a credit note). */
  readonly totals: readonly MoneyJson[];
  /** `invoice` or `credit-note` (a credit note voids an invoice and bills nothing). */
  readonly kind: 'invoice' | 'credit-note';
  /** `YYYY-MM-DD`; null for invoices issued before Caravan kept invoice documents. */
  readonly dueDate: string | null;
  /** `YYYY-MM-DD` the payment was recorded; null while unpaid. */
  readonly paidOn: string | null;
  /** On a credit note: the number of the invoice it voids; null otherwise. */
  readonly creditFor: string | null;
  /** On an invoice voided by a credit note: the credit note's number; null otherwise. */
  readonly voidedBy: string | null;
  /** The id of its entry in `invoiceDocuments`; null for invoices issued before Caravan kept invoice documents. */
  readonly documentId: string | null;
}

/**
 * An invoice document (domain/invoice.ts): a draft, or an invoice or credit note exactly as sent,
 * with its lines, the seller and buyer as printed, its PDF (base64) and its UBL 2.1 XML.
 * Nested objects are as stored, with every optional field present (`null` when not set).
 */
export interface InvoiceDocumentJson {
  readonly id: string;
  readonly clientId: string;
  readonly kind: 'invoice' | 'credit-note';
  readonly state: 'draft' | 'issued';
  readonly number: string | null;
  readonly series: string;
  readonly issueDate: string;
  readonly dueDate: string;
  readonly selection: { readonly from: string; readonly to: string; readonly projectIds: readonly string[] };
  readonly currency: string;
  readonly fixedRate: { readonly homeCurrency: string; readonly rate: string; readonly source: string; readonly asOf: string | null } | null;
  readonly seller: Readonly<Record<string, string | null>>;
  readonly buyer: Readonly<Record<string, string | boolean | null>>;
  readonly hourStyle: string;
  readonly lines: readonly InvoiceLineJson[];
  readonly note: string;
  readonly creditFor: { readonly id: string; readonly number: string; readonly issueDate: string } | null;
  readonly issuedAt: string | null;
  /** The PDF as sent, base64; null on a draft. */
  readonly pdfBase64: string | null;
  /** The EN 16931 UBL 2.1 XML as sent; null on a draft. */
  readonly xml: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** One line of an invoice document. Quantities: `hour` lines in milliseconds, `item` lines in thousandths. */
export interface InvoiceLineJson {
  readonly id: string;
  readonly kind: string;
  readonly description: string;
  readonly unit: 'hour' | 'item';
  readonly billedMs: number | null;
  readonly workedMs: number | null;
  readonly milli: number | null;
  readonly unitPrice: MoneyJson;
  readonly net: MoneyJson;
  readonly vat: Readonly<Record<string, string | number>>;
  readonly projectId: string | null;
  readonly phaseId: string | null;
  readonly timeBlockIds: readonly string[];
  readonly expenseIds: readonly string[];
  readonly original: { readonly amount: MoneyJson; readonly rate: string } | null;
  readonly period: { readonly from: string; readonly to: string } | null;
}

/** The whole document. Records are sorted as `sortForExport` (export-document.ts) says. */
export interface ClientExportDocument {
  readonly format: typeof EXPORT_FORMAT;
  readonly version: typeof EXPORT_VERSION;
  readonly exportedAt: string;
  /** Caravan's version that wrote the file. */
  readonly appVersion: string;
  readonly client: ClientJson;
  readonly projects: readonly ProjectJson[];
  readonly phases: readonly PhaseJson[];
  readonly timeBlocks: readonly TimeBlockJson[];
  readonly experiments: readonly ExperimentJson[];
  readonly expenses: readonly ExpenseJson[];
  readonly killSwitches: readonly KillSwitchJson[];
  readonly invoices: readonly InvoiceJson[];
  readonly invoiceDocuments: readonly InvoiceDocumentJson[];
}
