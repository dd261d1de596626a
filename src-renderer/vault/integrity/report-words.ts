/** What the unlock check found, in words a person can act on (table names as the app calls them). */
import type { IntegrityCheck, TableFinding } from './verify.ts';

const TABLE_WORDS: Readonly<Record<string, readonly [one: string, many: string]>> = {
  clients: ['client', 'clients'],
  projects: ['project', 'projects'],
  phases: ['phase', 'phases'],
  timeBlocks: ['time block', 'time blocks'],
  experiments: ['experiment', 'experiments'],
  expenses: ['expense', 'expenses'],
  killSwitches: ['kill switch', 'kill switches'],
  invoices: ['invoice document', 'invoice documents'],
  trips: ['trip', 'trips'],
  presenceDays: ['presence day', 'presence days'],
  settings: ['setting', 'settings'],
  changes: ['change history entry', 'change history entries'],
  clientKeys: ['client key', 'client keys'],
};

function words(table: string, n: number): string {
  const [one, many] = TABLE_WORDS[table] ?? ['record', 'records'];
  return `${n} ${n === 1 ? one : many}`;
}

/** One line per table, e.g. "3 time blocks missing" or "projects: older copies put back". */
export function findingLine(finding: TableFinding): string {
  const many = TABLE_WORDS[finding.table]?.[1] ?? 'records';
  if (finding.missing > 0) return `${words(finding.table, finding.missing)} missing`;
  if (finding.extra > 0) return `${words(finding.table, finding.extra)} that this device had deleted are back`;
  return `${many}: older copies put back in place of newer ones`;
}

/** What to do, the same for every finding: the data stays open; the newer copy is elsewhere. */
export const ROLLBACK_ADVICE =
  'Your records are open as they are. The newer records are still on any other device that syncs this vault, and on your sync targets: look there before you change what is missing here. ' +
  'You can keep working, and export what matters. If you restored this computer from a backup, a restore looks like this; otherwise someone or something changed the files of this vault.';

/** What the workspace shows after an unlock that found a rollback. */
export interface IntegrityFinding {
  title: string;
  lines: string[];
  advice: string;
}

/** The whole message for a rolled-back store; null when there is nothing to say. */
export function integrityMessage(check: IntegrityCheck): IntegrityFinding | null {
  if (check.kind !== 'rolled-back') return null;
  return {
    title: 'Some records on this device are older than this device last saw, or missing.',
    lines: check.findings.map(findingLine),
    advice: ROLLBACK_ADVICE,
  };
}
