// @vitest-environment happy-dom
/** The Sync screen's status card says "update Caravan on this device" once per newer device, across targets. */
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useStore } from '../../../../src-renderer/app/store.ts';
import { SyncStatusCard } from '../../../../src-renderer/sync/SyncStatusCard.tsx';
import type { TargetSyncReport } from '../../../../src-renderer/sync/sync-slice.ts';
import type { TargetView } from '../../../../src-preload/contract/index.ts';

afterEach(() => {
  cleanup();
  useStore.getState().resetSync();
});

const ADDED = Date.UTC(2026, 11, 3, 12);

function report(targetId: string, newerDevices: TargetSyncReport['newerDevices']): TargetSyncReport {
  return {
    targetId,
    ok: true,
    paused: [],
    pushedSegments: 0,
    appliedSegments: 3,
    bytesSent: 0,
    heldBack: [],
    rejected: [],
    quarantined: 0,
    incomplete: 0,
    newerDevices,
    missingKeys: [],
    devices: [
      { id: 'me', addedAt: ADDED - 86_400_000, removed: false },
      { id: 'laptop', addedAt: ADDED, removed: false },
    ],
    at: ADDED,
  };
}

describe('SyncStatusCard', () => {
  it('names the newer device once, although two targets and many segments showed it, and lists no damaged file', () => {
    const targets = [
      { id: 't1', label: 'Nextcloud' },
      { id: 't2', label: 'USB disk' },
    ] as unknown as TargetView[];
    useStore.getState().setSyncStatus({ phase: 'idle', deviceId: 'me' });
    useStore.getState().setTargetReport(report('t1', [{ device: 'laptop', waiting: false }]));
    useStore.getState().setTargetReport(report('t2', [{ device: 'laptop', waiting: false }]));
    render(<SyncStatusCard targets={targets} clientName={() => 'A client'} />);
    const notice = screen.getByTestId('sync-newer-version');
    expect(notice.querySelectorAll('li')).toHaveLength(1);
    expect(notice.textContent).toMatch(
      /^Update Caravan on this device: Device added .+ uses a newer version; its new kinds of data are kept and passed on, but not shown here\.$/u,
    );
    expect(screen.queryByText(/did not verify/u)).toBeNull();
  });

  it('shows no notice when every device runs this version', () => {
    useStore.getState().setSyncStatus({ phase: 'idle', deviceId: 'me' });
    useStore.getState().setTargetReport(report('t1', []));
    render(<SyncStatusCard targets={[{ id: 't1', label: 'Nextcloud' }] as unknown as TargetView[]} clientName={() => 'A client'} />);
    expect(screen.queryByTestId('sync-newer-version')).toBeNull();
  });
});
