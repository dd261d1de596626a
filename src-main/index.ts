/**
 * Caravan's main process: binds main's core (src-main/app/main-core.ts, no
 * Electron) to Electron. Electron fixes the order, per electron.d.ts:
 * - before `ready`: userData override (setPath), the single-instance lock,
 *   the privileged scheme (protocol.registerSchemesAsPrivileged: before ready,
 *   once), app.enableSandbox (throws after ready), and app-level listeners;
 * - after `ready`: session.defaultSession, protocol.handle, Menu, screen,
 *   powerMonitor, Tray, globalShortcut, Notification, net, dialog, safeStorage
 *   and BrowserWindow.
 * Security is in place before the first window exists.
 */
import { mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { app, type BrowserWindow, dialog, globalShortcut, Menu, net, Notification, powerMonitor } from 'electron';
import { appMenuTemplate } from './app/app-menu.ts';
import { createMainCore, type MainCore } from './app/main-core.ts';
import { formatLogLine, type MainLog } from './app/main-log.ts';
import { appPaths } from './app/runtime-paths.ts';
import { startupOptions } from './app/startup-options.ts';
import { electronConfirmDialog } from './confirm/confirm-dialog.electron.ts';
import { safeStorageCipher } from './device-key/safe-storage-cipher.electron.ts';
import { electronOpenDialog } from './files/open-dialog.electron.ts';
import { electronSaveDialog } from './files/save-dialog.electron.ts';
import { broadcast, registerIpc } from './ipc/ipc.electron.ts';
import { forwardPowerEvents } from './power/power-events.electron.ts';
import { registerAppScheme, serveAppProtocol } from './protocol/app-protocol.electron.ts';
import { hardenDefaultSession, installSecurityBeforeReady, type SecurityOptions } from './security/security.electron.ts';
import { APP_ORIGIN } from './security/trusted-url.ts';
import { createElectronTray, type ElectronTray } from './timer/tray.electron.ts';
import { createMainWindow } from './window/main-window.electron.ts';

const log: MainLog = (message, detail) => console.error(formatLogLine(message, detail));
/** How long quitting waits for the timer's last journal write. */
const QUIT_GRACE_MS = 3_000;

let core: MainCore | null = null;
let window: BrowserWindow | null = null;
let opening: Promise<void> | null = null;
let tray: ElectronTray | null = null;
let quitting = false;
let stopped = false;

const startup = startupOptions(process.env, app.isPackaged);
if (startup.userDataDir) {
  // setPath throws for a folder that does not exist.
  mkdirSync(startup.userDataDir, { recursive: true });
  app.setPath('userData', startup.userDataDir);
}
const devOrigin = startup.devOrigin;
const security: SecurityOptions = {
  ...(devOrigin ? { devOrigin } : {}),
  // Until the core exists no host is approved: the backstop fails closed.
  approvedHosts: () => core?.locality.approvedHosts() ?? new Set(),
  log,
};

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  installSecurityBeforeReady(security);
  listenToApp();
  app.whenReady().then(main).catch(failToStart);
}

/** App-level listeners, attached before `ready` so none of its events is missed. */
function listenToApp(): void {
  app.on('second-instance', () => {
    // During start-up the window is about to open anyway.
    if (!core) return;
    if (window?.isMinimized()) window.restore();
    void showWindow();
  });
  // macOS: a click on the Dock icon shows the window, also when closing only hid it.
  app.on('activate', () => {
    if (core) void showWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // Quitting waits (briefly) for the timer's last journal write, so a running block is not lost.
  app.on('before-quit', (event) => {
    quitting = true;
    if (stopped || !core) return;
    event.preventDefault();
    const grace = new Promise<void>((done) => setTimeout(done, QUIT_GRACE_MS).unref());
    void Promise.race([core.stop(), grace])
      .catch((error: unknown) => log('stopping main failed', error))
      .finally(() => {
        stopped = true;
        app.quit();
      });
  });
  app.on('will-quit', () => {
    if (app.isReady()) globalShortcut.unregisterAll();
  });
}

async function main(): Promise<void> {
  const paths = appPaths(app.getAppPath(), process.platform);
  hardenDefaultSession(security);
  serveAppProtocol(paths.renderer);
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate({ appName: app.name, platform: process.platform, packaged: app.isPackaged })));

  const notify = (title: string, body: string) => {
    if (Notification.isSupported()) new Notification({ title, body, silent: false }).show();
  };
  core = await createMainCore({
    dataDir: app.getPath('userData'),
    now: Date.now,
    newId: randomUUID,
    log,
    adapters: {
      saveDialog: electronSaveDialog,
      openDialog: electronOpenDialog,
      confirmDialog: electronConfirmDialog,
      secretCipher: safeStorageCipher,
      idleSeconds: () => powerMonitor.getSystemIdleTime(),
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
      notify,
      drawTray: (model) => tray?.draw(model),
      openWindow: () => void showWindow(),
      quit: () => {
        quitting = true;
        app.quit();
      },
      print: () =>
        new Promise((resolve) => {
          if (!window) return resolve(false);
          window.webContents.print({ silent: false, printBackground: false }, (printed) => resolve(printed));
        }),
      broadcast,
      isOnline: () => net.isOnline(),
      platform: process.platform,
      app: { version: app.getVersion(), hosted: false },
    },
  });
  const ready = core;
  tray = createElectronTray(paths.trayIcon, (id) => void ready.timer.trayClick(id), log);
  tray?.draw(ready.timer.trayModel());
  registerIpc(ready.handlers, log, devOrigin);
  forwardPowerEvents((kind) => ready.power(kind));
  await showWindow();
}

async function open(): Promise<void> {
  if (!core) return;
  const paths = appPaths(app.getAppPath(), process.platform);
  await createMainWindow({
    preloadPath: paths.preload,
    url: devOrigin ?? `${APP_ORIGIN}/index.html`,
    stateFile: core.files.windowState,
    iconPath: paths.appIcon,
    devTools: !app.isPackaged,
    // Attached before the page loads: the window shows at first paint, and a close from then on hides it.
    beforeLoad: (created) => {
      window = created;
      // With a tray, closing the window hides it: the timer keeps running and Quit is in the tray.
      created.on('close', (event) => {
        if (tray && !quitting) {
          event.preventDefault();
          created.hide();
        }
      });
      created.on('closed', () => {
        if (window === created) window = null;
      });
    },
  });
}

/** Shows the window, opening it if there is none; concurrent calls share one opening, so there is never a second window. */
async function showWindow(): Promise<void> {
  if (!window) {
    opening ??= open().finally(() => {
      opening = null;
    });
    return opening;
  }
  window.show();
  window.focus();
}

/** main() failed: say so in words (showErrorBox works even before `ready`) and exit, rather than run with no window. */
function failToStart(error: unknown): void {
  log('Caravan could not start', error);
  dialog.showErrorBox('Caravan could not start', `${error instanceof Error ? error.message : String(error)}\n\nThe details are in the log.`);
  app.exit(1);
}
