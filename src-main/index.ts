/**
 * Caravan's main process: wires the pure modules to Electron. Order matters:
 * the single-instance lock and the privileged scheme come before `ready`;
 * security is installed before the first window exists.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, BrowserWindow, globalShortcut, net, Notification, powerMonitor } from 'electron';
import { readJsonFile, writeFileAtomic, writeJsonFileAtomic } from './files/atomic-file.ts';
import { createElectronTray, type ElectronTray } from './timer/tray.electron.ts';
import { TimerController } from './timer/timer-controller.ts';
import type { TimerEvent } from './timer/timer-types.ts';
import { makeAppInfo } from './app/app-info.ts';
import { createDeviceKeyStore } from './device-key/device-key-store.ts';
import { safeStorageCipher } from './device-key/safe-storage-cipher.electron.ts';
import { electronSaveDialog } from './files/save-dialog.electron.ts';
import { electronOpenDialog } from './files/open-dialog.electron.ts';
import { forwardPowerEvents } from './power/power-events.electron.ts';
import { broadcast, registerIpc } from './ipc/ipc.electron.ts';
import { createHandlers } from './ipc/handlers.ts';
import { createNetWatcher } from './net/net-watcher.ts';
import { registerAppScheme, serveAppProtocol } from './protocol/app-protocol.electron.ts';
import { installSecurity } from './security/security.electron.ts';
import { LocalityService } from './locality/locality-service.ts';
import { CredentialStore } from './sync/credential-store.ts';
import { SyncService } from './sync/sync-service.ts';
import { APP_ORIGIN } from './security/trusted-url.ts';
import { createMainWindow, defaultIconPath } from './window/main-window.electron.ts';

const log = (message: string, detail?: unknown) => console.error(`[caravan] ${message}`, detail ?? '');

// Tests (and careful users) may point Caravan at a separate profile.
const userDataOverride = process.env['CARAVAN_USER_DATA_DIR'];
if (userDataOverride) app.setPath('userData', userDataOverride);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  void main();
}

async function main(): Promise<void> {
  const here = import.meta.dirname;
  const devOrigin = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;
  const rendererUrl = devOrigin ?? `${APP_ORIGIN}/index.html`;

  await app.whenReady();
  const locality = await LocalityService.create({ dataDir: app.getPath('userData'), newId: randomUUID, now: Date.now, log });
  installSecurity({ ...(devOrigin ? { devOrigin } : {}), approvedHosts: () => locality.guard.approvedHosts(), log });
  serveAppProtocol(join(here, '../renderer'));

  const netWatcher = createNetWatcher({ probe: () => net.isOnline(), onChange: (status) => broadcast('net:status', status) });
  let window: BrowserWindow | null = null;
  let tray: ElectronTray | null = null;
  let quitting = false;
  const journalPath = join(app.getPath('userData'), 'timer-journal.json');
  const showNotification = (title: string, body: string) => {
    if (Notification.isSupported()) new Notification({ title, body, silent: false }).show();
  };
  const timer = await TimerController.create({
    now: Date.now,
    journal: { read: () => readFile(journalPath, 'utf8').catch(() => null), write: (text) => writeFileAtomic(journalPath, text) },
    idleSeconds: () => powerMonitor.getSystemIdleTime(),
    newSessionId: () => randomUUID(),
    platform: process.platform === 'darwin' || process.platform === 'win32' || process.platform === 'linux' ? process.platform : 'other',
    broadcast: (view) => broadcast('timer:changed', view),
    drawTray: (model) => tray?.draw(model),
    showNotification,
    openWindow: () => void showWindow(),
    quit: () => {
      quitting = true;
      app.quit();
    },
    log,
    preferencesStore: {
      read: () => readJsonFile(join(app.getPath('userData'), 'timer-preferences.json')),
      write: (value) => writeJsonFileAtomic(join(app.getPath('userData'), 'timer-preferences.json'), value),
    },
    // One global shortcut at a time: re-binding replaces the previous one.
    registerShortcut: (accelerator, onPress) => {
      globalShortcut.unregisterAll();
      if (accelerator === '') return true;
      try {
        return globalShortcut.register(accelerator, onPress);
      } catch {
        return false;
      }
    },
  });
  timer.service.run();
  tray = createElectronTray(join(app.getAppPath(), 'resources'), (id) => void timer.trayClick(id), log);
  tray?.draw(timer.trayModel());
  const handlers = createHandlers({
    appInfo: () => makeAppInfo(app.getVersion(), process.platform, app.getPath('userData'), false),
    net: netWatcher,
    saveDialog: electronSaveDialog,
    openDialog: electronOpenDialog,
    deviceKeys: createDeviceKeyStore(join(app.getPath('userData'), 'device-keys'), safeStorageCipher),
    print: () =>
      new Promise((resolve) => {
        if (!window) return resolve(false);
        window.webContents.print({ silent: false, printBackground: false }, (printed) => resolve(printed));
      }),
    timer,
    notify: showNotification,
    locality,
    sync: new SyncService({ locality, credentials: new CredentialStore(join(app.getPath('userData'), 'locality', 'credentials'), safeStorageCipher), now: Date.now }),
  });
  registerIpc(handlers, log, devOrigin);
  const powerToTimer: Record<string, TimerEvent['type']> = { suspend: 'suspend', resume: 'resumeFromSuspend', 'lock-screen': 'lockScreen', 'unlock-screen': 'unlockScreen' };
  forwardPowerEvents((state) => {
    broadcast('power:state', state);
    const type = powerToTimer[state.kind];
    if (type) void timer.service.dispatch({ type } as TimerEvent);
  });

  const open = async () => {
    window = await createMainWindow({
      preloadPath: join(here, '../preload/index.cjs'),
      url: rendererUrl,
      stateFile: join(app.getPath('userData'), 'window-state.json'),
      iconPath: defaultIconPath(join(app.getAppPath(), 'resources')),
    });
    // With a tray, closing the window hides it: the timer keeps running and Quit is in the tray.
    window.on('close', (event) => {
      if (tray && !quitting) {
        event.preventDefault();
        window?.hide();
      }
    });
    window.on('closed', () => {
      window = null;
    });
  };
  const showWindow = async () => {
    if (!window) return open();
    window.show();
    window.focus();
  };

  app.on('second-instance', () => {
    if (!window) return void open();
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void open();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', () => {
    quitting = true;
    netWatcher.stop();
    timer.service.stop();
    globalShortcut.unregisterAll();
  });

  await open();
}
