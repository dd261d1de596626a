/**
 * Errors of the repositories: a stable code for the UI to branch on and a message a person can
 * act on. Messages name fields and ids, never record content.
 */
import type { z } from 'zod';
import { VaultError, type VaultErrorCode } from '../crypto/errors.ts';
import { issueInWords } from '../../ui/field-errors.ts';

/** Every way a repository call can refuse. */
export type RepoErrorCode =
  /** The input does not satisfy the record's schema; `issues` says where. */
  | 'invalid-input'
  /** No live record with this id (never created, or deleted). */
  | 'not-found'
  /** A record with this id exists (or existed: deleted ids are not reused). */
  | 'already-exists'
  /** The parent a record points to (client, project, phase, experiment) does not exist. */
  | 'parent-not-found'
  /** Other records still point to this one; delete or move them first. */
  | 'has-dependents'
  /** The record is final (an issued invoice or credit note) and never changes. */
  | 'immutable'
  /** The stored record does not decrypt; `vaultCode` says whether it is damaged or its key is gone. */
  | 'unreadable';

/** One problem with an input field. */
export interface InputIssue {
  /** Dotted path of the field (`contact.email`), empty for the record as a whole. */
  path: string;
  message: string;
}

/** A refusal from a repository; `message` is safe to show as is. */
export class RepoError extends Error {
  override readonly name = 'RepoError';
  readonly code: RepoErrorCode;
  /** For 'invalid-input'. */
  readonly issues: readonly InputIssue[];
  /** For 'unreadable': the crypto core's reason. */
  readonly vaultCode: VaultErrorCode | undefined;

  constructor(code: RepoErrorCode, message: string, options: { cause?: unknown; issues?: readonly InputIssue[] } = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.issues = options.issues ?? [];
    this.vaultCode = options.cause instanceof VaultError ? options.cause.code : undefined;
  }
}

/**
 * The labels the forms give the stored fields, so a refusal the form did not catch first is still
 * said in the person's words ("Default hourly rate cannot be negative"), never as a schema path.
 */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  amountMinor: 'Amount',
  budgetHours: 'Budget (hours)',
  defaultRateMinor: 'Default hourly rate',
  estimateHours: 'Estimate (hours)',
  feeMinor: 'Fee',
  hoursPerMonth: 'Hours per month',
  metricName: 'Metric',
  metricUnit: 'Unit',
  overageRateMinor: 'Overage rate',
  rateMinor: 'Rate',
  retentionMonths: 'Keep data for',
  timeZone: 'Time zone',
  warnAtRatio: 'Warn at',
};

/** The label of the field at `path`: its own entry, or its name in words ("exitCriteria" → "Exit criteria"). */
export function fieldLabel(path: readonly PropertyKey[]): string {
  const key = [...path].reverse().find((segment): segment is string => typeof segment === 'string');
  if (key === undefined) return 'This entry';
  const words = FIELD_LABELS[key] ?? key.replace(/([a-z0-9])([A-Z])/gu, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** 'invalid-input' from a zod error: every problem in the words of its field ("The client was not saved: Name: at most 200 characters."). */
export function invalidInput(what: string, error: z.ZodError): RepoError {
  const issues = error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issueInWords(issue, fieldLabel(issue.path)) }));
  const list = [...new Set(issues.map((i) => i.message))].join(' ');
  return new RepoError('invalid-input', `The ${what} was not saved. ${list}`, { issues, cause: error });
}

/** 'not-found' for `table`/`id`. */
export function notFound(what: string, id: string): RepoError {
  return new RepoError('not-found', `That ${what} (${id}) does not exist or was deleted. Refresh the view and try again.`);
}

/**
 * Translates what a vault operation threw into a RepoError where there is one: a VaultError
 * (row did not open) or Dexie's ConstraintError (id taken). Anything else is returned as is.
 */
export function toRepoError(error: unknown, what: string): unknown {
  if (error instanceof RepoError) return error;
  if (error instanceof VaultError) return new RepoError('unreadable', error.message, { cause: error });
  if (isConstraintError(error)) {
    return new RepoError('already-exists', `A ${what} with this id already exists; nothing was saved.`, { cause: error });
  }
  return error;
}

function isConstraintError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'ConstraintError') return true;
  // bulkAdd reports a BulkError whose failures are ConstraintErrors.
  const failures = (error as { failures?: unknown }).failures;
  return error.name === 'BulkError' && Array.isArray(failures) && failures.some(isConstraintError);
}
