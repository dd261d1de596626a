/**
 * One check of the presence warnings: read the ledger around today (the Schengen period behind,
 * the longest tax year behind, planned trips ahead for the latest exit), compute the warnings, and
 * notify the ones not yet notified today when the person asked for notifications.
 */
import type { PresenceRules } from '../domain/presence.ts';
import { dayNumber, dayText } from './calendar-days.ts';
import { ledgerDaysForCounting, ledgerHintDays } from './ledger.ts';
import { loadLedger } from './load-ledger.ts';
import { warningsToNotify, type NotifiedMemory } from './notify-memory.ts';
import { loadPresenceRules } from './rules.ts';
import type { LedgerDeps } from './runtime-deps.ts';
import { presenceWarnings, type PresenceWarning } from './warnings.ts';

/** Days read behind today: a tax year (366) plus room for a year start up to a year back. */
export const WARNING_DAYS_BEHIND = 400;
/** Days read ahead: a stay of up to 90 days and the 180-day periods that end inside it. */
export const WARNING_DAYS_AHEAD = 270;

/** The warnings for `today`, with the rules they were computed under. */
export async function currentPresenceWarnings(options: {
  today: string;
  zone: string;
  deps: LedgerDeps;
}): Promise<{ warnings: PresenceWarning[]; rules: PresenceRules }> {
  const { today, zone, deps } = options;
  const n = dayNumber(today);
  const [rules, rows] = await Promise.all([
    loadPresenceRules(deps.ctx),
    loadLedger(dayText(n - WARNING_DAYS_BEHIND), dayText(n + WARNING_DAYS_AHEAD), { today, zone, deps }),
  ]);
  return { warnings: presenceWarnings(ledgerDaysForCounting(rows), rules, today, undefined, ledgerHintDays(rows)), rules };
}

/** Where the notify memory lives and how a notification is sent (the hook passes the real ones). */
export interface NotifyDeps {
  read(): NotifiedMemory | null;
  remember(memory: NotifiedMemory): void;
  notify(title: string, body: string): void;
}

/**
 * Notifies each warning not yet notified today (none when `rules.notify` is off); remembers them
 * BEFORE notifying, so a reload in between cannot say them twice. Returns what was notified.
 */
export function notifyNewWarnings(warnings: readonly PresenceWarning[], rules: PresenceRules, today: string, deps: NotifyDeps): PresenceWarning[] {
  if (!rules.notify || warnings.length === 0) return [];
  const { due, memory } = warningsToNotify(warnings, today, deps.read());
  if (due.length === 0) return [];
  deps.remember(memory);
  for (const warning of due) deps.notify(warning.title, warning.message);
  return due;
}
