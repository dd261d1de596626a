/** Main's timer around the pure machine: write-ahead journal, restart, tray clicks, idle, notifications. */
import { describe, expect, it } from 'vitest';
import { TimerController } from '../../../../src-main/timer/timer-controller.ts';
import { DEFAULT_PREFERENCES, parsePreferences } from '../../../../src-main/timer/timer-preferences.ts';
import { isAccelerator } from '../../../../src-preload/contract/timer.ts';
import { UNLOCK_LABEL, type TrayModel } from '../../../../src-main/timer/tray-presenter.ts';
import type { TimerView } from '../../../../src-preload/contract/timer.ts';

const MIN = 60_000;

function world(options: { journal?: string | null; idleSeconds?: () => number } = {}) {
  const w = {
    time: Date.UTC(2026, 10, 23, 9),
    journal: options.journal ?? null,
    views: [] as TimerView[],
    /** The journal text at the moment each view was broadcast. */
    journalAtBroadcast: [] as Array<string | null>,
    trays: [] as TrayModel[],
    notes: [] as string[],
    quit: 0,
    sessions: 0,
  };
  const create = () =>
    TimerController.create({
      now: () => w.time,
      journal: { read: async () => w.journal, write: async (text) => void (w.journal = text) },
      ...(options.idleSeconds ? { idleSeconds: options.idleSeconds } : {}),
      newSessionId: () => `s${++w.sessions}`,
      platform: 'linux',
      broadcast: (view) => {
        w.views.push(view);
        w.journalAtBroadcast.push(w.journal);
      },
      drawTray: (model) => w.trays.push(model),
      showNotification: (title, body) => w.notes.push(`${title}: ${body}`),
      openWindow: () => {},
      quit: () => void w.quit++,
    });
  return { w, create };
}

const lastTray = (trays: TrayModel[]) => trays.at(-1)!;
const labels = (model: TrayModel) => model.menu.flatMap((i) => [i.label, ...(i.submenu ?? []).map((s) => s.label)]);

describe('TimerController', () => {
  it('journals a finished block before anyone hears of it, and forgets it once stored', async () => {
    const { w, create } = world();
    const timer = await create();
    await timer.command({ type: 'start', projectId: 'p1', preset: 'pomodoro' });
    w.time += 10 * MIN;
    const stopped = await timer.command({ type: 'stop' });
    const block = stopped.outbox[0]!;
    expect(block).toMatchObject({ projectId: 'p1', kind: 'deep', end: block.start + 10 * MIN, id: 's1:0' });
    const first = w.views.findIndex((v) => v.outbox.length > 0);
    expect(w.journalAtBroadcast[first]).toContain('"s1:0"');

    expect((await timer.blockStored(block.id)).outbox).toEqual([]);
    expect(w.journal).not.toContain('"s1:0"');
  });

  it('after a crash, re-sends unacknowledged blocks and keeps a block running through a quick restart', async () => {
    const { w, create } = world();
    const before = await create();
    await before.command({ type: 'start', projectId: 'p1', preset: 'deep-90' });
    w.time += 20 * MIN;
    await before.command({ type: 'switchProject', projectId: 'p2' }); // closes a p1 block into the outbox
    w.time += 1 * MIN; // ... and the process dies here, without another write.
    before.service.stop();

    const { w: w2, create: create2 } = world({ journal: w.journal });
    w2.time = w.time + 30_000;
    const after = await create2();
    const view = after.view();
    expect(view.outbox.map((b) => [b.projectId, b.end - b.start])).toEqual([['p1', 20 * MIN]]);
    expect(view).toMatchObject({ status: 'running', projectId: 'p2', counting: true });
    expect(view.away).toBeUndefined();
  });

  it('turns a long downtime into an away question instead of counting it', async () => {
    const { w, create } = world();
    const before = await create();
    await before.command({ type: 'start', projectId: 'p1', preset: 'deep-90' });
    w.time += 5 * MIN;
    await before.service.dispatch({ type: 'tick' });
    const { w: w2, create: create2 } = world({ journal: w.journal });
    w2.time = w.time + 2 * 60 * MIN;
    const after = await create2();
    expect(after.view().away).toMatchObject({ cause: 'restart' });
    expect(labels(lastTray(w2.trays))).toContain('Keep the time');
    await expect(after.command({ type: 'stop' })).rejects.toThrow(/away/i);
    await after.command({ type: 'resolveAway', choice: 'discard' });
    expect(after.view().accruedMs).toBe(5 * MIN);
  });

  it('asks about idle time the OS reports, once, and hears when the person is back', async () => {
    let idle = 0;
    const { w, create } = world({ idleSeconds: () => idle });
    const timer = await create();
    await timer.command({ type: 'start', projectId: 'p1', preset: 'deep-90' });
    w.time += 20 * MIN;
    idle = 6 * 60;
    await timer.service.pollIdle();
    await timer.service.pollIdle();
    expect(timer.view().away).toEqual({ since: w.time - 6 * MIN, cause: 'idle' });
    idle = 1;
    await timer.service.pollIdle();
    await timer.command({ type: 'resolveAway', choice: 'break' });
    expect(timer.view().away).toBeUndefined();
  });

  it('shows project names in the tray and notifications only while unlocked', async () => {
    const { w, create } = world();
    const timer = await create();
    timer.setTrayProjects({ unlocked: true, projects: [{ id: 'p1', name: 'Nordlicht · Churn POC' }] });
    expect(labels(lastTray(w.trays))).toContain('Nordlicht · Churn POC');
    await timer.trayClick('start:p1');
    expect(timer.view()).toMatchObject({ status: 'running', projectId: 'p1', presetId: 'deep-90' });
    w.time += 90 * MIN;
    await timer.service.dispatch({ type: 'tick' });
    expect(w.notes.at(-1)).toBe('Block done: Your deep-work block on Nordlicht · Churn POC is over. Time for a break.');

    timer.setTrayProjects({ unlocked: false, projects: [{ id: 'p1', name: 'ignored while locked' }] });
    const locked = JSON.stringify(lastTray(w.trays));
    expect(locked).not.toContain('Nordlicht');
    expect(locked).not.toContain('ignored');
    await timer.trayClick('start-break');
    w.time += 15 * MIN;
    await timer.service.dispatch({ type: 'tick' });
    expect(w.notes.at(-1)).toBe('Break over: Ready for the next block?');
    await timer.command({ type: 'stop' });
    expect(labels(lastTray(w.trays))).toContain(UNLOCK_LABEL);
  });

  it('Quit in the tray saves the running block first, then quits', async () => {
    const { w, create } = world();
    const timer = await create();
    await timer.command({ type: 'start', projectId: 'p1', preset: 'pomodoro' });
    w.time += 7 * MIN;
    await timer.trayClick('quit');
    expect(w.quit).toBe(1);
    expect(JSON.parse(w.journal!).state.outbox).toHaveLength(1);
    expect(timer.view().status).toBe('idle');
  });
});

describe('timer preferences', () => {
  it('reads stored preferences, applies the idle threshold, and keeps a shortcut another app holds from changing anything', async () => {
    let stored: unknown = { idleMinutes: 2, breakReminderMinutes: 0, shortcut: 'CommandOrControl+Alt+T' };
    const bound: string[] = [];
    let idle = 0;
    const time = { now: Date.UTC(2026, 10, 23, 9) };
    const timer = await TimerController.create({
      now: () => time.now,
      journal: { read: async () => null, write: async () => {} },
      idleSeconds: () => idle,
      newSessionId: () => 's',
      platform: 'linux',
      broadcast: () => {},
      drawTray: () => {},
      showNotification: () => {},
      openWindow: () => {},
      quit: () => {},
      preferencesStore: { read: async () => stored, write: async (value) => void (stored = value) },
      registerShortcut: (accelerator) => {
        if (accelerator === 'CommandOrControl+Shift+X') return false;
        bound.push(accelerator);
        return true;
      },
    });
    expect(bound).toEqual(['CommandOrControl+Alt+T']);
    await timer.command({ type: 'start', projectId: 'p1', preset: 'deep-90' });
    time.now += 10 * MIN;
    idle = 150; // 2.5 min: past the stored 2-minute threshold, below the 5-minute default
    await timer.service.pollIdle();
    expect(timer.view().away?.cause).toBe('idle');

    await expect(
      timer.setPreferences({ ...DEFAULT_PREFERENCES, idleMinutes: 5, breakReminderMinutes: 60, shortcut: 'CommandOrControl+Shift+X' }),
    ).rejects.toThrow(/already used/);
    expect(stored).toEqual({ idleMinutes: 2, breakReminderMinutes: 0, shortcut: 'CommandOrControl+Alt+T' });
    expect(bound.at(-1)).toBe('CommandOrControl+Alt+T');
    expect(await timer.setPreferences({ ...DEFAULT_PREFERENCES, idleMinutes: 5, breakReminderMinutes: 45, shortcut: 'Alt+Shift+F9' })).toEqual({
      ...DEFAULT_PREFERENCES,
      idleMinutes: 5,
      breakReminderMinutes: 45,
      shortcut: 'Alt+Shift+F9',
    });
    expect(bound.at(-1)).toBe('Alt+Shift+F9');
  });

  it('falls back to defaults for a damaged file and validates accelerators', async () => {
    expect(parsePreferences('garbage')).toEqual(DEFAULT_PREFERENCES);
    expect(parsePreferences({ idleMinutes: 0 })).toEqual(DEFAULT_PREFERENCES);
    expect(['CommandOrControl+Alt+T', 'Alt+Shift+F9', 'Ctrl+Space'].every(isAccelerator)).toBe(true);
    expect(['T', 'Alt+Alt+T', 'Alt+', 'Hyper+T', 'CommandOrControl+Alt+TT'].some(isAccelerator)).toBe(false);
  });
});
