/**
 * Caravan's main process: wires the pure modules to Electron. Order matters:
 * the single-instance lock and the privileged scheme come before `ready`;
 * security is installed before the first window exists.
 */
import { join } from 'node:path';
import { app, BrowserWindow, net } from 'electron';
import { makeAppInfo } from './app/app-info.ts';
import { createDeviceKeyStore } from './device-key/device-key-store.ts';
import { safeStorageCipher } from './device-key/safe-storage-cipher.ts';
import { electronSaveDialog } from './files/electron-save-dialog.ts';
import { forwardPowerEvents } from './power/power-events.ts';
import { broadcast, registerIpc } from './ipc/electron-ipc.ts';
import { createHandlers } from './ipc/handlers.ts';
import { createNetWatcher } from './net/net-watcher.ts';
import { registerAppScheme, serveAppProtocol } from './protocol/app-protocol.ts';
import { installSecurity } from './security/security.ts';
import { APP_ORIGIN } from './security/trusted-url.ts';
import { createMainWindow, defaultIconPath } from './window/main-window.ts';

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
  installSecurity({ ...(devOrigin ? { devOrigin } : {}), log });
  serveAppProtocol(join(here, '../renderer'));

  const netWatcher = createNetWatcher({ probe: () => net.isOnline(), onChange: (status) => broadcast('net:status', status) });
  let window: BrowserWindow | null = null;
  const handlers = createHandlers({
    appInfo: () => makeAppInfo(app.getVersion(), process.platform, app.getPath('userData'), false),
    net: netWatcher,
    saveDialog: electronSaveDialog,
    deviceKeys: createDeviceKeyStore(join(app.getPath('userData'), 'device-keys'), safeStorageCipher),
    print: () =>
      new Promise((resolve) => {
        if (!window) return resolve(false);
        window.webContents.print({ silent: false, printBackground: false }, (printed) => resolve(printed));
      }),
  });
  registerIpc(handlers, log, devOrigin);
  forwardPowerEvents((state) => broadcast('power:state', state));

  const open = async () => {
    window = await createMainWindow({
      preloadPath: join(here, '../preload/index.cjs'),
      url: rendererUrl,
      stateFile: join(app.getPath('userData'), 'window-state.json'),
      iconPath: defaultIconPath(join(app.getAppPath(), 'resources')),
    });
    window.on('closed', () => {
      window = null;
    });
  };

  app.on('second-instance', () => {
    if (!window) return void open();
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void open();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', () => netWatcher.stop());

  await open();
}
