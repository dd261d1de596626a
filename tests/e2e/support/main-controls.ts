/**
 * What a spec may do to the world around the page, whichever main runs it:
 * answer the next native dialog, click the tray, fire a power event, take the
 * network away, move main's clock, read what main showed. The browser test
 * host answers in-process; the Electron double answers over its control
 * channel. A spec written against this runs in both projects.
 */
import type { Page } from '@playwright/test';
import type { Host } from '../../host/server.ts';
import type { DoubleApp } from '../../electron-double/launch.ts';
import type { MenuModel } from '../../electron-double/main/tray-menu.ts';
import type { TimerView } from '../../../src-preload/contract/timer.ts';
import type { MenuItemModel } from '../../../src-main/timer/tray-presenter.ts';

export interface TrayItem {
  id: string;
  label: string;
  enabled: boolean;
}

export interface TrayView {
  /** running, paused, idle...: the icon's name. */
  icon: string;
  tooltip: string;
  /** Every item, submenus flattened, in menu order. */
  items: TrayItem[];
}

export interface MainControls {
  answerFolder(path: string | null): Promise<void>;
  answerOpen(path: string | null): Promise<void>;
  answerSave(answer: 'save' | 'cancel'): Promise<void>;
  /** How the person answers main's own next questions (confirm by default). */
  answerConfirm(answer: 'confirm' | 'cancel'): Promise<void>;
  /** The questions main asked in its own dialogs, oldest first. */
  confirmations(): Promise<{ title: string; message: string; detail: string }[]>;
  /** Paths the save dialog returned so far, oldest first. */
  savedFiles(): Promise<string[]>;
  setOnline(online: boolean): Promise<void>;
  emitPower(kind: 'suspend' | 'resume' | 'lock-screen' | 'unlock-screen'): Promise<void>;
  notifications(): Promise<{ title: string; body: string }[]>;
  tray(): Promise<TrayView>;
  clickTray(id: string): Promise<void>;
  /** Moves main's clock forward and lets the timer see it. */
  advanceClock(ms: number): Promise<void>;
  /** Main's timer as main reports it (over the page's own API where main is a process). */
  timerView(): Promise<TimerView>;
  /** Main's log, for a failing test's attachment. */
  logs(): string[];
}

function flattenHostMenu(items: readonly MenuItemModel[]): TrayItem[] {
  return items.flatMap((item) => [
    ...(item.type === 'separator' ? [] : [{ id: item.id, label: item.label, enabled: item.enabled }]),
    ...flattenHostMenu(item.submenu ?? []),
  ]);
}

/** Main's log as the host captured it. */
export function hostLog(host: Host): string[] {
  return host.logLines();
}

export function hostControls(host: Host): MainControls {
  return {
    answerFolder: async (path) => void (host.dialog.nextFolder = path),
    answerOpen: async (path) => void (host.dialog.nextOpen = path),
    answerSave: async (answer) => void (host.dialog.nextAnswer = answer),
    answerConfirm: async (answer) => void (host.dialog.nextConfirm = answer),
    confirmations: async () => host.dialog.confirmations.map(({ title, message, detail }) => ({ title, message, detail })),
    savedFiles: async () => [...host.dialog.saved],
    setOnline: async (online) => host.setOnline(online),
    emitPower: async (kind) => host.emitPower(kind),
    notifications: async () => [...host.notifications],
    async tray() {
      const model = host.tray.model();
      return { icon: model.icon, tooltip: model.tooltip, items: flattenHostMenu(model.menu) };
    },
    clickTray: (id) => host.tray.click(id),
    advanceClock: (ms) => host.advance(ms),
    timerView: async () => host.timer.view(),
    logs: () => hostLog(host),
  };
}

function flattenMenu(items: MenuModel[]): TrayItem[] {
  return items.flatMap((item) => [
    ...(item.type === 'separator' ? [] : [{ id: item.id ?? '', label: item.label, enabled: item.enabled }]),
    ...flattenMenu(item.submenu ?? []),
  ]);
}

/** The icon's name from its file: `running.png`, `runningTemplate.png` -> `running`. */
function iconName(path: string): string {
  return (path.split('/').at(-1) ?? '').replace(/(Template)?(@\dx)?\.png$/, '');
}

export function doubleControls(app: DoubleApp, page: () => Page): MainControls {
  return {
    answerFolder: (path) => app.control('dialog.answer', { nextFolder: path }),
    answerOpen: (path) => app.control('dialog.answer', { nextOpen: path }),
    answerSave: (answer) => app.control('dialog.answer', { nextSave: answer }),
    answerConfirm: (answer) => app.control('dialog.answer', { nextMessageBox: answer }),
    confirmations: async () => (await app.control<{ messageBoxes: { title: string; message: string; detail: string }[] }>('dialog.state')).messageBoxes,
    savedFiles: async () => (await app.control<{ saved: string[] }>('dialog.state')).saved,
    setOnline: async (online) => {
      await app.control('net.online', { online });
    },
    emitPower: (kind) => app.control('power.emit', { kind }),
    notifications: () => app.control('notifications'),
    async tray() {
      const state = await app.control<{ image: string; toolTip: string; menu: MenuModel[] } | null>('tray.state');
      if (!state) throw new Error('the app shows no tray');
      return { icon: iconName(state.image), tooltip: state.toolTip, items: flattenMenu(state.menu) };
    },
    clickTray: (id) => app.control('tray.click', { id }),
    advanceClock: (ms) => app.control('clock.advance', { ms }),
    async timerView() {
      const result = await page().evaluate(() => window.caravan.timer.state());
      if (!result.ok) throw new Error(result.error.message);
      return result.value;
    },
    logs: () => app.logs(),
  };
}
