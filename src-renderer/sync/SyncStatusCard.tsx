/**
 * Sync's state on the Sync screen: the phase in words, Sync now, Pause or
 * Resume, and per target what the last round did, held back or refused.
 */
import { Pause, Play, RefreshCw } from 'lucide-react';
import type { TargetView } from '../../src-preload/contract/index.ts';
import type { TargetSyncReport } from './sync-slice.ts';
import { useStore } from '../app/store.ts';
import { useClock } from '../app/use-clock.ts';
import { syncControls } from './sync-runner.ts';
import { syncStatusText } from './sync-status-text.ts';
import { newerVersionLines } from './newer-version-text.ts';
import { deviceNames } from './device-names.ts';
import { formatInstant } from '../ui/format/dates.ts';
import { countOf, pluralize } from '../ui/format/plural.ts';
import { formatBytes } from '../ui/format/sizes.ts';

const batches = (n: number): string => pluralize(n, { one: 'batch of changes', other: 'batches of changes' });

export function SyncStatusCard({ targets, clientName }: { targets: TargetView[]; clientName: (id: string) => string }) {
  const sync = useStore((s) => s.sync);
  const { now } = useClock(1_000);
  const paused = sync.phase === 'paused';
  const partitionName = (pid: string) => (pid === 'workspace' ? 'Workspace settings' : clientName(pid));
  const reports = targets.flatMap((t) => (sync.targets[t.id] ? [sync.targets[t.id] as TargetSyncReport] : []));
  const names = deviceNames(
    reports.flatMap((r) => r.devices),
    sync.deviceId ?? null,
  );
  const newer = newerVersionLines(reports, (device) => names.get(device));
  return (
    <section className="card" aria-labelledby="sync-status-title">
      <div className="section-header">
        <h2 id="sync-status-title">Status</h2>
        <div className="button-row">
          <button type="button" className="button" disabled={targets.length === 0 || paused} onClick={() => syncControls()?.syncNow()}>
            <RefreshCw aria-hidden size={16} /> Sync now
          </button>
          <button
            type="button"
            className="button"
            disabled={targets.length === 0}
            onClick={() => (paused ? syncControls()?.resume() : syncControls()?.pause())}
          >
            {paused ? <Play aria-hidden size={16} /> : <Pause aria-hidden size={16} />} {paused ? 'Resume' : 'Pause'}
          </button>
        </div>
      </div>
      {/* data-round-started-at: a test presses Sync now and waits for a round that began after the press. */}
      <p role="status" data-testid="sync-phase" data-round-started-at={sync.lastSuccessStartedAt} className={sync.error ? 'form-error' : undefined}>
        {targets.length === 0 ? 'Add a target to sync. Until then everything stays on this device.' : syncStatusText(sync, now, (ms) => formatInstant(ms))}
      </p>
      {newer.length > 0 && (
        <ul className="small form-error" data-testid="sync-newer-version">
          {newer.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      {targets.map((t) => {
        const r = sync.targets[t.id];
        if (!r) return null;
        return (
          <div key={t.id} className="sync-target-report" data-testid={`sync-report-${t.label}`}>
            <strong>{t.label}</strong>{' '}
            <span className="small muted">
              {formatInstant(r.at)}:{' '}
              {r.ok ? `sent ${batches(r.pushedSegments)} (${formatBytes(r.bytesSent)}), received ${r.appliedSegments}` : `failed: ${r.error ?? ''}`}
            </span>
            {r.heldBack.length > 0 && (
              <ul className="small">
                {r.heldBack.map((h) => (
                  <li key={h.partition}>
                    Held back: {partitionName(h.partition)}. {h.reason}
                  </li>
                ))}
              </ul>
            )}
            {r.rejected.length > 0 && (
              <p className="small form-error">
                {countOf(r.rejected.length, 'file')} on this target did not verify and {r.rejected.length === 1 ? 'was' : 'were'} not applied (damaged, or not
                written by one of your devices): {r.rejected[0]?.message}
              </p>
            )}
            {r.quarantined > 0 && (
              <p className="small form-error">
                {countOf(r.quarantined, 'change')} {r.quarantined === 1 ? 'comes' : 'come'} from a device whose clock is more than 5 minutes ahead of this one;{' '}
                {r.quarantined === 1 ? 'it waits' : 'they wait'} until the clocks agree. Check the date and time settings.
              </p>
            )}
            {r.incomplete > 0 && (
              <p className="small form-error">
                {countOf(r.incomplete, 'record')} arrived incomplete and {r.incomplete === 1 ? 'was' : 'were'} not applied.
              </p>
            )}
            {r.missingKeys.length > 0 && (
              <p className="small muted">
                {countOf(r.missingKeys.length, 'client')} on this target {r.missingKeys.length === 1 ? 'has' : 'have'} no key here yet.
              </p>
            )}
          </div>
        );
      })}
    </section>
  );
}
