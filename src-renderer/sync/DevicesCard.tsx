/**
 * The devices that sync this vault, from the targets' rosters, with removal:
 * after it, every device refuses what the removed one writes, and the next
 * key rotation (asked for on the Sync screen) is not granted to it. It keeps
 * what it already has; docs/sync-layout.md lists what it can still do.
 */
import { useMemo, useState } from 'react';
import { useStore } from '../app/store.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { metaStore } from '../vault/session/runtime.ts';
import { syncControls } from './sync-runner.ts';
import { deviceNames } from './device-names.ts';
import { formatDay } from '../ui/format/dates.ts';

export function DevicesCard() {
  const sync = useStore((s) => s.sync);
  const vault = useStore((s) => s.vault);
  const notify = useStore((s) => s.notify);
  const [removing, setRemoving] = useState<string | null>(null);
  const devices = useMemo(() => {
    const all = new Map<string, { id: string; addedAt?: number; removed: boolean }>();
    for (const report of Object.values(sync.targets)) {
      for (const d of report.devices) {
        const known = all.get(d.id);
        all.set(d.id, { ...d, removed: d.removed || (known?.removed ?? false) });
      }
    }
    return [...all.values()];
  }, [sync.targets]);
  const names = useMemo(() => deviceNames(devices, sync.deviceId ?? null), [devices, sync.deviceId]);
  if (devices.length === 0) return null;
  const nameOf = (id: string): string => names.get(id) ?? 'A device';

  const remove = async (id: string) => {
    setRemoving(null);
    if (vault.kind !== 'unlocked') return;
    await metaStore().addSyncRemoval(vault.vaultId, id);
    syncControls()?.syncNow();
    notify(`${nameOf(id)} will be removed on every target at the next sync.`);
  };

  return (
    <section className="card" aria-labelledby="devices-title">
      <h2 id="devices-title">Devices</h2>
      <table className="list-table" aria-label="Devices">
        <thead>
          <tr>
            <th scope="col">Device</th>
            <th scope="col">Joined</th>
            <th scope="col">State</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {devices.map((d) => (
            <tr key={d.id}>
              <th scope="row">
                <span title={`Device key ${d.id.slice(0, 8)}`}>{nameOf(d.id)}</span>
              </th>
              <td>{d.addedAt !== undefined ? formatDay(d.addedAt) : 'Not recorded'}</td>
              <td>{d.removed ? 'Removed: its new changes are refused' : 'Syncing'}</td>
              <td className="row-actions">
                {!d.removed && d.id !== sync.deviceId && (
                  <button type="button" className="button small" onClick={() => setRemoving(d.id)}>
                    Remove <span className="visually-hidden">{nameOf(d.id)}</span>
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ConfirmDialog
        title="Remove this device?"
        open={removing !== null}
        message={`From the next sync, your devices refuse what “${removing === null ? '' : nameOf(removing)}” writes. It keeps the data it already has. Use this for a computer you no longer use.`}
        confirmLabel="Remove device"
        onCancel={() => setRemoving(null)}
        onConfirm={() => removing && void remove(removing)}
      />
    </section>
  );
}
