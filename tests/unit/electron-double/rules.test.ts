/**
 * The double must be at least as strict as Electron's own typings: for every
 * Electron member Caravan's main or preload uses, a lifecycle rule that
 * electron.d.ts documents must be in the double's table and be enforced by
 * the member itself (tried in the wrong phase, it throws, or answers as
 * documented). The double's extra rules, from Electron's module pages, are
 * held to the same behaviour.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { app } from '../../electron-double/main/app.ts';
import { BrowserWindow } from '../../electron-double/main/browser-window.ts';
import { dialog } from '../../electron-double/main/dialog.ts';
import { globalShortcut, isElectronAccelerator } from '../../electron-double/main/global-shortcut.ts';
import { net, powerMonitor, screen } from '../../electron-double/main/power-net-screen.ts';
import { protocol } from '../../electron-double/main/protocol.ts';
import { safeStorage } from '../../electron-double/main/safe-storage.ts';
import { session } from '../../electron-double/main/session.ts';
import { Tray } from '../../electron-double/main/tray-menu.ts';
import { LIFECYCLE_RULES, LifecycleError, type Rule } from '../../electron-double/rules.ts';
import { resetLifecycleForTests, setPhase } from '../../electron-double/runtime/lifecycle.ts';
import { classify, documentedRules, electronMembersUsed } from './electron-usage.ts';

/** How to use each ruled member, so its own code path (not the table) is what the test exercises. */
const TRY: Record<string, () => unknown> = {
  'app.enableSandbox': () => app.enableSandbox(),
  'protocol.registerSchemesAsPrivileged': () => protocol.registerSchemesAsPrivileged([{ scheme: 'rules-test', privileges: { standard: true, secure: true } }]),
  'protocol.handle': () => protocol.handle(`rules-${Math.random()}`, () => new Response('')),
  'screen.getAllDisplays': () => screen.getAllDisplays(),
  'screen.getPrimaryDisplay': () => screen.getPrimaryDisplay(),
  'BrowserWindow.new': () => new BrowserWindow({ show: false }),
  'Tray.new': () => new Tray('/nonexistent.png'),
  'session.defaultSession': () => session.defaultSession,
  'globalShortcut.register': () => globalShortcut.register('Alt+Shift+F12', () => {}),
  'globalShortcut.unregisterAll': () => globalShortcut.unregisterAll(),
  'powerMonitor.getSystemIdleTime': () => powerMonitor.getSystemIdleTime(),
  'net.isOnline': () => net.isOnline(),
  'dialog.showOpenDialog': () => dialog.showOpenDialog({}),
  'dialog.showSaveDialog': () => dialog.showSaveDialog({}),
  'dialog.showMessageBox': () => dialog.showMessageBox({ message: 'rules test' }),
  'safeStorage.getSelectedStorageBackend': () => safeStorage.getSelectedStorageBackend(),
  'safeStorage.isEncryptionAvailable': () => safeStorage.isEncryptionAvailable(),
};

/** What a member that answers differently before ready must answer then. */
const BEFORE_READY_ANSWER: Record<string, unknown> = {
  'safeStorage.getSelectedStorageBackend': 'unknown',
  'safeStorage.isEncryptionAvailable': false,
};

function throwsLifecycle(call: () => unknown): boolean {
  try {
    const result = call();
    if (result instanceof Promise) result.catch(() => undefined);
    return false;
  } catch (error) {
    return error instanceof LifecycleError;
  }
}

/** Does the member itself behave as `rule` says? */
function enforces(member: string, rule: Rule): boolean {
  const call = TRY[member];
  if (!call) return false;
  resetLifecycleForTests();
  switch (rule) {
    case 'before-ready': {
      const beforeOk = !throwsLifecycle(call);
      setPhase('ready');
      return beforeOk && throwsLifecycle(call);
    }
    case 'before-ready-once': {
      const firstOk = !throwsLifecycle(call);
      const secondRefused = throwsLifecycle(call);
      resetLifecycleForTests();
      setPhase('ready');
      return firstOk && secondRefused && throwsLifecycle(call);
    }
    case 'after-ready':
      return throwsLifecycle(call);
    case 'answers-differently-before-ready':
      return member in BEFORE_READY_ANSWER && call() === BEFORE_READY_ANSWER[member];
  }
}

afterEach(() => resetLifecycleForTests());

describe('the Electron double and electron.d.ts', () => {
  const used = electronMembersUsed();
  const documented = documentedRules();
  const members = [...new Set(used.map((use) => use.member))].sort();

  it('finds what Caravan uses (a scan that found nothing would prove nothing)', () => {
    expect(members).toEqual(expect.arrayContaining(['app.whenReady', 'BrowserWindow.new', 'ipcMain.handle', 'contextBridge.exposeInMainWorld']));
    expect(members.length).toBeGreaterThan(25);
  });

  it('reads the rules the typings state for the members that have them', () => {
    expect(documented('app.enableSandbox')?.rule).toBe('before-ready');
    expect(documented('protocol.registerSchemesAsPrivileged')?.rule).toBe('before-ready-once');
    expect(documented('safeStorage.getSelectedStorageBackend')?.rule).toBe('answers-differently-before-ready');
    expect(documented('app.getLocale')?.rule).toBe('after-ready');
    expect(documented('dialog.showErrorBox')).toBeNull();
    expect(documented('app.whenReady')).toBeNull();
  });

  it.each(members)('%s: any rule electron.d.ts documents is in the double and enforced by the member', (member) => {
    const found = documented(member);
    if (!found) return;
    const row = LIFECYCLE_RULES[member];
    expect(row?.rule, `${member}: electron.d.ts says "${found.doc}"; the double has no such rule`).toBe(found.rule);
    expect(enforces(member, found.rule), `${member}: the double's member does not enforce "${found.rule}"`).toBe(true);
  });

  it.each(Object.entries(LIFECYCLE_RULES))('%s: the double enforces its own table row', (member, row) => {
    expect(enforces(member, row.rule)).toBe(true);
  });
});

describe('classify', () => {
  it.each([
    ['This method can only be called before app is ready.', 'before-ready'],
    ['This API must be called before the `ready` event.', 'before-ready'],
    ['This method can only be used before the `ready` event of the `app` module gets emitted and can be called only once.', 'before-ready-once'],
    ['> [!NOTE] This API must be called after the `ready` event is emitted.', 'after-ready'],
    ['This method can only be called after the app is ready. It is not available in', 'after-ready'],
    ['> [!NOTE] This API cannot be called before the `ready` event of the `app` module is emitted.', 'after-ready'],
    ['* `unknown` - When the function is called before app has emitted the `ready` event.', 'answers-differently-before-ready'],
    ['This API can be called safely before the `ready` event the `app` module emits', null],
    ['Emitted once, when Electron has finished initializing.', null],
  ])('%s -> %s', (doc, rule) => {
    expect(classify(doc)).toBe(rule);
  });
});

describe('accelerators the double takes, as Electron documents them', () => {
  it.each(['CommandOrControl+Alt+T', 'Ctrl+Alt+=', 'CmdOrCtrl+Shift+,', 'Ctrl+Alt+/', 'Alt+Shift+F9', 'Super+Space', 'Shift+Plus', 'F24'])(
    '%s is an accelerator',
    (accelerator) => {
      expect(isElectronAccelerator(accelerator)).toBe(true);
    },
  );
  it.each(['', 'Foo+Bar', 'Ctrl+Alt', 'Ctrl+Alt+T+Y', 'Ctrl++', 'Hyper+T', 'F25'])('%s is not', (accelerator) => {
    expect(isElectronAccelerator(accelerator)).toBe(false);
  });
});
