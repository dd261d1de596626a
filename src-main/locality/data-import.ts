/**
 * Importing a newer locality data file the person chose: checked (valid, not older, not dated
 * after today), then shown to the person in main's own dialog with what it changes, and used only
 * on their yes. Recorded before it is used, then every client-target decision it changes.
 * Refused while locked, so the change cannot escape the log; it takes its turn with policy
 * changes, as both change what the guard decides.
 */
import type { ConfirmDialog } from '../confirm/confirm.ts';
import { UserFacingError } from '../ipc/user-facing-error.ts';
import type { EgressGuard } from './egress-guard.ts';
import type { LocalityAudit } from './locality-audit.ts';
import { dataUpdateQuestion } from './locality-data-changes.ts';
import type { ImportResult, LocalityDataStore } from './locality-data-store.ts';
import type { PolicyBook } from './policy-book.ts';
import type { TargetRegistry } from './target-registry.ts';

export interface DataImportDeps {
  book: Pick<PolicyBook, 'exclusive' | 'current' | 'clients'>;
  guard: Pick<EgressGuard, 'uploadDecisions'>;
  audit: Pick<LocalityAudit, 'dataUpdated' | 'decision'>;
  data: LocalityDataStore;
  targets: Pick<TargetRegistry, 'list'>;
  confirm: ConfirmDialog;
}

export function importLocalityData(deps: DataImportDeps, text: string): Promise<ImportResult> {
  const { book, guard, audit, data } = deps;
  return book.exclusive(async () => {
    const session = book.current;
    if (!session) throw new UserFacingError('refused', 'Unlock the vault first: the locality guard knows no client policies while it is locked.');
    const prepared = data.prepare(text);
    if (!prepared.ok) return prepared;
    const targets = deps.targets.list();
    const clients = book.clients();
    const allowedUnder = (d = data.current()) =>
      new Map(guard.uploadDecisions(targets, clients, d).map((x) => [`${x.clientId}|${x.targetId}`, x.result.allowed]));
    const before = allowedUnder();
    const after = allowedUnder(prepared.next);
    const shift = { nowAllowed: 0, nowRefused: 0 };
    for (const [key, allowed] of after) if (before.get(key) !== allowed) shift[allowed ? 'nowAllowed' : 'nowRefused'] += 1;
    const yes = await deps.confirm.confirm(dataUpdateQuestion(data.current(), prepared.file, shift));
    if (book.current !== session)
      throw new UserFacingError(
        'refused',
        'The vault was locked while the question was open, so the locality data did not change. Unlock it and import the file again.',
      );
    const current = prepared.kind === 'zones' ? data.current().zones : data.current().regions;
    if (!yes)
      throw new UserFacingError(
        'refused',
        `You did not accept the ${prepared.kind} file as of ${prepared.file.asOf}, so nothing changed: the data as of ${current.asOf} is still in use.`,
      );
    const codes = new Map(guard.uploadDecisions(targets, clients).map((x) => [`${x.clientId}|${x.targetId}`, x.result.code]));
    await audit.dataUpdated(prepared.kind, prepared.file.asOf);
    const result = await data.commit(prepared);
    for (const { clientId, targetId, result: now } of guard.uploadDecisions(targets, clients)) {
      if (codes.get(`${clientId}|${targetId}`) !== now.code) await audit.decision(clientId, targetId, 'sync-upload', now, true);
    }
    return result;
  });
}
