/**
 * The shapes the invoice document builder takes and returns: plain data in, plain data out, so a
 * React component can call it on every change of a checkbox and render the result.
 */
import type { BusinessProfile } from '../../domain/business-profile.ts';
import type { Client } from '../../domain/client.ts';
import type { Expense } from '../../domain/expense.ts';
import type { FixedRate, InvoiceLine, LineVat } from '../../domain/invoice.ts';
import type { Phase } from '../../domain/phase.ts';
import type { Project } from '../../domain/project.ts';
import type { TimeBlock } from '../../domain/time-block.ts';

/** A rate fixed on the invoice for one foreign currency: `1 <currency> = rate <to>`. */
export interface CurrencyRate {
  /** A positive decimal with a point ("0.9512"); typed, or from an imported ECB file (invoices/ecb-rates.ts). */
  rate: string;
  /**
   * The invoice currency the rate converts into, as it was when the rate was fixed. A rate whose
   * `to` is not the invoice's currency now (the person switched the invoice from CHF to EUR) is
   * not used: "1 USD = 0.8012 CHF" is no USD-to-EUR rate. Absent on rates fixed before rates named
   * it: taken as the invoice's currency.
   */
  to?: string;
  source: 'typed' | 'ecb';
  /** The ECB day the rate is from. */
  asOf?: string;
}

/** What the person chose on the draft. Every list of ids may be empty. */
export interface DraftSelection {
  /** First and last day of the period, 'YYYY-MM-DD', inclusive, on the calendar of `zone`. */
  from: string;
  to: string;
  /** IANA zone the period's days (and per-day rounding) are read in. */
  zone: string;
  /** Projects billed; empty: all the client's. */
  projectIds: readonly string[];
  /** Blocks and expenses the person unticked: candidates, but not on the invoice. */
  excludedBlockIds?: readonly string[];
  excludedExpenseIds?: readonly string[];
  /** Fixed-fee milestones (phase ids) the person chose to bill. */
  milestonePhaseIds?: readonly string[];
  /** Fixed projects without milestones, and value projects, whose whole fee is billed. */
  feeProjectIds?: readonly string[];
  /** 'YYYY-MM-DD'. */
  issueDate: string;
  /** The invoice's one currency (EN 16931 BT-5). */
  currency: string;
  /** The rate from `currency` to the home currency, when they differ (exchange-rate.ts). */
  fixedRate?: FixedRate;
  /** Rates for other currencies (of expenses, or of projects priced in another currency), by ISO code. */
  currencyRates?: Readonly<Record<string, CurrencyRate>>;
  /** Lines the person typed (kind 'manual'), kept as they are after the drafted ones. */
  manualLines?: readonly InvoiceLine[];
  /** The person's edits by line id: a reduced domestic VAT rate, another description. */
  lineEdits?: Readonly<Record<string, { vat?: LineVat; description?: string }>>;
}

/** The records a draft is built from; records of other clients are ignored. */
export interface DraftSource {
  profile: BusinessProfile;
  client: Client;
  projects: readonly Project[];
  phases: readonly Phase[];
  /** Every block of the client that may matter, billed ones too (a retainer's months need them). */
  blocks: readonly TimeBlock[];
  expenses: readonly Expense[];
  /**
   * Lines of the client's issued invoices that are not voided: milestones, fees and retainer months
   * carry no billed flag of their own, so they are billed once by being on one of these.
   */
  issuedLines?: readonly InvoiceLine[];
}

export interface DraftInput extends DraftSource {
  selection: DraftSelection;
}

/** A block that could go on the invoice, for a checkbox. */
export interface CandidateBlock {
  id: string;
  /** Day it counts on in the selection's zone. */
  day: string;
  ms: number;
  phaseId?: string;
  note: string;
  /** Not unticked. */
  included: boolean;
}

export interface CandidateExpense {
  id: string;
  date: string;
  amountMinor: number;
  currency: string;
  category: string;
  note: string;
  included: boolean;
}

export interface CandidateMilestone {
  phaseId: string;
  name: string;
  feeMinor: number;
  currency: string;
  phaseStatus: Phase['status'];
  chosen: boolean;
}

/** One project of the selection with what it could bill. */
export interface CandidateProject {
  projectId: string;
  name: string;
  billing: Project['billing']['kind'];
  currency: string;
  blocks: CandidateBlock[];
  expenses: CandidateExpense[];
  milestones: CandidateMilestone[];
  /** A fixed project without milestones, or a value project, not billed yet. */
  fee?: { amountMinor: number; chosen: boolean };
}

export interface DraftResult {
  lines: InvoiceLine[];
  candidates: CandidateProject[];
  /** In words, each naming the field or the record ("Exchange rate: …"); none block a draft. */
  problems: string[];
}
