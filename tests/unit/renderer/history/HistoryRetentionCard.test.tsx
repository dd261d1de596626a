// @vitest-environment happy-dom
/** Settings → Sync history: shows the stored window, refuses what is out of range in words, saves a valid one. */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HistoryRetentionCard } from '../../../../src-renderer/history/HistoryRetentionCard.tsx';

const settings = new Map<string, unknown>([['sync.historyRetentionDays', 30]]);
const writeSetting = vi.fn(async (key: string, value: unknown) => void settings.set(key, value));
// The app store pulls in the PDF font (a `?url` import); the card reads and writes one setting through it.
vi.mock('../../../../src-renderer/app/store.ts', () => {
  const state = { readSetting: async (key: string) => settings.get(key), writeSetting: (key: string, value: unknown) => writeSetting(key, value) };
  return { useStore: (select: (s: typeof state) => unknown) => select(state) };
});

afterEach(cleanup);

describe('HistoryRetentionCard', () => {
  it('shows the stored window, refuses 5 days in words, saves 365', async () => {
    render(<HistoryRetentionCard />);
    const field = screen.getByLabelText('Keep history for (days)') as HTMLInputElement;
    await waitFor(() => expect(field.value).toBe('30'));
    fireEvent.change(field, { target: { value: '5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Keep history for a whole number of days from 7 to 3650.')).toBeTruthy();
    expect(writeSetting).not.toHaveBeenCalled();
    fireEvent.change(field, { target: { value: '365' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved.')).toBeTruthy();
    expect(writeSetting).toHaveBeenCalledWith('sync.historyRetentionDays', 365);
    expect(screen.getByText(/A device you add later starts from a summary of the vault/)).toBeTruthy();
  });
});
