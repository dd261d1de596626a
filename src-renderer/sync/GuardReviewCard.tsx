/**
 * Batches the deletion guard paused (engine/guarded-apply.ts), on the Sync screen: which device
 * would delete how many of what, the list, and the two answers. "Apply the deletions" applies
 * exactly the batch listed (segments that arrive later meet the guard afresh) and can be undone;
 * "Keep them" writes the records again here, so they win over the deletions on every device.
 */
import { useMemo, useState } from 'react';
import { useStore } from '../app/store.ts';
import { currentWorkspace } from '../vault/session/runtime.ts';
import type { PausedBatch } from './engine/round-types.ts';
import { decideBatch, restoreBatch } from './guard-actions.ts';
import { kindWord, recordLabel, type LabelNames } from './record-labels.ts';
import { syncControls } from './sync-runner.ts';
import { useRecordUndo } from '../ui/use-undo.ts';
import { errorMessage } from '../ui/error-message.ts';

/** Rows drawn per batch; the rest are counted (a wiped partition can hold thousands). */
const SHOWN = 200;

export function GuardReviewCard({ targetName, deviceName }: { targetName: (id: string) => string; deviceName: (id: string) => string }) {
  const targets = useStore((s) => s.sync.targets);
  const vaultId = useStore((s) => (s.vault.kind === 'unlocked' ? s.vault.vaultId : null));
  const clients = useStore((s) => s.clients);
  const projects = useStore((s) => s.projects);
  const notify = useStore((s) => s.notify);
  const dropPaused = useStore((s) => s.dropPaused);
  const recordUndo = useRecordUndo();
  const [busy, setBusy] = useState(false);
  const names: LabelNames = useMemo(
    () => ({ project: (id) => projects.find((p) => p.id === id)?.name, client: (id) => clients.find((c) => c.id === id)?.name }),
    [clients, projects],
  );
  const batches = Object.values(targets).flatMap((r) => r.paused.map((batch) => ({ targetId: r.targetId, batch })));
  if (batches.length === 0 || vaultId === null) return null;

  const partitionName = (pid: string) => (pid === 'workspace' ? 'your workspace settings' : (clients.find((c) => c.id === pid)?.name ?? 'a client'));
  const decide = async (targetId: string, batch: PausedBatch, choice: 'apply' | 'keep') => {
    setBusy(true);
    try {
      await decideBatch(vaultId, targetId, batch, choice);
      dropPaused(targetId, batch);
      syncControls()?.syncNow();
      const what = `${batch.doomed.length} ${kindWord(mainTable(batch), batch.doomed.length)} of ${partitionName(batch.partition)}`;
      if (choice === 'keep') {
        notify(`Keeping ${what}: they are written again here and sent to your other devices.`);
        return;
      }
      recordUndo(`Deleting ${what}, as ${deviceName(batch.device)} did.`, {
        label: 'the deletions',
        undo: async () => {
          const workspace = currentWorkspace();
          if (!workspace) throw new Error('The vault is locked.');
          await restoreBatch(workspace.ctx.db, workspace.ctx.clock, batch);
          syncControls()?.syncNow();
        },
      });
    } catch (error) {
      notify(errorMessage(error), { tone: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card guard-review" aria-labelledby="guard-review-title">
      <h2 id="guard-review-title">Deletions waiting for you</h2>
      {batches.map(({ targetId, batch }) => {
        const headingId = `guard-${targetId}-${batch.partition}-${batch.device}-${batch.fromSeq}`;
        return (
          <section key={headingId} className="guard-batch" aria-labelledby={headingId} data-testid="guard-batch">
            <h3 id={headingId}>
              {deviceName(batch.device)} would delete {amount(batch)} of {partitionName(batch.partition)}
            </h3>
            <p className="small muted">
              Nothing of {partitionName(batch.partition)} from that device has been applied here (via {targetName(targetId)}), so nothing is lost yet. Look
              through the list, then choose.
            </p>
            <div className="guard-list" role="region" aria-label={`Records ${deviceName(batch.device)} would delete`} tabIndex={0}>
              <table className="list-table">
                <thead>
                  <tr>
                    <th scope="col">What</th>
                    <th scope="col">Record</th>
                  </tr>
                </thead>
                <tbody>
                  {batch.doomed.slice(0, SHOWN).map((r) => (
                    <tr key={`${r.table}|${r.id}`}>
                      <td>{capital(kindWord(r.table))}</td>
                      <td>{recordLabel(r.table, r.record, names)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {batch.doomed.length > SHOWN && <p className="small muted">and {batch.doomed.length - SHOWN} more.</p>}
            </div>
            <div className="button-row">
              <button type="button" className="button" disabled={busy} onClick={() => void decide(targetId, batch, 'keep')}>
                Keep them
              </button>
              <button type="button" className="button danger" disabled={busy} onClick={() => void decide(targetId, batch, 'apply')}>
                Apply the deletions
              </button>
            </div>
          </section>
        );
      })}
    </section>
  );
}

function capital(text: string): string {
  return text.length === 0 ? text : (text[0]?.toUpperCase() ?? '') + text.slice(1);
}

/** The table most of the batch is in. */
function mainTable(batch: PausedBatch): string {
  const counts = new Map<string, number>();
  for (const r of batch.doomed) counts.set(r.table, (counts.get(r.table) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'records';
}

/** "240 of 300 time blocks" when the batch is one kind, "240 of 312 records" when it mixes. */
function amount(batch: PausedBatch): string {
  const tables = [...new Set(batch.doomed.map((r) => r.table))];
  const n = batch.doomed.length;
  if (tables.length === 1 && tables[0] !== undefined) return `${n} of ${batch.liveByTable[tables[0]] ?? batch.live} ${kindWord(tables[0], 2)}`;
  return `${n} of ${batch.live} records`;
}
