/**
 * The Sync screen: sync's status, the targets, and beside them what the locality guard decides
 * (where each client's data may go, travel, the audit log; those sections live in locality/).
 * Targets are checked by the guard as soon as they are added, and a sync round follows.
 */
import { GitMerge, Plus, Trash2 } from 'lucide-react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { TargetView } from '../../src-preload/contract/index.ts';
import { useStore } from '../app/store.ts';
import { caravan, unwrap } from '../ipc/caravan.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { ScreenHeader } from '../ui/ScreenHeader.tsx';
import { AuditLogSection } from '../locality/AuditLogSection.tsx';
import { GuaranteeBadge } from '../locality/GuaranteeBadge.tsx';
import { LocalityDataSection } from '../locality/LocalityDataSection.tsx';
import { PlacementCard } from '../locality/PlacementCard.tsx';
import { TargetForm } from '../locality/TargetForm.tsx';
import { TravelCard } from '../locality/TravelCard.tsx';
import { DevicesCard } from './DevicesCard.tsx';
import { ConflictsDialog } from './ConflictsDialog.tsx';
import { GuardReviewCard } from './GuardReviewCard.tsx';
import { RotationNeededCard } from './RotationNeededCard.tsx';
import { useDeviceName } from './use-device-names.ts';
import { HistoryCard } from '../history/HistoryCard.tsx';
import { SyncStatusCard } from './SyncStatusCard.tsx';
import { syncControls } from './sync-runner.ts';
import { errorMessage } from '../ui/error-message.ts';
import { useLoaded } from '../ui/use-loaded.ts';

function kindLabel(t: TargetView): string {
  return t.kind === 'folder' ? 'Folder' : t.kind === 'webdav' ? 'WebDAV' : 'S3';
}

export function SyncScreen() {
  const clients = useStore((s) => s.clients);
  const notify = useStore((s) => s.notify);
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<TargetView | null>(null);
  const [showConflicts, setShowConflicts] = useState(false);
  const conflicts = useStore((s) => s.sync.conflicts);
  const deviceName = useDeviceName();
  const [version, setVersion] = useState(0);
  const refresh = useCallback(() => setVersion((v) => v + 1), []);
  const active = useMemo(() => clients.filter((c) => !c.archived), [clients]);

  // version is not read: a change of it (a target added or removed) asks again.
  const loaded = useLoaded(
    () => Promise.all([unwrap(caravan().locality.targets()), unwrap(caravan().locality.placement(active.map((c) => ({ id: c.id, label: c.name }))))]),
    [active, version],
  );
  // What was shown stays on a failure; the failure is a toast, as every action's is here.
  useEffect(() => {
    if (loaded.status === 'failed') notify(errorMessage(loaded.error), { tone: 'error' });
  }, [loaded.status, loaded.error, notify]);
  const [list, placements] = loaded.value ?? [null, []];

  const targetNames = useMemo(() => Object.fromEntries((list?.targets ?? []).map((t) => [t.id, t.label])), [list]);
  const testTarget = async (target: TargetView) => {
    const tested = await caravan().sync.test(target.id);
    if (tested.ok) notify(`${target.label}: the connection works.`);
    else notify(`${target.label}: ${tested.error.message}`, { tone: 'error' });
  };
  const remove = async (target: TargetView) => {
    setRemoving(null);
    try {
      await unwrap(caravan().locality.removeTarget(target.id));
      notify(`${target.label} removed. Data already on it stays there until you delete it at the provider.`);
      refresh();
    } catch (e) {
      notify(errorMessage(e), { tone: 'error' });
    }
  };

  return (
    <section className="screen wide" aria-labelledby="screen-title">
      <ScreenHeader title="Sync">
        <button type="button" className="button" onClick={() => setShowConflicts(true)}>
          <GitMerge aria-hidden size={16} /> Conflicts
          {conflicts > 0 && (
            <span className="count-badge" aria-label={`${conflicts} open`}>
              {conflicts}
            </span>
          )}
        </button>
        <button type="button" className="button primary" onClick={() => setAdding(true)}>
          <Plus aria-hidden size={16} /> Add target
        </button>
      </ScreenHeader>
      <SyncStatusCard targets={list?.targets ?? []} clientName={(id) => clients.find((c) => c.id === id)?.name ?? 'A client'} />
      <RotationNeededCard />
      <GuardReviewCard targetName={(id) => targetNames[id] ?? 'a target'} deviceName={deviceName} />
      <section className="card" aria-labelledby="targets-title">
        <h2 id="targets-title">Targets</h2>
        {list?.problem && <p className="form-error">{list.problem}</p>}
        {list && list.targets.length === 0 ? (
          <div className="empty-state">
            <p className="empty-title">No targets yet</p>
            <p>Add a folder, a WebDAV server or an S3 bucket you own. Each client’s data goes only to the targets its policy allows.</p>
          </div>
        ) : (
          <table className="list-table" aria-label="Targets">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">Where</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list?.targets.map((t) => (
                <tr key={t.id}>
                  <th scope="row">{t.label}</th>
                  <td>{kindLabel(t)}</td>
                  <td>
                    <GuaranteeBadge guarantee={t.resolved.guarantee} /> {t.resolved.description}
                  </td>
                  <td className="row-actions">
                    <button type="button" className="button small" onClick={() => void testTarget(t)}>
                      Test <span className="visually-hidden">{t.label}</span>
                    </button>
                    <button type="button" className="icon-button" aria-label={`Remove ${t.label}`} onClick={() => setRemoving(t)}>
                      <Trash2 aria-hidden size={16} />
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {list && list.targets.length > 0 && active.length > 0 && <PlacementCard clients={active} targets={list.targets} placements={placements} />}
      <DevicesCard />
      <HistoryCard />
      <TravelCard onChanged={refresh} />
      <AuditLogSection targets={targetNames} refreshKey={version} />
      <LocalityDataSection onChanged={refresh} />
      <Dialog title="Add a sync target" open={adding} onClose={() => setAdding(false)} wide>
        <TargetForm
          onDone={(added) => {
            setAdding(false);
            if (!added) return;
            const label = added.target.label;
            if (added.testProblem) notify(`${label} added, but the connection test failed: ${added.testProblem}`, { tone: 'error' });
            else notify(`${label} added; the connection works.`);
            if (added.credentialsNote) notify(added.credentialsNote, { tone: 'error' });
            refresh();
            syncControls()?.syncNow();
          }}
        />
      </Dialog>
      <ConflictsDialog open={showConflicts} onClose={() => setShowConflicts(false)} deviceName={deviceName} />
      <ConfirmDialog
        title="Remove this target?"
        open={removing !== null}
        message={removing ? `Caravan stops using ${removing.label}. What it already holds stays there (encrypted) until you delete it at the provider.` : ''}
        confirmLabel="Remove target"
        onCancel={() => setRemoving(null)}
        onConfirm={() => removing && void remove(removing)}
      />
    </section>
  );
}
