/**
 * The Conflicts view: fields this device and another changed at the same time (neither had seen
 * the other's change), by record, in the field's own words. The value that won is already in use
 * everywhere; "Use this value instead" writes the other one as a new change (it then wins
 * everywhere), "Keep" leaves things as they are. Keyboard: Tab through the answers; after one,
 * focus moves to the next conflict's first answer (or the list's heading when none is left).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useLoaded } from '../ui/use-loaded.ts';
import { useStore } from '../app/store.ts';
import { currentWorkspace } from '../vault/session/runtime.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { errorMessage } from '../ui/error-message.ts';
import { formatInstant } from '../ui/format/dates.ts';
import { decode } from './hlc/hlc.ts';
import { keepValue, chooseLostValue } from './conflicts/conflict-actions.ts';
import { conflictStore } from './conflicts/conflict-runtime.ts';
import { loadConflictGroups, type ConflictGroup } from './conflicts/conflict-view.ts';
import type { StoredConflict, StoredSide } from './conflicts/conflict-store.ts';
import { fieldWord, kindWord, recordLabel, valueWords, type LabelNames } from './record-labels.ts';
import { emitRecordsArrived } from './records-arrived.ts';

function whenOf(side: StoredSide): string {
  try {
    return formatInstant(decode(side.hlc).ms);
  } catch {
    return 'an unknown time';
  }
}

export function ConflictsDialog({ open, onClose, deviceName }: { open: boolean; onClose: () => void; deviceName: (id: string) => string }) {
  const vaultId = useStore((s) => (s.vault.kind === 'unlocked' ? s.vault.vaultId : null));
  const clients = useStore((s) => s.clients);
  const projects = useStore((s) => s.projects);
  const notify = useStore((s) => s.notify);
  const setSyncStatus = useStore((s) => s.setSyncStatus);
  const loadWorkspace = useStore((s) => s.loadWorkspace);
  const [version, setVersion] = useState(0);
  const [busy, setBusy] = useState(false);
  const listRef = useRef<HTMLDivElement>(null);
  const names: LabelNames = useMemo(
    () => ({ project: (id) => projects.find((p) => p.id === id)?.name, client: (id) => clients.find((c) => c.id === id)?.name }),
    [clients, projects],
  );
  // version is not read: an answer asks again.
  const loaded = useLoaded(async (): Promise<ConflictGroup[] | null> => {
    const workspace = currentWorkspace();
    if (!open || !workspace || vaultId === null) return null;
    return loadConflictGroups(workspace.ctx.db, conflictStore(vaultId));
  }, [open, vaultId, version]);
  const groups = loaded.status === 'ready' ? loaded.value : null;
  useEffect(() => {
    if (groups) setSyncStatus({ conflicts: groups.reduce((n, g) => n + g.conflicts.length, 0) });
  }, [groups, setSyncStatus]);
  useEffect(() => {
    if (loaded.status === 'failed') notify(errorMessage(loaded.error), { tone: 'error' });
  }, [loaded.status, loaded.error, notify]);

  const answer = async (conflict: StoredConflict, use: boolean) => {
    const workspace = currentWorkspace();
    if (!workspace || vaultId === null) return;
    setBusy(true);
    try {
      const store = conflictStore(vaultId);
      const outcome = use
        ? await chooseLostValue({ db: workspace.ctx.db, clock: workspace.ctx.clock, store, now: Date.now }, conflict)
        : await keepValue({ store }, conflict);
      if (!outcome.ok) {
        notify(outcome.message, { tone: 'error' });
        return;
      }
      if (use) {
        notify(`${fieldWord(conflict.field)} changed back; your other devices get it at the next sync.`);
        void loadWorkspace();
        emitRecordsArrived();
      }
      setVersion((v) => v + 1);
      // The next answer, or the list itself when none is left (after the list is drawn again).
      setTimeout(() => {
        const next = listRef.current?.querySelector<HTMLButtonElement>('button');
        (next ?? listRef.current)?.focus();
      }, 50);
    } catch (error) {
      notify(errorMessage(error), { tone: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title="Conflicts" open={open} onClose={onClose} wide>
      <div ref={listRef} tabIndex={-1} className="conflicts-list" data-testid="conflicts-list">
        {groups === null ? (
          <p className="muted">Loading…</p>
        ) : groups.length === 0 ? (
          <div className="empty-state">
            <p className="empty-title">No conflicts</p>
            <p>
              When this device and another change the same thing before either has seen the other’s change, the newer change is kept and the other one is listed
              here, so you can pick it instead.
            </p>
          </div>
        ) : (
          groups.map((group) => {
            const title = group.record
              ? `${kindWord(group.table).replace(/^./u, (c) => c.toUpperCase())}: ${recordLabel(group.table, group.record, names)}`
              : `A ${kindWord(group.table)} deleted since`;
            return (
              <section key={group.key} className="conflict-group" aria-label={title}>
                <h3>{title}</h3>
                <ul>
                  {group.conflicts.map((c) => (
                    <li key={c.key} className="conflict-row">
                      <p>
                        <strong>{fieldWord(c.field)}</strong>
                      </p>
                      <p>
                        In use: <span className="conflict-value">{valueWords(c.field, c.kept.value, c.kept.op === 'set')}</span>{' '}
                        <span className="small muted">
                          ({deviceName(c.kept.device)}, {whenOf(c.kept)})
                        </span>
                      </p>
                      <p>
                        Not used: <span className="conflict-value">{valueWords(c.field, c.lost.value, c.lost.op === 'set')}</span>{' '}
                        <span className="small muted">
                          ({deviceName(c.lost.device)}, {whenOf(c.lost)})
                        </span>
                      </p>
                      <div className="button-row">
                        <button type="button" className="button" disabled={busy || !group.record} onClick={() => void answer(c, true)}>
                          Use this value instead<span className="visually-hidden">: {valueWords(c.field, c.lost.value, c.lost.op === 'set')}</span>
                        </button>
                        <button type="button" className="button" disabled={busy} onClick={() => void answer(c, false)}>
                          Keep<span className="visually-hidden"> {valueWords(c.field, c.kept.value, c.kept.op === 'set')}</span>
                        </button>
                      </div>
                    </li>
                  ))}
                </ul>
              </section>
            );
          })
        )}
      </div>
      <div className="button-row">
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
