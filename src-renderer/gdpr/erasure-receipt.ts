/**
 * The receipt of a client's erasure: what was destroyed on this device, what was deleted (counted
 * before erasing, since afterwards nothing can be read or told apart), and where copies remain.
 *
 * Worded for what Caravan did, no more: the erasure happened on this device; the copies on sync
 * targets were deleted where a target answered (each listed); other devices erase the client at
 * their next sync; copies of the vault made earlier (a backup) still hold the key.
 */
import { escapeMarkdown } from '../playbook/weekly-update.ts';
import { countOf } from '../ui/format/plural.ts';

/** The kinds of stored rows an erasure deletes, in the order a receipt lists them, with their labels. */
export const ERASED_KINDS = [
  ['clients', 'Client record'],
  ['projects', 'Projects'],
  ['phases', 'Phases'],
  ['timeBlocks', 'Time blocks'],
  ['experiments', 'Experiments'],
  ['expenses', 'Expenses'],
  ['killSwitches', 'Kill switches'],
  ['invoices', 'Invoice documents'],
  ['changes', 'Change-log entries'],
] as const;

/** One kind of stored row. */
export type ErasedKind = (typeof ERASED_KINDS)[number][0];

/** Stored rows per kind: live records plus markers of earlier deletions kept for sync. */
export type ErasedRows = Readonly<Record<ErasedKind, number>>;

/** A sync or export target, by id and the person's name for it. */
export interface HeldOnTarget {
  readonly id: string;
  readonly label: string;
  /** Objects deleted there (segments and the wrapped key); absent when the deletion failed. */
  readonly deleted?: number;
  /** Why the copies there could not be deleted. */
  readonly problem?: string;
}

/** One line per target: what was deleted there, or why not. */
export function targetOutcome(t: HeldOnTarget): string {
  if (t.deleted !== undefined) return `${t.label}: ${countOf(t.deleted, 'file')} deleted`;
  return `${t.label}: not deleted (${(t.problem ?? 'unknown reason').replace(/\.$/u, '')}); the copies stay there, encrypted under the destroyed key`;
}

/** Everything a receipt says. */
export interface ErasureReceipt {
  readonly clientId: string;
  /** The name the person confirmed with; the receipt is for them and the controller. */
  readonly clientName: string;
  /** UTC epoch ms of the erasure. */
  readonly erasedAt: number;
  readonly rows: ErasedRows;
  /** Invoices kept in the register without the client (number, dates, status, totals), for bookkeeping. */
  readonly invoicesAnonymised: number;
  /** Targets that still hold the client's data; null when main could not be asked. */
  readonly heldOn: readonly HeldOnTarget[] | null;
  /** Why the audit log has no entry for the erasure, when it has none. */
  readonly auditProblem?: string;
  readonly appVersion: string;
}

/** Sum of the rows of every kind. */
export function totalRows(rows: ErasedRows): number {
  return ERASED_KINDS.reduce((sum, [kind]) => sum + rows[kind], 0);
}

/** `2026-11-30 12:05:09 UTC`. */
export function utcTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

/** What happened to copies outside this device, in sentences; shared by the dialog and the file. */
export function remoteCopiesText(heldOn: readonly HeldOnTarget[] | null): string {
  if (heldOn === null) {
    return 'Caravan could not ask which sync targets hold this client’s data. Check the targets under Sync and delete the client’s copies there.';
  }
  if (heldOn.length === 0) return 'No sync target held this client’s data: there are no remote copies to delete.';
  const failed = heldOn.filter((t) => t.deleted === undefined).length;
  if (failed === 0)
    return `The client’s copies on ${heldOn.length === 1 ? 'its sync target were' : `its ${heldOn.length} sync targets were`} deleted (they were encrypted under the destroyed key).`;
  return `${failed} of ${countOf(heldOn.length, 'sync target')} could not be reached to delete the client’s copies; what stays there is encrypted under the destroyed key and cannot be opened. Try again from Sync when the target is back.`;
}

/** Whether the audit log holds the erasure, in a sentence. */
export function auditText(problem: string | undefined): string {
  if (problem === undefined) return 'Recorded.';
  return `Not recorded (${problem.trim().replace(/\.$/u, '')}). Note the erasure in your own records.`;
}

/** What happened to the client's invoices, in a sentence; shared by the dialog and the file. */
export function invoicesText(count: number): string {
  if (count === 0) return 'The client had no invoices in your register.';
  return `${countOf(count, 'invoice')} stay in your register without the client: number, issue date, status and totals only, because bookkeeping law requires invoice numbers to stay accounted for (GDPR Art. 17(3)(b)). Keep or delete the invoice files you saved as your retention period requires.`;
}

/** Said on every receipt: the limits of an erasure on one device. */
export const ERASURE_SCOPE =
  'This erased the client on this device. Your other devices that sync with this vault erase it at their next sync (an erasure marker goes to every target). A backup of a device made before the erasure still holds the key and the data: delete that backup, or erase the client there too.';

/** The receipt as Markdown, for the person's records and for the controller. */
export function erasureReceiptMarkdown(receipt: ErasureReceipt): string {
  const md = escapeMarkdown;
  const lines = [
    `# Erasure receipt: ${md(receipt.clientName.replace(/\s+/gu, ' ').trim())}`,
    '',
    `- Client id: ${md(receipt.clientId)}`,
    `- Erased at: ${utcTime(receipt.erasedAt)}`,
    `- Where: this device, by Caravan ${md(receipt.appVersion)}`,
    '- Data key: destroyed. Every row of this client was encrypted under it, so none of them can be decrypted again from this vault.',
    `- Audit log: ${md(auditText(receipt.auditProblem))}`,
    '',
    '## Rows deleted on this device',
    '',
    '| Kind | Rows |',
    '| --- | ---: |',
    ...ERASED_KINDS.map(([kind, label]) => `| ${label} | ${receipt.rows[kind]} |`),
    `| Total | ${totalRows(receipt.rows)} |`,
    '',
    'Counted before the erasure. Rows include markers of records deleted earlier, which are kept for sync.',
    '',
    '## Invoices',
    '',
    md(invoicesText(receipt.invoicesAnonymised)),
    '',
    '## Copies elsewhere',
    '',
    md(remoteCopiesText(receipt.heldOn)),
  ];
  if (receipt.heldOn && receipt.heldOn.length > 0) lines.push('', ...receipt.heldOn.map((t) => `- ${md(targetOutcome(t))} (${md(t.id)})`));
  lines.push('', md(ERASURE_SCOPE), '');
  return lines.join('\n');
}
