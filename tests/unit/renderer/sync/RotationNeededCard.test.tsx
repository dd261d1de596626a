// @vitest-environment happy-dom
/** The Sync screen asks for a rotation when a round found a removed device still holding the keys, and rotates there. */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useStore } from '../../../../src-renderer/app/store.ts';
import type { TargetSyncReport } from '../../../../src-renderer/sync/sync-slice.ts';

const rotateNow = vi.fn(async (_workspace: unknown, passphrase: string) =>
  passphrase === 'right horse battery'
    ? { ok: true as const, generation: 4 }
    : { ok: false as const, message: 'The passphrase is not right. Nothing was changed.' },
);
const syncNow = vi.fn();
vi.mock('../../../../src-renderer/vault/session/key-actions.ts', () => ({ rotateNow: (w: unknown, p: string) => rotateNow(w, p) }));
vi.mock('../../../../src-renderer/vault/session/runtime.ts', async (importOriginal) => ({
  ...(await importOriginal<Record<string, unknown>>()),
  currentWorkspace: () => ({}),
  vaultService: () => ({ expectedKdfMillis: async () => 10 }),
}));
vi.mock('../../../../src-renderer/sync/sync-runner.ts', async (importOriginal) => ({
  ...(await importOriginal<Record<string, unknown>>()),
  syncControls: () => ({ syncNow }),
}));

const { RotationNeededCard } = await import('../../../../src-renderer/sync/RotationNeededCard.tsx');

afterEach(() => {
  cleanup();
  useStore.getState().resetSync();
  rotateNow.mockClear();
  syncNow.mockClear();
});

const REASON = 'A device you removed (Old laptop) still holds this vault’s current keys, so it could read what is synced from now on.';

function report(targetId: string, rotationNeeded?: string): TargetSyncReport {
  return {
    targetId,
    ok: true,
    paused: [],
    pushedSegments: 0,
    appliedSegments: 0,
    bytesSent: 0,
    heldBack: [],
    rejected: [],
    quarantined: 0,
    incomplete: 0,
    newerDevices: [],
    missingKeys: [],
    devices: [],
    ...(rotationNeeded ? { rotationNeeded } : {}),
    at: 0,
  };
}

describe('RotationNeededCard', () => {
  it('shows nothing while no round asks for a rotation', () => {
    useStore.getState().setTargetReport(report('t1'));
    const { container } = render(<RotationNeededCard />);
    expect(container.textContent).toBe('');
  });

  it('says why once across targets, refuses a wrong passphrase in words, and rotates and syncs with the right one', async () => {
    useStore.getState().setTargetReport(report('t1', REASON));
    useStore.getState().setTargetReport(report('t2', REASON));
    render(<RotationNeededCard />);
    expect(screen.getAllByText(REASON)).toHaveLength(1);

    fireEvent.change(screen.getByLabelText('Passphrase'), { target: { value: 'wrong' } });
    fireEvent.click(screen.getByRole('button', { name: 'Rotate keys now' }));
    expect(await screen.findByText('The passphrase is not right. Nothing was changed.')).toBeTruthy();
    expect(syncNow).not.toHaveBeenCalled();

    fireEvent.change(screen.getByLabelText('Passphrase'), { target: { value: 'right horse battery' } });
    fireEvent.click(screen.getByRole('button', { name: 'Rotate keys now' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('generation 4'));
    expect(syncNow).toHaveBeenCalledTimes(1);
  });
});
