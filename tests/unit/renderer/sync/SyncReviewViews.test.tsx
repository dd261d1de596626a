// @vitest-environment happy-dom
/**
 * The deletion review and the Conflicts view as a person uses them, on a real vault (the sync
 * harness's device) and the app's store: what they say, in words; that an answer is stored as the
 * decision for exactly the batch shown, or written as a new change; the empty state; the keyboard.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import sodium from 'libsodium-wrappers-sumo';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { getSodium } from '../../../../src-renderer/vault/crypto/sodium.ts';
import { createClient, getClient } from '../../../../src-renderer/vault/repos/clients.ts';
import type { PausedBatch } from '../../../../src-renderer/sync/engine/round-types.ts';
import type { TargetSyncReport } from '../../../../src-renderer/sync/sync-slice.ts';
import { readProgress } from '../../../../src-renderer/sync/engine/sync-progress.ts';
import { addConflicts } from '../../../../src-renderer/sync/conflicts/conflict-store.ts';
import { clientInput, T0 } from '../../support/store-helpers.ts';
import { device, newVault, type Device } from './engine/harness.ts';

const world = vi.hoisted(() => ({ device: undefined as unknown as Device, syncNow: vi.fn() }));
vi.mock('../../../../src-renderer/vault/session/runtime.ts', async (original) => ({
  ...(await original<object>()),
  currentWorkspace: () => world.device.workspace,
  metaStore: () => world.device.meta,
  repoContext: () => world.device.workspace.ctx,
}));
vi.mock('../../../../src-renderer/sync/sync-runner.ts', async (original) => ({
  ...(await original<object>()),
  syncControls: () => ({ syncNow: world.syncNow }),
}));

const { useStore } = await import('../../../../src-renderer/app/store.ts');
const { GuardReviewCard } = await import('../../../../src-renderer/sync/GuardReviewCard.tsx');
const { ConflictsDialog } = await import('../../../../src-renderer/sync/ConflictsDialog.tsx');
const { conflictStore } = await import('../../../../src-renderer/sync/conflicts/conflict-runtime.ts');

beforeAll(async () => {
  await getSodium();
  await sodium.ready;
});
afterEach(cleanup);

const deviceName = (id: string) => (id === 'dev-laptop' ? 'Old laptop' : 'This device');

function report(paused: PausedBatch[]): TargetSyncReport {
  return {
    targetId: 't1',
    ok: true,
    newerDevices: [],
    pushedSegments: 0,
    appliedSegments: 0,
    bytesSent: 0,
    heldBack: [],
    rejected: [],
    quarantined: 0,
    incomplete: 0,
    missingKeys: [],
    devices: [],
    paused,
    at: T0,
  };
}

async function setup() {
  const vault = newVault();
  world.device = await device(vault);
  world.syncNow.mockReset();
  const client = await createClient(world.device.workspace.ctx, clientInput({ name: 'Acme GmbH', notes: 'kept value' }));
  const project = { id: 'p1', name: 'Website relaunch', clientId: client.id };
  useStore.setState((s) => ({
    vault: { kind: 'unlocked', vaultId: vault.vaultId },
    clients: [client],
    projects: [project] as unknown as typeof s.projects,
    sync: { ...s.sync, conflicts: 0, targets: {} },
    toasts: [],
  }));
  return { vault, client, project };
}

describe('deletions waiting for review', () => {
  it('says who would delete how many of what, lists them in words, and stores "Apply" for exactly that batch, with Undo', async () => {
    const { vault, client, project } = await setup();
    const doomed = Array.from({ length: 24 }, (_, i) => ({
      table: 'timeBlocks',
      id: `b${i}`,
      record: { id: `b${i}`, projectId: project.id, clientId: client.id, start: T0 + i * 86_400_000, end: T0 + i * 86_400_000 + 5_400_000, zone: 'UTC' },
    }));
    const batch: PausedBatch = {
      partition: client.id,
      device: 'dev-laptop',
      fromSeq: 3,
      toSeq: 5,
      live: 32,
      liveByTable: { timeBlocks: 30, projects: 1, clients: 1 },
      doomed,
      newest: '0'.repeat(32),
    };
    useStore.setState((s) => ({ sync: { ...s.sync, targets: { t1: report([batch]) } } }));
    render(<GuardReviewCard targetName={() => 'My NAS'} deviceName={deviceName} />);

    const heading = screen.getByRole('heading', { level: 3 });
    expect(heading.textContent).toBe('Old laptop would delete 24 of 30 time blocks of Acme GmbH');
    const list = screen.getByRole('region', { name: 'Records Old laptop would delete' });
    const rows = within(list).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(24);
    expect(rows[0]?.textContent).toMatch(/^Time blockWebsite relaunch · .*2025 · 1 h 30 min$/u);
    // Nothing in it is a table or field name.
    expect(list.textContent).not.toMatch(/timeBlocks|projectId|clientId/u);

    fireEvent.click(screen.getByRole('button', { name: 'Apply the deletions' }));
    await waitFor(() => expect(world.syncNow).toHaveBeenCalled());
    const progress = readProgress(await world.device.meta.syncProgress(vault.vaultId, 't1'));
    expect(progress.guard?.[client.id]).toEqual([{ device: 'dev-laptop', fromSeq: 3, toSeq: 5, choice: 'apply' }]);
    expect(screen.queryByRole('heading', { level: 3 })).toBeNull();
    const toast = useStore.getState().toasts.at(-1);
    expect(toast?.message).toBe('Deleting 24 time blocks of Acme GmbH, as Old laptop did.');
    expect(toast?.action?.label).toBe('Undo');
  });

  it('"Keep them" stores keep; nothing shows when nothing waits', async () => {
    const { vault, client } = await setup();
    const { container } = render(<GuardReviewCard targetName={() => 'My NAS'} deviceName={deviceName} />);
    expect(container.textContent).toBe('');
    cleanup();
    const batch: PausedBatch = {
      partition: client.id,
      device: 'dev-laptop',
      fromSeq: 1,
      toSeq: 1,
      live: 40,
      liveByTable: { timeBlocks: 20, expenses: 20 },
      doomed: [
        { table: 'timeBlocks', id: 'b1', record: { start: T0, end: T0 + 3_600_000 } },
        { table: 'expenses', id: 'e1', record: { date: '2026-03-02', amountMinor: 1250, currency: 'EUR' } },
      ],
      newest: '0'.repeat(32),
    };
    useStore.setState((s) => ({ sync: { ...s.sync, targets: { t1: report([batch]) } } }));
    render(<GuardReviewCard targetName={() => 'My NAS'} deviceName={deviceName} />);
    expect(screen.getByRole('heading', { level: 3 }).textContent).toBe('Old laptop would delete 2 of 40 records of Acme GmbH');
    expect(screen.getByText(/2026-03-02 · 12.50 EUR/u)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Keep them' }));
    await waitFor(() => expect(world.syncNow).toHaveBeenCalled());
    const progress = readProgress(await world.device.meta.syncProgress(vault.vaultId, 't1'));
    expect(progress.guard?.[client.id]?.[0]?.choice).toBe('keep');
  });
});

describe('the Conflicts view', () => {
  it('lists a conflict by record in words; "Use this value instead" writes it, then the empty state; focus stays in the list', async () => {
    const { vault, client } = await setup();
    const hlc = (n: number) => n.toString(16).padStart(12, '0') + '0000' + 'c'.repeat(16);
    await addConflicts(
      conflictStore(vault.vaultId),
      [
        {
          partition: client.id,
          table: 'clients',
          id: client.id,
          field: 'notes',
          kept: { write: { op: 'set', value: 'kept value', hlc: hlc(T0 + 60_000) }, device: 'dev-desktop' },
          lost: { write: { op: 'set', value: 'the one I meant', hlc: hlc(T0) }, device: 'dev-laptop' },
        },
      ],
      T0,
    );
    render(<ConflictsDialog open onClose={() => undefined} deviceName={deviceName} />);
    const group = await screen.findByRole('region', { name: 'Client: Acme GmbH' });
    expect(within(group).getByText('Notes')).toBeTruthy();
    expect(group.textContent).toContain('In use: kept value');
    expect(group.textContent).toContain('Not used: the one I meant (Old laptop,');
    await waitFor(() => expect(useStore.getState().sync.conflicts).toBe(1));

    const use = within(group).getByRole('button', { name: /^Use this value instead.*the one I meant/u });
    use.focus();
    fireEvent.click(use);
    expect(await screen.findByText('No conflicts')).toBeTruthy();
    expect((await getClient(world.device.workspace.ctx, client.id)).notes).toBe('the one I meant');
    expect(useStore.getState().sync.conflicts).toBe(0);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('conflicts-list')));
  });

  it('"Keep" takes it off the list and changes nothing', async () => {
    const { vault, client } = await setup();
    const hlc = (n: number) => n.toString(16).padStart(12, '0') + '0000' + 'c'.repeat(16);
    await addConflicts(
      conflictStore(vault.vaultId),
      [
        {
          partition: client.id,
          table: 'clients',
          id: client.id,
          field: 'defaultRateMinor',
          kept: { write: { op: 'set', value: 9500, hlc: hlc(T0 + 1) }, device: 'dev-desktop' },
          lost: { write: { op: 'unset', hlc: hlc(T0) }, device: 'dev-laptop' },
        },
      ],
      T0,
    );
    render(<ConflictsDialog open onClose={() => undefined} deviceName={deviceName} />);
    const group = await screen.findByRole('region', { name: 'Client: Acme GmbH' });
    expect(group.textContent).toContain('Default rate');
    expect(group.textContent).toContain('In use: 95.00');
    expect(group.textContent).toContain('Not used: Cleared');
    fireEvent.click(within(group).getByRole('button', { name: /^Keep/u }));
    expect(await screen.findByText('No conflicts')).toBeTruthy();
    expect((await getClient(world.device.workspace.ctx, client.id)).defaultRateMinor).toBe(9500);
  });
});
