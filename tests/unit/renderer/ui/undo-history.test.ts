import { describe, expect, it } from 'vitest';
import { UndoHistory } from '../../../../src-renderer/ui/undo-history.ts';

function recorder() {
  const undone: string[] = [];
  const entry = (label: string) => ({ label, undo: async () => void undone.push(label) });
  return { undone, entry };
}

describe('UndoHistory', () => {
  it('undoes the newest action first and says what it undid', async () => {
    const history = new UndoHistory();
    const { undone, entry } = recorder();
    history.push(entry('delete of a 1:00 block'));
    history.push(entry('merge of 2 blocks'));
    expect(history.newestLabel).toBe('merge of 2 blocks');
    expect(await history.undo()).toEqual({ ok: true, message: 'Undid merge of 2 blocks.' });
    expect(await history.undo()).toEqual({ ok: true, message: 'Undid delete of a 1:00 block.' });
    expect(undone).toEqual(['merge of 2 blocks', 'delete of a 1:00 block']);
    expect(await history.undo()).toEqual({ ok: false, message: 'Nothing to undo.' });
  });

  it('a toast handle undoes its own entry once, and Ctrl+Z then skips it', async () => {
    const history = new UndoHistory();
    const { undone, entry } = recorder();
    const first = history.push(entry('a'));
    history.push(entry('b'));
    expect((await first()).ok).toBe(true);
    expect(await first()).toMatchObject({ ok: false });
    await history.undo();
    expect(undone).toEqual(['a', 'b']);
    expect(history.size).toBe(0);
  });

  it('keeps only the last N actions', async () => {
    const history = new UndoHistory(3);
    const { undone, entry } = recorder();
    const oldest = history.push(entry('1'));
    for (const label of ['2', '3', '4']) history.push(entry(label));
    expect(history.size).toBe(3);
    expect(await oldest()).toMatchObject({ ok: false });
    while (history.size > 0) await history.undo();
    expect(undone).toEqual(['4', '3', '2']);
  });

  it('reports a failed undo with the reason and does not retry it', async () => {
    const history = new UndoHistory();
    history.push({
      label: 'void of invoice 2026-0001',
      undo: () => Promise.reject(new Error('The vault is locked.')),
    });
    expect(await history.undo()).toEqual({ ok: false, message: 'Could not undo void of invoice 2026-0001: The vault is locked.' });
    expect(history.size).toBe(0);
  });

  it('refuses a second undo while the first is still running', async () => {
    const history = new UndoHistory();
    let release = () => {};
    history.push({ label: 'other', undo: async () => {} });
    history.push({ label: 'slow', undo: () => new Promise<void>((resolve) => (release = resolve)) });
    const pending = history.undo();
    expect(await history.undo()).toMatchObject({ ok: false, message: expect.stringContaining('Still undoing') });
    release();
    expect(await pending).toEqual({ ok: true, message: 'Undid slow.' });
    expect(history.newestLabel).toBe('other');
    expect(history.size).toBe(1);
  });

  it('clear forgets everything', async () => {
    const history = new UndoHistory();
    history.push({ label: 'x', undo: async () => {} });
    history.clear();
    expect(await history.undo()).toMatchObject({ ok: false });
  });
});
