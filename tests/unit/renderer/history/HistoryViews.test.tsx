// @vitest-environment happy-dom
/** The history views with a backend double: what a person sees and what their clicks ask for. */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HistoryBackend } from '../../../../src-renderer/history/history-backend.ts';
import type { RecordDiff } from '../../../../src-renderer/history/as-of.ts';
import type { RestoreItem, RestoreOutcome } from '../../../../src-renderer/history/restore.ts';
import { RecordHistoryView } from '../../../../src-renderer/history/RecordHistoryView.tsx';
import { VaultHistoryView } from '../../../../src-renderer/history/VaultHistoryView.tsx';
import { encode } from '../../../../src-renderer/sync/hlc/hlc.ts';

// The app store pulls in the PDF font (a `?url` import); the views read only names from it.
vi.mock('../../../../src-renderer/app/store.ts', () => {
  const state = {
    clients: [{ id: 'c1', name: 'Acme' }],
    projects: [{ id: 'p1', name: 'Website relaunch' }],
    phases: [],
    experiments: [],
    sync: { targets: {}, deviceId: undefined },
  };
  return { useStore: (select: (s: typeof state) => unknown) => select(state) };
});

vi.mock('../../../../src-renderer/vault/session/runtime.ts', () => ({ repoContext: () => undefined }));

afterEach(cleanup);

const NOW = Date.UTC(2026, 11, 7, 15);
const HOUR = 3_600_000;
const CLIENT = 'c1';
const block = (id: string, hour: number, note = '') => ({
  id,
  projectId: 'p1',
  clientId: CLIENT,
  start: Date.UTC(2026, 11, 7, hour),
  end: Date.UTC(2026, 11, 7, hour + 1),
  zone: 'UTC',
  kind: 'deep',
  billable: true,
  billed: false,
  note,
  createdAt: 1,
  updatedAt: 1,
});

const DIFFS: RecordDiff[] = [
  {
    partition: `client:${CLIENT}`,
    table: 'clients',
    id: CLIENT,
    kind: 'changed',
    then: { id: CLIENT, name: 'Acme', notes: '' },
    now: { id: CLIENT, name: 'Acme', notes: 'x' },
    fields: ['notes'],
  },
  { partition: `client:${CLIENT}`, table: 'timeBlocks', id: 'b1', kind: 'deleted', then: block('b1', 9), fields: [] },
  { partition: `client:${CLIENT}`, table: 'timeBlocks', id: 'b2', kind: 'deleted', then: block('b2', 10), fields: [] },
  {
    partition: 'workspace',
    table: 'settings',
    id: 'invoices.register',
    kind: 'changed',
    then: { id: 'invoices.register', value: 1 },
    now: { id: 'invoices.register', value: 2 },
    fields: ['value'],
  },
];

const OUTCOME: RestoreOutcome = { written: 2, unchanged: 0, first: encode({ ms: NOW, counter: 0, node: '00000000000000a1' }), touched: [] };

function backend(overrides: Partial<HistoryBackend> = {}): HistoryBackend & { restore: ReturnType<typeof vi.fn>; undo: ReturnType<typeof vi.fn> } {
  return {
    readAt: vi.fn(async (_instant: number, options) => {
      options.onProgress?.({ done: 0, total: 2 });
      return { before: '', states: new Map(), diffs: DIFFS };
    }),
    readRecord: vi.fn(async () => []),
    restore: vi.fn(async (_items: readonly RestoreItem[]) => ({
      ok: true as const,
      outcome: OUTCOME,
      message: 'Restored 2 records as new changes; your other devices get them at the next sync.',
    })),
    undo: vi.fn(async () => ({
      ok: true as const,
      outcome: { ...OUTCOME, first: undefined },
      message: 'Restore undone: 2 records put back as they were just before it.',
    })),
    ...overrides,
  } as never;
}

const asOf = () => screen.getByLabelText('As of');

describe('VaultHistoryView', () => {
  it('refuses a moment outside the history window, in words, without reading', async () => {
    const b = backend();
    render(<VaultHistoryView retentionDays={30} backend={b} now={() => NOW} />);
    fireEvent.change(asOf(), { target: { value: '2026-10-01T09:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Compare with now' }));
    expect(await screen.findByText('As of: history reaches back 30 days (Settings → Sync history). Pick a later moment.')).toBeTruthy();
    fireEvent.change(asOf(), { target: { value: '2026-12-08T09:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Compare with now' }));
    expect(await screen.findByText('As of: pick a moment in the past.')).toBeTruthy();
    expect(b.readAt).not.toHaveBeenCalled();
  });

  it('groups the differences by client and kind; settings are counted, not listed', async () => {
    render(<VaultHistoryView retentionDays={90} backend={backend()} now={() => NOW} />);
    fireEvent.change(asOf(), { target: { value: '2026-12-07T08:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Compare with now' }));
    expect(await screen.findByText(/3 records differ from/)).toBeTruthy();
    const acme = screen.getByRole('region', { name: 'Acme' });
    expect(within(acme).getByText('Time blocks (2)')).toBeTruthy();
    expect(within(acme).getByText(/Notes: empty → x/)).toBeTruthy();
    // Settings are counted, not listed, and never offered for restore.
    expect(screen.queryByRole('region', { name: 'Your own records' })).toBeNull();
    expect(screen.getByText(/^1 setting changed too; settings are not restored from history/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Restore everything shown (3)' })).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Restore selected (0)' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('restores the selection as new writes, then offers and runs the undo', async () => {
    const b = backend();
    render(<VaultHistoryView retentionDays={90} backend={b} now={() => NOW} />);
    fireEvent.change(asOf(), { target: { value: '2026-12-07T08:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Compare with now' }));
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Select all: Acme: Time blocks' }));
    fireEvent.click(screen.getByRole('button', { name: 'Restore selected (2)' }));
    await waitFor(() => expect(b.restore).toHaveBeenCalledTimes(1));
    const items = b.restore.mock.calls[0]![0] as RestoreItem[];
    expect(items.map((i) => [i.table, i.id, i.target?.['id']])).toEqual([
      ['timeBlocks', 'b1', 'b1'],
      ['timeBlocks', 'b2', 'b2'],
    ]);
    expect(await screen.findByText(/Restored 2 records as new changes/)).toBeTruthy();
    // The differences are read again after the restore.
    await waitFor(() => expect(b.readAt).toHaveBeenCalledTimes(2));
    fireEvent.click(screen.getByRole('button', { name: 'Undo this restore' }));
    await waitFor(() => expect(b.undo).toHaveBeenCalledWith(OUTCOME));
    expect(await screen.findByText('Restore undone: 2 records put back as they were just before it.')).toBeTruthy();
  });

  it('says why a restore was refused and keeps the selection', async () => {
    const b = backend({
      restore: vi.fn(async () => ({ ok: false as const, message: 'Restoring a time block needs its project, which is deleted now: select that too.' })),
    });
    render(<VaultHistoryView retentionDays={90} backend={b} now={() => NOW} />);
    fireEvent.click(screen.getByRole('button', { name: 'Compare with now' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Restore everything shown (3)' }));
    expect(await screen.findByText(/needs its project, which is deleted now/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Undo this restore' })).toBeNull();
  });

  it('shows an empty state when nothing changed', async () => {
    render(<VaultHistoryView retentionDays={90} backend={backend({ readAt: async () => ({ before: '', states: new Map(), diffs: [] }) })} now={() => NOW} />);
    fireEvent.click(screen.getByRole('button', { name: 'Compare with now' }));
    expect(await screen.findByText(/^Nothing changed since/)).toBeTruthy();
  });

  it('a read that fails says so in words', async () => {
    render(<VaultHistoryView retentionDays={90} backend={backend({ readAt: async () => Promise.reject(new Error('disk full')) })} now={() => NOW} />);
    fireEvent.click(screen.getByRole('button', { name: 'Compare with now' }));
    expect(await screen.findByText('The history could not be read: disk full')).toBeTruthy();
  });
});

describe('RecordHistoryView', () => {
  it('lists writes newest first with who, when and each field before → after, in the app’s words', async () => {
    const b = backend({
      readRecord: async () => [
        { hlc: '1', at: NOW - 5 * HOUR, origin: undefined, kind: 'created', fields: [{ field: 'note', after: '' }] },
        {
          hlc: '2',
          at: NOW - HOUR,
          origin: 'f'.repeat(32),
          kind: 'changed',
          fields: [
            { field: 'kind', before: 'deep', after: 'meeting' },
            { field: 'billable', before: true, after: false },
            { field: 'updatedAt', before: 1, after: 2 },
          ],
        },
        { hlc: '3', at: NOW, origin: undefined, kind: 'deleted', fields: [] },
      ],
    });
    render(<RecordHistoryView partition="client:c1" table="timeBlocks" id="b1" backend={b} />);
    const list = await screen.findByRole('list', { name: 'Changes, newest first' });
    const items = within(list)
      .getAllByRole('listitem')
      .filter((li) => li.parentElement === list);
    expect(items.map((li) => li.querySelector('strong')?.textContent)).toEqual(['Deleted', 'Changed', 'Created']);
    expect(items[1]!.textContent).toContain('Another of your devices');
    expect(items[0]!.textContent).toContain('This device');
    expect(within(items[1]!).getByText('Kind: Deep work → Meeting')).toBeTruthy();
    expect(within(items[1]!).getByText('Billable: Yes → No')).toBeTruthy();
    expect(within(items[1]!).queryByText(/Last edited/)).toBeNull();
  });

  it('says when this device holds no history of the record', async () => {
    render(<RecordHistoryView partition="client:c1" table="clients" id="c1" backend={backend()} />);
    expect(await screen.findByText('No history here')).toBeTruthy();
  });
});
